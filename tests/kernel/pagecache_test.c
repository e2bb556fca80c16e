// SPDX-License-Identifier: MIT
/*
 * The page cache on a fake backing store: a mapping whose readpage and
 * writepage copy between its pages and a kernel buffer, counting each call
 * per page. readpage runs once per page however often it is read;
 * filemap_write_and_wait writes each dirty page exactly once, and a page
 * whose writeback failed stays dirty; truncate drops pages (dirty ones
 * without writing them) and every node of a sparse index; pages come from
 * HighMem when it has free pages; a page a failed write left is read at
 * the next partial write; the shrinker drops clean pages only (not
 * dirty, held or locked ones) and the zones get exactly those back; and
 * the allocator calls it when HighMem runs out.
 */
#include "fs/pagecache.h"
#include <kernel/ktest.h>
#include <kernel/panic.h>
#include <lib/err.h>
#include <lib/string.h>
#include <mm/highmem.h>
#include <mm/page_ref.h>
#include "mm/mm_internal.h"
#include <uapi/hm386/errno.h>
#include "tests/kernel/fs_test_util.h"
#include "tests/kernel/mm_test_util.h"

#define STORE_PAGES	8
#define STORE_SEED	0x57035eed
#define NO_PAGE		(~0U)

static u8 store[STORE_PAGES * PAGE_SIZE];
static u32 reads[STORE_PAGES], writes[STORE_PAGES];
static u32 fail_write = NO_PAGE;	/* writepage of this index: -EIO */
static struct address_space mapping;

static int fake_readpage(struct address_space *m, struct page *page)
{
	if (page->index >= STORE_PAGES) {
		memzero_page(page, 0, PAGE_SIZE);	/* past the end */
		return 0;
	}
	reads[page->index]++;
	memcpy_to_page(page, 0, store + page->index * PAGE_SIZE, PAGE_SIZE);
	return 0;
}

static int fake_writepage(struct address_space *m, struct page *page)
{
	BUG_ON(page->index >= STORE_PAGES);
	if (page->index == fail_write)
		return -EIO;
	writes[page->index]++;
	memcpy_from_page(store + page->index * PAGE_SIZE, page, 0, PAGE_SIZE);
	return 0;
}

static const struct address_space_ops fake_aops = {
	.readpage = fake_readpage, .writepage = fake_writepage,
};

/* A fresh store holding pattern @seed, fresh counters, an empty mapping. */
static void fresh_mapping(struct ktest *t)
{
	pattern_fill(store, STORE_SEED, 0, sizeof(store));
	memset(reads, 0, sizeof(reads));
	memset(writes, 0, sizeof(writes));
	fail_write = NO_PAGE;
	mapping_init(&mapping, NULL, &fake_aops, false);
}

static void drop_mapping(struct ktest *t)
{
	mapping_destroy(&mapping);
}

/* True when @page holds pattern @seed at file offset @index pages. */
static bool page_holds(struct page *page, u32 seed, u32 index)
{
	u8 *addr = kmap_local_page(page);
	bool ok = pattern_check(addr, seed, index * PAGE_SIZE, PAGE_SIZE) == -1;

	kunmap_local(addr);
	return ok;
}

static void readpage_once_per_page(struct ktest *t)
{
	bool highmem = zone_free_pages(&zones[ZONE_HIGHMEM]) > 4 * STORE_PAGES;
	u64 reads_before = pagecache_stats.reads;
	struct zone_counts before;

	zone_counts_take(&before);
	for (u32 round = 0; round < 3; round++) {
		for (u32 i = 0; i < STORE_PAGES; i++) {
			struct page *page = read_mapping_page(&mapping, i);

			KASSERT_FALSE(t, IS_ERR(page));
			KEXPECT_TRUE(t, PageUptodate(page));
			KEXPECT_TRUE(t, page->mapping == &mapping && page->index == i);
			KEXPECT_EQ(t, PageHighMem(page), highmem);
			KEXPECT_TRUE(t, page_holds(page, STORE_SEED, i));
			KEXPECT_EQ(t, page_ref_count(page), 2);	/* cache + us */
			put_page(page);
		}
	}
	for (u32 i = 0; i < STORE_PAGES; i++)
		KEXPECT_EQ(t, reads[i], 1);
	KEXPECT_EQ(t, pagecache_stats.reads - reads_before, STORE_PAGES);
	KEXPECT_EQ(t, mapping.nr_pages, STORE_PAGES);
	KEXPECT_NULL(t, find_get_page(&mapping, STORE_PAGES));
	truncate_inode_pages(&mapping, 0);
	KEXPECT_EQ(t, mapping.nr_pages, 0);
	KEXPECT_NULL(t, mapping.index_root);
	KEXPECT_EQ(t, zone_counts_changed(&before), 0);
}

