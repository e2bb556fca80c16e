// SPDX-License-Identifier: MIT
/*
 * Physical memory: accounting page for page against the memory map, zone
 * boundaries, the buddy allocators driven to exhaustion and back, zone
 * fallback by GFP flags, pages above 4 GiB, poisoning, and the panics that
 * name a bad free.
 */
#include <mm/fixmap.h>
#include <mm/memlayout.h>
#include <boot/bootinfo.h>
#include <kernel/ktest.h>
#include <lib/string.h>
#include <mm/bootmem.h>
#include <mm/buddy.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/page_ref.h>
#include <mm/pcp.h>
#include <mm/watermark.h>
#include <mm/firmware_map.h>
#include "mm_test_util.h"
#include <arch/x86/pgtable.h>
#include <mm/paging.h>

/* A snapshot of a zone's free lists and counters. */
struct zone_snapshot {
	u32 free_pages, managed_pages;
	u32 nr_free[NR_ORDERS];
};

/* The buddy lists as they are with the CPUs' lists drained into them. */
static void snapshot(const struct zone *z, struct zone_snapshot *s)
{
	drain_all_pages();
	s->free_pages = z->free_pages;
	s->managed_pages = z->managed_pages;
	for (u32 o = 0; o < NR_ORDERS; o++)
		s->nr_free[o] = z->free_area[o].nr_free;
}

static void expect_same(struct ktest *t, const struct zone *z,
			const struct zone_snapshot *before)
{
	struct zone_snapshot now;
	char why[96];

	snapshot(z, &now);
	KEXPECT_EQ(t, now.free_pages, before->free_pages);
	KEXPECT_EQ(t, now.managed_pages, before->managed_pages);
	for (u32 o = 0; o < NR_ORDERS; o++)
		KEXPECT_EQ(t, now.nr_free[o], before->nr_free[o]);
	KEXPECT_TRUE(t, buddy_check(z, why, sizeof(why)));
}

static u32 rng_state = 2463534242U;

