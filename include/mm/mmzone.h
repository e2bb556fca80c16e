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
 */
#ifndef HM386_MM_MMZONE_H
#define HM386_MM_MMZONE_H

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

#endif
