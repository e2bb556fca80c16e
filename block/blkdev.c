// SPDX-License-Identifier: MIT
/*
 * The block layer: the list of devices, requests (struct bio) built of page
 * segments, and submit_bio_wait(), which checks a request against the end
 * of its device, bounces what the device cannot reach (block/bounce.c),
 * runs the driver and counts the outcome. Requests run one at a time per
 * caller and synchronously: the driver returns when the data has moved.
 */
#include <block/blkdev.h>
#include <kernel/monitor.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <lib/err.h>
#include <lib/printf.h>
#include <lib/string.h>
#include "block/block_internal.h"

static struct list_head blkdev_list = LIST_HEAD_INIT(blkdev_list);
static DEFINE_SPINLOCK(blkdev_list_lock);
/* The counters are u64: a reader on a 32-bit CPU must not see half an
 * update. One lock for all devices' counters; updates are rare. */
static DEFINE_SPINLOCK(blk_stats_lock);

void blk_stats_add(struct block_device *bdev, u64 *counter, u64 n)
{
	u32 flags;

	spin_lock_irqsave(&blk_stats_lock, flags);
	*counter += n;
	spin_unlock_irqrestore(&blk_stats_lock, flags);
}

/* A copy of @bdev's counters, read under the lock. */
static struct blk_stats blk_stats_read(const struct block_device *bdev)
{
	struct blk_stats s;
	u32 flags;

	spin_lock_irqsave(&blk_stats_lock, flags);
	s = bdev->stats;
	spin_unlock_irqrestore(&blk_stats_lock, flags);
	return s;
}

/* Write @limit into @buf as "4 GiB", "16 MiB", or "none" for a device the
 * CPU feeds. */
static void format_dma_limit(char *buf, size_t size, phys_addr_t limit)
{
	if (limit == PHYS_ADDR_MAX)
		snprintf(buf, size, "none");
	else if (!(limit & ((1ULL << 30) - 1)))
		snprintf(buf, size, "%llu GiB", limit >> 30);
	else
		snprintf(buf, size, "%llu MiB", limit >> 20);
}

void blkdev_register(struct block_device *bdev)
{
	phys_addr_t limit = bounce_dma_limit_param();
	char limit_text[24];
	u32 flags;

	if (blkdev_get_by_name(bdev->name))
		panic("blk: a second device called %s", bdev->name);
	if (bdev->dma_limit != PHYS_ADDR_MAX && limit && limit < bdev->dma_limit)
		bdev->dma_limit = limit;
	memset(&bdev->stats, 0, sizeof(bdev->stats));
	spin_lock_irqsave(&blkdev_list_lock, flags);
	list_add_tail(&bdev->list, &blkdev_list);
	spin_unlock_irqrestore(&blkdev_list_lock, flags);

	format_dma_limit(limit_text, sizeof(limit_text), bdev->dma_limit);
	pr_info("blk: %s: %llu sectors (%llu MiB), %s, %s, dma limit %s\n",
		bdev->name, bdev->nr_sectors, bdev->nr_sectors >> (20 - SECTOR_SHIFT),
		bdev->model, bdev->mode, limit_text);
}

/* The first device for which @match(bdev, @key) holds, or NULL. Devices
 * never go away: the list is only appended to, so a walk needs the lock
 * only against a concurrent append. */
static struct block_device *blkdev_find(bool (*match)(const struct block_device *,
						       const void *),
					const void *key)
{
	struct block_device *found = NULL;
	struct list_head *pos;
	u32 flags;

	spin_lock_irqsave(&blkdev_list_lock, flags);
	list_for_each(pos, &blkdev_list) {
		struct block_device *bdev = list_entry(pos, struct block_device, list);

		if (match(bdev, key)) {
			found = bdev;
			break;
		}
	}
	spin_unlock_irqrestore(&blkdev_list_lock, flags);
	return found;
}

static bool name_matches(const struct block_device *bdev, const void *name)
{
	return !strcmp(bdev->name, name);
}

static bool devt_matches(const struct block_device *bdev, const void *devt)
{
	return bdev->devt == *(const u32 *)devt;
}

struct block_device *blkdev_get_by_name(const char *name)
{
	return blkdev_find(name_matches, name);
}

struct block_device *blkdev_get_by_devt(u32 devt)
{
	return blkdev_find(devt_matches, &devt);
}

void blkdev_for_each(void (*fn)(struct block_device *bdev, void *arg), void *arg)
{
	struct list_head *pos;

	/* Unlocked: @fn may sleep, and entries are never removed. */
	list_for_each(pos, &blkdev_list)
		fn(list_entry(pos, struct block_device, list), arg);
}

void bio_init(struct bio *bio, struct block_device *bdev, u64 sector, enum req_op op)
{
	memset(bio, 0, sizeof(*bio));
	bio->bdev = bdev;
	bio->sector = sector;
	bio->op = op;
}