static u32 xorshift(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static void struct_page_is_small(struct ktest *t)
{
	/* docs/memory.md: 24 bytes, 384 MiB of lowmem for 64 GiB. */
	KEXPECT_EQ(t, sizeof(struct page), 24);
	KEXPECT_EQ(t, (u32)mem_map & (PAGE_SIZE - 1), 0);
	KEXPECT_TRUE(t, PageReserved(virt_to_page(mem_map)));
}

/*
 * Page for page: every frame the map does not call usable is reserved;
 * per zone, usable frames = present, usable and not reserved = managed,
 * frames inside free blocks = the buddy lists' free pages, PG_pcp frames =
 * the pages on the CPUs' lists.
 */
static void accounting_matches_memory_map(struct ktest *t)
{
	u32 present[MAX_NR_ZONES] = { 0 }, managed[MAX_NR_ZONES] = { 0 };
	u32 free_in_blocks[MAX_NR_ZONES] = { 0 }, bad_hole = 0, wrong_zone = 0;
	u32 on_lists[MAX_NR_ZONES] = { 0 };
	u32 i = 0;

	for (u32 pfn = 0; pfn < max_pfn; pfn++) {
		const struct page *page = pfn_to_page(pfn);
		u32 z = page_zonenum(page);
		phys_addr_t a = (phys_addr_t)pfn << PAGE_SHIFT;
		bool usable;

		/* Walk the sorted map alongside: O(max_pfn). */
		while (i < boot_info.mmap_count &&
		       boot_info.mmap[i].base + boot_info.mmap[i].len <= a)
			i++;
		usable = i < boot_info.mmap_count && boot_info.mmap[i].base <= a &&
			 boot_info.mmap[i].type == MEM_USABLE;
		wrong_zone += !zone_contains(&zones[z], pfn);
		if (!usable) {
			bad_hole += !PageReserved(page);
			continue;
		}
		present[z]++;
		if (!PageReserved(page))
			managed[z]++;
		if (page->flags & PG_buddy) {
			free_in_blocks[z] += 1U << page->order;
			KEXPECT_FALSE(t, PageReserved(page));
		}
		on_lists[z] += !!(page->flags & PG_pcp);
	}
	KEXPECT_EQ(t, bad_hole, 0);
	KEXPECT_EQ(t, wrong_zone, 0);
	for (u32 z = 0; z < MAX_NR_ZONES; z++) {
		KEXPECT_EQ(t, present[z], zones[z].present_pages);
		KEXPECT_EQ(t, managed[z], zones[z].managed_pages);
		KEXPECT_EQ(t, free_in_blocks[z], zones[z].free_pages);
		KEXPECT_EQ(t, on_lists[z], zone_pcp_pages(&zones[z]));
	}
	KEXPECT_EQ(t, (u64)(present[0] + present[1] + present[2]) << PAGE_SHIFT,
		   memmap_usable_bytes(boot_info.mmap, boot_info.mmap_count));
}

static void zone_boundaries(struct ktest *t)
{
	u32 want_low = MIN(max_pfn, maxmem_pfn());

	if (highmem_param_pages())
		want_low = MIN(want_low, MAX(max_pfn - highmem_param_pages(),
					     (u32)(LOWMEM_MIN >> PAGE_SHIFT)));
	KEXPECT_EQ(t, max_low_pfn, want_low);
	KEXPECT_EQ(t, zones[ZONE_DMA].start_pfn, 0);
	KEXPECT_EQ(t, zones[ZONE_DMA].end_pfn, 16U << (20 - PAGE_SHIFT));
	KEXPECT_EQ(t, zones[ZONE_NORMAL].start_pfn, 16U << (20 - PAGE_SHIFT));
	KEXPECT_EQ(t, zones[ZONE_NORMAL].end_pfn, max_low_pfn);
	KEXPECT_EQ(t, zones[ZONE_HIGHMEM].start_pfn, max_low_pfn);
	KEXPECT_EQ(t, zones[ZONE_HIGHMEM].end_pfn, MAX(max_pfn, max_low_pfn));
	KEXPECT_EQ(t, PageHighMem(pfn_to_page(max_low_pfn - 1)), false);
	if (max_pfn > max_low_pfn)
		KEXPECT_EQ(t, PageHighMem(pfn_to_page(max_low_pfn)), true);
}

static void highmem_present_iff_expected(struct ktest *t)
{
	bool expect = max_pfn > maxmem_pfn() || highmem_param_pages();

	KEXPECT_EQ(t, zones[ZONE_HIGHMEM].present_pages > 0, expect);
	if (highmem_param_pages() && max_pfn - highmem_param_pages() >= (LOWMEM_MIN >> PAGE_SHIFT))
		KEXPECT_GE(t, zones[ZONE_HIGHMEM].end_pfn - zones[ZONE_HIGHMEM].start_pfn,
			   highmem_param_pages());
}

static void layout_areas_ordered(struct ktest *t)
{
	const struct vm_area_desc *a = kernel_areas;

	KEXPECT_EQ(t, a[AREA_LOWMEM].start, PAGE_OFFSET);
	KEXPECT_EQ(t, a[AREA_LOWMEM].end, PAGE_OFFSET + (max_low_pfn << PAGE_SHIFT));
	KEXPECT_EQ(t, a[AREA_LOWMEM].end, high_memory);
	KEXPECT_GE(t, a[AREA_VMALLOC].start, a[AREA_LOWMEM].end + VMALLOC_OFFSET);
	KEXPECT_EQ(t, a[AREA_VMALLOC].start % VMALLOC_OFFSET, 0);
	KEXPECT_EQ(t, a[AREA_VMALLOC].end, a[AREA_PKMAP].start - 2 * PAGE_SIZE);
	KEXPECT_EQ(t, a[AREA_PKMAP].start % PMD_SIZE, 0);
	KEXPECT_EQ(t, a[AREA_PKMAP].end - a[AREA_PKMAP].start, LAST_PKMAP * PAGE_SIZE);
	KEXPECT_LE(t, a[AREA_PKMAP].end, a[AREA_FIXMAP].start);
	KEXPECT_EQ(t, a[AREA_FIXMAP].end, FIXADDR_TOP);
	/* The direct map plus the vmalloc reserve fill what the areas above leave. */
	if (max_pfn > maxmem_pfn() && !highmem_param_pages())
		KEXPECT_EQ(t, (max_low_pfn << PAGE_SHIFT) + vmalloc_reserve,
			   a[AREA_VMALLOC].end - PAGE_OFFSET);
}

static void mem_and_vmalloc_params_apply(struct ktest *t)
{
	u32 reserve = vmalloc_param_bytes();

	if (!mem_limit() && !reserve)
		ktest_skip(t, "neither mem= nor vmalloc= given");
	if (mem_limit()) {
		KEXPECT_LE(t, (u64)max_pfn << PAGE_SHIFT, mem_limit());
		KEXPECT_LE(t, memmap_usable_bytes(boot_info.mmap, boot_info.mmap_count),
			   mem_limit());
		/* mem= cuts RAM, not the firmware's reserved areas above it. */
		KEXPECT_GT(t, boot_info.mmap[boot_info.mmap_count - 1].base, mem_limit());
	}
	if (reserve) {
		KEXPECT_EQ(t, vmalloc_reserve, reserve + VMALLOC_OFFSET);
		KEXPECT_EQ(t, maxmem_pfn(),
			   (VMALLOC_END - PAGE_OFFSET - reserve - VMALLOC_OFFSET) >> PAGE_SHIFT);
		KEXPECT_GE(t, kernel_areas[AREA_VMALLOC].end - kernel_areas[AREA_VMALLOC].start,
			   reserve - VMALLOC_OFFSET);
	}
}

static void reserved_regions_stay_reserved(struct ktest *t)
{
	u32 bad = 0;

	for (u32 pfn = 0; pfn < 0x100; pfn++)
		bad += !PageReserved(pfn_to_page(pfn));
	for (u32 pfn = __pa(_text_start) >> PAGE_SHIFT; pfn < __pa(_kernel_end) >> PAGE_SHIFT; pfn++)
		bad += !PageReserved(pfn_to_page(pfn));
	KEXPECT_EQ(t, bad, 0);
	/* The boot code and boot page tables were handed back. */
	for (u32 pfn = (u32)_boot_start >> PAGE_SHIFT; pfn < (u32)_boot_end >> PAGE_SHIFT; pfn++)
		KEXPECT_FALSE(t, PageReserved(pfn_to_page(pfn)));
}

/*
 * As in Linux, the BIOS's first page (interrupt vectors, BIOS data) is not
 * RAM the kernel counts: the sanitized map lists it reserved, the DMA zone
 * does not count it present, and it never reaches a free list.
 */
static void bios_page_zero_not_present(struct ktest *t)
{
	const struct mem_region *first = &boot_info.mmap[0];
	u32 usable_dma = 0;

	KASSERT_GT(t, boot_info.mmap_count, 0);
	KEXPECT_EQ(t, first->base, 0);
	KEXPECT_GE(t, first->len, PAGE_SIZE);
	KEXPECT_EQ(t, first->type, MEM_RESERVED);
	KEXPECT_TRUE(t, PageReserved(pfn_to_page(0)));
	KEXPECT_FALSE(t, pfn_to_page(0)->flags & PG_buddy);
	/* DMA's present pages are the usable ones from pfn 1 on. */
	for (u32 i = 0; i < boot_info.mmap_count; i++) {
		const struct mem_region *r = &boot_info.mmap[i];
		u64 lo = MAX(r->base, (u64)PAGE_SIZE);
		u64 hi = MIN(r->base + r->len, (u64)DMA_ZONE_END_PFN << PAGE_SHIFT);

		if (r->type == MEM_USABLE && lo < hi)
			usable_dma += (hi - lo) >> PAGE_SHIFT;
	}
	KEXPECT_EQ(t, zones[ZONE_DMA].present_pages, usable_dma);
}

static struct page *dma_pages[4096];

static void exhaust_dma_zone_and_reform(struct ktest *t)
{
	struct zone *z = &zones[ZONE_DMA];
	struct zone_snapshot before;
	u64 failures = page_alloc_failures;
	u32 n = 0;

	snapshot(z, &before);
	KASSERT_LE(t, zone_free_pages(z), ARRAY_SIZE(dma_pages));
	while ((dma_pages[n] = alloc_page(GFP_DMA)) != NULL) {
		struct page *p = dma_pages[n];

		KEXPECT_TRUE(t, zone_contains(z, page_to_pfn(p)));
		KEXPECT_NE(t, page_to_pfn(p), 0);	/* the BIOS's page */
		KEXPECT_TRUE(t, p->flags & PG_head);
		KASSERT_LT(t, ++n, ARRAY_SIZE(dma_pages));
	}
	KEXPECT_EQ(t, n, before.free_pages);
	KEXPECT_EQ(t, zone_free_pages(z), 0);
	KEXPECT_EQ(t, page_alloc_failures, failures + 1);
	/* Distinct: each pfn once. Pages hold a mark while allocated. */
	for (u32 i = 0; i < n; i++)
		dma_pages[i]->flags |= PG_poisoned;
	for (u32 i = 0; i < n; i++) {
		KEXPECT_TRUE(t, dma_pages[i]->flags & PG_poisoned);
		dma_pages[i]->flags &= ~PG_poisoned;
	}
	for (u32 i = n; i > 1; i--) {
		u32 j = xorshift() % i;
		struct page *tmp = dma_pages[i - 1];

		dma_pages[i - 1] = dma_pages[j];
		dma_pages[j] = tmp;
	}
	for (u32 i = 0; i < n; i++)
		__free_page(dma_pages[i]);
	expect_same(t, z, &before);
}

/* The largest zone, taken in blocks of every order, then given back. */
static void exhaust_big_zone_mixed_orders(struct ktest *t)
{
	struct zone *z = zones[ZONE_HIGHMEM].managed_pages ? &zones[ZONE_HIGHMEM]
							   : &zones[ZONE_NORMAL];
	gfp_t gfp = z == &zones[ZONE_HIGHMEM] ? GFP_HIGHUSER : GFP_KERNEL;
	struct held h = HELD_INIT(h);
	struct zone_snapshot before;
	bool saved = page_poisoning;
	u32 order = 0, misaligned = 0, outside = 0, lowest_failed = NR_ORDERS;

	page_poisoning = false;		/* 100k+ pages: no memsets */
	snapshot(z, &before);
	/* Orders round robin; an order that fails is not asked again. */
	while (lowest_failed > 0) {
		struct page *page;

		order = (order + 1) % lowest_failed;
		page = alloc_pages(gfp, order);
		if (!page || page_zone(page) != z) {
			if (page)
				__free_pages(page, order);
			lowest_failed = order;
			continue;
		}
		misaligned += page_to_pfn(page) & ((1U << order) - 1);
		outside += !zone_contains(z, page_to_pfn(page) + (1U << order) - 1);
		hold(&h, page);
	}
	KEXPECT_EQ(t, misaligned, 0);
	KEXPECT_EQ(t, outside, 0);
	KEXPECT_EQ(t, zone_free_pages(z), 0);
	KEXPECT_EQ(t, h.pages, before.free_pages);
	release_all(&h, 8);
	expect_same(t, z, &before);
	page_poisoning = saved;
}

/* The next GFP_HIGHUSER page comes from zone @zonenum; @h holds it. */
static void highuser_page_from(struct ktest *t, struct held *h, u32 zonenum)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	KEXPECT_NOT_NULL(t, page);
	if (!page)
		return;
	KEXPECT_EQ(t, page_zonenum(page), zonenum);
	hold(h, page);
}

