// SPDX-License-Identifier: MIT
/*
 * The metadata buffer cache (fs/buffer.h): one list of every cached block
 * of every device, most recently released last; each buffer's bytes at
 * the start of a lowmem page read and written with blkdev_rw_page(). A
 * linear list is enough for hm386's small caches (BUFFER_CACHE_MAX); Linux
 * hashes them in the block device's page cache.
 */
#include "fs/buffer.h"
#include "fs/objcache.h"
#include <block/blkdev.h>
#include <kernel/monitor.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/page_ref.h>

struct buffer_stats buffer_stats;

static struct list_head buffers = LIST_HEAD_INIT(buffers);
static u32 unheld;			/* cached buffers nobody holds */
static struct obj_cache bh_cache = OBJ_CACHE_INIT(bh_cache, "buffer_head",
						   struct buffer_head);

static struct buffer_head *lookup(struct block_device *bdev, u32 block, u32 size)
{
	struct list_head *pos;

	list_for_each(pos, &buffers) {
		struct buffer_head *bh = list_entry(pos, struct buffer_head, link);

		if (bh->bdev == bdev && bh->blocknr == block && bh->size == size)
			return bh;
	}
	return NULL;
}

static int rw(struct buffer_head *bh, enum req_op op)
{
	u32 spb = bh->size >> SECTOR_SHIFT;
	int err;

	err = blkdev_rw_page(bh->bdev, (u64)bh->blocknr * spb, bh->page, 0,
			     bh->size, op);
	if (err)
		buffer_stats.errors++;
	else if (op == REQ_OP_READ)
		buffer_stats.reads++;
	else
		buffer_stats.writes++;
	return err;
}

static void destroy(struct buffer_head *bh)
{
	list_del(&bh->link);
	__free_pages(bh->page, 0);
	obj_free(&bh_cache, bh);
	buffer_stats.buffers--;
}

/* Write back and free the least recently released unheld buffers beyond
 * BUFFER_CACHE_MAX; a dirty one whose write fails stays. */
static void shrink(void)
{
	struct list_head *pos, *next;

	for (pos = buffers.next; pos != &buffers; pos = next) {
		struct buffer_head *bh = list_entry(pos, struct buffer_head, link);

		next = pos->next;
		if (unheld <= BUFFER_CACHE_MAX)
			return;
		if (bh->count || (bh->dirty && sync_dirty_buffer(bh)))
			continue;
		destroy(bh);
		unheld--;
	}
}

static struct buffer_head *get(struct block_device *bdev, u32 block, u32 size,
			       bool read)
{
	struct buffer_head *bh = lookup(bdev, block, size);

	if (bh) {
		if (!bh->count++)
			unheld--;
		list_del(&bh->link);
		list_add_tail(&bh->link, &buffers);
		buffer_stats.hits++;
		return bh;
	}
	bh = obj_alloc(&bh_cache);
	if (!bh)
		return NULL;
	bh->page = alloc_pages(GFP_KERNEL, 0);
	if (!bh->page) {
		obj_free(&bh_cache, bh);
		return NULL;
	}
	bh->bdev = bdev;
	bh->blocknr = block;
	bh->size = size;
	bh->data = lowmem_page_address(bh->page);
	bh->count = 1;
	if (read) {
		if (rw(bh, REQ_OP_READ)) {
			__free_pages(bh->page, 0);
			obj_free(&bh_cache, bh);
			return NULL;
		}
	} else {
		memset(bh->data, 0, size);
	}
	list_add_tail(&bh->link, &buffers);
	buffer_stats.buffers++;
	return bh;
}

struct buffer_head *bread(struct block_device *bdev, u32 block, u32 size)
{
	return get(bdev, block, size, true);
}

struct buffer_head *bget(struct block_device *bdev, u32 block, u32 size)
{
	return get(bdev, block, size, false);
}

void brelse(struct buffer_head *bh)
{
	if (!bh)
		return;
	if (!bh->count) {
		pr_err("buffer: brelse of unheld block %u of %s\n", bh->blocknr,
		       bh->bdev->name);
		return;
	}
	if (!--bh->count) {
		unheld++;
		shrink();
	}
}

void mark_buffer_dirty(struct buffer_head *bh)
{
	bh->dirty = true;
}

int sync_dirty_buffer(struct buffer_head *bh)
{
	int err;

	if (!bh->dirty)
		return 0;
	err = rw(bh, REQ_OP_WRITE);
	if (!err)
		bh->dirty = false;
	return err;
}

int sync_blockdev(struct block_device *bdev)
{
	struct buffer_head *first;
	struct list_head *pos;
	u64 next = 0;			/* the lowest block not yet visited */
	int err, ret = 0;

	/* In block order: each round writes the lowest dirty block from
	 * @next on; one that fails stays dirty and is not retried here. */
	for (;;) {
		first = NULL;
		list_for_each(pos, &buffers) {
			struct buffer_head *bh = list_entry(pos, struct buffer_head,
							    link);

			if (bh->bdev == bdev && bh->dirty && bh->blocknr >= next &&
			    (!first || bh->blocknr < first->blocknr))
				first = bh;
		}
		if (!first)
			return ret;
		next = (u64)first->blocknr + 1;
		err = sync_dirty_buffer(first);
		if (err && !ret)
			ret = err;
	}
}

void invalidate_bdev(struct block_device *bdev)
{
	struct list_head *pos, *next;

	for (pos = buffers.next; pos != &buffers; pos = next) {
		struct buffer_head *bh = list_entry(pos, struct buffer_head, link);

		next = pos->next;
		if (bh->bdev != bdev)
			continue;
		if (bh->count) {
			pr_err("buffer: block %u of %s still held at invalidate\n",
			       bh->blocknr, bdev->name);
			continue;
		}
		destroy(bh);
		unheld--;
	}
}

void forget_buffer(struct block_device *bdev, u32 block, u32 size)
{
	struct buffer_head *bh = lookup(bdev, block, size);

	if (!bh || bh->count)
		return;
	destroy(bh);
	unheld--;
}

static int cmd_buffers(int argc, char **argv)
{
	if (argc != 1)
		return MONITOR_USAGE;
	kprintf("buffers: %llu cached (%u held by nobody), %llu blocks read, "
		"%llu written, %llu hits, %llu errors\n", buffer_stats.buffers,
		unheld, buffer_stats.reads, buffer_stats.writes,
		buffer_stats.hits, buffer_stats.errors);
	return 0;
}
MONITOR_COMMAND(buffers, cmd_buffers, "",
		"the metadata buffer cache: blocks cached, read, written, hits");
