// SPDX-License-Identifier: MIT
/*
 * Lab 5: the pkmap pool and TLB flushing (docs/labs/lab5.md).
 *
 * In the lab-5 kernel (`make lab 5`) the two functions below replace their
 * namesakes in mm/pkmap.c, the pool of 512 slots behind kmap():
 *
 *   pkmap_scan()             find the next free slot with the cursor
 *   flush_all_zero_pkmaps()  at the wrap: clear the unused slots, flush once
 *
 * As given, they compile and the kernel boots, and kmap() even works on one
 * CPU, but both are wrong: the cursor is ignored and another CPU can keep a
 * stale translation. Fix the TODOs, then `make grade 5`.
 *
 * pkmap_count[nr]: 0 free and no TLB holds the slot; 1 mapped, no user,
 * some TLB may hold it; n: n - 1 users. Both functions run with the pool's
 * lock held.
 */
#include <arch/x86/tlbflush.h>
#include <kernel/panic.h>
/* pkmap_count[], pkmap_page_table, last_pkmap_nr, pkmap_stat,
 * set_slot_page() and pkmap_skip_wrap_flush, from mm/pkmap.c. */
#include "mm/pkmap_internal.h"

/*
 * flush_all_zero_pkmaps - clear every mapped slot without users (count 1:
 * count to 0, PTE cleared, set_slot_page(nr, NULL)) and, if any was
 * cleared, flush the whole pool from every CPU's TLB, once. Counts the
 * slots cleared in pkmap_stat.pages_flushed and each flush in
 * pkmap_stat.global_flushes. When pkmap_skip_wrap_flush is true (a fault
 * injection of debug builds, `pkmap_skip_wrap_flush=on`), the slots are
 * cleared and counted but the pool is not flushed.
 */
void flush_all_zero_pkmaps(void)
{
	u32 cleared = 0;

	for (u32 nr = 0; nr < LAST_PKMAP; nr++) {
		if (pkmap_count[nr] != 1)
			continue;
		pkmap_count[nr] = 0;
		pte_clear(&pkmap_page_table[nr]);
		set_slot_page(nr, NULL);
		cleared++;
	}
	pkmap_stat.pages_flushed += cleared;
	/*
	 * TODO: a count of 0 promises that no CPU's TLB still translates the
	 * slot: when slots were cleared, flush [PKMAP_BASE, PKMAP_END) on
	 * every CPU (flush_tlb_kernel_range()) and count it.
	 */
}

/*
 * pkmap_scan - move the cursor (last_pkmap_nr) to the next slot with count
 * 0 and return it, or -1 when a whole round of the pool found every slot
 * taken. Each time the cursor wraps round to slot 0, count a wrap in
 * pkmap_stat.wraps and call flush_all_zero_pkmaps(); the round of 512
 * slots starts again there.
 */
int pkmap_scan(void)
{
	/*
	 * TODO: search from the slot after the cursor, wrapping round, not
	 * from slot 0: the slots behind the cursor stay mapped (count 1)
	 * until the next wrap, so a page kmap()ed again soon finds its old
	 * slot, and the pool is flushed once per round, not once per kmap().
	 */
	for (int pass = 0; pass < 2; pass++) {
		for (u32 nr = 0; nr < LAST_PKMAP; nr++) {
			if (pkmap_count[nr] == 0) {
				last_pkmap_nr = nr;
				return nr;
			}
		}
		flush_all_zero_pkmaps();
	}
	return -1;
}