/* GFP_HIGHUSER takes HighMem first, then Normal, then DMA: each zone
 * drained in turn, the next page comes from the next zone. Normal is
 * drained with GFP_KERNEL, which its reserve against HighMem users does not
 * limit; DMA gives a GFP_HIGHUSER page only while it keeps its own reserve
 * (not on machines of 5 GiB or more: it is then larger than DMA). */
static void highuser_prefers_highmem_then_normal(struct ktest *t)
{
	struct held h = HELD_INIT(h);
	struct page *page;
	bool saved = page_poisoning;

	if (!zones[ZONE_HIGHMEM].managed_pages)
		ktest_skip(t, "no HighMem (boot with more than ~900 MiB or highmem=)");
	page = alloc_page(GFP_HIGHUSER);
	KASSERT_NOT_NULL(t, page);
	KEXPECT_EQ(t, page_zonenum(page), ZONE_HIGHMEM);
	KEXPECT_TRUE(t, PageHighMem(page));
	/* No address, once no kmap() of an earlier owner lingers in the pool. */
	kmap_flush_unused();
	KEXPECT_NULL(t, page_address(page));
	__free_page(page);

	page_poisoning = false;
	drain_zone(&h, GFP_HIGHUSER, &zones[ZONE_HIGHMEM]);
	KEXPECT_EQ(t, zone_free_pages(&zones[ZONE_HIGHMEM]), 0);
	highuser_page_from(t, &h, ZONE_NORMAL);
	drain_zone(&h, GFP_KERNEL, &zones[ZONE_NORMAL]);
	KEXPECT_EQ(t, zone_free_pages(&zones[ZONE_NORMAL]), 0);
	if (zone_watermark_ok(&zones[ZONE_DMA], 0, ZONE_HIGHMEM))
		highuser_page_from(t, &h, ZONE_DMA);
	else
		KEXPECT_NULL(t, alloc_page(GFP_HIGHUSER));
	release_all(&h, 4);
	page_poisoning = saved;
}

