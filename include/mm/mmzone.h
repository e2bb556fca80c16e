/* SPDX-License-Identifier: MIT */
/*
 * Zones: ranges of page frames with their own buddy allocator. The i386
 * boundaries: DMA [0, 16 MiB), Normal [16 MiB, max_low_pfn), HighMem
 * [max_low_pfn, max_pfn). Only HighMem has no permanent kernel address.
 *
 * Each zone has its own lock. zone->lock guards the free lists and every
 * counter that changes after boot (free_pages, nr_alloc, nr_free_calls,
 * nr_alloc_fail) and the PG_buddy state of the zone's pages; it is taken
 * with interrupts off (spin_lock_irqsave), so any context may allocate. It
 * is held only around the buddy bookkeeping: nothing under it allocates,
 * maps a page, sleeps or prints.
 *
 * Each zone also has one list of free order-0 pages per CPU (struct
 * per_cpu_pages, mm/pcp.c, <mm/pcp.h>), each with its own lock, taken
 * before the zone's when both are held. A page on such a list is free:
 * zone_free_pages() counts it, z->free_pages (the buddy lists) does not.
 */
#ifndef HM386_MM_MMZONE_H
#define HM386_MM_MMZONE_H

#include <config.h>
#include <kernel/spinlock_types.h>
#include <lib/list.h>
#include <mm/page.h>
#include <types.h>

#define MAX_ORDER	10		/* largest block: 2^10 pages = 4 MiB */
#define NR_ORDERS	(MAX_ORDER + 1)

enum zone_type {
	ZONE_DMA,
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	MAX_NR_ZONES
};

#define DMA_ZONE_END_PFN	(16U << (20 - PAGE_SHIFT))	/* 16 MiB */

struct free_area {
	struct list_head free_list;	/* heads of free blocks of one order */
	u32 nr_free;			/* how many blocks are on it */
};

/*
 * One CPU's list of free order-0 pages of one zone (Linux's per_cpu_pages).
 * Its CPU takes and gives pages here with interrupts off, without the
 * zone's lock; batches move to and from the buddy lists under it. Its lock
 * is uncontended but for drains from other CPUs (mm/pcp.c). One cache
 * line, so that CPUs do not share one.
 */
struct per_cpu_pages {
	spinlock_t lock;		/* the list and its counters */
	struct list_head list;		/* PG_pcp pages, the last freed first */
	u32 count;			/* pages on the list */
	u32 high;			/* past this many, a batch goes back */
	u32 batch;			/* pages moved to or from the buddy lists */
	u64 nr_alloc, nr_free;		/* order-0 allocations and frees served */
	u64 nr_refilled, nr_returned;	/* pages taken from, given to the buddy */
} __aligned(64);

struct zone {
	spinlock_t lock;		/* the free lists and counters (above) */
	const char *name;
	u32 start_pfn, end_pfn;		/* the span: [start_pfn, end_pfn) */
	u32 present_pages;		/* RAM pages in the span */
	u32 managed_pages;		/* pages given to the buddy allocator */
	u32 free_pages;			/* of those, free now */
	struct free_area free_area[NR_ORDERS];
	u64 nr_alloc, nr_free_calls;	/* successful allocations, frees */
	u64 nr_alloc_fail;		/* allocations this zone could not serve */
	/* Watermark and reserves (mm/watermark.c, <mm/watermark.h>): */
	u32 watermark_min;		/* pages a fallback never takes */
	u32 lowmem_reserve[MAX_NR_ZONES]; /* more kept from requests whose
					   first zone is [i] (i above this) */
	u64 nr_reserve_refused;		/* fallbacks refused by the two */
	u32 fallback_free_low;		/* the fewest free pages a fallback left
					   here (U32_MAX: none since reset) */
	struct per_cpu_pages pageset[NR_CPUS];	/* by CPU number */
};

extern struct zone zones[MAX_NR_ZONES];

static inline struct zone *page_zone(const struct page *page)
{
	return &zones[page_zonenum(page)];
}

static inline bool zone_contains(const struct zone *z, u32 pfn)
{
	return pfn >= z->start_pfn && pfn < z->end_pfn;
}

/*
 * zone_pcp_pages - the free pages of @z on the CPUs' lists, read without
 * their locks: exact when no CPU is allocating from or freeing to @z.
 */
static inline u32 zone_pcp_pages(const struct zone *z)
{
	u32 n = 0;

	for (u32 cpu = 0; cpu < NR_CPUS; cpu++)
		n += __atomic_load_n(&z->pageset[cpu].count, __ATOMIC_RELAXED);
	return n;
}

/*
 * zone_free_pages - the free pages of @z as users see them: on the buddy
 * lists (z->free_pages) and on the CPUs' lists. Without the locks: exact
 * when the zone is quiet, a hint otherwise.
 */
static inline u32 zone_free_pages(const struct zone *z)
{
	return __atomic_load_n(&z->free_pages, __ATOMIC_RELAXED) +
	       zone_pcp_pages(z);
}

#endif
