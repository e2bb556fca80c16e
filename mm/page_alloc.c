// SPDX-License-Identifier: MIT
/*
 * Page frames: the struct page array, the zones, and the policy around the
 * buddy allocator of each zone (mm/buddy.c) and its per-CPU lists of
 * order-0 pages (mm/pcp.c): which zones a request may use, zeroing,
 * poisoning of freed pages, and the panics that name a bad free. Each call
 * into a zone's buddy allocator holds that zone's lock with interrupts off
 * (include/mm/mmzone.h); zeroing, poisoning and their checks run outside
 * it, on a block the caller owns: before the free hands it back, after the
 * allocation took it.
 *
 * At boot every page frame starts reserved; mm_init() then hands the usable
 * RAM of the memory map to the buddy allocators, except what is taken: the
 * first 1 MiB, the kernel image, modules, and what bootmem gave out (page
 * tables and this array).
 */
#include <mm/memlayout.h>
#include <boot/bootinfo.h>
#include <config.h>
#include <kernel/cmdline.h>
#include <kernel/ksyms.h>
#include <kernel/monitor.h>
#include <kernel/lab.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <lib/printf.h>
#include <lib/sort.h>
#include <lib/string.h>
#include <mm/bootmem.h>
#include <mm/buddy.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/page_ref.h>
#include <mm/pcp.h>
#include <mm/pkmap.h>
#include <mm/watermark.h>
#include "mm_internal.h"

/* Pages asked of the shrinkers at once (Linux's SWAP_CLUSTER_MAX). */
#define SHRINK_BATCH	32
#define READ_ONCE_U32(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)

struct page *mem_map;
u32 max_pfn;
u32 max_low_pfn;
struct zone zones[MAX_NR_ZONES];

u32 page_alloc_failures;
/* On in the debug build, off in the release build (docs/memory.md). */
bool page_poisoning = CONFIG_KMAP_DEBUG;
KERNEL_PARAM(page_poison, KPARAM_BOOL, &page_poisoning,
	     "fill freed pages with 0xaa and check them on reuse "
	     "(default: on in the debug build, off in the release build)");


#define LOW_RESERVED_END_PFN	(0x100000 >> PAGE_SHIFT)	/* BIOS, real mode */
#define MAX_RESERVED		(2 + BOOTMEM_MAX_RANGES + BOOT_MODULES_MAX)

struct pfn_range {
	u32 start, end;
};

static const char *const zone_names[MAX_NR_ZONES] = { "DMA", "Normal", "HighMem" };

static u32 pfn_zone(u32 pfn)
{
	if (pfn < DMA_ZONE_END_PFN)
		return ZONE_DMA;
	return pfn < max_low_pfn ? ZONE_NORMAL : ZONE_HIGHMEM;
}

/* Every page frame reserved, tagged with its zone. */
static void init_mem_map(void)
{
	u32 bytes = max_pfn * sizeof(struct page);

	BUILD_BUG_ON(sizeof(struct page) > 32);
	mem_map = bootmem_alloc(ALIGN_UP(bytes, PAGE_SIZE), PAGE_SIZE);
	for (u32 pfn = 0; pfn < max_pfn; pfn++) {
		mem_map[pfn].flags = PG_reserved;
		mem_map[pfn].refcount = 0;
		mem_map[pfn].mapcount = 0;
		set_page_zonenum(&mem_map[pfn], pfn_zone(pfn));
	}
	pr_info("mem_map: %u page frames x %zu bytes = %u KiB of lowmem at 0x%08x\n",
		max_pfn, sizeof(struct page), bytes >> 10, (u32)mem_map);
}

