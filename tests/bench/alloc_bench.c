// SPDX-License-Identifier: MIT
/*
 * alloc_pages(GFP_HIGHUSER) and free, order 0 and order 3. Single pages
 * come from and go back to this CPU's list (mm/pcp.c); blocks of order 3
 * go through the zone's buddy lists under its lock. With page poisoning
 * (on by default in the debug build only; `page_poison=` decides) a free
 * fills the pages with 0xaa through kmap_local_page() and the next
 * allocation checks them: the figures say which. The _poison figure
 * measures single pages with poisoning on in any build, for its cost.
 */
#include <mm/gfp.h>
#include "bench_util.h"

static void alloc_free(struct bench *b, u32 order)
{
	bench_start(b);
	for (u32 i = 0; i < b->iters; i++) {
		struct page *page = alloc_pages(GFP_HIGHUSER, order);

		if (!page) {
			bench_stop(b, i);
			bench_skip(b, "out of memory");
			return;
		}
		__free_pages(page, order);
	}
	bench_stop(b, b->iters);
	bench_value(b, "page_poison", page_poisoning);
}

static void alloc_order0(struct bench *b)
{
	alloc_free(b, 0);
}
BENCHMARK(alloc, highuser_order0, alloc_order0, NULL,
	  "alloc_pages(GFP_HIGHUSER, 0) and __free_pages()");

static void alloc_order0_poison(struct bench *b)
{
	bool saved = page_poisoning;

	page_poisoning = true;
	alloc_free(b, 0);
	page_poisoning = saved;
}
BENCHMARK(alloc, highuser_order0_poison, alloc_order0_poison,
	  "alloc.highuser_order0",
	  "alloc_pages(GFP_HIGHUSER, 0) and __free_pages(), page_poison=on");

static void alloc_order3(struct bench *b)
{
	alloc_free(b, 3);
}
BENCHMARK(alloc, highuser_order3, alloc_order3, "alloc.highuser_order0",
	  "alloc_pages(GFP_HIGHUSER, 3) and __free_pages()");
