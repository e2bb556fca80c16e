// SPDX-License-Identifier: MIT
/*
 * The per-CPU lists of free order-0 pages (mm/pcp.c): the page freed last
 * comes back first, pages move to and from the buddy lists in batches at
 * the counts the contract names, drains leave the lists empty and the
 * buddy counts exact, a page freed on another CPU waits on that CPU's list
 * until a drain, an allocation that only that CPU's list can serve
 * succeeds, and a request limited to frames above 4 GiB drains only lists
 * that hold such a frame. The sequences that count run with preemption
 * off, so that no other task on this CPU takes from the same list in
 * between.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <mm/buddy.h>
#include <mm/gfp.h>
#include <mm/page_ref.h>
#include <mm/pcp.h>
#include "mm_test_util.h"

/* More than any list holds: PCP_HIGH_BATCHES + 1 batches of the largest. */
#define PCP_TEST_PAGES	((PCP_HIGH_BATCHES + 1) * PCP_BATCH_MAX)

static struct page *pages[PCP_TEST_PAGES];

/* The zone single GFP_HIGHUSER pages come from here: HighMem, or Normal. */
static struct zone *user_zone(gfp_t *gfp)
{
	if (zones[ZONE_HIGHMEM].managed_pages) {
		*gfp = GFP_HIGHUSER;
		return &zones[ZONE_HIGHMEM];
	}
	*gfp = GFP_KERNEL;
	return &zones[ZONE_NORMAL];
}

/* this_pcp - the running CPU's list of @z (tasks do not move unasked). */
static struct per_cpu_pages *this_pcp(struct zone *z)
{
	return &z->pageset[raw_smp_processor_id()];
}

static struct page *list_head_page(struct per_cpu_pages *pcp)
{
	return list_empty(&pcp->list) ? NULL :
		list_first_entry(&pcp->list, struct page, lru);
}

static bool buddy_whole(struct zone *z)
{
	char why[128] = "";
	bool whole;
	u32 flags;

	spin_lock_irqsave(&z->lock, flags);
	whole = buddy_check(z, why, sizeof(why));
	spin_unlock_irqrestore(&z->lock, flags);
	if (!whole)
		kprintf("    # %s\n", why);
	return whole;
}

/* A single page freed and asked for again on the same CPU is the same. */
static void free_then_alloc_returns_same_page(struct ktest *t)
{
	gfp_t gfp;
	struct zone *z = user_zone(&gfp);
	struct per_cpu_pages *pcp;
	struct page *page, *again;
	u32 count, free;

	preempt_disable();
	pcp = this_pcp(z);
	page = alloc_page(gfp);
	if (!page) {
		preempt_enable();
		KASSERT_NOT_NULL(t, page);
	}
	KEXPECT_EQ(t, (u32)page_zone(page), (u32)z);
	count = pcp->count;
	free = zone_free_pages(z);
	__free_page(page);
	KEXPECT_EQ(t, pcp->count, count + 1);
	KEXPECT_EQ(t, zone_free_pages(z), free + 1);
	KEXPECT_EQ(t, (u32)list_head_page(pcp), (u32)page);
	KEXPECT_EQ(t, page->flags & (PG_pcp | PG_head | PG_buddy), PG_pcp);
	KEXPECT_TRUE(t, page_is_free(page));
	again = alloc_page(gfp);
	preempt_enable();
	KEXPECT_EQ(t, (u32)again, (u32)page);
	KEXPECT_EQ(t, pcp->count, count);
	KEXPECT_EQ(t, zone_free_pages(z), free);
	if (again) {
		KEXPECT_EQ(t, again->flags & (PG_pcp | PG_head | PG_buddy), PG_head);
		KEXPECT_EQ(t, page_ref_count(again), 1);
		__free_page(again);
	}
}

/*
 * An empty list takes a batch from the buddy lists for one allocation; a
 * list that passes its high mark gives a batch back, its coldest pages.
 */
