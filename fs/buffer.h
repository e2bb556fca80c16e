/* SPDX-License-Identifier: MIT */
/*
 * The metadata buffer cache (fs/buffer.c), private to fs/: blocks of a
 * block device that a file system reads and writes as structures (super
 * block, group descriptors, bitmaps, inode tables, indirect blocks), kept
 * in LOWMEM, as Linux keeps a block device's own mapping out of HighMem
 * (GFP_NOFS, no __GFP_HIGHMEM): the file system holds pointers into them
 * across calls and sleeps, which a kmap_local mapping may not outlive.
 * File data and directory pages live in the HighMem page cache instead
 * (fs/pagecache.h).
 *
 * A buffer is one block of @size bytes (512 to 4096, a power of two) at
 * the start of one lowmem page of its own, found by (device, block
 * number, size). bread() takes a reference, brelse() drops it; buffers
 * nobody holds stay cached (up to BUFFER_CACHE_MAX, the least recently
 * released clean ones go first) and are written back by sync_blockdev().
 * The monitor command `buffers` prints the counters.
 *
 * Locking: the callers hold fs_lock (fs/vfs.h), which serializes every
 * use; bread() and the writes sleep on the disk under it.
 */
#ifndef HM386_FS_BUFFER_H
#define HM386_FS_BUFFER_H

#include <lib/list.h>
#include <types.h>

struct block_device;
struct page;

#define BUFFER_CACHE_MAX	256	/* unheld buffers kept (1 MiB of lowmem) */

struct buffer_head {
	struct block_device *bdev;
	u32 blocknr;			/* in units of @size */
	u32 size;
	void *data;			/* lowmem: valid while held */
	struct page *page;
	u32 count;			/* holders */
	bool dirty;			/* newer than the disk */
	struct list_head link;		/* on the cache's list, LRU order */
};

/* The buffer cache's counters (monitor, tests). */
struct buffer_stats {
	u64 buffers;			/* cached now */
	u64 reads, writes;		/* blocks moved to and from the disk */
	u64 hits;			/* bread() served from the cache */
	u64 errors;			/* reads or writes that failed */
};
extern struct buffer_stats buffer_stats;

/*
 * bread - block @block (of @size bytes) of @bdev with a reference taken,
 * its bytes read from the disk unless cached. NULL when lowmem is short
 * or the read failed (-EIO: the block layer logged it). Sleeps.
 */
struct buffer_head *bread(struct block_device *bdev, u32 block, u32 size);

/*
 * bget - block @block of @bdev with a reference taken, for a caller that
 * overwrites all of it (a new indirect block): not read, zeroed when not
 * cached. NULL when lowmem is short. Sleeps.
 */
struct buffer_head *bget(struct block_device *bdev, u32 block, u32 size);

/* brelse - drop the reference bread()/bget() took (NULL: nothing). */
void brelse(struct buffer_head *bh);

/* mark_buffer_dirty - @bh's bytes changed: written by the next sync. */
void mark_buffer_dirty(struct buffer_head *bh);

/* sync_dirty_buffer - write @bh now if dirty. 0 or -EIO (stays dirty). */
int sync_dirty_buffer(struct buffer_head *bh);

/*
 * sync_blockdev - write every dirty buffer of @bdev, in block order.
 * 0, or the first -EIO (the others are still written). Sleeps.
 */
int sync_blockdev(struct block_device *bdev);

/*
 * invalidate_bdev - forget every buffer of @bdev (unmount, after
 * sync_blockdev()): dirty ones are dropped unwritten. A buffer still held
 * is a bug in the caller: logged and kept.
 */
void invalidate_bdev(struct block_device *bdev);

/*
 * forget_buffer - @block of @bdev was freed: drop its cached buffer
 * unwritten (a freed indirect block's stale bytes must not reach the disk
 * after the block has been given to file data). Not held by anyone.
 */
void forget_buffer(struct block_device *bdev, u32 block, u32 size);

#endif
