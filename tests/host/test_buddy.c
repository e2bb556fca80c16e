// SPDX-License-Identifier: MIT
/*
 * Host unit tests of mm/buddy.c: the exact blocks that adding, allocating
 * and freeing leave on the free lists, every error of buddy_free() (and that
 * it changes nothing), that buddy_check() catches injected corruption, and
 * long random runs against a page-by-page model of the zone.
 */
#include "htest.h"

#include <mm/buddy.h>

/* What the kernel defines in mm/page_alloc.c. */
struct page *mem_map;
u32 max_pfn, max_low_pfn;
struct zone zones[MAX_NR_ZONES];

#define MAP_PFNS	0x2000		/* every pfn a case uses is below */
#define WHY_SIZE	160

struct block {
	u32 pfn, order;
};

#define BLK(pfn, order)	{ (pfn), (order) }

static u32 random_state;
static u32 random_u32(void)	/* xorshift32: deterministic */
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 17;
	random_state ^= random_state << 5;
	return random_state;
}

static u32 random_below(u32 n)
{
	return random_u32() % n;
}

/* shuffle_blocks - a uniform permutation of @blocks (Fisher-Yates). */
static void shuffle_blocks(struct block *blocks, u32 n)
{
	u32 i, j;
	struct block tmp;

	for (i = n; i > 1; i--) {
		j = random_below(i);
		tmp = blocks[i - 1];
		blocks[i - 1] = blocks[j];
		blocks[j] = tmp;
	}
}

/* map_setup - a zeroed mem_map of MAP_PFNS pages (ASan guards its ends). */
static void map_setup(void)
{
	mem_map = calloc(MAP_PFNS, sizeof(*mem_map));
	max_pfn = MAP_PFNS;
	max_low_pfn = MAP_PFNS;
}

static void map_teardown(void)
{
	free(mem_map);
	mem_map = NULL;
}

/* zone_setup - a fresh mem_map and zones[@type] initialized to the span. */
static struct zone *zone_setup(enum zone_type type, u32 start_pfn, u32 end_pfn)
{
	struct zone *z = &zones[type];

	map_setup();
	buddy_zone_init(z, "test", start_pfn, end_pfn);
	return z;
}

static struct page *page_at(u32 pfn)
{
	return pfn_to_page(pfn);
}

static int compare_blocks(const void *a, const void *b)
{
	const struct block *x = a, *y = b;

	return (x->pfn > y->pfn) - (x->pfn < y->pfn);
}

/*
 * free_blocks - the blocks on @z's free lists, at most @max, sorted by pfn;
 * returns how many there are (even if more than @max).
 */
static u32 free_blocks(const struct zone *z, struct block *out, u32 max)
{
	const struct list_head *pos;
	u32 order, n = 0;

	for (order = 0; order <= MAX_ORDER; order++) {
		list_for_each(pos, &z->free_area[order].free_list) {
			if (n < max) {
				out[n].pfn = page_to_pfn(list_entry(pos, struct page, lru));
				out[n].order = order;
			}
			n++;
		}
	}
	qsort(out, MIN(n, max), sizeof(*out), compare_blocks);
	return n;
}

/* expect_free_blocks - @z's free lists hold exactly the @n blocks @want. */
static void expect_free_blocks(const struct zone *z, const struct block *want,
			       u32 n, int line)
{
	struct block *got = calloc(MAP_PFNS, sizeof(*got));
	u32 nr_got = free_blocks(z, got, MAP_PFNS), i;

	for (i = 0; i < MAX(n, nr_got); i++) {
		if (i < n && i < nr_got && got[i].pfn == want[i].pfn &&
		    got[i].order == want[i].order)
			continue;
		HT_FAIL("(line %d) free blocks differ at #%u: got %s0x%x/%u, "
			"expected %s0x%x/%u (%u blocks, expected %u)", line, i,
			i < nr_got ? "" : "none ", i < nr_got ? got[i].pfn : 0,
			i < nr_got ? got[i].order : 0,
			i < n ? "" : "none ", i < n ? want[i].pfn : 0,
			i < n ? want[i].order : 0, nr_got, n);
		break;
	}
	free(got);
}

#define EXPECT_FREE_BLOCKS(z, ...) do {					\
	static const struct block want_[] = { __VA_ARGS__ };		\
	expect_free_blocks(z, want_, ARRAY_SIZE(want_), __LINE__);	\
} while (0)

#define EXPECT_ZONE_CHECKS(z) do {					\
	char why_[WHY_SIZE] = "";					\
	if (!buddy_check(z, why_, sizeof(why_)))			\
		HT_FAIL("buddy_check failed: %s", why_);		\
} while (0)

/* buddy_check must fail, and say something containing @word. */
#define EXPECT_ZONE_CORRUPT(z, word) do {				\
	char why_[WHY_SIZE] = "";					\
	if (buddy_check(z, why_, sizeof(why_)))				\
		HT_FAIL("buddy_check passed a corrupt zone");		\
	else if (!strstr(why_, word))					\
		HT_FAIL("buddy_check said \"%s\", expected \"%s\"", why_, word); \
} while (0)

/* A copy of a zone and of all of mem_map, to prove an error changed nothing. */
struct snapshot {
	struct zone zone;
	struct page *pages;
};

static void snapshot_take(struct snapshot *s, const struct zone *z)
{
	s->zone = *z;
	s->pages = malloc(MAP_PFNS * sizeof(*mem_map));
	memcpy(s->pages, mem_map, MAP_PFNS * sizeof(*mem_map));
}

/* snapshot_unchanged - true when @z and mem_map still equal @s; frees @s. */
static bool snapshot_unchanged(struct snapshot *s, const struct zone *z)
{
	bool same = !memcmp(&s->zone, z, sizeof(*z)) &&
		    !memcmp(s->pages, mem_map, MAP_PFNS * sizeof(*mem_map));

	free(s->pages);
	return same;
}

/* EXPECT_FREE_ERROR - buddy_free_error() and buddy_free() return @err,
 * and neither changes anything. */
#define EXPECT_FREE_ERROR(z, pfn, order, err) do {			\
	struct snapshot snap_;						\
	snapshot_take(&snap_, z);					\
	HT_EXPECT_EQ(buddy_free_error(z, page_at(pfn), order), err);	\
	HT_EXPECT_EQ(buddy_free(z, page_at(pfn), order), err);		\
	if (!snapshot_unchanged(&snap_, z))				\
		HT_FAIL("buddy_free(0x%x, %u) failed but changed the zone", \
			(u32)(pfn), (u32)(order));			\
	EXPECT_ZONE_CHECKS(z);						\
} while (0)

static void expect_allocated(const struct page *page, u32 order)
{
	HT_EXPECT_TRUE(page->flags & PG_head);
	HT_EXPECT_FALSE(page->flags & PG_buddy);
	HT_EXPECT_EQ(page->order, order);
}

/* ---------------------------------------------------------- init and add */

