// SPDX-License-Identifier: MIT
#include <mm/page.h>
#include "bench_util.h"

volatile u32 bench_sink;

bool bench_get_pages(struct bench *b, struct page **pages, u32 n, gfp_t gfp,
		     bool highmem)
{
	for (u32 i = 0; i < n; i++) {
		pages[i] = alloc_page(gfp);
		if (pages[i] && PageHighMem(pages[i]) == highmem)
			continue;
		if (pages[i])
			__free_page(pages[i]);
		bench_put_pages(pages, i);
		bench_skip(b, highmem ? "needs more free HighMem pages"
				      : "needs more free lowmem pages");
		return false;
	}
	return true;
}

void bench_put_pages(struct page **pages, u32 n)
{
	while (n)
		__free_page(pages[--n]);
}
