// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 4 (tools/grade.py --check, tests/host/labs.mk):
 * kmap_local_pop() clears the PTE but never flushes the slot from the TLB
 * (no invlpg). The CPU keeps translating the slot to the page it held, so
 * the next mapping of the slot reads and writes the old page: a freed page
 * whose poison the allocator finds overwritten (docs/labs/teaching.md shows
 * the grade of this mistake).
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
	pte_clear(kmap_slot_pte(cpu, idx));
	kc->idx -= KM_INCR;
}