HTEST(zone_init_is_empty)
{
	struct zone *z = &zones[ZONE_NORMAL];
	u32 order;

	map_setup();
	memset(z, 0xa5, sizeof(*z));
	buddy_zone_init(z, "Normal", 0x1000, 0x1800);
	HT_EXPECT_STREQ(z->name, "Normal");
	HT_EXPECT_EQ(z->start_pfn, 0x1000);
	HT_EXPECT_EQ(z->end_pfn, 0x1800);
	HT_EXPECT_EQ(z->lock.next, z->lock.owner);	/* the lock is free */
	HT_EXPECT_EQ(z->lock.holder_cpu, -1);
	HT_EXPECT_STREQ(z->lock.name, "Normal");
	HT_EXPECT_EQ(z->present_pages, 0);
	HT_EXPECT_EQ(z->managed_pages, 0);
	HT_EXPECT_EQ(z->free_pages, 0);
	HT_EXPECT_EQ(z->nr_alloc, 0);
	HT_EXPECT_EQ(z->nr_free_calls, 0);
	HT_EXPECT_EQ(z->nr_alloc_fail, 0);
	for (order = 0; order <= MAX_ORDER; order++) {
		HT_EXPECT_TRUE(list_empty(&z->free_area[order].free_list));
		HT_EXPECT_EQ(z->free_area[order].nr_free, 0);
	}
	EXPECT_ZONE_CHECKS(z);
	HT_EXPECT_TRUE(buddy_alloc(z, 0) == NULL);
	HT_EXPECT_EQ(z->nr_alloc_fail, 1);
	HT_EXPECT_EQ(z->nr_alloc, 0);
	HT_EXPECT_FALSE(buddy_page_is_free(z, page_at(0x1000)));
	map_teardown();
}

HTEST(add_aligned_4mib_is_one_max_block)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1800);
	u32 pfn;

	buddy_add_range(z, 0x1000, 0x400);
	EXPECT_FREE_BLOCKS(z, BLK(0x1000, MAX_ORDER));
	HT_EXPECT_EQ(z->managed_pages, 0x400);
	HT_EXPECT_EQ(z->free_pages, 0x400);
	HT_EXPECT_EQ(z->free_area[MAX_ORDER].nr_free, 1);
	HT_EXPECT_TRUE(list_first_entry(&z->free_area[MAX_ORDER].free_list,
					struct page, lru) == page_at(0x1000));
	HT_EXPECT_EQ(page_at(0x1000)->flags, PG_buddy);
	HT_EXPECT_EQ(page_at(0x1000)->order, MAX_ORDER);
	for (pfn = 0x1001; pfn < 0x1800; pfn++)
		if (page_at(pfn)->flags)
			HT_FAIL("page 0x%x has flags 0x%x", pfn, page_at(pfn)->flags);
	EXPECT_ZONE_CHECKS(z);
	map_teardown();
}

HTEST(add_unaligned_range_makes_greedy_blocks)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x2000);

	/* 1 + 2 + 1024 + 4 + 2 + 1 pages around a 4 MiB boundary. */
	buddy_add_range(z, 0x13fd, 0x40a);
	EXPECT_FREE_BLOCKS(z, BLK(0x13fd, 0), BLK(0x13fe, 1), BLK(0x1400, 10),
			   BLK(0x1800, 2), BLK(0x1804, 1), BLK(0x1806, 0));
	HT_EXPECT_EQ(z->managed_pages, 0x40a);
	HT_EXPECT_EQ(z->free_pages, 0x40a);
	HT_EXPECT_EQ(z->free_area[0].nr_free, 2);
	HT_EXPECT_EQ(z->free_area[1].nr_free, 2);
	HT_EXPECT_EQ(z->free_area[2].nr_free, 1);
	HT_EXPECT_EQ(z->free_area[10].nr_free, 1);
	EXPECT_ZONE_CHECKS(z);
	map_teardown();
}

HTEST(add_small_odd_range_makes_growing_blocks)
{
	struct zone *z = zone_setup(ZONE_DMA, 0x1000, 0x1100);

	buddy_add_range(z, 0x1003, 29);
	EXPECT_FREE_BLOCKS(z, BLK(0x1003, 0), BLK(0x1004, 2), BLK(0x1008, 3),
			   BLK(0x1010, 4));
	HT_EXPECT_EQ(z->free_pages, 29);
	EXPECT_ZONE_CHECKS(z);
	map_teardown();
}

HTEST(adjacent_ranges_added_separately_merge)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1800);
	u32 pfn;

	/* Cut at an odd place: both sides are several blocks. */
	buddy_add_range(z, 0x1123, 0x2dd);
	buddy_add_range(z, 0x1000, 0x123);
	/* Page by page, from the top down. */
	for (pfn = 0x1800; pfn-- > 0x1400;)
		buddy_add_range(z, pfn, 1);
	EXPECT_FREE_BLOCKS(z, BLK(0x1000, 10), BLK(0x1400, 10));
	HT_EXPECT_EQ(z->managed_pages, 0x800);
	HT_EXPECT_EQ(z->free_pages, 0x800);
	EXPECT_ZONE_CHECKS(z);
	map_teardown();
}

HTEST(reserved_page_stops_merging)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);
	struct page *got[0x400];
	u32 n = 0, i;

	page_at(0x1200)->flags = PG_reserved;
	buddy_add_range(z, 0x1000, 0x200);
	buddy_add_range(z, 0x1201, 0x1ff);
	EXPECT_FREE_BLOCKS(z, BLK(0x1000, 9), BLK(0x1201, 0), BLK(0x1202, 1),
			   BLK(0x1204, 2), BLK(0x1208, 3), BLK(0x1210, 4),
			   BLK(0x1220, 5), BLK(0x1240, 6), BLK(0x1280, 7),
			   BLK(0x1300, 8));
	HT_EXPECT_EQ(z->managed_pages, 0x3ff);
	HT_EXPECT_EQ(page_at(0x1200)->flags, PG_reserved);
	HT_EXPECT_FALSE(buddy_page_is_free(z, page_at(0x1200)));
	EXPECT_ZONE_CHECKS(z);

	/* Page by page out and back: the same blocks, the hole stays. */
	while (n < ARRAY_SIZE(got) && (got[n] = buddy_alloc(z, 0)))
		n++;
	HT_EXPECT_EQ(n, 0x3ff);
	for (i = 0; i < n; i++)
		HT_EXPECT_NE(page_to_pfn(got[i]), 0x1200);
	for (i = 0; i < n; i++)
		HT_EXPECT_EQ(buddy_free(z, got[i], 0), BUDDY_OK);
	EXPECT_FREE_BLOCKS(z, BLK(0x1000, 9), BLK(0x1201, 0), BLK(0x1202, 1),
			   BLK(0x1204, 2), BLK(0x1208, 3), BLK(0x1210, 4),
			   BLK(0x1220, 5), BLK(0x1240, 6), BLK(0x1280, 7),
			   BLK(0x1300, 8));
	HT_EXPECT_EQ(page_at(0x1200)->flags, PG_reserved);
	EXPECT_ZONE_CHECKS(z);
	map_teardown();
}

