/* SPDX-License-Identifier: MIT */
/*
 * The min watermark and lowmem_reserve of each zone (mm/watermark.c), as
 * Linux's mm/page_alloc.c computes them, and the check that alloc_pages()
 * makes before it falls back into a lower zone.
 *
 * A request names its first zone, its "class" (HighMem for GFP_HIGHUSER,
 * Normal for GFP_KERNEL, DMA for GFP_DMA: the first zone of zonelist()).
 * When that zone has no block, the request may take pages from a lower
 * zone only while that zone keeps more than
 *
 *	watermark_min + lowmem_reserve[class]
 *
 * free pages. lowmem_reserve is what a lower zone keeps from the requests
 * that could have been served higher up: Linux's lowmem_reserve_ratio, 256
 * for DMA and 32 for Normal, divides the pages managed by the zones above
 * it, up to the class. So user memory (GFP_HIGHUSER) filling HighMem spills
 * into Normal only down to 1/32 of HighMem's size, and lowmem stays for page
 * tables, PDPTs and kernel stacks; GFP_KERNEL has Normal as its first zone
 * and is not limited by the reserve kept against HighMem users.
 *
 * hm386 has no kswapd and no swap: a request takes its first zone to its
 * last page, and Linux's low and high watermarks, which wake and stop
 * kswapd, are not kept; only the shrinkers (<mm/shrinker.h>) give clean
 * cache pages back, before the first zone goes below min and before a
 * request fails. The min watermark is Linux's: min_free_kbytes
 * = sqrt(16 * lowmem KiB), split among the lowmem zones by size; HighMem's
 * is 1/1024 of it, between 32 and 128 pages.
 */
#ifndef HM386_MM_WATERMARK_H
#define HM386_MM_WATERMARK_H

#include <mm/mmzone.h>

/* The ratios of Linux's sysctl vm.lowmem_reserve_ratio (0: no reserve). */
#define LOWMEM_RESERVE_RATIO_DMA	256
#define LOWMEM_RESERVE_RATIO_NORMAL	32

/*
 * setup_zone_reserves - compute every zone's watermark_min and
 * lowmem_reserve[] from the managed pages; called again whenever pages
 * join the allocators (free_boot_memory(), free_reserved_pfns()).
 */
void setup_zone_reserves(void);

/*
 * zone_watermark_ok - may a request of class @classzone take a block of
 * @order from zone @z? True when @z would keep at least watermark_min +
 * lowmem_reserve[@classzone] free pages, those on the CPUs' order-0 lists
 * included (zone_free_pages()). Call with z->lock held; the lists are read
 * without their locks, so the answer is exact while no other CPU allocates
 * from or frees to @z.
 */
bool zone_watermark_ok(const struct zone *z, u32 order, u32 classzone);

#endif