static void kernel_falls_back_to_dma_never_highmem(struct ktest *t)
{
	struct held h = HELD_INIT(h);
	struct page *page;
	bool saved = page_poisoning;

	page_poisoning = false;
	drain_zone(&h, GFP_KERNEL, &zones[ZONE_NORMAL]);
	KEXPECT_EQ(t, zone_free_pages(&zones[ZONE_NORMAL]), 0);
	page = alloc_page(GFP_KERNEL);
	KASSERT_NOT_NULL(t, page);
	KEXPECT_EQ(t, page_zonenum(page), ZONE_DMA);
	hold(&h, page);
	drain_zone(&h, GFP_KERNEL, &zones[ZONE_DMA]);
	/* Normal and DMA are empty: GFP_KERNEL fails although HighMem may not be. */
	KEXPECT_NULL(t, alloc_page(GFP_KERNEL));
	release_all(&h, 4);
	page_poisoning = saved;
}

/* What zone @z keeps from requests of class @classzone: the free pages a
 * fallback leaves it, or all it has when it has less. */
static u32 kept_free(const struct zone *z, u32 classzone, u32 free_before)
{
	return MIN(free_before, z->watermark_min + z->lowmem_reserve[classzone]);
}

/*
 * GFP_HIGHUSER single pages until none comes: once HighMem is empty, Normal
 * and then DMA give pages only down to their min watermark plus their
 * reserve against HighMem users (Linux's lowmem_reserve_ratio: HighMem/32
 * for Normal, (Normal + HighMem)/256 for DMA); GFP_KERNEL still gets
 * Normal's reserved pages.
 */