HTEST(blocks_never_merge_across_zones)
{
	/*
	 * Three touching zones whose boundaries are not 4 MiB aligned: the
	 * first and last block of the middle one are buddies (order 8) of
	 * free blocks of its neighbours.
	 */
	struct zone *low = &zones[ZONE_DMA], *mid = &zones[ZONE_NORMAL];
	struct zone *high = &zones[ZONE_HIGHMEM];
	struct page *got[0x200];
	u32 n = 0, i;

	map_setup();
	buddy_zone_init(low, "low", 0xe00, 0xf00);
	buddy_zone_init(mid, "mid", 0xf00, 0x1100);
	buddy_zone_init(high, "high", 0x1100, 0x1400);
	buddy_add_range(low, 0xe00, 0x100);
	buddy_add_range(high, 0x1100, 0x300);
	buddy_add_range(mid, 0xf00, 0x200);
	EXPECT_FREE_BLOCKS(low, BLK(0xe00, 8));
	EXPECT_FREE_BLOCKS(mid, BLK(0xf00, 8), BLK(0x1000, 8));
	EXPECT_FREE_BLOCKS(high, BLK(0x1100, 8), BLK(0x1200, 9));

	/* Through the free path as well. */
	while (n < ARRAY_SIZE(got) && (got[n] = buddy_alloc(mid, 0)))
		n++;
	HT_EXPECT_EQ(n, 0x200);
	for (i = n; i-- > 0;)
		HT_EXPECT_EQ(buddy_free(mid, got[i], 0), BUDDY_OK);
	EXPECT_FREE_BLOCKS(low, BLK(0xe00, 8));
	EXPECT_FREE_BLOCKS(mid, BLK(0xf00, 8), BLK(0x1000, 8));
	EXPECT_FREE_BLOCKS(high, BLK(0x1100, 8), BLK(0x1200, 9));
	HT_EXPECT_EQ(low->free_pages, 0x100);
	HT_EXPECT_EQ(mid->free_pages, 0x200);
	HT_EXPECT_EQ(high->free_pages, 0x300);
	EXPECT_ZONE_CHECKS(low);
	EXPECT_ZONE_CHECKS(mid);
	EXPECT_ZONE_CHECKS(high);
	map_teardown();
}

HTEST(zone_at_pfn_zero)
{
	struct zone *z = zone_setup(ZONE_DMA, 0, 0x300);
	struct page *page;

	buddy_add_range(z, 1, 0x2ff);
	page = buddy_alloc(z, 0);
	HT_EXPECT_EQ(page_to_pfn(page), 1);
	HT_EXPECT_FALSE(buddy_page_is_free(z, page_at(0)));
	HT_EXPECT_TRUE(buddy_page_is_free(z, page_at(3)));
	buddy_add_range(z, 0, 1);
	HT_EXPECT_EQ(buddy_free(z, page, 0), BUDDY_OK);
	EXPECT_FREE_BLOCKS(z, BLK(0, 9), BLK(0x200, 8));
	EXPECT_ZONE_CHECKS(z);
	map_teardown();
}

/* ---------------------------------------------------------- alloc and free */

HTEST(alloc_order0_splits_max_block)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);
	struct page *page, *head;
	u32 order;

	buddy_add_range(z, 0x1000, 0x400);
	page = buddy_alloc(z, 0);
	HT_EXPECT_TRUE(page == page_at(0x1000));
	HT_EXPECT_EQ(page->flags, PG_head);
	HT_EXPECT_EQ(page->order, 0);
	for (order = 0; order < MAX_ORDER; order++) {
		HT_EXPECT_EQ(z->free_area[order].nr_free, 1);
		head = list_first_entry(&z->free_area[order].free_list,
					struct page, lru);
		HT_EXPECT_EQ(page_to_pfn(head), 0x1000 + (1U << order));
		HT_EXPECT_EQ(head->flags, PG_buddy);
		HT_EXPECT_EQ(head->order, order);
	}
	HT_EXPECT_EQ(z->free_area[MAX_ORDER].nr_free, 0);
	HT_EXPECT_TRUE(list_empty(&z->free_area[MAX_ORDER].free_list));
	HT_EXPECT_EQ(z->free_pages, 0x3ff);
	HT_EXPECT_EQ(z->managed_pages, 0x400);
	HT_EXPECT_EQ(z->nr_alloc, 1);
	EXPECT_ZONE_CHECKS(z);
	map_teardown();
}

HTEST(alloc_then_free_restores_each_order)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);
	struct page *page;
	u32 order, pfn;

	buddy_add_range(z, 0x1000, 0x400);
	for (order = 0; order <= MAX_ORDER; order++) {
		page = buddy_alloc(z, order);
		HT_EXPECT_TRUE(page == page_at(0x1000));
		expect_allocated(page, order);
		HT_EXPECT_EQ(z->free_pages, 0x400 - (1U << order));
		HT_EXPECT_EQ(buddy_free(z, page, order), BUDDY_OK);
		EXPECT_FREE_BLOCKS(z, BLK(0x1000, MAX_ORDER));
		HT_EXPECT_EQ(page->flags, PG_buddy);
		HT_EXPECT_EQ(page->order, MAX_ORDER);
		EXPECT_ZONE_CHECKS(z);
	}
	for (pfn = 0x1001; pfn < 0x1400; pfn++)
		if (page_at(pfn)->flags)
			HT_FAIL("page 0x%x has flags 0x%x", pfn, page_at(pfn)->flags);
	HT_EXPECT_EQ(z->free_pages, 0x400);
	HT_EXPECT_EQ(z->managed_pages, 0x400);
	HT_EXPECT_EQ(z->nr_alloc, NR_ORDERS);
	HT_EXPECT_EQ(z->nr_free_calls, NR_ORDERS);
	HT_EXPECT_EQ(z->nr_alloc_fail, 0);
	map_teardown();
}

HTEST(last_freed_block_is_reused_first)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);
	struct page *p[4];
	u32 i;

	buddy_add_range(z, 0x1000, 0x10);
	for (i = 0; i < 4; i++) {
		p[i] = buddy_alloc(z, 0);
		HT_EXPECT_EQ(page_to_pfn(p[i]), 0x1000 + i);
	}
	/* 0x1000 and 0x1002 free but unmerged: their buddies are in use. */
	HT_EXPECT_EQ(buddy_free(z, p[0], 0), BUDDY_OK);
	HT_EXPECT_EQ(buddy_free(z, p[2], 0), BUDDY_OK);
	HT_EXPECT_TRUE(buddy_alloc(z, 0) == p[2]);
	HT_EXPECT_EQ(buddy_free(z, p[2], 0), BUDDY_OK);
	HT_EXPECT_EQ(z->free_area[0].nr_free, 2);
	HT_EXPECT_TRUE(buddy_alloc(z, 0) == p[2]);
	HT_EXPECT_TRUE(buddy_alloc(z, 0) == p[0]);
	HT_EXPECT_EQ(buddy_free(z, p[2], 0), BUDDY_OK);
	HT_EXPECT_EQ(buddy_free(z, p[0], 0), BUDDY_OK);
	HT_EXPECT_TRUE(buddy_alloc(z, 0) == p[0]);
	/* p[2] is free now. */
	HT_EXPECT_EQ(buddy_free(z, p[0], 0), BUDDY_OK);
	HT_EXPECT_EQ(buddy_free(z, p[1], 0), BUDDY_OK);
	HT_EXPECT_EQ(buddy_free(z, p[3], 0), BUDDY_OK);
	EXPECT_FREE_BLOCKS(z, BLK(0x1000, 4));
	EXPECT_ZONE_CHECKS(z);
	map_teardown();
}

