// SPDX-License-Identifier: MIT
/*
 * Self-tests of the metadata buffer cache (fs/buffer.h) on the RAM disk
 * ram0, in blocks of 1 KiB from the middle of the disk (the block suite
 * keeps its last page unwritten): what bread() returns is the disk's
 * bytes, a second bread() is a hit on the same buffer, a dirty buffer
 * reaches the disk at sync_blockdev() and not before, a forgotten one
 * never does, the cache keeps at most BUFFER_CACHE_MAX unheld buffers and
 * writes a dirty one back before it drops it, and invalidate_bdev()
 * empties it. The disk's bytes are read back with blkdev_rw_page() into a
 * page of the test's own, never through the cache.
 */
#include "fs/buffer.h"
#include "fs/vfs.h"
#include <block/blkdev.h>
#include <kernel/ktest.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <uapi/hm386/errno.h>

#define BS		1024U
#define SPB		(BS / SECTOR_SIZE)

static struct block_device *ram;
static u32 first_block;			/* of the test's area */

static u8 byte_of(u32 block, u32 i, u32 seed)
{
	return (u8)(block * 31 + i * 7 + seed);
}

/* Write block @block of ram0 directly: byte i is byte_of(block, i, seed). */
static int disk_write(u32 block, u32 seed)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u8 *p;
	int err;

	if (!page)
		return -ENOMEM;
	p = kmap_local_page(page);
	for (u32 i = 0; i < BS; i++)
		p[i] = byte_of(block, i, seed);
	kunmap_local(p);
	err = blkdev_rw_page(ram, (u64)block * SPB, page, 0, BS, REQ_OP_WRITE);
	__free_page(page);
	return err;
}

/* Bytes of block @block on ram0 that differ from seed @seed's, or -1. */
static int disk_mismatches(u32 block, u32 seed)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	int bad = 0;
	u8 *p;

	if (!page)
		return -1;
	if (blkdev_rw_page(ram, (u64)block * SPB, page, 0, BS, REQ_OP_READ)) {
		__free_page(page);
		return -1;
	}
	p = kmap_local_page(page);
	for (u32 i = 0; i < BS; i++)
		bad += p[i] != byte_of(block, i, seed);
	kunmap_local(p);
	__free_page(page);
	return bad;
}

static int buffer_suite_init(void)
{
	ram = blkdev_get_by_name("ram0");
	if (!ram)
		return -1;
	first_block = (u32)(ram->nr_sectors / 2 / SPB);
	return 0;
}

static void buffer_case_init(struct ktest *t)
{
	mutex_lock(&fs_lock);
}

static void buffer_case_exit(struct ktest *t)
{
	invalidate_bdev(ram);
	mutex_unlock(&fs_lock);
}

static void bread_reads_the_disk_then_hits(struct ktest *t)
{
	u32 blk = first_block;
	struct buffer_stats before;
	struct buffer_head *bh, *again;
	u32 bad = 0;

	KASSERT_EQ(t, disk_write(blk, 1), 0);
	before = buffer_stats;
	bh = bread(ram, blk, BS);
	KASSERT_NOT_NULL(t, bh);
	for (u32 i = 0; i < BS; i++)
		bad += ((u8 *)bh->data)[i] != byte_of(blk, i, 1);
	KEXPECT_EQ(t, bad, 0);
	KEXPECT_EQ(t, buffer_stats.reads, before.reads + 1);
	KEXPECT_TRUE(t, !PageHighMem(bh->page));	/* lowmem: an address */
	again = bread(ram, blk, BS);
	KEXPECT_TRUE(t, again == bh);
	KEXPECT_EQ(t, bh->count, 2);
	KEXPECT_EQ(t, buffer_stats.reads, before.reads + 1);
	KEXPECT_EQ(t, buffer_stats.hits, before.hits + 1);
	brelse(again);
	brelse(bh);
}

