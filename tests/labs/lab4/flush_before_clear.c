// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 4 (tools/grade.py --check, tests/host/labs.mk):
 * kmap_local_pop() flushes the slot from the TLB (invlpg) before it clears
 * the PTE. While the PTE is still present, the CPU may load the old
 * translation again (a speculative access, an interrupt), and nothing
 * flushes it after the clear: the next mapping of the slot reads the old
 * page. kmap_local.unmap_clears_before_it_flushes makes that load happen
 * (it single-steps the unmap) and must fail.
 */
#include <arch/x86/pgtable.h>
#include "mm/kmap_local_internal.h"

u32 kmap_local_push(struct kmap_ctrl *kc)
{
	kc->idx += KM_INCR;
	return kc->idx - 1;
}

void kmap_local_pop(struct kmap_ctrl *kc, u32 cpu, u32 idx)
{
	flush_tlb_one_local(kmap_local_slot_addr(cpu, idx));	/* wrong: first */
	pte_clear(kmap_slot_pte(cpu, idx));
	kc->idx -= KM_INCR;
}