/*
 * alloc_free_all - allocate blocks of the orders @pick_order gives until
 * the zone is empty (checking each against a page map), then free them in
 * a random order and expect the free lists to be as they started.
 */
static void alloc_free_all(struct zone *z, u32 (*pick_order)(void))
{
	struct block *initial = calloc(MAP_PFNS, sizeof(*initial));
	struct block *live = calloc(MAP_PFNS, sizeof(*live));
	u8 *taken = calloc(MAP_PFNS, 1);
	u32 nr_initial, nr_live = 0, pages = 0, i, pfn, order;
	u64 fails = z->nr_alloc_fail, allocs = z->nr_alloc;
	u64 frees = z->nr_free_calls;
	struct page *page;

	nr_initial = free_blocks(z, initial, MAP_PFNS);
	while (z->free_pages) {
		order = pick_order();
		page = buddy_alloc(z, order);
		if (!page) {
			fails++;
			continue;
		}
		pfn = page_to_pfn(page);
		HT_EXPECT_EQ(pfn % (1U << order), 0);
		HT_EXPECT_GE(pfn, z->start_pfn);
		HT_EXPECT_LE(pfn + (1U << order), z->end_pfn);
		expect_allocated(page, order);
		for (i = 0; i < (1U << order); i++) {
			if (taken[pfn + i])
				HT_FAIL("page 0x%x handed out twice", pfn + i);
			taken[pfn + i] = 1;
		}
		live[nr_live++] = (struct block)BLK(pfn, order);
		pages += 1U << order;
		if (htest_failed)
			goto out;
	}
	HT_EXPECT_EQ(pages, z->managed_pages);
	HT_EXPECT_TRUE(buddy_alloc(z, 0) == NULL);
	fails++;
	HT_EXPECT_EQ(z->nr_alloc_fail, fails);
	for (order = 0; order <= MAX_ORDER; order++)
		HT_EXPECT_EQ(z->free_area[order].nr_free, 0);
	EXPECT_ZONE_CHECKS(z);

	shuffle_blocks(live, nr_live);
	for (i = 0; i < nr_live; i++)
		HT_EXPECT_EQ(buddy_free(z, page_at(live[i].pfn), live[i].order),
			     BUDDY_OK);
	expect_free_blocks(z, initial, nr_initial, __LINE__);
	HT_EXPECT_EQ(z->free_pages, z->managed_pages);
	HT_EXPECT_EQ(z->nr_alloc, allocs + nr_live);
	HT_EXPECT_EQ(z->nr_free_calls, frees + nr_live);
	EXPECT_ZONE_CHECKS(z);
out:
	free(initial);
	free(live);
	free(taken);
}

static u32 order_zero(void)
{
	return 0;
}

static u32 order_random(void)
{
	return random_below(NR_ORDERS);
}

HTEST(alloc_every_page_free_shuffled)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1a00);

	random_state = 0x9e3779b9;
	buddy_add_range(z, 0x1003, 0x9f8);
	alloc_free_all(z, order_zero);
	HT_EXPECT_EQ(z->nr_alloc, 0x9f8);
	map_teardown();
}

HTEST(alloc_mixed_orders_aligned_free_shuffled)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1c00);
	u32 round;

	random_state = 0x12345679;
	buddy_add_range(z, 0x1001, 0x5ff);
	buddy_add_range(z, 0x1601, 0x5fe);
	for (round = 0; round < 8 && !htest_failed; round++)
		alloc_free_all(z, order_random);
	map_teardown();
}

HTEST(alloc_fails_without_a_fitting_block)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1010);
	struct snapshot snap;

	buddy_add_range(z, 0x1001, 3);		/* 0x1001/0 and 0x1002/1 */
	snapshot_take(&snap, z);
	HT_EXPECT_TRUE(buddy_alloc(z, 2) == NULL);
	HT_EXPECT_EQ(z->nr_alloc_fail, 1);
	z->nr_alloc_fail = 0;
	HT_EXPECT_TRUE(snapshot_unchanged(&snap, z));
	z->nr_alloc_fail = 1;
	HT_EXPECT_TRUE(buddy_alloc(z, MAX_ORDER + 1) == NULL);
	HT_EXPECT_TRUE(buddy_alloc(z, 0xffffffff) == NULL);
	HT_EXPECT_EQ(z->nr_alloc_fail, 3);
	HT_EXPECT_EQ(z->nr_alloc, 0);
	HT_EXPECT_EQ(page_to_pfn(buddy_alloc(z, 1)), 0x1002);
	HT_EXPECT_TRUE(buddy_alloc(z, 1) == NULL);
	HT_EXPECT_EQ(page_to_pfn(buddy_alloc(z, 0)), 0x1001);
	HT_EXPECT_TRUE(buddy_alloc(z, 0) == NULL);
	HT_EXPECT_EQ(z->nr_alloc, 2);
	HT_EXPECT_EQ(z->nr_alloc_fail, 5);
	HT_EXPECT_EQ(z->free_pages, 0);
	EXPECT_ZONE_CHECKS(z);
	map_teardown();
}

HTEST(poison_and_zone_bits_are_left_alone)
{
	struct zone *z = zone_setup(ZONE_HIGHMEM, 0x1000, 0x1400);
	struct page *a, *b;
	u32 pfn, kept = PG_poisoned | ZONE_MASK;

	for (pfn = 0x1000; pfn < 0x1400; pfn++) {
		set_page_zonenum(page_at(pfn), ZONE_HIGHMEM);
		if (pfn % 3 == 0)
			page_at(pfn)->flags |= PG_poisoned;
	}
	buddy_add_range(z, 0x1000, 0x400);
	a = buddy_alloc(z, 0);
	b = buddy_alloc(z, 5);
	HT_EXPECT_EQ(buddy_free(z, a, 0), BUDDY_OK);
	a = buddy_alloc(z, 3);
	HT_EXPECT_EQ(buddy_free(z, b, 5), BUDDY_OK);
	HT_EXPECT_EQ(buddy_free(z, a, 3), BUDDY_OK);
	EXPECT_FREE_BLOCKS(z, BLK(0x1000, 10));
	for (pfn = 0x1000; pfn < 0x1400; pfn++) {
		u32 want = (ZONE_HIGHMEM << ZONE_SHIFT) |
			   (pfn % 3 == 0 ? PG_poisoned : 0);

		if ((page_at(pfn)->flags & kept) != want)
			HT_FAIL("page 0x%x: flags 0x%x", pfn, page_at(pfn)->flags);
		HT_EXPECT_EQ(page_zonenum(page_at(pfn)), ZONE_HIGHMEM);
	}
	EXPECT_ZONE_CHECKS(z);
	map_teardown();
}

