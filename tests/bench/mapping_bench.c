// SPDX-License-Identifier: MIT
/*
 * What a mapping costs: the floors, kmap_local_page() on HighMem, lowmem
 * and through a slot (force-map), at every nesting depth, and the
 * deprecated kmap_atomic(). One operation maps a page, reads a word
 * through the mapping and unmaps it; the pages come from a ring of
 * BENCH_RING so that each operation maps another page.
 */
#define HM386_LEGACY_KMAP_USER	/* measures kmap_atomic() too */
#include <mm/fixmap.h>
#include <kernel/preempt.h>
#include <mm/highmem.h>
#include "mm/kmap_local_internal.h"
#include "bench_util.h"

static struct page *ring[KM_MAX_DEPTH];

/*
 * The floor: what any local map/unmap pair must do at least — one 64-bit
 * PTE store, then (after the read) one invlpg — on the fixmap's test slot.
 */
static void floor_pte_invlpg(struct bench *b)
{
	pte_t *ptep = fixmap_pte(FIX_TEST_0);
	u32 addr = fix_to_virt(FIX_TEST_0), sum = 0;
	pte_t pte[BENCH_RING];

	if (!bench_get_pages(b, ring, BENCH_RING, GFP_HIGHUSER, true))
		return;
	for (u32 i = 0; i < BENCH_RING; i++)
		pte[i] = page_to_phys(ring[i]) | page_prot(PAGE_KERNEL);
	bench_start(b);
	for (u32 i = 0; i < b->iters; i++) {
		set_pte(ptep, pte[i % BENCH_RING]);
		sum += *(volatile u32 *)addr;
		flush_tlb_one_local(addr);
	}
	bench_stop(b, b->iters);
	pte_clear(ptep);
	flush_tlb_one_local(addr);
	bench_sink = sum;
	bench_put_pages(ring, BENCH_RING);
}
BENCHMARK(floor, pte_invlpg, floor_pte_invlpg, NULL,
	  "one PTE store, a read through it, one invlpg");

/*
 * Lowmem pages' addresses computed in place, and a read through each; with
 * @counters, preemption and pagefaults disabled and enabled around the read
 * (what kmap_atomic() adds to kmap_local_page()). Inline with a constant
 * @counters: each figure gets its own loop, with no test in it.
 */
static __always_inline void lowmem_reads(struct bench *b, bool counters)
{
	u32 sum = 0;

	if (!bench_get_pages(b, ring, BENCH_RING, GFP_KERNEL, false))
		return;
	bench_start(b);
	for (u32 i = 0; i < b->iters; i++) {
		struct page *page = ring[i % BENCH_RING];

		if (counters) {
			preempt_disable();
			pagefault_disable();
		}
		sum += *(volatile u32 *)__va((u32)page_to_phys(page));
		if (counters) {
			pagefault_enable();
			preempt_enable();
		}
	}
	bench_stop(b, b->iters);
	bench_sink = sum;
	bench_put_pages(ring, BENCH_RING);
}

/* The other floor: a lowmem page's address computed in place, and a read. */
static void floor_lowmem_pointer(struct bench *b)
{
	lowmem_reads(b, false);
}
BENCHMARK(floor, lowmem_pointer, floor_lowmem_pointer, NULL,
	  "a lowmem page's address computed, and a read through it");

/* The counters' price: this figure less floor.lowmem_pointer. */
static void floor_counters(struct bench *b)
{
	lowmem_reads(b, true);
}
BENCHMARK(floor, counters, floor_counters, "floor.lowmem_pointer",
	  "floor.lowmem_pointer with preemption and pagefaults disabled and "
	  "enabled around the read (what kmap_atomic() adds)");

/* kmap_local_page() + read + kunmap_local() over @gfp pages. */
static void local_pairs(struct bench *b, gfp_t gfp, bool highmem)
{
	u32 sum = 0;

	if (!bench_get_pages(b, ring, BENCH_RING, gfp, highmem))
		return;
	bench_start(b);
	for (u32 i = 0; i < b->iters; i++) {
		u32 *p = kmap_local_page(ring[i % BENCH_RING]);

		sum += *(volatile u32 *)p;
		kunmap_local(p);
	}
	bench_stop(b, b->iters);
	bench_sink = sum;
	bench_put_pages(ring, BENCH_RING);
}

static void kmap_local_highmem(struct bench *b)
{
	local_pairs(b, GFP_HIGHUSER, true);
}
BENCHMARK(kmap_local, highmem, kmap_local_highmem, "floor.pte_invlpg",
	  "kmap_local_page() of a HighMem page, a read, kunmap_local()");

static void kmap_local_lowmem(struct bench *b)
{
	local_pairs(b, GFP_KERNEL, false);
}
BENCHMARK(kmap_local, lowmem, kmap_local_lowmem, "floor.lowmem_pointer",
	  "kmap_local_page() of a lowmem page, a read, kunmap_local()");

static void kmap_local_force_map(struct bench *b)
{
	bool saved = kmap_force_map;

	kmap_set_force_map(true);
	local_pairs(b, GFP_KERNEL, false);
	kmap_set_force_map(saved);
}
BENCHMARK(kmap_local, force_map, kmap_local_force_map, "floor.pte_invlpg",
	  "the same for a lowmem page with kmap_force_map=on (through a slot)");

static void kmap_atomic_highmem(struct bench *b)
{
	u32 sum = 0;

	if (!bench_get_pages(b, ring, BENCH_RING, GFP_HIGHUSER, true))
		return;
	bench_start(b);
	for (u32 i = 0; i < b->iters; i++) {
		u32 *p = kmap_atomic(ring[i % BENCH_RING]);

		sum += *(volatile u32 *)p;
		kunmap_atomic(p);
	}
	bench_stop(b, b->iters);
	bench_sink = sum;
	bench_put_pages(ring, BENCH_RING);
}
BENCHMARK(kmap_atomic, highmem, kmap_atomic_highmem, "floor.pte_invlpg",
	  "kmap_atomic() of a HighMem page, a read, kunmap_atomic()");

/*
 * Nesting: map @depth pages on top of each other, read each, unmap them
 * newest first. One operation is one map/read/unmap at that depth.
 */
static void nested_pairs(struct bench *b, u32 depth)
{
	u32 *p[KM_MAX_DEPTH], sum = 0, rounds = b->iters / depth + 1;

	if (!bench_get_pages(b, ring, depth, GFP_HIGHUSER, true))
		return;
	bench_start(b);
	for (u32 r = 0; r < rounds; r++) {
		for (u32 d = 0; d < depth; d++) {
			p[d] = kmap_local_page(ring[d]);
			sum += *(volatile u32 *)p[d];
		}
		for (u32 d = depth; d--; )
			kunmap_local(p[d]);
	}
	bench_stop(b, rounds * depth);
	bench_sink = sum;
	bench_put_pages(ring, depth);
}

#define NESTED(n)							\
static void kmap_local_depth_##n(struct bench *b)			\
{									\
	nested_pairs(b, n);						\
}									\
BENCHMARK(kmap_local, depth_##n, kmap_local_depth_##n,			\
	  "floor.pte_invlpg", "one map/read/unmap of " #n " nested HighMem " \
	  "mappings")

NESTED(1); NESTED(2); NESTED(3); NESTED(4); NESTED(5); NESTED(6); NESTED(7);
NESTED(8); NESTED(9); NESTED(10); NESTED(11); NESTED(12); NESTED(13);
NESTED(14); NESTED(15); NESTED(16);
