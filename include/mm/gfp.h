/* SPDX-License-Identifier: MIT */
/*
 * Allocating page frames (mm/page_alloc.c). The GFP flags choose the zones
 * to try, in order:
 *
 *	GFP_DMA        DMA                      (below 16 MiB)
 *	GFP_KERNEL     Normal, then DMA         (always lowmem: has an address)
 *	GFP_HIGHUSER   HighMem, Normal, then DMA (may have no kernel address)
 *
 * __GFP_ZERO returns zeroed pages; HighMem pages are zeroed through
 * kmap_local_page(). __GFP_BELOW_4G and __GFP_ABOVE_4G keep the request to
 * the frames below or above 4 GiB of the zones it may use.
 */
#ifndef HM386_MM_GFP_H
#define HM386_MM_GFP_H

#include <mm/page.h>
#include <types.h>

typedef u32 gfp_t;

#define __GFP_DMA	0x01U
#define __GFP_HIGHMEM	0x02U
#define __GFP_ZERO	0x100U
#define __GFP_BELOW_4G	0x200U	/* only frames below 4 GiB (Linux's x86-64
				   GFP_DMA32 is the like of it) */
#define __GFP_ABOVE_4G	0x400U	/* only frames at 4 GiB and above (probes
				   and tests) */

/* The first page frame at 4 GiB. */
#define PFN_4G		(1U << (32 - PAGE_SHIFT))

#define GFP_KERNEL	0U
#define GFP_DMA		__GFP_DMA
#define GFP_HIGHUSER	__GFP_HIGHMEM

/*
 * alloc_pages - 2^@order contiguous page frames, aligned to their size,
 * from the zones @gfp allows. NULL when none of them has such a block; the
 * failure is counted, never a panic. Never sleeps; any context may call it
 * (the zone's lock is taken with interrupts off), on any CPU.
 */
struct page *alloc_pages(gfp_t gfp, u32 order);

#define alloc_page(gfp) alloc_pages(gfp, 0)

/*
 * __free_pages - give back what alloc_pages(_, @order) returned. A double
 * free, a reserved page, a page that does not start an allocation or a
 * wrong @order is a bug: a panic naming the pfn and the caller.
 */
void __free_pages(struct page *page, u32 order);

#define __free_page(page) __free_pages(page, 0)

/*
 * __get_free_pages - like alloc_pages() but returns the kernel virtual
 * address (lowmem only: __GFP_HIGHMEM is a bug), or 0.
 */
u32 __get_free_pages(gfp_t gfp, u32 order);

/* free_pages - give back what __get_free_pages() returned. */
void free_pages(u32 addr, u32 order);

/* virt_to_page - the struct page of a direct-map (lowmem) address. */
struct page *virt_to_page(const void *addr);

/* mm_init - struct page array, zones, buddy allocators; retires bootmem. */
void mm_init(void);

/* free_boot_memory - hand the boot code and boot page tables to the buddy
 * allocator once paging_init() no longer needs them. */
void free_boot_memory(void);

/*
 * free_reserved_pfns - give the reserved page frames [@start_pfn, @end_pfn)
 * to the buddy allocators once their boot-time contents are used up (the
 * initramfs module after unpacking, as Linux frees the initrd).
 */
void free_reserved_pfns(u32 start_pfn, u32 end_pfn);

/* mm_report - print zones with their ranges, present, managed, free pages. */
void mm_report(void);

/* Debug: fill freed pages with PAGE_POISON and check it on reuse (HighMem
 * pages through kmap_local_page()). */
#define PAGE_POISON	0xaa
extern bool page_poisoning;

/* alloc_pages() calls that found no zone with a block: returned NULL.
 * Counted atomically, from any CPU. */
extern u32 page_alloc_failures;

#endif