static void init_zones(void)
{
	u32 bounds[MAX_NR_ZONES + 1] = {
		0, MIN(DMA_ZONE_END_PFN, max_low_pfn), max_low_pfn,
		MAX(max_pfn, max_low_pfn),
	};

	for (u32 z = 0; z < MAX_NR_ZONES; z++) {
		buddy_zone_init(&zones[z], zone_names[z], bounds[z],
				MAX(bounds[z], bounds[z + 1]));
		pcp_zone_init(&zones[z]);
		zones[z].fallback_free_low = ~0U;
	}
	for (u32 i = 0; i < boot_info.mmap_count; i++) {
		const struct mem_region *r = &boot_info.mmap[i];
		u32 start = r->base >> PAGE_SHIFT;
		u32 end = (r->base + r->len) >> PAGE_SHIFT;

		if (r->type != MEM_USABLE)
			continue;
		for (u32 z = 0; z < MAX_NR_ZONES; z++) {
			u32 lo = MAX(start, zones[z].start_pfn);
			u32 hi = MIN(end, zones[z].end_pfn);

			if (lo < hi)
				zones[z].present_pages += hi - lo;
		}
	}
}

/* Pages joined the zones: their reserves and list sizes follow. */
static void zones_resized(void)
{
	setup_zone_reserves();
	for (u32 z = 0; z < MAX_NR_ZONES; z++)
		pcp_set_sizes(&zones[z]);
}

/* Give [start, end) to the buddy allocators of the zones it spans. */
static void release_pfns(u32 start, u32 end)
{
	u32 flags;

	for (u32 z = 0; z < MAX_NR_ZONES; z++) {
		u32 lo = MAX(start, zones[z].start_pfn);
		u32 hi = MIN(end, zones[z].end_pfn);

		if (lo >= hi)
			continue;
		spin_lock_irqsave(&zones[z].lock, flags);
		for (u32 pfn = lo; pfn < hi; pfn++)
			mem_map[pfn].flags &= ~PG_reserved;
		buddy_add_range(&zones[z], lo, hi - lo);
		spin_unlock_irqrestore(&zones[z].lock, flags);
	}
}

