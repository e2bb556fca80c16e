/* SPDX-License-Identifier: MIT */
/*
 * struct page: one per physical page frame, from pfn 0 to max_pfn, in the
 * array mem_map (allocated from lowmem at boot, mm/page_alloc.c). Kept at
 * 24 bytes on i386 so that 64 GiB of RAM costs 384 MiB of lowmem for it
 * (the build refuses more than 32). The reference and map counts are used
 * through <mm/page_ref.h>.
 */
#ifndef HM386_MM_PAGE_H
#define HM386_MM_PAGE_H

#include <arch/x86/layout.h>
#include <lib/list.h>
#include <types.h>

struct address_space;

struct page {
	u32 flags;		/* PG_* below, and the zone in ZONE_SHIFT.. */
	u32 order;		/* PG_buddy: the free block's order;
				   PG_head: the allocation's order */
	union {
		struct list_head lru;	/* free-list links while PG_buddy
					   or PG_pcp */
		struct {		/* a page-cache page (fs/pagecache.h) */
			struct address_space *mapping;	/* its file */
			u32 index;	/* its page number in the file */
		};
	};
	u32 refcount;		/* references to an allocated block's head:
				   alloc_pages() sets 1, 0 when free */
	u32 mapcount;		/* user page-table entries mapping it */
};

#define PG_reserved	(1U << 0)	/* never given to the buddy allocator */
#define PG_buddy	(1U << 1)	/* heads a free block on a free list */
#define PG_head		(1U << 2)	/* heads an allocated block */
#define PG_poisoned	(1U << 3)	/* freed and filled with PAGE_POISON */
#define PG_pcp		(1U << 7)	/* free, on a CPU's list of order-0
					   pages (<mm/pcp.h>) */
/* A page-cache page's state (fs/pagecache.h): */
#define PG_uptodate	(1U << 4)	/* holds the file's bytes */
#define PG_dirty	(1U << 5)	/* newer than the disk: write it back */
#define PG_locked	(1U << 6)	/* being read in or written back */

#define ZONE_SHIFT	28
#define ZONE_MASK	(3U << ZONE_SHIFT)

/* The array and its bounds. */
extern struct page *mem_map;
extern u32 max_pfn;		/* one past the highest usable page frame */
extern u32 max_low_pfn;		/* one past the last lowmem page frame */

static inline struct page *pfn_to_page(u32 pfn)
{
	return mem_map + pfn;
}

static inline u32 page_to_pfn(const struct page *page)
{
	return (u32)(page - mem_map);
}

/* page_to_phys - the 64-bit physical address: pfns above 4 GiB included. */
static inline phys_addr_t page_to_phys(const struct page *page)
{
	return (phys_addr_t)page_to_pfn(page) << PAGE_SHIFT;
}

/*
 * lowmem_page_address - the direct-map address of lowmem @page. A HighMem
 * page has none: ask page_address() (<mm/highmem.h>) when it may be one.
 */
static inline void *lowmem_page_address(const struct page *page)
{
	return __va((u32)page_to_phys(page));
}

static inline u32 page_zonenum(const struct page *page)
{
	return (page->flags & ZONE_MASK) >> ZONE_SHIFT;
}

static inline void set_page_zonenum(struct page *page, u32 zone)
{
	page->flags = (page->flags & ~ZONE_MASK) | (zone << ZONE_SHIFT);
}

/* PageHighMem - true when the page has no permanent kernel address. */
static inline bool PageHighMem(const struct page *page)
{
	return page_to_pfn(page) >= max_low_pfn;
}

static inline bool PageReserved(const struct page *page)
{
	return page->flags & PG_reserved;
}

#endif
