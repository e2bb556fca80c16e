/* SPDX-License-Identifier: MIT */
/*
 * Per-CPU lists of free order-0 pages (mm/pcp.c), Linux's per-CPU
 * pagesets. Each CPU keeps, for each zone, a list of free single pages
 * (struct per_cpu_pages in <mm/mmzone.h>): a count, a high mark and a
 * batch. alloc_pages(gfp, 0) takes the head of this CPU's list of the zone
 * it chose, and __free_pages(page, 0) puts the page back at the head, with
 * interrupts off and without the zone's lock: the page freed last, still
 * in this CPU's cache, is the next one handed out. When the list is empty
 * a batch comes from the buddy lists; when it holds more than high, the
 * batch at its tail (the coldest pages) goes back to them, both under the
 * zone's lock. Blocks of higher order, requests that must lie above or
 * below 4 GiB, and a request's fallback into a lower zone (whose reserve
 * check and take are one step under the zone's lock) use the buddy lists
 * directly.
 *
 * A page on a list is free: it has PG_pcp (not PG_head, not PG_buddy) and
 * zone_free_pages() counts it, so the free counts that tests, meminfo and
 * user programs see do not change when pages move between the lists and
 * the buddy allocator. Linux counts such pages apart from NR_FREE_PAGES
 * ("free_pcp"); here they count as free and the monitor shows how many sit
 * on lists. What needs the exact buddy state (free_area counts, merges of
 * buddies) drains the lists first: drain_all_pages().
 *
 * Locking: a list's own lock, then the zone's. The lock is taken by its
 * CPU, or by a CPU draining it, always with interrupts off.
 */
#ifndef HM386_MM_PCP_H
#define HM386_MM_PCP_H

#include <mm/mmzone.h>

/*
 * Sizes: a batch is 1/PCP_BATCH_FRACTION of the zone's managed pages,
 * between 1 and PCP_BATCH_MAX; the high mark is PCP_HIGH_BATCHES batches.
 * A CPU then holds at most a few hundred KiB per zone.
 */
#define PCP_BATCH_FRACTION	4096
#define PCP_BATCH_MAX		31
#define PCP_HIGH_BATCHES	4

/* pcp_zone_init - every CPU's list of @z empty, locks free, no batch yet. */
void pcp_zone_init(struct zone *z);

/*
 * pcp_set_sizes - set the batch and high mark of every CPU's list of @z
 * from its managed pages (0 when it has none: the lists stay unused).
 * Called whenever pages join the zone. Lists above their new high mark
 * shrink at their next free.
 */
void pcp_set_sizes(struct zone *z);

/*
 * pcp_alloc - a free page of @z from this CPU's list, refilled with a
 * batch from the buddy lists when empty; NULL when both are empty (other
 * CPUs' lists may still hold pages: drain_zone_pages()). The page comes
 * back with PG_head and order 0, its poison unchecked. Any context.
 */
struct page *pcp_alloc(struct zone *z);

/*
 * pcp_free - put @page, an order-0 allocation of @z that the caller has
 * vetted (PG_head, order 0, no reference left), on this CPU's list; a batch
 * goes back to the buddy lists when the list passes its high mark. Any
 * context.
 */
void pcp_free(struct zone *z, struct page *page);

/*
 * drain_zone_pages - give every page on every CPU's list of @z back to the
 * buddy lists. Any context, any CPU (it takes each list's lock).
 */
void drain_zone_pages(struct zone *z);

/*
 * zone_pcp_holds - true when some CPU's list of @z holds a page with a pfn
 * in [@start_pfn, @end_pfn): whether a drain can help a request limited to
 * those frames. Reads each non-empty list under its lock, up to its first
 * such page.
 */
bool zone_pcp_holds(struct zone *z, u32 start_pfn, u32 end_pfn);

/* drain_all_pages - drain_zone_pages() of every zone. */
void drain_all_pages(void);

/* drain_local_pages - give this CPU's lists of every zone back. */
void drain_local_pages(void);

/* The counters of one zone's lists, summed over the CPUs. */
struct pcp_stats {
	u32 count;			/* pages on the lists */
	u64 nr_alloc, nr_free;		/* order-0 allocations, frees served */
	u64 nr_refilled, nr_returned;	/* pages moved from, to the buddy */
};

/*
 * zone_pcp_stats - @z's list counters summed over the CPUs into @sum (each
 * list read under its lock). A request served by @z is counted either by
 * a list (nr_alloc) or by the buddy allocator (z->nr_alloc, which also
 * counts each page a list takes: nr_refilled), so requests served =
 * z->nr_alloc - nr_refilled + nr_alloc; frees likewise.
 */
void zone_pcp_stats(struct zone *z, struct pcp_stats *sum);

#endif