/* Page @index as a write covering it whole would leave it: pattern @seed,
 * uptodate, dirty. */
static void write_whole_page(struct ktest *t, u32 index, u32 seed)
{
	struct page *page = grab_cache_page(&mapping, index, true);
	u8 *addr;

	KASSERT_FALSE(t, IS_ERR(page));
	lock_page(page);
	addr = kmap_local_page(page);
	pattern_fill(addr, seed, index * PAGE_SIZE, PAGE_SIZE);
	kunmap_local(addr);
	set_page_uptodate(page);
	set_page_dirty(page);
	unlock_page(page);
	put_page(page);
}

static void dirty_pages_written_back_once(struct ktest *t)
{
	static const u32 dirty[] = { 1, 2, 5, 7 };
	u64 wb_before = pagecache_stats.writebacks;

	for (u32 i = 0; i < ARRAY_SIZE(dirty); i++)
		write_whole_page(t, dirty[i], 0xd1d1);
	put_page(read_mapping_page(&mapping, 3));	/* a clean one */
	KEXPECT_EQ(t, mapping.nr_dirty, ARRAY_SIZE(dirty));
	KEXPECT_EQ(t, reads[1] + reads[2] + reads[5] + reads[7], 0);	/* whole */
	fail_write = 5;
	KEXPECT_EQ(t, filemap_write_and_wait(&mapping), -EIO);
	KEXPECT_EQ(t, mapping.nr_dirty, 1);		/* page 5 stays dirty */
	fail_write = NO_PAGE;
	KEXPECT_EQ(t, filemap_write_and_wait(&mapping), 0);
	KEXPECT_EQ(t, filemap_write_and_wait(&mapping), 0);	/* nothing left */
	for (u32 i = 0; i < STORE_PAGES; i++) {
		bool was_dirty = i == 1 || i == 2 || i == 5 || i == 7;

		KEXPECT_EQ(t, writes[i], was_dirty ? 1 : 0);
		KEXPECT_EQ(t, pattern_check(store + i * PAGE_SIZE,
					    was_dirty ? 0xd1d1 : STORE_SEED,
					    i * PAGE_SIZE, PAGE_SIZE), -1);
	}
	KEXPECT_EQ(t, mapping.nr_dirty, 0);
	KEXPECT_EQ(t, pagecache_stats.writebacks - wb_before, 5);	/* 4 + retry */
}

static void truncate_drops_pages_unwritten(struct ktest *t)
{
	struct zone_counts before;

	zone_counts_take(&before);
	for (u32 i = 0; i < 6; i++)
		write_whole_page(t, i, 0x7777);
	truncate_inode_pages(&mapping, 3);
	KEXPECT_EQ(t, mapping.nr_pages, 3);
	KEXPECT_EQ(t, mapping.nr_dirty, 3);
	for (u32 i = 0; i < 6; i++) {
		struct page *page = find_get_page(&mapping, i);

		KEXPECT_EQ(t, page != NULL, i < 3);
		if (page)
			put_page(page);
	}
	KEXPECT_EQ(t, filemap_write_and_wait(&mapping), 0);
	for (u32 i = 0; i < 6; i++)
		KEXPECT_EQ(t, writes[i], i < 3 ? 1 : 0);
	truncate_inode_pages(&mapping, 0);
	KEXPECT_EQ(t, zone_counts_changed(&before), 0);
}

static void sparse_index_reaches_the_last_page(struct ktest *t)
{
	static const u32 where[] = { 0, 63, 64, 4095, 1U << 20, 0x7fffffff, 0xfffffffe,
				     0xffffffff };
	struct zone_counts before;

	zone_counts_take(&before);
	for (u32 i = 0; i < ARRAY_SIZE(where); i++) {
		struct page *page = read_mapping_page(&mapping, where[i]);

		KASSERT_FALSE(t, IS_ERR(page));
		put_page(page);
	}
	KEXPECT_EQ(t, mapping.nr_pages, ARRAY_SIZE(where));
	for (u32 i = 0; i < ARRAY_SIZE(where); i++) {
		struct page *page = find_get_page(&mapping, where[i]);

		KASSERT_NOT_NULL(t, page);
		KEXPECT_EQ(t, page->index, where[i]);
		put_page(page);
	}
	KEXPECT_NULL(t, find_get_page(&mapping, 65));
	KEXPECT_NULL(t, find_get_page(&mapping, 0xfffffffd));
	truncate_inode_pages(&mapping, 0x80000000);
	KEXPECT_EQ(t, mapping.nr_pages, 6);
	truncate_inode_pages(&mapping, 0);
	KEXPECT_NULL(t, mapping.index_root);
	KEXPECT_EQ(t, zone_counts_changed(&before), 0);
}

