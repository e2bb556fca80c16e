// SPDX-License-Identifier: MIT
/*
 * Per-CPU lists of free order-0 pages; the contract is in include/mm/pcp.h.
 *
 * A list's lock keeps it consistent between its own CPU and a drain from
 * another one; its CPU holds it with interrupts off, so an interrupt
 * handler that allocates on the same CPU cannot find the list half
 * changed. Pages move between a list and the buddy lists only here, under
 * both locks, and each move keeps the page free: zone_free_pages() sees the
 * same total before and after.
 */
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <mm/buddy.h>
#include <mm/pcp.h>

void pcp_zone_init(struct zone *z)
{
	for (u32 cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &z->pageset[cpu];

		spin_lock_init(&pcp->lock, "pcp");
		INIT_LIST_HEAD(&pcp->list);
		pcp->count = pcp->high = pcp->batch = 0;
		pcp->nr_alloc = pcp->nr_free = 0;
		pcp->nr_refilled = pcp->nr_returned = 0;
	}
}

void pcp_set_sizes(struct zone *z)
{
	u32 batch = 0;

	if (z->managed_pages)
		batch = MAX(MIN(z->managed_pages / PCP_BATCH_FRACTION,
				(u32)PCP_BATCH_MAX), 1U);
	for (u32 cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &z->pageset[cpu];
		u32 flags;

		spin_lock_irqsave(&pcp->lock, flags);
		pcp->batch = batch;
		pcp->high = PCP_HIGH_BATCHES * batch;
		spin_unlock_irqrestore(&pcp->lock, flags);
	}
}

/* this_cpu_pcp - this CPU's list of @z; interrupts must be off. */
static struct per_cpu_pages *this_cpu_pcp(struct zone *z)
{
	return &z->pageset[smp_processor_id()];
}

/*
 * pcp_refill - move up to a batch of free pages from the buddy lists of @z
 * to the tail of @pcp (held, empty). Counts a failure of the zone when
 * none was left.
 */
static void pcp_refill(struct zone *z, struct per_cpu_pages *pcp)
{
	spin_lock(&z->lock);
	while (pcp->count < pcp->batch && z->free_pages) {
		struct page *page = buddy_alloc(z, 0);

		page->flags = (page->flags & ~PG_head) | PG_pcp;
		list_add_tail(&page->lru, &pcp->list);
		pcp->count++;
		pcp->nr_refilled++;
	}
	if (!pcp->count)
		z->nr_alloc_fail++;
	spin_unlock(&z->lock);
}

/*
 * pcp_return - give the @nr coldest pages of @pcp (held) back to the buddy
 * lists of @z, where they merge with their free buddies.
 */
static void pcp_return(struct zone *z, struct per_cpu_pages *pcp, u32 nr)
{
	spin_lock(&z->lock);
	while (nr-- && pcp->count) {
		struct page *page = list_entry(pcp->list.prev, struct page, lru);
		enum buddy_error err;

		list_del(&page->lru);
		pcp->count--;
		pcp->nr_returned++;
		page->flags = (page->flags & ~PG_pcp) | PG_head;
		err = buddy_free(z, page, 0);
		if (err)
			panic("pcp: pfn 0x%x on CPU list of zone %s refused by "
			      "the buddy allocator (error %d)",
			      page_to_pfn(page), z->name, err);
	}
	spin_unlock(&z->lock);
}

struct page *pcp_alloc(struct zone *z)
{
	struct per_cpu_pages *pcp;
	struct page *page = NULL;
	u32 flags;

	local_irq_save(flags);
	pcp = this_cpu_pcp(z);
	spin_lock(&pcp->lock);
	if (!pcp->count)
		pcp_refill(z, pcp);
	if (pcp->count) {
		page = list_first_entry(&pcp->list, struct page, lru);
		list_del(&page->lru);
		pcp->count--;
		pcp->nr_alloc++;
		page->flags = (page->flags & ~PG_pcp) | PG_head;
	}
	spin_unlock(&pcp->lock);
	local_irq_restore(flags);
	return page;
}

void pcp_free(struct zone *z, struct page *page)
{
	struct per_cpu_pages *pcp;
	u32 flags;

	local_irq_save(flags);
	pcp = this_cpu_pcp(z);
	spin_lock(&pcp->lock);
	page->flags = (page->flags & ~PG_head) | PG_pcp;
	list_add(&page->lru, &pcp->list);
	pcp->count++;
	pcp->nr_free++;
	if (pcp->count > pcp->high)
		pcp_return(z, pcp, pcp->batch);
	spin_unlock(&pcp->lock);
	local_irq_restore(flags);
}

/* drain_pcp - give all of CPU @cpu's list of @z back to the buddy lists. */
static void drain_pcp(struct zone *z, u32 cpu)
{
	struct per_cpu_pages *pcp = &z->pageset[cpu];
	u32 flags;

	spin_lock_irqsave(&pcp->lock, flags);
	pcp_return(z, pcp, pcp->count);
	spin_unlock_irqrestore(&pcp->lock, flags);
}

void drain_zone_pages(struct zone *z)
{
	for (u32 cpu = 0; cpu < NR_CPUS; cpu++)
		if (__atomic_load_n(&z->pageset[cpu].count, __ATOMIC_RELAXED))
			drain_pcp(z, cpu);
}

bool zone_pcp_holds(struct zone *z, u32 start_pfn, u32 end_pfn)
{
	if (z->end_pfn <= start_pfn || z->start_pfn >= end_pfn)
		return false;		/* no frame of the zone is in range */
	for (u32 cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &z->pageset[cpu];
		struct list_head *pos;
		bool found = false;
		u32 flags;

		if (!__atomic_load_n(&pcp->count, __ATOMIC_RELAXED))
			continue;
		spin_lock_irqsave(&pcp->lock, flags);
		list_for_each(pos, &pcp->list) {
			u32 pfn = page_to_pfn(list_entry(pos, struct page, lru));

			if (pfn >= start_pfn && pfn < end_pfn) {
				found = true;
				break;
			}
		}
		spin_unlock_irqrestore(&pcp->lock, flags);
		if (found)
			return true;
	}
	return false;
}

void drain_all_pages(void)
{
	for (u32 z = 0; z < MAX_NR_ZONES; z++)
		drain_zone_pages(&zones[z]);
}

void drain_local_pages(void)
{
	u32 flags;

	local_irq_save(flags);
	for (u32 z = 0; z < MAX_NR_ZONES; z++)
		drain_pcp(&zones[z], smp_processor_id());
	local_irq_restore(flags);
}

void zone_pcp_stats(struct zone *z, struct pcp_stats *sum)
{
	*sum = (struct pcp_stats){ 0 };
	for (u32 cpu = 0; cpu < NR_CPUS; cpu++) {
		struct per_cpu_pages *pcp = &z->pageset[cpu];
		u32 flags;

		spin_lock_irqsave(&pcp->lock, flags);
		sum->count += pcp->count;
		sum->nr_alloc += pcp->nr_alloc;
		sum->nr_free += pcp->nr_free;
		sum->nr_refilled += pcp->nr_refilled;
		sum->nr_returned += pcp->nr_returned;
		spin_unlock_irqrestore(&pcp->lock, flags);
	}
}
