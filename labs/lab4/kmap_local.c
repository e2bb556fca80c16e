// SPDX-License-Identifier: MIT
/*
 * Lab 4: kmap_local_page() and the fixmap (docs/labs/lab4.md).
 *
 * In the lab-4 kernel (`make lab 4`) the two functions below replace their
 * namesakes in mm/kmap_local.c: the push and the pop of a context's stack
 * of kmap_local slots. kmap_local_page() pushes, kunmap_local() pops.
 *
 * As given, they compile and the kernel boots, but both are wrong: the
 * stack has no guard slots, and an unmapped slot stays in the TLB. Fix the
 * TODOs, then `make grade 4`.
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
u32 kmap_local_push(struct kmap_ctrl *kc)
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
