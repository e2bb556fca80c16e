// SPDX-License-Identifier: MIT
/*
 * The min watermark and lowmem_reserve of the zones: the contract and the
 * reasons are in include/mm/watermark.h. The formulas are Linux's
 * (init_per_zone_wmark_min(), __setup_per_zone_wmarks(),
 * setup_per_zone_lowmem_reserve() in mm/page_alloc.c), in our own code.
 */
#include <mm/buddy.h>
#include <mm/watermark.h>

/* Linux's bounds on min_free_kbytes, and on HighMem's min watermark. */
#define MIN_FREE_KBYTES_LOW	128
#define MIN_FREE_KBYTES_HIGH	262144
#define HIGHMEM_MIN_PAGES_LOW	32
#define HIGHMEM_MIN_PAGES_HIGH	128

static const u32 lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_DMA] = LOWMEM_RESERVE_RATIO_DMA,
	[ZONE_NORMAL] = LOWMEM_RESERVE_RATIO_NORMAL,
	[ZONE_HIGHMEM] = 0,
};

/* int_sqrt - the integer square root of @x, rounded down. */
static u32 int_sqrt(u64 x)
{
	u64 root = 0;

	for (u64 bit = 1ULL << 62; bit; bit >>= 2) {
		if (x >= root + bit) {
			x -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
	}
	return (u32)root;
}

static void setup_watermarks(void)
{
	u64 lowmem_pages = 0, kbytes;
	u32 pages_min;

	for (u32 i = 0; i < ZONE_HIGHMEM; i++)
		lowmem_pages += zones[i].managed_pages;
	kbytes = int_sqrt(lowmem_pages * (PAGE_SIZE >> 10) * 16);
	kbytes = MAX(MIN(kbytes, (u64)MIN_FREE_KBYTES_HIGH), (u64)MIN_FREE_KBYTES_LOW);
	pages_min = (u32)(kbytes >> (PAGE_SHIFT - 10));

	for (u32 i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &zones[i];

		if (i == ZONE_HIGHMEM)
			z->watermark_min = MAX(MIN(z->managed_pages / 1024,
						   (u32)HIGHMEM_MIN_PAGES_HIGH),
					       (u32)HIGHMEM_MIN_PAGES_LOW);
		else
			z->watermark_min = lowmem_pages ? (u32)((u64)pages_min *
				z->managed_pages / lowmem_pages) : 0;
	}
}

/* Zone i keeps from class j > i the pages of zones i+1..j over its ratio. */
static void setup_lowmem_reserve(void)
{
	for (u32 i = 0; i < MAX_NR_ZONES; i++) {
		u64 above = 0;

		for (u32 j = 0; j <= i; j++)
			zones[i].lowmem_reserve[j] = 0;
		for (u32 j = i + 1; j < MAX_NR_ZONES; j++) {
			above += zones[j].managed_pages;
			zones[i].lowmem_reserve[j] = lowmem_reserve_ratio[i] ?
				(u32)(above / lowmem_reserve_ratio[i]) : 0;
		}
	}
}

void setup_zone_reserves(void)
{
	setup_watermarks();
	setup_lowmem_reserve();
}

bool zone_watermark_ok(const struct zone *z, u32 order, u32 classzone)
{
	u64 keep = (u64)z->watermark_min + z->lowmem_reserve[classzone];

	u32 free = zone_free_pages(z);

	return free >= order_pages(order) && free - order_pages(order) >= keep;
}