static void refill_and_return_in_batches(struct ktest *t)
{
	gfp_t gfp;
	struct zone *z = user_zone(&gfp);
	struct per_cpu_pages *pcp;
	u32 batch, high, buddy_free, n = 0, first_freed;
	struct pcp_stats before, after;
	struct page *coldest;

	pcp = &z->pageset[raw_smp_processor_id()];
	batch = pcp->batch;
	high = pcp->high;
	KASSERT_GT(t, batch, 0);
	KASSERT_EQ(t, high, PCP_HIGH_BATCHES * batch);
	KASSERT_LE(t, high + batch, PCP_TEST_PAGES);
	KASSERT_GT(t, z->free_pages, high + 2 * batch);
	preempt_disable();
	drain_local_pages();
	KEXPECT_EQ(t, pcp->count, 0);
	zone_pcp_stats(z, &before);
	buddy_free = z->free_pages;

	/* One allocation: a batch comes, one page of it goes out. */
	pages[n++] = alloc_page(gfp);
	KEXPECT_EQ(t, pcp->count, batch - 1);
	KEXPECT_EQ(t, z->free_pages, buddy_free - batch);
	/* The list runs dry: the next allocation brings another batch. */
	while (n < batch + 1)
		pages[n++] = alloc_page(gfp);
	KEXPECT_EQ(t, pcp->count, batch - 1);
	KEXPECT_EQ(t, z->free_pages, buddy_free - 2 * batch);
	zone_pcp_stats(z, &after);
	KEXPECT_EQ(t, after.nr_refilled - before.nr_refilled, 2 * batch);
	KEXPECT_EQ(t, after.nr_alloc - before.nr_alloc, batch + 1);

	/* Fill the list up to its high mark: nothing goes back yet. */
	while (n < high + batch)
		pages[n++] = alloc_page(gfp);
	for (u32 i = 0; i < n; i++)
		KEXPECT_NOT_NULL(t, pages[i]);
	buddy_free = z->free_pages;
	first_freed = pcp->count;
	while (pcp->count < high && n > 1)
		__free_page(pages[--n]);
	KEXPECT_EQ(t, pcp->count, high);
	KEXPECT_EQ(t, z->free_pages, buddy_free);
	/* The coldest page now: the tail of the list. */
	coldest = list_entry(pcp->list.prev, struct page, lru);
	/* One more passes it: a batch from the tail returns to the buddy. */
	__free_page(pages[--n]);
	KEXPECT_EQ(t, pcp->count, high + 1 - batch);
	KEXPECT_EQ(t, z->free_pages, buddy_free + batch);
	KEXPECT_FALSE(t, coldest->flags & PG_pcp);
	KEXPECT_TRUE(t, page_is_free(coldest));
	zone_pcp_stats(z, &after);
	KEXPECT_EQ(t, after.nr_returned - before.nr_returned, batch);
	KEXPECT_EQ(t, after.nr_free - before.nr_free, high + 1 - first_freed);
	while (n)
		__free_page(pages[--n]);
	preempt_enable();
	KEXPECT_TRUE(t, buddy_whole(z));
}