bool bio_add_page(struct bio *bio, struct page *page, u32 len, u32 offset)
{
	struct bio_vec *v;

	if (bio->vcnt == BIO_MAX_VECS || !len || len % SECTOR_SIZE ||
	    offset % SECTOR_SIZE || offset >= PAGE_SIZE || len > PAGE_SIZE - offset)
		return false;
	v = &bio->vec[bio->vcnt++];
	v->page = page;
	v->offset = offset;
	v->len = len;
	return true;
}

/* The number of sectors @bio moves. */
static u64 bio_sectors(const struct bio *bio)
{
	u64 bytes = 0;
	u32 i;

	for (i = 0; i < bio->vcnt; i++)
		bytes += bio->vec[i].len;
	return bytes >> SECTOR_SHIFT;
}

static const char *op_name(enum req_op op)
{
	return op == REQ_OP_WRITE ? "write" : "read";
}

/* Count a finished request of @sectors in its device's stats. */
static void account(struct bio *bio, u64 sectors)
{
	struct block_device *bdev = bio->bdev;
	bool write = bio->op == REQ_OP_WRITE;

	if (bio->status) {
		blk_stats_add(bdev, &bdev->stats.errors, 1);
		return;
	}
	blk_stats_add(bdev, write ? &bdev->stats.writes : &bdev->stats.reads, 1);
	blk_stats_add(bdev, write ? &bdev->stats.sectors_written :
		      &bdev->stats.sectors_read, sectors);
}

int bio_check_bounced(struct bio *bio)
{
	u32 i;

	for (i = 0; i < bio->vcnt; i++) {
		const struct bio_vec *v = &bio->vec[i];

		if (bio_vec_needs_bounce(bio->bdev, v)) {
			pr_err("blk: %s: %s at sector %llu: segment %u at 0x%llx "
			       "is above the dma limit 0x%llx after the bounce: "
			       "not given to the device\n", bio->bdev->name,
			       op_name(bio->op), bio->sector, i,
			       page_to_phys(v->page) + v->offset,
			       bio->bdev->dma_limit);
			return -EIO;
		}
	}
	return 0;
}

int submit_bio_wait(struct bio *bio)
{
	struct block_device *bdev = bio->bdev;
	u64 sectors = bio_sectors(bio);
	struct bounce_set bs;
	int err;

	might_sleep();
	if (bio->sector > bdev->nr_sectors ||
	    sectors > bdev->nr_sectors - bio->sector) {
		pr_err("blk: %s: %s of %llu sector%s at sector %llu: past the "
		       "end of the device (%llu sectors)\n", bdev->name,
		       op_name(bio->op), sectors, sectors == 1 ? "" : "s",
		       bio->sector, bdev->nr_sectors);
		err = -EIO;
	} else if (!sectors) {
		err = 0;
	} else {
		bs.count = 0;
		err = bounce_skip ? 0 : bounce_prepare(bio, &bs);
		if (!err && !bounce_skip)
			err = bio_check_bounced(bio);
		if (!err)
			err = bdev->ops->submit(bdev, bio) ? -EIO : 0;
		bounce_finish(bio, &bs, !err);
	}
	bio->status = err;
	account(bio, sectors);
	return err;
}

int blkdev_rw_page(struct block_device *bdev, u64 sector, struct page *page,
		   u32 offset, u32 len, enum req_op op)
{
	struct bio bio;

	bio_init(&bio, bdev, sector, op);
	if (!bio_add_page(&bio, page, len, offset))
		return -EIO;
	return submit_bio_wait(&bio);
}

void block_init(void)
{
	if (bounce_skip)
		pr_warn("blk: FAULT INJECTION bounce_skip=on: DMA devices get "
			"pages above their limit unbounced: data is corrupted\n");
	ramdisk_init();
	ata_init();
}

static void print_stats(struct block_device *bdev, void *arg)
{
	struct blk_stats s = blk_stats_read(bdev);

	kprintf("%-5s %3u:%-3u %10llu %8llu %8llu %10llu %10llu %6llu %8llu %10llu\n",
		bdev->name, MAJOR(bdev->devt), MINOR(bdev->devt), bdev->nr_sectors,
		s.reads, s.writes, s.sectors_read, s.sectors_written, s.errors,
		s.bounced_segments, s.bounced_bytes);
}

static int cmd_blk(int argc, char **argv)
{
	if (argc != 1)
		return MONITOR_USAGE;
	kprintf("%-5s %7s %10s %8s %8s %10s %10s %6s %8s %10s\n", "dev", "devt",
		"sectors", "reads", "writes", "sect_read", "sect_wrote", "errors",
		"bounced", "bnc_bytes");
	blkdev_for_each(print_stats, NULL);
	return 0;
}
MONITOR_COMMAND(blk, cmd_blk, "",
		"block devices: requests, sectors, errors, bounced segments and bytes");