/* ---------------------------------------------------------- free errors */

HTEST(free_twice_is_edouble)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);
	struct page *keep, *page;

	buddy_add_range(z, 0x1000, 0x400);
	keep = buddy_alloc(z, 0);	/* so that the others stay small */
	page = buddy_alloc(z, 0);
	HT_EXPECT_EQ(buddy_free(z, page, 0), BUDDY_OK);
	EXPECT_FREE_ERROR(z, page_to_pfn(page), 0, BUDDY_EDOUBLE);
	page = buddy_alloc(z, 3);
	HT_EXPECT_EQ(buddy_free(z, page, 3), BUDDY_OK);
	EXPECT_FREE_ERROR(z, page_to_pfn(page), 3, BUDDY_EDOUBLE);
	HT_EXPECT_EQ(z->nr_free_calls, 2);
	HT_EXPECT_EQ(buddy_free(z, keep, 0), BUDDY_OK);
	EXPECT_FREE_BLOCKS(z, BLK(0x1000, 10));
	map_teardown();
}

HTEST(free_inside_merged_block_is_edouble)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);
	struct page *a, *b;

	buddy_add_range(z, 0x1000, 0x400);
	a = buddy_alloc(z, 0);
	b = buddy_alloc(z, 0);
	HT_EXPECT_EQ(page_to_pfn(b), 0x1001);
	HT_EXPECT_EQ(buddy_free(z, a, 0), BUDDY_OK);
	HT_EXPECT_EQ(buddy_free(z, b, 0), BUDDY_OK);
	EXPECT_FREE_BLOCKS(z, BLK(0x1000, 10));
	/* 0x1001 was a head; now it is inside the merged block. */
	EXPECT_FREE_ERROR(z, 0x1001, 0, BUDDY_EDOUBLE);
	EXPECT_FREE_ERROR(z, 0x1234, 0, BUDDY_EDOUBLE);
	EXPECT_FREE_ERROR(z, 0x13ff, 0, BUDDY_EDOUBLE);
	EXPECT_FREE_ERROR(z, 0x1000, 0, BUDDY_EDOUBLE);
	EXPECT_FREE_ERROR(z, 0x1000, 3, BUDDY_EDOUBLE);
	EXPECT_FREE_ERROR(z, 0x1000, MAX_ORDER, BUDDY_EDOUBLE);
	map_teardown();
}

HTEST(free_reserved_is_ereserved)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);

	page_at(0x1200)->flags = PG_reserved;
	page_at(0x1300)->flags = PG_reserved | PG_head;	/* reserved wins */
	buddy_add_range(z, 0x1000, 0x200);
	EXPECT_FREE_ERROR(z, 0x1200, 0, BUDDY_ERESERVED);
	EXPECT_FREE_ERROR(z, 0x1200, 4, BUDDY_ERESERVED);
	EXPECT_FREE_ERROR(z, 0x1300, 0, BUDDY_ERESERVED);
	map_teardown();
}

HTEST(free_with_wrong_order_is_eorder)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);
	struct page *page;

	buddy_add_range(z, 0x1000, 0x400);
	page = buddy_alloc(z, 2);
	EXPECT_FREE_ERROR(z, 0x1000, 0, BUDDY_EORDER);
	EXPECT_FREE_ERROR(z, 0x1000, 1, BUDDY_EORDER);
	EXPECT_FREE_ERROR(z, 0x1000, 3, BUDDY_EORDER);
	EXPECT_FREE_ERROR(z, 0x1000, MAX_ORDER, BUDDY_EORDER);
	EXPECT_FREE_ERROR(z, 0x1000, MAX_ORDER + 1, BUDDY_EORDER);
	EXPECT_FREE_ERROR(z, 0x1000, 40, BUDDY_EORDER);
	EXPECT_FREE_ERROR(z, 0x1000, 0xffffffff, BUDDY_EORDER);
	HT_EXPECT_EQ(buddy_free(z, page, 2), BUDDY_OK);
	EXPECT_FREE_BLOCKS(z, BLK(0x1000, 10));
	map_teardown();
}

HTEST(free_tail_page_is_enothead)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);
	struct page *page;

	buddy_add_range(z, 0x1000, 0x200);	/* 0x1200.. stays a hole */
	page = buddy_alloc(z, 3);
	HT_EXPECT_EQ(page_to_pfn(page), 0x1000);
	EXPECT_FREE_ERROR(z, 0x1001, 0, BUDDY_ENOTHEAD);
	EXPECT_FREE_ERROR(z, 0x1004, 2, BUDDY_ENOTHEAD);
	EXPECT_FREE_ERROR(z, 0x1007, 0, BUDDY_ENOTHEAD);
	EXPECT_FREE_ERROR(z, 0x1004, 3, BUDDY_ENOTHEAD);
	EXPECT_FREE_ERROR(z, 0x1300, 0, BUDDY_ENOTHEAD);	/* never given */
	HT_EXPECT_EQ(buddy_free(z, page, 3), BUDDY_OK);
	EXPECT_FREE_BLOCKS(z, BLK(0x1000, 9));
	map_teardown();
}

HTEST(free_outside_zone_is_ezone)
{
	struct zone *a = &zones[ZONE_DMA], *b = &zones[ZONE_NORMAL];
	struct page *pa, *pb;

	map_setup();
	buddy_zone_init(a, "a", 0x1000, 0x1102);
	buddy_zone_init(b, "b", 0x1102, 0x1200);
	page_at(0x0fff)->flags = PG_reserved;
	buddy_add_range(a, 0x1000, 0x102);	/* 0x1000/8, 0x1100/1 */
	buddy_add_range(b, 0x1102, 0xfe);
	pa = buddy_alloc(a, 1);
	pb = buddy_alloc(b, 0);
	HT_EXPECT_EQ(page_to_pfn(pa), 0x1100);
	HT_EXPECT_EQ(page_to_pfn(pb), 0x1102);
	EXPECT_FREE_ERROR(a, 0x1102, 0, BUDDY_EZONE);	/* b's page */
	EXPECT_FREE_ERROR(b, 0x1100, 1, BUDDY_EZONE);	/* a's page */
	EXPECT_FREE_ERROR(a, 0x0fff, 0, BUDDY_EZONE);	/* before reserved */
	EXPECT_FREE_ERROR(a, 0x1100, 2, BUDDY_EZONE);	/* crosses the end */
	EXPECT_FREE_ERROR(a, 0x1101, 1, BUDDY_EZONE);
	EXPECT_FREE_ERROR(a, 0x1100, MAX_ORDER, BUDDY_EZONE);
	HT_EXPECT_EQ(buddy_free(a, pa, 1), BUDDY_OK);
	HT_EXPECT_EQ(buddy_free(b, pb, 0), BUDDY_OK);
	EXPECT_FREE_BLOCKS(a, BLK(0x1000, 8), BLK(0x1100, 1));
	EXPECT_ZONE_CHECKS(b);
	HT_EXPECT_EQ(b->free_pages, 0xfe);
	map_teardown();
}