/* Drains: this CPU's lists, then every CPU's; the free total stays. */
static void drain_leaves_lists_empty_and_buddy_exact(struct ktest *t)
{
	gfp_t gfp;
	struct zone *z = user_zone(&gfp);
	u32 n = 0, total[MAX_NR_ZONES], on_lists = 0;

	preempt_disable();
	drain_local_pages();	/* then 8 frees stay below the high mark */
	for (n = 0; n < 8; n++)
		pages[n] = alloc_page(gfp);
	for (u32 i = 0; i < 8; i++)
		KEXPECT_NOT_NULL(t, pages[i]);
	while (n)
		__free_page(pages[--n]);
	KEXPECT_GE(t, this_pcp(z)->count, 8);
	for (u32 i = 0; i < 8; i++)
		on_lists += !!(pages[i]->flags & PG_pcp);
	KEXPECT_EQ(t, on_lists, 8);
	for (u32 i = 0; i < MAX_NR_ZONES; i++)
		total[i] = zone_free_pages(&zones[i]);
	drain_local_pages();
	for (u32 i = 0; i < MAX_NR_ZONES; i++) {
		KEXPECT_EQ(t, this_pcp(&zones[i])->count, 0);
		KEXPECT_TRUE(t, list_empty(&this_pcp(&zones[i])->list));
		KEXPECT_EQ(t, zone_free_pages(&zones[i]), total[i]);
	}
	preempt_enable();
	for (u32 i = 0; i < 8; i++) {
		KEXPECT_FALSE(t, pages[i]->flags & PG_pcp);
		KEXPECT_TRUE(t, page_is_free(pages[i]));
	}

	drain_all_pages();
	for (u32 i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &zones[i];

		for (u32 cpu = 0; cpu < NR_CPUS; cpu++)
			KEXPECT_EQ(t, zone->pageset[cpu].count, 0);
		KEXPECT_EQ(t, zone_pcp_pages(zone), 0);
		KEXPECT_EQ(t, zone->free_pages, zone_free_pages(zone));
		KEXPECT_TRUE(t, buddy_whole(zone));
	}
}

/* The first online CPU other than this one, or NR_CPUS. */
static u32 other_cpu(void)
{
	for (u32 cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu != raw_smp_processor_id() && cpu_online(cpu))
			return cpu;
	return NR_CPUS;
}

/*
 * A page freed on another CPU goes to that CPU's list: this CPU does not
 * see it until drain_all_pages() gives it back to the buddy lists.
 */
static void page_freed_on_other_cpu_waits_for_drain(struct ktest *t)
{
	u32 home = raw_smp_processor_id(), there = other_cpu();
	gfp_t gfp;
	struct zone *z = user_zone(&gfp);
	struct per_cpu_pages *remote;
	struct page *page;
	u32 count, free;

	if (there == NR_CPUS)
		ktest_skip(t, "one CPU online (boot with -smp 2)");
	remote = &z->pageset[there];
	page = alloc_page(gfp);
	KASSERT_NOT_NULL(t, page);
	KASSERT_EQ(t, migrate_to(there), 0);
	preempt_disable();
	count = remote->count;
	free = zone_free_pages(z);
	__free_page(page);
	KEXPECT_EQ(t, remote->count, count + 1);
	KEXPECT_EQ(t, (u32)list_head_page(remote), (u32)page);
	preempt_enable();
	KASSERT_EQ(t, migrate_to(home), 0);
	KEXPECT_TRUE(t, page->flags & PG_pcp);
	KEXPECT_EQ(t, zone_free_pages(z), free + 1);

	drain_all_pages();
	KEXPECT_EQ(t, remote->count, 0);
	KEXPECT_FALSE(t, page->flags & PG_pcp);
	KEXPECT_TRUE(t, page_is_free(page));
	KEXPECT_EQ(t, z->free_pages, zone_free_pages(z));
	KEXPECT_TRUE(t, buddy_whole(z));
}

/*
 * Memory pressure: DMA is used up here while three of its pages wait on
 * another CPU's list. GFP_DMA has no other zone: the allocation succeeds
 * only by draining that list, and takes one of the three.
 */