static void highuser_leaves_lowmem_its_reserve(struct ktest *t)
{
	struct zone *normal = &zones[ZONE_NORMAL], *dma = &zones[ZONE_DMA];
	struct held h = HELD_INIT(h);
	u32 normal_free, dma_free, from_normal = 0, from_dma = 0;
	u64 refused = normal->nr_reserve_refused;
	struct page *page;
	bool saved = page_poisoning;

	if (!zones[ZONE_HIGHMEM].managed_pages)
		ktest_skip(t, "no HighMem (boot with more than ~900 MiB or highmem=)");
	KEXPECT_EQ(t, normal->lowmem_reserve[ZONE_HIGHMEM],
		   zones[ZONE_HIGHMEM].managed_pages / LOWMEM_RESERVE_RATIO_NORMAL);
	KEXPECT_EQ(t, dma->lowmem_reserve[ZONE_HIGHMEM],
		   (normal->managed_pages + zones[ZONE_HIGHMEM].managed_pages) /
		   LOWMEM_RESERVE_RATIO_DMA);
	KEXPECT_GT(t, normal->watermark_min, 0);
	page_poisoning = false;
	drain_zone(&h, GFP_HIGHUSER, &zones[ZONE_HIGHMEM]);
	KEXPECT_EQ(t, zone_free_pages(&zones[ZONE_HIGHMEM]), 0);
	normal_free = zone_free_pages(normal);
	dma_free = zone_free_pages(dma);
	while ((page = alloc_page(GFP_HIGHUSER)) != NULL) {
		from_normal += page_zonenum(page) == ZONE_NORMAL;
		from_dma += page_zonenum(page) == ZONE_DMA;
		hold(&h, page);
	}
	KEXPECT_EQ(t, zone_free_pages(normal), kept_free(normal, ZONE_HIGHMEM, normal_free));
	KEXPECT_EQ(t, zone_free_pages(dma), kept_free(dma, ZONE_HIGHMEM, dma_free));
	KEXPECT_EQ(t, from_normal, normal_free - zone_free_pages(normal));
	KEXPECT_EQ(t, from_dma, dma_free - zone_free_pages(dma));
	KEXPECT_GT(t, normal->nr_reserve_refused, refused);
	/* The reserve is kept for lowmem's own users. */
	page = alloc_page(GFP_KERNEL);
	KEXPECT_NOT_NULL(t, page);
	if (page) {
		KEXPECT_EQ(t, page_zonenum(page), zone_free_pages(normal) ? ZONE_NORMAL
								  : ZONE_DMA);
		hold(&h, page);
	}
	release_all(&h, 4);
	page_poisoning = saved;
}

