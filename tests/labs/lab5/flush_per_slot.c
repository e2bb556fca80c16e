// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 5 (tools/grade.py --check, tests/host/labs.mk):
 * flush_all_zero_pkmaps() shoots down each slot it clears, one
 * flush_tlb_kernel_range() per slot (511 shootdowns and as many IPIs per
 * wrap: the very cost the lazy flush avoids), and counts one global flush
 * per wrap as if it had flushed once. The pool's own counters look right;
 * the CPUs' TLB counters do not, and pkmap.wrap_flushes_once_per_round
 * must fail.
 */
#include <arch/x86/tlbflush.h>
#include "mm/pkmap_internal.h"

void flush_all_zero_pkmaps(void)
{
	u32 cleared = 0;

	for (u32 nr = 0; nr < LAST_PKMAP; nr++) {
		if (pkmap_count[nr] != 1)
			continue;
		pkmap_count[nr] = 0;
		pte_clear(&pkmap_page_table[nr]);
		set_slot_page(nr, NULL);
		/* wrong: a shootdown per slot */
		flush_tlb_kernel_range(pkmap_addr(nr), pkmap_addr(nr) + PAGE_SIZE);
		cleared++;
	}
	if (!cleared)
		return;
	pkmap_stat.pages_flushed += cleared;
	pkmap_stat.global_flushes++;
}

int pkmap_scan(void)
{
	for (u32 scanned = 0; scanned < LAST_PKMAP; scanned++) {
		last_pkmap_nr = (last_pkmap_nr + 1) % LAST_PKMAP;
		if (last_pkmap_nr == 0) {
			pkmap_stat.wraps++;
			flush_all_zero_pkmaps();
			scanned = 0;
		}
		if (pkmap_count[last_pkmap_nr] == 0)
			return last_pkmap_nr;
	}
	return -1;
}