HTEST(page_is_free_for_heads_inner_and_allocated_pages)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1800);
	struct page *page;

	struct page *block;

	page_at(0x1500)->flags = PG_reserved;
	buddy_add_range(z, 0x1000, 0x400);
	page = buddy_alloc(z, 0);		/* splits 0x1000/10 */
	block = buddy_alloc(z, 4);
	HT_EXPECT_EQ(page_to_pfn(block), 0x1010);
	buddy_add_range(z, 0x1501, 0x2ff);
	HT_EXPECT_FALSE(buddy_page_is_free(z, page));
	HT_EXPECT_TRUE(buddy_page_is_free(z, page_at(0x1001)));	/* head/0 */
	HT_EXPECT_TRUE(buddy_page_is_free(z, page_at(0x1002)));	/* head/1 */
	HT_EXPECT_TRUE(buddy_page_is_free(z, page_at(0x1003)));	/* inner */
	HT_EXPECT_TRUE(buddy_page_is_free(z, page_at(0x1200)));	/* head/9 */
	HT_EXPECT_TRUE(buddy_page_is_free(z, page_at(0x13ff)));	/* inner */
	HT_EXPECT_FALSE(buddy_page_is_free(z, page_at(0x1400)));	/* hole */
	HT_EXPECT_FALSE(buddy_page_is_free(z, page_at(0x1500)));	/* reserved */
	HT_EXPECT_TRUE(buddy_page_is_free(z, page_at(0x1501)));
	HT_EXPECT_TRUE(buddy_page_is_free(z, page_at(0x17ff)));
	HT_EXPECT_FALSE(buddy_page_is_free(z, page_at(0x0fff)));	/* outside */
	HT_EXPECT_FALSE(buddy_page_is_free(z, page_at(0x1800)));
	HT_EXPECT_FALSE(buddy_page_is_free(z, block));
	HT_EXPECT_FALSE(buddy_page_is_free(z, block + 15));
	HT_EXPECT_TRUE(buddy_page_is_free(z, block + 16));	/* 0x1020/5 */
	map_teardown();
}

HTEST(alloc_range_takes_only_blocks_inside_it)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1800);
	struct page *page;

	buddy_add_range(z, 0x1000, 0x800);	/* blocks 0x1000/10, 0x1400/10 */
	/* Below 0x1400: split the first block, keep its lower half. */
	page = buddy_alloc_range(z, 2, 0, 0x1400);
	HT_EXPECT_EQ(page_to_pfn(page), 0x1000);
	/* At 0x1400 and above: the second block, never the first's rest. */
	page = buddy_alloc_range(z, 0, 0x1400, ~0U);
	HT_EXPECT_EQ(page_to_pfn(page), 0x1400);
	page = buddy_alloc_range(z, 9, 0x1400, ~0U);
	HT_EXPECT_EQ(page_to_pfn(page), 0x1600);
	/* Nothing of order 9 is left wholly above 0x1400: a failure, counted. */
	HT_EXPECT_TRUE(buddy_alloc_range(z, 9, 0x1400, ~0U) == NULL);
	HT_EXPECT_EQ(z->nr_alloc_fail, 1);
	/* An empty range fails even with free blocks elsewhere. */
	HT_EXPECT_TRUE(buddy_alloc_range(z, 0, 0x1800, ~0U) == NULL);
	HT_EXPECT_EQ(z->free_pages, 0x800 - 4 - 1 - 0x200);
	map_teardown();
}

/* ---------------------------------------------------------- buddy_check */

HTEST(check_catches_wrong_nr_free)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);

	buddy_add_range(z, 0x1000, 0x400);
	z->free_area[MAX_ORDER].nr_free++;
	EXPECT_ZONE_CORRUPT(z, "nr_free");
	z->free_area[MAX_ORDER].nr_free--;
	z->free_area[3].nr_free = 1;
	EXPECT_ZONE_CORRUPT(z, "free_area[3]");
	z->free_area[3].nr_free = 0;
	EXPECT_ZONE_CHECKS(z);
	map_teardown();
}

HTEST(check_catches_wrong_free_pages)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);

	buddy_add_range(z, 0x1000, 0x400);
	z->free_pages--;
	EXPECT_ZONE_CORRUPT(z, "free_pages");
	z->free_pages++;
	z->managed_pages--;
	EXPECT_ZONE_CORRUPT(z, "managed_pages");
	map_teardown();
}

HTEST(check_catches_misaligned_head)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);

	buddy_add_range(z, 0x1000, 8);
	/* Move the head of 0x1000/3 one page up. */
	list_del(&page_at(0x1000)->lru);
	page_at(0x1000)->flags = 0;
	page_at(0x1001)->flags = PG_buddy;
	page_at(0x1001)->order = 3;
	list_add(&page_at(0x1001)->lru, &z->free_area[3].free_list);
	EXPECT_ZONE_CORRUPT(z, "misaligned");
	map_teardown();
}

HTEST(check_catches_unmerged_buddies)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);

	buddy_add_range(z, 0x1000, 1);
	page_at(0x1001)->flags = PG_buddy;
	page_at(0x1001)->order = 0;
	list_add(&page_at(0x1001)->lru, &z->free_area[0].free_list);
	z->free_area[0].nr_free++;
	z->free_pages++;
	z->managed_pages++;
	EXPECT_ZONE_CORRUPT(z, "not merged");
	map_teardown();
}

HTEST(check_catches_overlapping_blocks)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);

	buddy_add_range(z, 0x1000, 4);		/* 0x1000/2 */
	page_at(0x1002)->flags = PG_buddy;
	page_at(0x1002)->order = 0;
	list_add(&page_at(0x1002)->lru, &z->free_area[0].free_list);
	z->free_area[0].nr_free++;
	z->free_pages++;
	z->managed_pages++;
	EXPECT_ZONE_CORRUPT(z, "inside a free block");
	map_teardown();
}