static int cmp_range(const void *a, const void *b)
{
	const struct pfn_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* What stays reserved although the memory map calls it usable, sorted. */
static u32 collect_reserved(struct pfn_range *out)
{
	struct mem_region used[BOOTMEM_MAX_RANGES];
	u32 n = 0, nr_used = bootmem_ranges(used, BOOTMEM_MAX_RANGES);

	out[n++] = (struct pfn_range){ 0, LOW_RESERVED_END_PFN };
	out[n++] = (struct pfn_range){ __pa(_kernel_start) >> PAGE_SHIFT,
				       ALIGN_UP(__pa(_kernel_end), PAGE_SIZE) >> PAGE_SHIFT };
	for (u32 i = 0; i < nr_used; i++)
		out[n++] = (struct pfn_range){ used[i].base >> PAGE_SHIFT,
			ALIGN_UP(used[i].base + used[i].len, PAGE_SIZE) >> PAGE_SHIFT };
	for (u32 i = 0; i < boot_info.nr_modules; i++)
		out[n++] = (struct pfn_range){ boot_info.modules[i].start >> PAGE_SHIFT,
			ALIGN_UP(boot_info.modules[i].end, PAGE_SIZE) >> PAGE_SHIFT };
	sort(out, n, sizeof(*out), cmp_range);
	return n;
}

void mm_init(void)
{
	struct pfn_range reserved[MAX_RESERVED];
	u32 nr_reserved;

	init_mem_map();
	bootmem_retire();
	init_zones();
	nr_reserved = collect_reserved(reserved);

	/* Usable RAM minus the reserved ranges goes to the buddy allocators. */
	for (u32 i = 0; i < boot_info.mmap_count; i++) {
		const struct mem_region *r = &boot_info.mmap[i];
		u32 pfn = r->base >> PAGE_SHIFT;
		u32 end = MIN((u32)((r->base + r->len) >> PAGE_SHIFT), max_pfn);

		if (r->type != MEM_USABLE)
			continue;
		for (u32 k = 0; k < nr_reserved && pfn < end; k++) {
			if (reserved[k].end <= pfn)
				continue;
			if (reserved[k].start > pfn)
				release_pfns(pfn, MIN(reserved[k].start, end));
			pfn = MAX(pfn, reserved[k].end);
		}
		if (pfn < end)
			release_pfns(pfn, end);
	}
	zones_resized();
}

void free_boot_memory(void)
{
	/* .boot is linked at its physical address (linker.ld). */
	u32 start = (u32)_boot_start >> PAGE_SHIFT;
	u32 end = ALIGN_UP((u32)_boot_end, PAGE_SIZE) >> PAGE_SHIFT;

	release_pfns(start, end);
	zones_resized();
	pr_info("Freed boot code and boot page tables: %u KiB (0x%08x-0x%08x)\n",
		(end - start) << (PAGE_SHIFT - 10), start << PAGE_SHIFT,
		(end << PAGE_SHIFT) - 1);
}

void free_reserved_pfns(u32 start_pfn, u32 end_pfn)
{
	release_pfns(start_pfn, MIN(end_pfn, max_pfn));
	zones_resized();
}

struct page *virt_to_page(const void *addr)
{
	u32 va = (u32)addr;

	if (va < PAGE_OFFSET || va >= PAGE_OFFSET + (max_low_pfn << PAGE_SHIFT))
		panic("virt_to_page(0x%08x): not a direct-map address", va);
	return pfn_to_page(__pa(va) >> PAGE_SHIFT);
}

/* Check that a poisoned block kept its poison since it was freed. */
static void check_poison(struct page *page, u32 order)
{
	for (u32 i = 0; i < (1U << order); i++) {
		const u32 *p;
		u32 w;

		if (!(page[i].flags & PG_poisoned))
			continue;
		page[i].flags &= ~PG_poisoned;
		p = kmap_local_page(&page[i]);
		for (w = 0; w < PAGE_SIZE / 4; w++)
			if (p[w] != 0x01010101U * PAGE_POISON)
				break;
		if (w < PAGE_SIZE / 4)
			panic("page poison overwritten: pfn 0x%x word %u is "
			      "0x%08x, not 0x%08x (written after it was freed?)",
			      page_to_pfn(&page[i]), w, p[w],
			      0x01010101U * PAGE_POISON);
		kunmap_local(p);
	}
}

static void poison(struct page *page, u32 order)
{
	if (!page_poisoning)
		return;
	for (u32 i = 0; i < (1U << order); i++) {
		memset_page(&page[i], 0, PAGE_POISON, PAGE_SIZE);
		page[i].flags |= PG_poisoned;
	}
}

/* The zones a request may use, in the order to try them. */
LAB_STATIC LAB_EXERCISE(3) u32 zonelist(gfp_t gfp, u32 *list)
{
	u32 n = 0;

	if (gfp & __GFP_DMA) {
		list[n++] = ZONE_DMA;
		return n;
	}
	if (gfp & __GFP_HIGHMEM)
		list[n++] = ZONE_HIGHMEM;
	list[n++] = ZONE_NORMAL;
	list[n++] = ZONE_DMA;
	return n;
}

/*
 * take_from_zone - a block of @order from @z between pfns @start and @end,
 * or NULL. @classzone is the request's first zone: when it is @z, single
 * pages without a pfn limit come from this CPU's list. When @z is a
 * fallback, the reserve check (free pages, those on the CPUs' lists
 * included) and the take from the buddy lists are one step under the
 * zone's lock, so that two requests cannot both pass the check for the
 * last page above the reserve; a refusal sets *@refused and is counted.
 */
static struct page *take_from_zone(struct zone *z, u32 order, u32 start,
				   u32 end, u32 classzone, bool *refused)
{
	bool fallback = z != &zones[classzone];
	struct page *page = NULL;
	u32 flags;

	if (!fallback && order == 0 && start == 0 && end == ~0U)
		return pcp_alloc(z);
	spin_lock_irqsave(&z->lock, flags);
	*refused = fallback && !zone_watermark_ok(z, order, classzone);
	if (*refused)
		z->nr_reserve_refused += zone_free_pages(z) != 0;
	else
		page = buddy_alloc_range(z, order, start, end);
	if (page && fallback)
		z->fallback_free_low = MIN(z->fallback_free_low,
					   zone_free_pages(z));
	spin_unlock_irqrestore(&z->lock, flags);
	return page;
}

/*
 * A block of @order from the zones of @list (@n of them, the first the
 * request's own), between pfns @start and @end, or NULL. A zone is used up,
 * the pages on every CPU's list included (drained), before the next one is
 * tried; but only lists that hold a page between @start and @end are worth
 * a drain (user pages first try above 4 GiB: once none is left there, a
 * drain for each of them would move the lists' pages to the buddy lists and
 * back at every fault), and a fallback that the zone's reserve refuses
 * drains nothing.
 */
static struct page *take_from_zones(const u32 *list, u32 n, u32 order,
				    u32 start, u32 end)
{
	for (u32 i = 0; i < n; i++) {
		struct zone *z = &zones[list[i]];
		bool refused = false;
		struct page *page;

		page = take_from_zone(z, order, start, end, list[0], &refused);
		if (!page && !refused && zone_pcp_holds(z, start, end)) {
			drain_zone_pages(z);
			page = take_from_zone(z, order, start, end, list[0],
					      &refused);
		}
		if (page)
			return page;
	}
	return NULL;
}

struct page *alloc_pages(gfp_t gfp, u32 order)
{
	u32 list[MAX_NR_ZONES];
	u32 n = zonelist(gfp, list), zone_mask = 0;
	u32 start = gfp & __GFP_ABOVE_4G ? PFN_4G : 0;
	u32 end = gfp & __GFP_BELOW_4G ? PFN_4G : ~0U;
	struct zone *first = &zones[list[0]];
	u32 low = first->watermark_min + (1U << order);
	struct page *page;

	for (u32 i = 0; i < n; i++)
		zone_mask |= 1U << list[i];
	/*
	 * Direct reclaim, as Linux's: before the request's own zone goes
	 * below its min watermark (a racy read: a hint; the buddy lists'
	 * count first, the CPUs' lists only when it is low), and again
	 * before the request fails, the caches above mm give back clean
	 * pages.
	 */
	if (first->managed_pages && READ_ONCE_U32(first->free_pages) < low &&
	    zone_free_pages(first) < low)
		shrink_caches(1U << list[0], SHRINK_BATCH);
	page = take_from_zones(list, n, order, start, end);
	if (!page && shrink_caches(zone_mask, MAX(SHRINK_BATCH, 1U << order)))
		page = take_from_zones(list, n, order, start, end);
	if (!page) {
		__atomic_fetch_add(&page_alloc_failures, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	check_poison(page, order);
	page->refcount = 1;
	page->mapcount = 0;
	if (gfp & __GFP_ZERO)
		for (u32 p = 0; p < (1U << order); p++)
			clear_highpage(&page[p]);
	return page;
}

static void __noreturn bad_free(enum buddy_error err, struct page *page,
				u32 order, u32 caller)
{
	char who[96];
	u32 pfn = page_to_pfn(page);

	ksym_format(caller - 1, who, sizeof(who));
	switch (err) {
	case BUDDY_EDOUBLE:
		panic("double free of pfn 0x%x (order %u) by %s", pfn, order, who);
	case BUDDY_ERESERVED:
		panic("freeing reserved pfn 0x%x (order %u) by %s", pfn, order, who);
	case BUDDY_EORDER:
		panic("pfn 0x%x freed with order %u but allocated with order %u by %s",
		      pfn, order, page->order, who);
	case BUDDY_ENOTHEAD:
		panic("pfn 0x%x (order %u) does not start an allocation, freed by %s",
		      pfn, order, who);
	default:
		panic("pfn 0x%x order %u is not inside zone %s, freed by %s", pfn,
		      order, page_zone(page)->name, who);
	}
}

/*
 * zone_free - buddy_free() under the zone's lock, or with @vet_only the
 * check of it that changes nothing (buddy_free_error()); a bad free panics,
 * after the lock is dropped.
 */
static void zone_free(struct zone *z, struct page *page, u32 order,
		      u32 caller, bool vet_only)
{
	enum buddy_error err;
	u32 flags;

	spin_lock_irqsave(&z->lock, flags);
	err = vet_only ? buddy_free_error(z, page, order) :
			 buddy_free(z, page, order);
	spin_unlock_irqrestore(&z->lock, flags);
	if (err)
		bad_free(err, page, order, caller);
}

static void free_pages_from(struct page *page, u32 order, u32 caller)
{
	struct zone *z;

	if (page_to_pfn(page) >= max_pfn || order > MAX_ORDER)
		panic("freeing pfn 0x%x order %u: no such page frame or order",
		      page_to_pfn(page), order);
	if (page_mapcount(page) || page_ref_count(page) > 1)
		panic("pfn 0x%x freed while %u user PTEs map it and %u "
		      "references hold it", page_to_pfn(page),
		      page_mapcount(page), page_ref_count(page));
	page->refcount = 0;
	z = page_zone(page);
	if (page->flags & PG_pcp)
		bad_free(BUDDY_EDOUBLE, page, order, caller);
	if (order == 0 && !page->order &&
	    (page->flags & (PG_head | PG_buddy | PG_reserved)) == PG_head) {
		/* A single page, still ours: to this CPU's list. */
		poison(page, 0);
		pcp_free(z, page);
		return;
	}
	if (page_poisoning) {
		/*
		 * Poison while the block is still ours: once it is on a free
		 * list another CPU may take it. Vet the free first, so that a
		 * bad one never writes into what the caller does not own.
		 */
		zone_free(z, page, order, caller, true);
		poison(page, order);
	}
	zone_free(z, page, order, caller, false);
}

void __free_pages(struct page *page, u32 order)
{
	free_pages_from(page, order, (u32)__builtin_return_address(0));
}

void put_page(struct page *page)
{
	u32 caller = (u32)__builtin_return_address(0);
	u32 old;

	if (page_to_pfn(page) >= max_pfn)
		panic("put_page: pfn 0x%x beyond max_pfn", page_to_pfn(page));
	old = __atomic_fetch_sub(&page->refcount, 1, __ATOMIC_ACQ_REL);
	if (old == 0) {
		char who[96];

		ksym_format(caller - 1, who, sizeof(who));
		panic("put_page of pfn 0x%x, which has no reference (free, or "
		      "not the head of its block), by %s", page_to_pfn(page), who);
	}
	if (old == 1)
		free_pages_from(page, page->order, caller);
}

u32 __get_free_pages(gfp_t gfp, u32 order)
{
	struct page *page;

	if (gfp & __GFP_HIGHMEM)
		panic("__get_free_pages() with __GFP_HIGHMEM: HighMem pages "
		      "have no kernel address");
	page = alloc_pages(gfp, order);
	return page ? (u32)lowmem_page_address(page) : 0;
}

void free_pages(u32 addr, u32 order)
{
	free_pages_from(virt_to_page((void *)addr), order,
			(u32)__builtin_return_address(0));
}

/* One zone's min watermark and reserves, as the report and meminfo say it. */
static void format_reserves(const struct zone *z, char *buf, size_t size)
{
	snprintf(buf, size, "%-8s min %6u, lowmem_reserve vs Normal %7u, "
		 "vs HighMem %7u pages", z->name, z->watermark_min,
		 z->lowmem_reserve[ZONE_NORMAL], z->lowmem_reserve[ZONE_HIGHMEM]);
}

void mm_report(void)
{
	char line[112];

	u32 present = 0, managed = 0, free = 0;

	pr_info("Zone ranges (page frames of 4 KiB):\n");
	for (u32 z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];

		present += zone->present_pages;
		managed += zone->managed_pages;
		free += zone_free_pages(zone);
		if (zone->end_pfn == zone->start_pfn) {
			pr_info("  %-8s empty\n", zone->name);
			continue;
		}
		pr_info("  %-8s [mem 0x%09llx-0x%09llx] present %8u managed %8u "
			"free %8u\n", zone->name, (u64)zone->start_pfn << PAGE_SHIFT,
			((u64)zone->end_pfn << PAGE_SHIFT) - 1, zone->present_pages,
			zone->managed_pages, zone_free_pages(zone));
	}
	pr_info("  %-8s %-29s present %8u managed %8u free %8u\n", "total", "",
		present, managed, free);
	pr_info("Watermarks (pages a fallback into the zone leaves free):\n");
	for (u32 z = 0; z < MAX_NR_ZONES; z++) {
		format_reserves(&zones[z], line, sizeof(line));
		pr_info("  %s\n", line);
	}
	pkmap_report();
}

static int cmd_meminfo(int argc, char **argv)
{
	u32 managed = 0, free = 0;
	struct pcp_stats pcp[MAX_NR_ZONES];

	if (argc != 1)
		return MONITOR_USAGE;
	kprintf("zone     page frames            present  managed     free\n");
	for (u32 z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &zones[z];

		kprintf("%-8s [0x%06x-0x%06x) %8u %8u %8u\n", zone->name,
			zone->start_pfn, zone->end_pfn, zone->present_pages,
			zone->managed_pages, zone_free_pages(zone));
		managed += zone->managed_pages;
		free += zone_free_pages(zone);
	}
	kprintf("total    %u MiB managed, %u MiB free\n", managed >> 8, free >> 8);
	kprintf("HighMem  %u MiB managed, %u MiB free: pfn 0x%x and up has no "
		"kernel address\n", zones[ZONE_HIGHMEM].managed_pages >> 8,
		zone_free_pages(&zones[ZONE_HIGHMEM]) >> 8, max_low_pfn);
	for (u32 z = 0; z < MAX_NR_ZONES; z++)
		zone_pcp_stats(&zones[z], &pcp[z]);
	kprintf("per-CPU  free pages on the CPUs' order-0 lists (counted free): "
		"DMA %u, Normal %u, HighMem %u; batch %u/%u/%u, high %u/%u/%u\n",
		pcp[ZONE_DMA].count, pcp[ZONE_NORMAL].count,
		pcp[ZONE_HIGHMEM].count, zones[ZONE_DMA].pageset[0].batch,
		zones[ZONE_NORMAL].pageset[0].batch,
		zones[ZONE_HIGHMEM].pageset[0].batch,
		zones[ZONE_DMA].pageset[0].high, zones[ZONE_NORMAL].pageset[0].high,
		zones[ZONE_HIGHMEM].pageset[0].high);
	for (u32 z = 0; z < MAX_NR_ZONES; z++) {
		char line[112];

		format_reserves(&zones[z], line, sizeof(line));
		kprintf("%s, %llu fallbacks refused\n", line,
			zones[z].nr_reserve_refused);
	}
	kprintf("user     %llu demand-zero pages, %llu COW copies, %llu COW reuses, "
		"%llu pages above 4 GiB; HighMem page tables %u (peak %u)\n",
		mm_stats.zero_fills, mm_stats.cow_copies, mm_stats.cow_reuses,
		mm_stats.user_pages_above_4g, mm_stats.pte_pages_highmem,
		mm_stats.pte_pages_highmem_peak);
	return 0;
}
MONITOR_COMMAND(meminfo, cmd_meminfo, "",
		"zones: present, managed and free pages; HighMem totals; reserves; user memory");