/* alloc_pages() hands out one reference; the block goes back to its zone
 * when put_page() drops the last of them, not before. */
static void refcount_frees_at_zero(struct ktest *t)
{
	struct page *page = alloc_pages(GFP_HIGHUSER, 1);
	struct zone *z;
	u32 free;

	KASSERT_NOT_NULL(t, page);
	z = page_zone(page);
	free = zone_free_pages(z);
	KEXPECT_EQ(t, page_ref_count(page), 1);
	KEXPECT_EQ(t, page_mapcount(page), 0);
	get_page(page);
	get_page(page);
	KEXPECT_EQ(t, page_ref_count(page), 3);
	put_page(page);
	put_page(page);
	KEXPECT_EQ(t, page_ref_count(page), 1);
	KEXPECT_FALSE(t, page_is_free(page));
	KEXPECT_EQ(t, zone_free_pages(z), free);
	put_page(page);
	KEXPECT_TRUE(t, page_is_free(page));
	KEXPECT_EQ(t, page_ref_count(page), 0);
	KEXPECT_EQ(t, zone_free_pages(z), free + 2);
}

static void dma_never_above_16m(struct ktest *t)
{
	struct held h = HELD_INIT(h);
	struct page *page;
	u32 above = 0;

	while ((page = alloc_pages(GFP_DMA, 0)) != NULL) {
		above += page_to_pfn(page) >= (16U << (20 - PAGE_SHIFT));
		hold(&h, page);
	}
	KEXPECT_EQ(t, above, 0);
	KEXPECT_GT(t, zone_free_pages(&zones[ZONE_NORMAL]), 0);
	release_all(&h, 2);
}

/* Frames above 4 GiB: their physical addresses reach real, distinct RAM. */
static void pages_above_4g(struct ktest *t)
{
	struct held h = HELD_INIT(h);
	struct list_head *pos;
	u32 checked = 0, wrong = 0;

	if (max_pfn <= 0x100000)
		ktest_skip(t, "no RAM above 4 GiB (boot with -m 4G or more)");
	drain_zone(&h, GFP_HIGHUSER, &zones[ZONE_HIGHMEM]);
	/* Write the first word of 64 frames above 4 GiB, then read them back. */
	for (u32 pass = 0; pass < 2; pass++) {
		u32 n = 0;

		list_for_each(pos, &h.list) {
			struct page *page = list_entry(pos, struct page, lru);
			u32 pfn = page_to_pfn(page);
			volatile u32 *p;

			if (pfn < 0x100000 || n++ >= 64)
				continue;
			KEXPECT_EQ(t, page_to_phys(page), (u64)pfn << PAGE_SHIFT);
			p = set_fixmap(FIX_TEST_0, page_to_phys(page), PAGE_KERNEL);
			if (pass == 0)
				*p = pfn ^ 0x5a5a5a5a;
			else
				wrong += *p != (pfn ^ 0x5a5a5a5a), checked++;
			clear_fixmap(FIX_TEST_0);
		}
	}
	KEXPECT_EQ(t, checked, 64);
	KEXPECT_EQ(t, wrong, 0);
	release_all(&h, 4);
}