HTEST(check_catches_bad_flags_and_orders)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);
	struct page *head;

	buddy_add_range(z, 0x1000, 0x400);
	head = page_at(0x1000);

	page_at(0x1005)->flags = PG_reserved;
	EXPECT_ZONE_CORRUPT(z, "inside a free block");
	page_at(0x1005)->flags = PG_head;
	EXPECT_ZONE_CORRUPT(z, "inside a free block");
	page_at(0x1005)->flags = 0;

	head->flags |= PG_head;
	EXPECT_ZONE_CORRUPT(z, "flags");
	head->flags = PG_buddy;
	head->order = 9;
	EXPECT_ZONE_CORRUPT(z, "is on free_area[10]");
	head->order = MAX_ORDER;

	page_at(0x1400)->flags = PG_buddy;	/* outside the span: ignored */
	page_at(0x1200)->flags = PG_buddy;	/* on no list */
	page_at(0x1200)->order = 0;
	EXPECT_ZONE_CORRUPT(z, "inside a free block");
	page_at(0x1200)->flags = 0;
	EXPECT_ZONE_CHECKS(z);
	map_teardown();
}

HTEST(check_catches_stray_buddy_flag_and_broken_links)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);
	struct list_head *saved;

	buddy_add_range(z, 0x1000, 2);		/* 0x1000/1 */
	page_at(0x1008)->flags = PG_buddy;	/* PG_buddy, on no list */
	page_at(0x1008)->order = 3;
	EXPECT_ZONE_CORRUPT(z, "PG_buddy");
	page_at(0x1008)->flags = 0;

	buddy_add_range(z, 0x1010, 2);		/* 0x1010/1 on the same list */
	saved = page_at(0x1010)->lru.next;
	page_at(0x1010)->lru.next = &page_at(0x1010)->lru;	/* a loop */
	EXPECT_ZONE_CORRUPT(z, "broken links");
	page_at(0x1010)->lru.next = saved;
	EXPECT_ZONE_CHECKS(z);
	map_teardown();
}

HTEST(check_reports_into_small_or_no_buffer)
{
	struct zone *z = zone_setup(ZONE_NORMAL, 0x1000, 0x1400);
	char why[8];

	buddy_add_range(z, 0x1000, 0x400);
	z->free_pages++;
	HT_EXPECT_FALSE(buddy_check(z, NULL, 0));
	memset(why, 'x', sizeof(why));
	HT_EXPECT_FALSE(buddy_check(z, why, sizeof(why)));
	HT_EXPECT_EQ(strlen(why), sizeof(why) - 1);
	map_teardown();
}

/* ---------------------------------------------------------- random model */

enum model_state {
	PAGE_FREE,		/* given to the zone, not allocated */
	PAGE_ALLOCATED,
	PAGE_RESERVED,		/* PG_reserved, never given */
	PAGE_HOLE,		/* in the span, never given, not reserved */
};

struct model_layout {
	u32 start_pfn, end_pfn;
	struct block reserved[8];	/* ranges: pfn and count */
	struct block holes[4];
};

struct model {
	const struct zone *z;
	u8 state[MAP_PFNS];
	u32 live_order[MAP_PFNS];	/* allocation order at heads, else ~0 */
	struct block live[MAP_PFNS];
	u32 nr_live, nr_free;
	u32 nr_bad_frees[BUDDY_EZONE + 1];	/* by the error expected */
};

/* model_fits - true when the model has 2^@order free aligned pages. */
static bool model_fits(const struct model *m, u32 order)
{
	u32 size = 1U << order, pfn, i;

	if (order > MAX_ORDER)
		return false;
	for (pfn = ALIGN_UP(m->z->start_pfn, size);
	     pfn + size <= m->z->end_pfn; pfn += size) {
		for (i = 0; i < size && m->state[pfn + i] == PAGE_FREE; i++)
			;
		if (i == size)
			return true;
	}
	return false;
}

/* model_free_error - what buddy_free(@pfn, @order) must return. */
static enum buddy_error model_free_error(const struct model *m, u32 pfn,
					 u32 order)
{
	const struct zone *z = m->z;

	if (!zone_contains(z, pfn) ||
	    (order <= MAX_ORDER && z->end_pfn - pfn < (1U << order)))
		return BUDDY_EZONE;
	if (m->state[pfn] == PAGE_RESERVED)
		return BUDDY_ERESERVED;
	if (m->state[pfn] == PAGE_FREE)
		return BUDDY_EDOUBLE;
	if (m->live_order[pfn] == ~0U)
		return BUDDY_ENOTHEAD;
	if (m->live_order[pfn] != order)
		return BUDDY_EORDER;
	return BUDDY_OK;
}

static void model_set(struct model *m, u32 pfn, u32 order, u8 state)
{
	memset(&m->state[pfn], state, 1U << order);
}

/* model_compare - every page's buddy_page_is_free() agrees with the model. */
static void model_compare(const struct model *m)
{
	u32 pfn;

	for (pfn = m->z->start_pfn; pfn < m->z->end_pfn; pfn++) {
		if (buddy_page_is_free(m->z, page_at(pfn)) !=
		    (m->state[pfn] == PAGE_FREE)) {
			HT_FAIL("page 0x%x: buddy_page_is_free %d, model state %u",
				pfn, buddy_page_is_free(m->z, page_at(pfn)),
				m->state[pfn]);
			return;
		}
	}
	HT_EXPECT_EQ(m->z->free_pages, m->nr_free);
	EXPECT_ZONE_CHECKS(m->z);
}

static u32 random_alloc_order(void)
{
	u32 r = random_below(100);

	if (r < 60)
		return random_below(3);
	if (r < 90)
		return 3 + random_below(4);
	return 7 + random_below(MAX_ORDER - 5);	/* up to MAX_ORDER + 1 */
}

static void model_alloc(struct model *m, struct zone *z, u64 *fails)
{
	u32 order = random_alloc_order(), pfn, i;
	bool fits = model_fits(m, order);
	struct page *page = buddy_alloc(z, order);

	if (!page) {
		if (fits)
			HT_FAIL("order %u failed, the model has room", order);
		(*fails)++;
		return;
	}
	pfn = page_to_pfn(page);
	if (!fits || pfn % (1U << order) || !zone_contains(z, pfn) ||
	    z->end_pfn - pfn < (1U << order)) {
		HT_FAIL("order %u gave 0x%x, model fits %d", order, pfn, fits);
		return;
	}
	for (i = 0; i < (1U << order); i++)
		if (m->state[pfn + i] != PAGE_FREE) {
			HT_FAIL("order %u at 0x%x: page 0x%x has state %u",
				order, pfn, pfn + i, m->state[pfn + i]);
			return;
		}
	expect_allocated(page, order);
	model_set(m, pfn, order, PAGE_ALLOCATED);
	m->live_order[pfn] = order;
	m->live[m->nr_live++] = (struct block)BLK(pfn, order);
	m->nr_free -= 1U << order;
}

static void model_free_live(struct model *m, struct zone *z, u32 index)
{
	struct block blk = m->live[index];

	HT_EXPECT_EQ(buddy_free(z, page_at(blk.pfn), blk.order), BUDDY_OK);
	model_set(m, blk.pfn, blk.order, PAGE_FREE);
	m->live_order[blk.pfn] = ~0U;
	m->live[index] = m->live[--m->nr_live];
	m->nr_free += 1U << blk.order;
}