static void allocation_drains_other_cpus_lists(struct ktest *t)
{
	u32 home = raw_smp_processor_id(), there = other_cpu();
	struct zone *dma = &zones[ZONE_DMA];
	struct held h = HELD_INIT(h);
	struct page *mine[3], *page;
	bool saved = page_poisoning;
	u32 failures;

	if (there == NR_CPUS)
		ktest_skip(t, "one CPU online (boot with -smp 2)");
	for (u32 i = 0; i < ARRAY_SIZE(mine); i++) {
		mine[i] = alloc_page(GFP_DMA);
		KASSERT_NOT_NULL(t, mine[i]);
	}
	page_poisoning = false;		/* a whole zone: no memsets */
	drain_zone(&h, GFP_DMA, dma);
	KEXPECT_EQ(t, zone_free_pages(dma), 0);
	KASSERT_EQ(t, migrate_to(there), 0);
	for (u32 i = 0; i < ARRAY_SIZE(mine); i++)
		__free_page(mine[i]);
	KASSERT_EQ(t, migrate_to(home), 0);
	KEXPECT_EQ(t, dma->free_pages, 0);
	KEXPECT_EQ(t, dma->pageset[home].count, 0);
	KEXPECT_EQ(t, zone_free_pages(dma), ARRAY_SIZE(mine));

	failures = page_alloc_failures;
	page = alloc_page(GFP_DMA);
	KEXPECT_NOT_NULL(t, page);
	KEXPECT_EQ(t, page_alloc_failures, failures);
	KEXPECT_EQ(t, dma->pageset[there].count, 0);
	if (page) {
		KEXPECT_TRUE(t, page == mine[0] || page == mine[1] || page == mine[2]);
		hold(&h, page);
	}
	release_all(&h, 2);
	page_poisoning = saved;
}

/*
 * A request limited to frames above 4 GiB drains the lists only when they
 * hold such a frame: with every frame above 4 GiB taken, it fails and
 * leaves this CPU's list of pages below 4 GiB alone; with one above 4 GiB
 * on the list, it gets that page.
 */
static void range_request_drains_only_lists_that_can_serve_it(struct ktest *t)
{
	const gfp_t above_4g = GFP_HIGHUSER | __GFP_ABOVE_4G;
	struct zone *high = &zones[ZONE_HIGHMEM];
	struct held h = HELD_INIT(h);
	struct per_cpu_pages *pcp;
	struct page *below, *above, *page, *again;
	bool saved = page_poisoning;
	u32 count, failures;

	if (max_pfn <= PFN_4G)
		ktest_skip(t, "no RAM above 4 GiB (boot with -m 4G or more)");
	above = alloc_page(above_4g);
	below = alloc_page(GFP_HIGHUSER | __GFP_BELOW_4G);
	KASSERT_NOT_NULL(t, above);
	KASSERT_NOT_NULL(t, below);
	KASSERT_EQ(t, page_zone(below) == high, true);
	page_poisoning = false;		/* a gigabyte: no memsets */
	for (int order = MAX_ORDER; order >= 0; order--)
		while ((page = alloc_pages(above_4g, order)) != NULL)
			hold(&h, page);

	preempt_disable();
	pcp = this_pcp(high);
	__free_page(below);
	count = pcp->count;
	failures = page_alloc_failures;
	page = alloc_page(above_4g);
	KEXPECT_NULL(t, page);
	KEXPECT_EQ(t, page_alloc_failures, failures + 1);
	KEXPECT_EQ(t, pcp->count, count);	/* not drained */
	KEXPECT_TRUE(t, below->flags & PG_pcp);
	__free_page(above);
	again = alloc_page(above_4g);
	preempt_enable();
	KEXPECT_EQ(t, (u32)again, (u32)above);
	if (again)
		hold(&h, again);
	if (page)
		hold(&h, page);
	release_all(&h, 2);
	page_poisoning = saved;
}

static struct ktest_case pcp_cases[] = {
	KTEST_CASE(free_then_alloc_returns_same_page),
	KTEST_CASE(refill_and_return_in_batches),
	KTEST_CASE(drain_leaves_lists_empty_and_buddy_exact),
	KTEST_CASE(page_freed_on_other_cpu_waits_for_drain),
	KTEST_CASE(allocation_drains_other_cpus_lists),
	KTEST_CASE(range_request_drains_only_lists_that_can_serve_it),
	{}
};
KTEST_SUITE(pcp, pcp_cases);