/* __GFP_BELOW_4G and __GFP_ABOVE_4G keep a HighMem request on their side. */
static void highuser_below_and_above_4g(struct ktest *t)
{
	struct page *below, *above;

	if (max_pfn <= PFN_4G)
		ktest_skip(t, "no RAM above 4 GiB (boot with -m 4G or more)");
	below = alloc_page(GFP_HIGHUSER | __GFP_BELOW_4G);
	above = alloc_page(GFP_HIGHUSER | __GFP_ABOVE_4G);
	KASSERT_NOT_NULL(t, below);
	KASSERT_NOT_NULL(t, above);
	KEXPECT_LT(t, page_to_pfn(below), PFN_4G);
	KEXPECT_GE(t, page_to_pfn(below), max_low_pfn);
	KEXPECT_GE(t, page_to_pfn(above), PFN_4G);
	__free_page(below);
	__free_page(above);
}

static bool page_is_zero(struct page *page)
{
	const u32 *p = kmap_local_page(page);
	u32 w = 0;

	while (w < PAGE_SIZE / 4 && !p[w])
		w++;
	kunmap_local(p);
	return w == PAGE_SIZE / 4;
}

static u8 first_byte(struct page *page)
{
	u8 b;

	memcpy_from_page(&b, page, 0, 1);
	return b;
}

static void zeroed_and_poisoned_pages(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL), *again = NULL;
	struct page *others[64];
	u32 n = 0, nonzero = 0;
	bool had_highmem;
	u8 *p;

	if (!page_poisoning)
		ktest_skip(t, "page_poison=off");
	KASSERT_NOT_NULL(t, page);
	p = page_address(page);
	memset(p, 0x5a, PAGE_SIZE);
	__free_page(page);
	KEXPECT_TRUE(t, page->flags & PG_poisoned);
	KEXPECT_EQ(t, p[0], PAGE_POISON);
	KEXPECT_EQ(t, p[PAGE_SIZE - 1], PAGE_POISON);
	/* Take zeroed pages until the poisoned one comes back. */
	while (n < ARRAY_SIZE(others)) {
		again = alloc_page(GFP_KERNEL | __GFP_ZERO);
		KASSERT_NOT_NULL(t, again);
		if (again == page)
			break;
		others[n++] = again;
	}
	KASSERT_EQ(t, (u32)again, (u32)page);
	for (u32 i = 0; i < PAGE_SIZE; i++)
		nonzero += p[i] != 0;
	KEXPECT_EQ(t, nonzero, 0);
	KEXPECT_FALSE(t, page->flags & PG_poisoned);
	__free_page(page);
	while (n)
		__free_page(others[--n]);
	/* HighMem pages are zeroed and poisoned too, through kmap_local. */
	had_highmem = zone_free_pages(&zones[ZONE_HIGHMEM]) > 0;
	page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	KASSERT_NOT_NULL(t, page);
	KEXPECT_EQ(t, PageHighMem(page), had_highmem);
	KEXPECT_TRUE(t, page_is_zero(page));
	__free_page(page);
	KEXPECT_TRUE(t, page->flags & PG_poisoned);
	KEXPECT_EQ(t, first_byte(page), PAGE_POISON);
}

static void get_free_pages_gives_lowmem_address(struct ktest *t)
{
	u32 addr = __get_free_pages(GFP_KERNEL | __GFP_ZERO, 2);
	u64 failures = page_alloc_failures;

	KASSERT_NE(t, addr, 0);
	KEXPECT_EQ(t, addr & (4 * PAGE_SIZE - 1), 0);
	KEXPECT_GE(t, addr, PAGE_OFFSET);
	KEXPECT_LT(t, addr, high_memory);
	KEXPECT_EQ(t, (u32)page_address(virt_to_page((void *)addr)), addr);
	KEXPECT_EQ(t, virt_to_page((void *)addr)->order, 2);
	KEXPECT_EQ(t, ((u32 *)addr)[4 * PAGE_SIZE / 4 - 1], 0);
	free_pages(addr, 2);
	KEXPECT_NULL(t, alloc_pages(GFP_KERNEL, MAX_ORDER + 1));
	KEXPECT_EQ(t, page_alloc_failures, failures + 1);
}