/* A whole-page write that copied nothing leaves a zeroed page that is not
 * uptodate; the next partial write must read the file's bytes into it. */
static void page_left_by_a_failed_write_is_read(struct ktest *t)
{
	struct page *page = grab_cache_page(&mapping, 3, true);

	KASSERT_FALSE(t, IS_ERR(page));
	KEXPECT_FALSE(t, PageUptodate(page));
	KEXPECT_EQ(t, reads[3], 0);
	put_page(page);				/* the copy faulted: nothing */
	page = grab_cache_page(&mapping, 3, false);
	KASSERT_FALSE(t, IS_ERR(page));
	KEXPECT_TRUE(t, PageUptodate(page));
	KEXPECT_EQ(t, reads[3], 1);
	KEXPECT_TRUE(t, page_holds(page, STORE_SEED, 3));
	put_page(page);
	truncate_inode_pages(&mapping, 0);
}

static void shrinker_drops_clean_pages_only(struct ktest *t)
{
	u32 zone_free[MAX_NR_ZONES], zone_dropped[MAX_NR_ZONES] = { 0 };
	u64 dropped_before = pagecache_stats.dropped;
	struct page *held, *locked;
	u32 freed;

	for (u32 i = 0; i < STORE_PAGES; i++)
		put_page(read_mapping_page(&mapping, i));
	write_whole_page(t, 2, 0x2222);			/* dirty */
	held = find_get_page(&mapping, 4);		/* a reference */
	locked = find_get_page(&mapping, 6);
	lock_page(locked);				/* I/O in flight */
	for (u32 i = 0; i < STORE_PAGES; i++) {
		struct page *page = find_get_page(&mapping, i);

		if (i != 2 && i != 4 && i != 6)
			zone_dropped[page_zonenum(page)]++;
		put_page(page);
	}
	for (u32 z = 0; z < MAX_NR_ZONES; z++)
		zone_free[z] = zone_free_pages(&zones[z]);
	freed = shrink_caches((1U << MAX_NR_ZONES) - 1, 1000);
	/* Only this test's mapping is evictable and has clean pages. */
	KEXPECT_EQ(t, freed, STORE_PAGES - 3);
	KEXPECT_EQ(t, pagecache_stats.dropped - dropped_before, STORE_PAGES - 3);
	for (u32 z = 0; z < MAX_NR_ZONES; z++)
		KEXPECT_EQ(t, zone_free_pages(&zones[z]) - zone_free[z], zone_dropped[z]);
	KEXPECT_EQ(t, mapping.nr_pages, 3);
	unlock_page(locked);
	put_page(locked);
	put_page(held);
	/* A dropped page is read again at its next use. */
	put_page(read_mapping_page(&mapping, 0));
	KEXPECT_EQ(t, reads[0], 2);
	KEXPECT_EQ(t, reads[2], 1);
	KEXPECT_EQ(t, filemap_write_and_wait(&mapping), 0);
	KEXPECT_EQ(t, writes[2], 1);
}

static void allocator_calls_the_shrinker(struct ktest *t)
{
	struct zone *high = &zones[ZONE_HIGHMEM];
	u64 dropped_before = pagecache_stats.dropped;
	struct held h = HELD_INIT(h);

	if (zone_free_pages(high) < 4 * STORE_PAGES || high->managed_pages > 1U << 18)
		ktest_skip(t, "needs HighMem of at most 1 GiB with free pages");
	for (u32 i = 0; i < STORE_PAGES; i++) {
		struct page *page = read_mapping_page(&mapping, i);

		KASSERT_FALSE(t, IS_ERR(page));
		KEXPECT_TRUE(t, PageHighMem(page));
		put_page(page);
	}
	write_whole_page(t, 0, 0x0);			/* stays: dirty */
	drain_zone(&h, GFP_HIGHUSER, high);
	KEXPECT_EQ(t, zone_free_pages(high), 0);
	KEXPECT_EQ(t, pagecache_stats.dropped - dropped_before, STORE_PAGES - 1);
	KEXPECT_EQ(t, mapping.nr_pages, 1);
	release_all(&h, 1);
	truncate_inode_pages(&mapping, 0);
}

static struct ktest_case pagecache_cases[] = {
	KTEST_CASE(readpage_once_per_page),
	KTEST_CASE(dirty_pages_written_back_once),
	KTEST_CASE(truncate_drops_pages_unwritten),
	KTEST_CASE(sparse_index_reaches_the_last_page),
	KTEST_CASE(page_left_by_a_failed_write_is_read),
	KTEST_CASE(shrinker_drops_clean_pages_only),
	KTEST_CASE(allocator_calls_the_shrinker),
	{}
};
KTEST_SUITE_FULL(pagecache, pagecache_cases, NULL, fresh_mapping, drop_mapping);