/*
 * random_bad_pfn - a pfn to free by mistake: anywhere around the zone, a
 * page of a live block (its head or a tail page), or a reserved page.
 */
static u32 random_bad_pfn(const struct model *m,
			  const struct model_layout *layout)
{
	u32 lo = m->z->start_pfn > 4 ? m->z->start_pfn - 4 : 0;
	u32 r = random_below(4);
	struct block blk;

	if (r == 1 && m->nr_live) {
		blk = m->live[random_below(m->nr_live)];
		return blk.pfn + random_below(2) * random_below(1U << blk.order);
	}
	if (r == 2 && layout->reserved[0].order) {
		blk = layout->reserved[0];
		for (r = 1; r < ARRAY_SIZE(layout->reserved) &&
		     layout->reserved[r].order; r++)
			if (random_below(r + 1) == 0)
				blk = layout->reserved[r];
		return blk.pfn + random_below(blk.order);
	}
	return lo + random_below(m->z->end_pfn + 4 - lo);
}

/* model_bad_free - free a random pfn and order, as the model predicts. */
static void model_bad_free(struct model *m, struct zone *z,
			   const struct model_layout *layout)
{
	u32 pfn = random_bad_pfn(m, layout);
	u32 order = random_below(100) < 90 ? random_below(NR_ORDERS) : 40;
	enum buddy_error want = model_free_error(m, pfn, order);
	u32 i;

	if (want == BUDDY_OK) {
		for (i = 0; m->live[i].pfn != pfn; i++)
			;
		model_free_live(m, z, i);
		return;
	}
	EXPECT_FREE_ERROR(z, pfn, order, want);
	m->nr_bad_frees[want]++;
}

/*
 * run_model - @nr_ops random allocations, frees and bad frees on a zone
 * laid out as @layout, checked against the model at every step; at the
 * end everything is freed and the free lists must be as add_range left them.
 */
static void run_model(const struct model_layout *layout, u32 seed, u32 nr_ops)
{
	struct model *m = calloc(1, sizeof(*m));
	struct zone *z = zone_setup(ZONE_NORMAL, layout->start_pfn,
				    layout->end_pfn);
	struct block *initial = calloc(MAP_PFNS, sizeof(*initial));
	u32 nr_initial, op, pfn, run, i, r;
	u64 fails = 0, allocs = 0, frees = 0;

	random_state = seed;
	m->z = z;
	for (pfn = 0; pfn < MAP_PFNS; pfn++)
		m->live_order[pfn] = ~0U;
	for (i = 0; i < ARRAY_SIZE(layout->reserved); i++)
		for (pfn = layout->reserved[i].pfn;
		     pfn < layout->reserved[i].pfn + layout->reserved[i].order; pfn++) {
			m->state[pfn] = PAGE_RESERVED;
			page_at(pfn)->flags = PG_reserved;
		}
	for (i = 0; i < ARRAY_SIZE(layout->holes); i++)
		memset(&m->state[layout->holes[i].pfn], PAGE_HOLE,
		       layout->holes[i].order);

	/* Each run of free pages given in two pieces, the second first. */
	for (pfn = z->start_pfn; pfn < z->end_pfn; pfn += run) {
		for (run = 0; pfn + run < z->end_pfn &&
		     (m->state[pfn + run] == PAGE_FREE) == (m->state[pfn] == PAGE_FREE);
		     run++)
			;
		if (m->state[pfn] != PAGE_FREE)
			continue;
		buddy_add_range(z, pfn + run / 3, run - run / 3);
		if (run / 3)
			buddy_add_range(z, pfn, run / 3);
		m->nr_free += run;
	}
	HT_EXPECT_EQ(z->managed_pages, m->nr_free);
	nr_initial = free_blocks(z, initial, MAP_PFNS);
	model_compare(m);

	for (op = 0; op < nr_ops && !htest_failed; op++) {
		r = random_below(100);
		if (r < 52 || !m->nr_live) {
			u64 before = fails;

			model_alloc(m, z, &fails);
			allocs += fails == before;
		} else if (r < 95) {
			model_free_live(m, z, random_below(m->nr_live));
			frees++;
		} else {
			u32 live_before = m->nr_live;

			model_bad_free(m, z, layout);
			frees += m->nr_live != live_before;
		}
		if (z->free_pages != m->nr_free)
			HT_FAIL("op %u: free_pages %u, the model has %u", op,
				z->free_pages, m->nr_free);
		if (op % 500 == 0)
			model_compare(m);
	}
	if (htest_failed) {
		printf("    # seed 0x%x, stopped at op %u\n", seed, op);
		goto out;
	}
	model_compare(m);
	printf("    # %s: %u ops: %llu allocations, %llu failed, %llu frees, "
	       "bad frees: %u reserved, %u double, %u order, %u not head, "
	       "%u zone\n", htest_current, nr_ops, (unsigned long long)allocs,
	       (unsigned long long)fails, (unsigned long long)frees,
	       m->nr_bad_frees[BUDDY_ERESERVED], m->nr_bad_frees[BUDDY_EDOUBLE],
	       m->nr_bad_frees[BUDDY_EORDER], m->nr_bad_frees[BUDDY_ENOTHEAD],
	       m->nr_bad_frees[BUDDY_EZONE]);
	HT_EXPECT_GT(fails, nr_ops / 50);	/* the zone did fill up */
	for (i = BUDDY_ERESERVED; i <= BUDDY_EZONE; i++)
		HT_EXPECT_GT(m->nr_bad_frees[i], 0);
	HT_EXPECT_EQ(z->nr_alloc, allocs);
	HT_EXPECT_EQ(z->nr_alloc_fail, fails);

	shuffle_blocks(m->live, m->nr_live);
	while (m->nr_live && !htest_failed) {
		model_free_live(m, z, m->nr_live - 1);
		frees++;
	}
	HT_EXPECT_EQ(z->nr_free_calls, frees);
	HT_EXPECT_EQ(z->free_pages, z->managed_pages);
	expect_free_blocks(z, initial, nr_initial, __LINE__);
	model_compare(m);
out:
	free(initial);
	free(m);
	map_teardown();
}

HTEST(random_ops_match_model)
{
	static const struct model_layout layout = {
		.start_pfn = 0x0ff3, .end_pfn = 0x1c41,
		.reserved = { BLK(0x1000, 1), BLK(0x1357, 2), BLK(0x17ff, 1),
			      BLK(0x1a00, 4), BLK(0x1c40, 1) },
		.holes = { BLK(0x1900, 0x11), BLK(0x0ff3, 3) },
	};

	run_model(&layout, 0xc0ffee01, 20000);
}

HTEST(random_ops_match_model_from_pfn_zero)
{
	static const struct model_layout layout = {
		.start_pfn = 0, .end_pfn = 0x1000,
		.reserved = { BLK(0, 1), BLK(0x9f, 0x61), BLK(0x400, 0x100) },
	};

	run_model(&layout, 0x5eed1234, 20000);
}

HTEST_MAIN("buddy")
