// SPDX-License-Identifier: MIT
/*
 * copy_highpage() between two HighMem pages (two kmap_local mappings and a
 * 4 KiB copy) against memcpy() between two lowmem pages: the mapping's
 * share of a page copy.
 */
#include <lib/string.h>
#include <mm/highmem.h>
#include "bench_util.h"

static struct page *pages[2];

static void copy_lowmem_memcpy(struct bench *b)
{
	if (!bench_get_pages(b, pages, 2, GFP_KERNEL, false))
		return;
	bench_start(b);
	for (u32 i = 0; i < b->iters; i++)
		memcpy(__va((u32)page_to_phys(pages[i & 1])),
		       __va((u32)page_to_phys(pages[~i & 1])), PAGE_SIZE);
	bench_stop(b, b->iters);
	bench_put_pages(pages, 2);
}
BENCHMARK(copy, lowmem_memcpy, copy_lowmem_memcpy, NULL,
	  "memcpy() of a lowmem page to another");

static void copy_highpage_highmem(struct bench *b)
{
	if (!bench_get_pages(b, pages, 2, GFP_HIGHUSER, true))
		return;
	bench_start(b);
	for (u32 i = 0; i < b->iters; i++)
		copy_highpage(pages[i & 1], pages[~i & 1]);
	bench_stop(b, b->iters);
	bench_put_pages(pages, 2);
}
BENCHMARK(copy, highpage, copy_highpage_highmem, "copy.lowmem_memcpy",
	  "copy_highpage() of a HighMem page to another");
