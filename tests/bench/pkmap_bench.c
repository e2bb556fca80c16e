// SPDX-License-Identifier: MIT
/*
 * What kmap() costs: a hit (the page is mapped already), a new slot, and a
 * new slot amortized over whole laps of the pool, wrap and global flush
 * included (with more CPUs online the flush is a shootdown to each); and
 * how many global flushes 10,000 kmap() calls cause over random working
 * sets of 256, 512 and 1024 pages. One operation maps, reads a word and
 * unmaps.
 */
#define HM386_LEGACY_KMAP_USER	/* measures the deprecated kmap() */
#include <mm/highmem.h>
#include <mm/pkmap.h>
#include "mm/pkmap_internal.h"
#include "bench_util.h"

#define POOL_SPAN	(2 * LAST_PKMAP)	/* pages cycled: each map is new */
#define FLUSH_CALLS	10000

static struct page *pages[POOL_SPAN];

static void report_pool(struct bench *b, const struct pkmap_stats *before)
{
	struct pkmap_stats after;

	pkmap_stats_read(&after);
	bench_value(b, "hits", after.hits - before->hits);
	bench_value(b, "new_slots", after.new_slots - before->new_slots);
	bench_value(b, "wraps", after.wraps - before->wraps);
	bench_value(b, "global_flushes", after.global_flushes - before->global_flushes);
}

/* The page stays mapped by one kmap() of its own: every kmap() is a hit. */
static void kmap_hit(struct bench *b)
{
	struct pkmap_stats before;
	u32 sum = 0;

	if (!bench_get_pages(b, pages, BENCH_RING, GFP_HIGHUSER, true))
		return;
	for (u32 i = 0; i < BENCH_RING; i++)
		kmap(pages[i]);
	pkmap_stats_read(&before);
	bench_start(b);
	for (u32 i = 0; i < b->iters; i++) {
		struct page *page = pages[i % BENCH_RING];

		sum += *(volatile u32 *)kmap(page);
		kunmap(page);
	}
	bench_stop(b, b->iters);
	report_pool(b, &before);
	for (u32 i = 0; i < BENCH_RING; i++)
		kunmap(pages[i]);
	bench_sink = sum;
	bench_put_pages(pages, BENCH_RING);
}
BENCHMARK(kmap, hit, kmap_hit, "floor.pte_invlpg",
	  "kmap() of a page already mapped, a read, kunmap()");

/*
 * Cycle through POOL_SPAN pages: by the time a page comes round again a
 * wrap has cleared its slot, so every kmap() takes a new slot. @amortized:
 * time everything; otherwise leave out the maps that wrap the pool.
 */
static void new_slots(struct bench *b, bool amortized)
{
	struct pkmap_stats before;
	u32 sum = 0, timed = 0;

	if (!bench_get_pages(b, pages, POOL_SPAN, GFP_HIGHUSER, true))
		return;
	kmap_flush_unused();
	pkmap_stats_read(&before);
	if (amortized)
		bench_start(b);
	for (u32 i = 0; i < b->iters; i++) {
		struct page *page = pages[i % POOL_SPAN];
		bool wraps = pkmap_cursor() == LAST_PKMAP - 1;

		if (!amortized && !wraps)
			bench_start(b);
		sum += *(volatile u32 *)kmap(page);
		kunmap(page);
		if (!amortized && !wraps) {
			bench_stop(b, 1);
			timed++;
		}
	}
	if (amortized)
		bench_stop(b, b->iters);
	report_pool(b, &before);
	bench_sink = sum;
	bench_put_pages(pages, POOL_SPAN);
}

static void kmap_new_slot(struct bench *b)
{
	new_slots(b, false);
}
BENCHMARK(kmap, new_slot, kmap_new_slot, "floor.pte_invlpg",
	  "kmap() of a page not mapped (a free slot, no wrap), a read, kunmap()");

static void kmap_amortized(struct bench *b)
{
	new_slots(b, true);
}
BENCHMARK(kmap, amortized, kmap_amortized, "floor.pte_invlpg",
	  "the same over whole laps of the pool: wraps and global flushes included");

/* FLUSH_CALLS kmap()s of pages drawn at random from a working set. */
static void random_working_set(struct bench *b, u32 set)
{
	struct pkmap_stats before;
	u32 rng = 0x12345678U, sum = 0;

	if (!bench_get_pages(b, pages, set, GFP_HIGHUSER, true))
		return;
	kmap_flush_unused();
	pkmap_stats_read(&before);
	bench_start(b);
	for (u32 i = 0; i < FLUSH_CALLS; i++) {
		struct page *page;

		rng = rng * 1664525U + 1013904223U;
		page = pages[(rng >> 8) % set];
		sum += *(volatile u32 *)kmap(page);
		kunmap(page);
	}
	bench_stop(b, FLUSH_CALLS);
	report_pool(b, &before);
	bench_sink = sum;
	bench_put_pages(pages, set);
}

#define WORKING_SET(n)							\
static void kmap_working_set_##n(struct bench *b)			\
{									\
	random_working_set(b, n);					\
}									\
BENCHMARK(kmap, working_set_##n, kmap_working_set_##n, "floor.pte_invlpg", \
	  "10,000 kmap() of random pages from a working set of " #n)

WORKING_SET(256);
WORKING_SET(512);
WORKING_SET(1024);