static void dirty_buffer_reaches_the_disk_at_sync(struct ktest *t)
{
	u32 blk = first_block + 1;
	struct buffer_head *bh;
	u64 writes;

	KASSERT_EQ(t, disk_write(blk, 2), 0);
	bh = bread(ram, blk, BS);
	KASSERT_NOT_NULL(t, bh);
	for (u32 i = 0; i < BS; i++)
		((u8 *)bh->data)[i] = byte_of(blk, i, 3);
	mark_buffer_dirty(bh);
	brelse(bh);
	KEXPECT_EQ(t, disk_mismatches(blk, 2), 0);	/* not yet */
	writes = buffer_stats.writes;
	KEXPECT_EQ(t, sync_blockdev(ram), 0);
	KEXPECT_EQ(t, disk_mismatches(blk, 3), 0);
	KEXPECT_EQ(t, buffer_stats.writes, writes + 1);
	KEXPECT_EQ(t, sync_blockdev(ram), 0);		/* clean now */
	KEXPECT_EQ(t, buffer_stats.writes, writes + 1);
}

static void forgotten_buffer_is_never_written(struct ktest *t)
{
	u32 blk = first_block + 2;
	struct buffer_head *bh;
	u64 reads;

	KASSERT_EQ(t, disk_write(blk, 4), 0);
	bh = bread(ram, blk, BS);
	KASSERT_NOT_NULL(t, bh);
	memset(bh->data, 0xEE, BS);
	mark_buffer_dirty(bh);
	brelse(bh);
	forget_buffer(ram, blk, BS);
	KEXPECT_EQ(t, sync_blockdev(ram), 0);
	KEXPECT_EQ(t, disk_mismatches(blk, 4), 0);
	reads = buffer_stats.reads;
	bh = bread(ram, blk, BS);			/* from the disk again */
	KASSERT_NOT_NULL(t, bh);
	KEXPECT_EQ(t, buffer_stats.reads, reads + 1);
	KEXPECT_EQ(t, ((u8 *)bh->data)[5], byte_of(blk, 5, 4));
	brelse(bh);
}

static void unheld_buffers_beyond_the_limit_are_written_and_dropped(struct ktest *t)
{
	u32 extra = 20, n = BUFFER_CACHE_MAX + extra, base = first_block + 8;
	u32 bad = 0;

	for (u32 b = 0; b < n; b++) {
		struct buffer_head *bh = bget(ram, base + b, BS);

		KASSERT_NOT_NULL(t, bh);
		for (u32 i = 0; i < BS; i++)
			((u8 *)bh->data)[i] = byte_of(base + b, i, 5);
		mark_buffer_dirty(bh);
		brelse(bh);
	}
	KEXPECT_LE(t, buffer_stats.buffers, BUFFER_CACHE_MAX);
	/* The least recently released went first, written back: no sync. */
	for (u32 b = 0; b < extra; b++)
		bad += disk_mismatches(base + b, 5) != 0;
	KEXPECT_EQ(t, bad, 0);
	KEXPECT_EQ(t, sync_blockdev(ram), 0);
	for (u32 b = extra; b < n; b++)
		bad += disk_mismatches(base + b, 5) != 0;
	KEXPECT_EQ(t, bad, 0);
	invalidate_bdev(ram);
	KEXPECT_EQ(t, buffer_stats.buffers, 0);		/* ram0 held them all */
}

static struct ktest_case buffer_cases[] = {
	KTEST_CASE(bread_reads_the_disk_then_hits),
	KTEST_CASE(dirty_buffer_reaches_the_disk_at_sync),
	KTEST_CASE(forgotten_buffer_is_never_written),
	KTEST_CASE(unheld_buffers_beyond_the_limit_are_written_and_dropped),
	{}
};
KTEST_SUITE_FULL(buffer, buffer_cases, buffer_suite_init, buffer_case_init,
		 buffer_case_exit);