/* Death cases: each misuse panics, naming the pfn. */
static void double_free_panics(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);

	__free_page(page);
	__free_page(page);
}

/* put_page() of a page nobody holds (here: freed already) is a bug. */
static void put_page_of_free_page_panics(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	put_page(page);
	put_page(page);
}

/* __free_pages() of a page someone else still holds is a bug. */
static void free_of_held_page_panics(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	get_page(page);
	__free_page(page);
}

static void reserved_free_panics(struct ktest *t)
{
	__free_page(pfn_to_page(0));
}

static void wrong_order_free_panics(struct ktest *t)
{
	__free_pages(alloc_pages(GFP_KERNEL, 0), 1);
}

static void tail_page_free_panics(struct ktest *t)
{
	__free_pages(alloc_pages(GFP_KERNEL, 2) + 1, 0);
}

static void use_after_free_detected(struct ktest *t)
{
	struct page *page = alloc_page(GFP_DMA), *again;
	u32 *p = page_address(page);

	__free_page(page);
	p[17] = 0xbadc0de;			/* the bug */
	do {
		again = alloc_page(GFP_DMA);	/* panics when it reaches page */
	} while (again && again != page);
	ktest_fail(t, __FILE__, __LINE__, "the poisoned page did not come back");
}

static void get_free_pages_highmem_panics(struct ktest *t)
{
	__get_free_pages(GFP_HIGHUSER, 0);
}

static void overlapping_areas_panic(struct ktest *t)
{
	struct vm_area_desc areas[NR_KERNEL_AREAS];

	memcpy(areas, kernel_areas, sizeof(areas));
	areas[AREA_LOWMEM].end = areas[AREA_VMALLOC].start + PAGE_SIZE;
	memlayout_check(areas, NR_KERNEL_AREAS);
}

static struct ktest_case page_alloc_cases[] = {
	KTEST_CASE(struct_page_is_small),
	KTEST_CASE(accounting_matches_memory_map),
	KTEST_CASE(zone_boundaries),
	KTEST_CASE(highmem_present_iff_expected),
	KTEST_CASE(layout_areas_ordered),
	KTEST_CASE(mem_and_vmalloc_params_apply),
	KTEST_CASE(reserved_regions_stay_reserved),
	KTEST_CASE(bios_page_zero_not_present),
	KTEST_CASE(exhaust_dma_zone_and_reform),
	KTEST_CASE(exhaust_big_zone_mixed_orders),
	KTEST_CASE(highuser_prefers_highmem_then_normal),
	KTEST_CASE(highuser_leaves_lowmem_its_reserve),
	KTEST_CASE(refcount_frees_at_zero),
	KTEST_CASE(kernel_falls_back_to_dma_never_highmem),
	KTEST_CASE(dma_never_above_16m),
	KTEST_CASE(pages_above_4g),
	KTEST_CASE(highuser_below_and_above_4g),
	KTEST_CASE(zeroed_and_poisoned_pages),
	KTEST_CASE(get_free_pages_gives_lowmem_address),
	KTEST_DEATH_CASE(double_free_panics, "double free of pfn"),
	KTEST_DEATH_CASE(reserved_free_panics, "freeing reserved pfn 0x0"),
	KTEST_DEATH_CASE(put_page_of_free_page_panics, "which has no reference"),
	KTEST_DEATH_CASE(free_of_held_page_panics, "user PTEs map it and 2 references hold it"),
	KTEST_DEATH_CASE(wrong_order_free_panics, "freed with order 1 but allocated with order 0"),
	KTEST_DEATH_CASE(tail_page_free_panics, "does not start an allocation"),
	KTEST_DEATH_CASE(use_after_free_detected, "page poison overwritten"),
	KTEST_DEATH_CASE(get_free_pages_highmem_panics, "__get_free_pages() with __GFP_HIGHMEM"),
	KTEST_DEATH_CASE(overlapping_areas_panic, "virtual areas overlap: lowmem"),
	{}
};
KTEST_SUITE(page_alloc, page_alloc_cases);
