// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 4 (tools/grade.py --check, tests/host/labs.mk):
 * the stubs of labs/lab4/kmap_local.c, with kmap_local_push() spelled
 * kmap_local_psuh(). The kernel still calls kmap_local_push(), which this
 * file does not define, so lab 4's kernel must not link, and the message
 * names kmap_local_push().
 */
#include <arch/x86/pgtable.h>
/* kmap_slot_pte() and kmap_local_slot_addr(), from mm/kmap_local.c. */
#include "mm/kmap_local_internal.h"

/*
 * kmap_local_push - take the next slot of @kc's stack for a new mapping and
 * return its index. Debug builds step over a guard slot (KM_INCR is 2,
 * include/arch/x86/kmap_size.h): slot idx - 1 is the new mapping, the slot below
 * it stays unmapped. The caller checked that the stack has room.
 */
u32 kmap_local_psuh(struct kmap_ctrl *kc)
{
	/* TODO: step by KM_INCR, so that a guard slot lies below each mapping. */
	kc->idx += 1;
	return kc->idx - 1;
}

/*
 * kmap_local_pop - take down slot @idx of CPU @cpu, the top of @kc's
 * stack: clear its PTE, flush that one address from this CPU's TLB (the
 * next push may map another page there without a flush), and drop it and
 * its guard from the stack.
 */
void kmap_local_pop(struct kmap_ctrl *kc, u32 cpu, u32 idx)
{
	pte_clear(kmap_slot_pte(cpu, idx));
	/*
	 * TODO: flush the slot's address from this CPU's TLB
	 * (flush_tlb_one_local(), kmap_local_slot_addr()), and pop as many
	 * slots as kmap_local_push() took.
	 */
	kc->idx -= 1;
}
