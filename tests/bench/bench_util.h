/* SPDX-License-Identifier: MIT */
/* Helpers shared by the benchmarks (tests/bench/bench_util.c). */
#ifndef HM386_TESTS_BENCH_UTIL_H
#define HM386_TESTS_BENCH_UTIL_H

#include <kernel/bench.h>
#include <mm/gfp.h>

/* Pages the operations cycle through, so that nothing is hoisted out of
 * the timed loop and each operation sees another page. */
#define BENCH_RING	8

/*
 * bench_get_pages - fill @pages with @n pages from @gfp, all HighMem when
 * @highmem. False (and nothing held) when there are not enough: the
 * benchmark is then skipped with a reason.
 */
bool bench_get_pages(struct bench *b, struct page **pages, u32 n, gfp_t gfp,
		     bool highmem);

/* bench_put_pages - free what bench_get_pages() gave. */
void bench_put_pages(struct page **pages, u32 n);

/* bench_sink - keep a value alive so that the reads producing it stay. */
extern volatile u32 bench_sink;

#endif
