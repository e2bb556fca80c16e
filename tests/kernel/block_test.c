// SPDX-License-Identifier: MIT
/*
 * The block layer, its bounce buffers, the RAM disk and the ATA driver.
 *
 * Every case writes patterns from pages high in memory (above 4 GiB when
 * the machine has RAM there, else HighMem), reads them back into other
 * pages and compares the bytes; the bounce counters must grow by exactly
 * the segments whose pages lie above the device's DMA limit, counted here
 * from the pages' physical addresses.
 *
 * The RAM disk is always there. A disk is written only when named by
 * block_test_disk= (the rows that attach a scratch image pass it): the
 * disk cases skip otherwise, so a real file system image is never touched.
 */
#include <block/blkdev.h>
#include <kernel/cmdline.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <lib/err.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mmzone.h>
#include "block/ata.h"
#include "block/block_internal.h"

#define NSEG		8	/* segments of the disk cases' requests */
#define FILL_BYTE	0x5a

static char test_disk[BDEV_NAME_MAX];
KERNEL_PARAM_STRING(block_test_disk, test_disk,
		    "the disk the block suite may overwrite (hda, ...); "
		    "without it the disk cases skip");

/* The pattern word at byte @pos of a request that starts at @sector. */
static u32 pattern_word(u32 seed, u64 sector, u32 pos)
{
	u32 x = seed ^ (u32)(sector * 2654435761U) ^ (pos * 40503U);

	return x ^ (x >> 13) ^ 0x9e3779b9U;
}

/* Fill segment @v with the pattern for bytes [@pos, @pos + len) of a
 * request at @sector. */
static void fill_segment(const struct bio_vec *v, u32 seed, u64 sector, u32 pos)
{
	u32 *p = (u32 *)((char *)kmap_local_page(v->page) + v->offset);
	u32 i;

	for (i = 0; i < v->len / 4; i++)
		p[i] = pattern_word(seed, sector, pos + 4 * i);
	kunmap_local(p);
}

/* The number of bytes of segment @v that differ from the pattern. */
static u32 segment_mismatches(const struct bio_vec *v, u32 seed, u64 sector,
			      u32 pos)
{
	u32 *p = (u32 *)((char *)kmap_local_page(v->page) + v->offset);
	u32 i, bad = 0;

	for (i = 0; i < v->len / 4; i++)
		bad += p[i] != pattern_word(seed, sector, pos + 4 * i);
	kunmap_local(p);
	return bad;
}

static void fill_bio(struct bio *bio, u32 seed)
{
	u32 i, pos = 0;

	for (i = 0; i < bio->vcnt; i++) {
		fill_segment(&bio->vec[i], seed, bio->sector, pos);
		pos += bio->vec[i].len;
	}
}

static u32 bio_mismatches(const struct bio *bio, u32 seed)
{
	u32 i, pos = 0, bad = 0;

	for (i = 0; i < bio->vcnt; i++) {
		bad += segment_mismatches(&bio->vec[i], seed, bio->sector, pos);
		pos += bio->vec[i].len;
	}
	return bad;
}

/*
 * A page as high as the machine has: above 4 GiB when there is RAM there,
 * else HighMem (else lowmem). Its previous bytes are overwritten with
 * FILL_BYTE so that a read that moves nothing cannot pass.
 */
static struct page *high_page(void)
{
	struct page *page = alloc_page(GFP_HIGHUSER | __GFP_ABOVE_4G);

	if (!page)
		page = alloc_page(GFP_HIGHUSER);
	if (page)
		memset_page(page, 0, FILL_BYTE, PAGE_SIZE);
	return page;
}

/* A page below 16 MiB: below every DMA limit. */
static struct page *low_page(void)
{
	struct page *page = alloc_page(GFP_DMA);

	if (page)
		memset_page(page, 0, FILL_BYTE, PAGE_SIZE);
	return page;
}

static void free_bio_pages(struct bio *bio)
{
	u32 i;

	for (i = 0; i < bio->vcnt; i++)
		__free_page(bio->vec[i].page);
	bio->vcnt = 0;
}

/* Segments of @bio whose page lies at or above @limit: the ones the block
 * layer must bounce (whole pages here, so the page's address decides). */
static u32 pages_above(const struct bio *bio, phys_addr_t limit)
{
	u32 i, n = 0;

	for (i = 0; i < bio->vcnt; i++)
		n += page_to_phys(bio->vec[i].page) >= limit;
	return n;
}

/*
 * A request of NSEG whole pages at @sector of @bdev, the pages alternating
 * between high and low ones (high first when @high_first).
 */
static void build_mixed_bio(struct ktest *t, struct bio *bio,
			    struct block_device *bdev, u64 sector,
			    enum req_op op, bool high_first)
{
	u32 i;

	bio_init(bio, bdev, sector, op);
	for (i = 0; i < NSEG; i++) {
		struct page *page = (i % 2 == 0) == high_first ? high_page() :
				    low_page();

		if (!page) {
			free_bio_pages(bio);
			ktest_skip(t, "no free page");
		}
		KASSERT_TRUE(t, bio_add_page(bio, page, PAGE_SIZE, 0));
	}
}

/* ------------------------------------------------------------ requests */

static void bio_add_page_checks_segments(struct ktest *t)
{
	struct block_device *ram = blkdev_get_by_name("ram0");
	struct page *page = low_page();
	struct bio bio;
	u32 i;

	KASSERT_NOT_NULL(t, ram);
	KASSERT_NOT_NULL(t, page);
	bio_init(&bio, ram, 0, REQ_OP_READ);
	KEXPECT_FALSE(t, bio_add_page(&bio, page, 100, 0));	/* not sectors */
	KEXPECT_FALSE(t, bio_add_page(&bio, page, 512, 256));
	KEXPECT_FALSE(t, bio_add_page(&bio, page, 1024, 3584));	/* past page */
	KEXPECT_FALSE(t, bio_add_page(&bio, page, 0, 0));
	KEXPECT_EQ(t, bio.vcnt, 0);
	for (i = 0; i < BIO_MAX_VECS; i++)
		KEXPECT_TRUE(t, bio_add_page(&bio, page, 512, 512 * (i % 8)));
	KEXPECT_FALSE(t, bio_add_page(&bio, page, 512, 0));	/* full */
	KEXPECT_EQ(t, bio.vcnt, BIO_MAX_VECS);
	__free_page(page);
}

static void devices_have_names_and_numbers(struct ktest *t)
{
	struct block_device *ram = blkdev_get_by_name("ram0");

	KASSERT_NOT_NULL(t, ram);
	KEXPECT_EQ(t, ram->devt, MKDEV(RAMDISK_MAJOR, 0));
	KEXPECT_TRUE(t, blkdev_get_by_devt(MKDEV(RAMDISK_MAJOR, 0)) == ram);
	KEXPECT_EQ(t, ram->dma_limit, PHYS_ADDR_MAX);
	KEXPECT_NULL(t, blkdev_get_by_name("hdz"));
	KEXPECT_NULL(t, blkdev_get_by_devt(MKDEV(99, 0)));
}

/* ------------------------------------------------------------ RAM disk */

static void ram_unwritten_sectors_read_zero(struct ktest *t)
{
	struct block_device *ram = blkdev_get_by_name("ram0");
	struct page *page = high_page();
	u32 used = ramdisk_pages_used();
	u8 *p;
	u32 i, nonzero = 0;

	KASSERT_NOT_NULL(t, ram);
	KASSERT_NOT_NULL(t, page);
	/* The last page of the disk: no case writes there. */
	KEXPECT_EQ(t, blkdev_rw_page(ram, ram->nr_sectors - 8, page, 0,
				     PAGE_SIZE, REQ_OP_READ), 0);
	p = kmap_local_page(page);
	for (i = 0; i < PAGE_SIZE; i++)
		nonzero += p[i] != 0;
	kunmap_local(p);
	KEXPECT_EQ(t, nonzero, 0);
	KEXPECT_EQ(t, ramdisk_pages_used(), used);	/* reading allocates none */
	__free_page(page);
}

/* Segments of several sizes and offsets, at a sector that is not page
 * aligned: each crosses a page of the disk. */
static const struct { u32 offset, len; } ram_layout[] = {
	{ 0, 4096 }, { 512, 1024 }, { 3584, 512 }, { 0, 2048 },
	{ 1024, 3072 }, { 0, 4096 },
};

/*
 * Write the ram_layout segments from high pages at @sector of @bdev, read
 * them back into other high pages, compare; check the counters (requests,
 * sectors, and bounced segments: those whose page is above the limit).
 */
static void layout_round_trip(struct ktest *t, struct block_device *bdev,
			      u64 sector, u32 seed)
{
	struct blk_stats before = bdev->stats;
	struct bio wr, rd;
	u64 sectors = 0;
	u32 i;

	bio_init(&wr, bdev, sector, REQ_OP_WRITE);
	bio_init(&rd, bdev, sector, REQ_OP_READ);
	for (i = 0; i < ARRAY_SIZE(ram_layout); i++) {
		struct page *a = high_page(), *b = high_page();

		KASSERT_TRUE(t, a && b);
		KASSERT_TRUE(t, bio_add_page(&wr, a, ram_layout[i].len,
					     ram_layout[i].offset));
		KASSERT_TRUE(t, bio_add_page(&rd, b, ram_layout[i].len,
					     ram_layout[i].offset));
		sectors += ram_layout[i].len / SECTOR_SIZE;
	}
	fill_bio(&wr, seed);
	KEXPECT_EQ(t, submit_bio_wait(&wr), 0);
	KEXPECT_EQ(t, submit_bio_wait(&rd), 0);
	KEXPECT_EQ(t, bio_mismatches(&rd, seed), 0);
	KEXPECT_EQ(t, bdev->stats.writes - before.writes, 1);
	KEXPECT_EQ(t, bdev->stats.reads - before.reads, 1);
	KEXPECT_EQ(t, bdev->stats.sectors_written - before.sectors_written, sectors);
	KEXPECT_EQ(t, bdev->stats.sectors_read - before.sectors_read, sectors);
	KEXPECT_EQ(t, bdev->stats.bounced_segments - before.bounced_segments,
		   pages_above(&wr, bdev->dma_limit) +
		   pages_above(&rd, bdev->dma_limit));
	free_bio_pages(&wr);
	free_bio_pages(&rd);
}

/* The CPU copies: nothing bounces, not even from above 4 GiB. */
static void ram_round_trip_from_high_pages(struct ktest *t)
{
	struct block_device *ram = blkdev_get_by_name("ram0");
	u64 bounced;

	KASSERT_NOT_NULL(t, ram);
	bounced = ram->stats.bounced_segments;
	layout_round_trip(t, ram, 13, 0x1234);
	KEXPECT_EQ(t, ram->stats.bounced_segments, bounced);
}

/* -EIO, the status set and the error counted; the device untouched. */
static void expect_past_end(struct ktest *t, struct block_device *bdev,
			    u64 sector, u32 len, enum req_op op)
{
	struct page *page = low_page();
	struct blk_stats before = bdev->stats;
	struct bio bio;

	KASSERT_NOT_NULL(t, page);
	bio_init(&bio, bdev, sector, op);
	KASSERT_TRUE(t, bio_add_page(&bio, page, len, 0));
	KEXPECT_EQ(t, submit_bio_wait(&bio), -EIO);
	KEXPECT_EQ(t, bio.status, -EIO);
	KEXPECT_EQ(t, bdev->stats.errors - before.errors, 1);
	KEXPECT_EQ(t, bdev->stats.reads + bdev->stats.writes,
		   before.reads + before.writes);
	__free_page(page);
}

static void ram_past_the_end_is_eio(struct ktest *t)
{
	struct block_device *ram = blkdev_get_by_name("ram0");

	KASSERT_NOT_NULL(t, ram);
	expect_past_end(t, ram, ram->nr_sectors - 1, 1024, REQ_OP_WRITE);
	expect_past_end(t, ram, ram->nr_sectors, 512, REQ_OP_READ);
	expect_past_end(t, ram, ~0ULL, 512, REQ_OP_READ);
}

/* ------------------------------------------------------------ the disk */

/* The disk block_test_disk= names, or skip. */
static struct block_device *test_bdev(struct ktest *t)
{
	struct block_device *bdev;

	if (!test_disk[0])
		ktest_skip(t, "no block_test_disk= given");
	bdev = blkdev_get_by_name(test_disk);
	if (!bdev)
		ktest_skip(t, "block_test_disk= names no device");
	if (bdev->devt == MKDEV(RAMDISK_MAJOR, 0))
		ktest_skip(t, "block_test_disk= names the RAM disk: its own cases "
			   "test it");
	return bdev;
}

/*
 * Write NSEG pages, half high and half low, at @sector; read them back
 * into pages mixed the other way round; compare; check the bounce
 * counters against the pages above the limit. Prints what bounced.
 */
static void disk_round_trip_at(struct ktest *t, struct block_device *bdev,
			       u64 sector, u32 seed)
{
	struct blk_stats before = bdev->stats;
	u32 wr_above, rd_above;
	u64 wr_bounced, rd_bounced;
	struct bio wr, rd;

	build_mixed_bio(t, &wr, bdev, sector, REQ_OP_WRITE, true);
	build_mixed_bio(t, &rd, bdev, sector, REQ_OP_READ, false);
	wr_above = pages_above(&wr, bdev->dma_limit);
	rd_above = pages_above(&rd, bdev->dma_limit);
	fill_bio(&wr, seed);

	KEXPECT_EQ(t, submit_bio_wait(&wr), 0);
	wr_bounced = bdev->stats.bounced_segments - before.bounced_segments;
	KEXPECT_EQ(t, wr_bounced, wr_above);
	KEXPECT_EQ(t, bdev->stats.bounced_bytes - before.bounced_bytes,
		   wr_above * PAGE_SIZE);
	before = bdev->stats;
	KEXPECT_EQ(t, submit_bio_wait(&rd), 0);
	rd_bounced = bdev->stats.bounced_segments - before.bounced_segments;
	KEXPECT_EQ(t, rd_bounced, rd_above);
	KEXPECT_EQ(t, bio_mismatches(&rd, seed), 0);
	/* What the counters say, not what the test expects. */
	kprintf("    # %s: sector %llu: wrote %u segments, %llu bounced; read %u "
		"segments, %llu bounced (%s, dma limit 0x%llx)\n", bdev->name,
		sector, wr.vcnt, wr_bounced, rd.vcnt, rd_bounced, bdev->mode,
		bdev->dma_limit);
	free_bio_pages(&wr);
	free_bio_pages(&rd);
}

static void disk_round_trip_lba28(struct ktest *t)
{
	struct block_device *bdev = test_bdev(t);

	disk_round_trip_at(t, bdev, 2048 + 3, 0xabc);
}

static void disk_round_trip_partial_segments(struct ktest *t)
{
	layout_round_trip(t, test_bdev(t), 777, 0x4321);
}

static void disk_round_trip_lba48(struct ktest *t)
{
	struct block_device *bdev = test_bdev(t);

	if (bdev->nr_sectors < (1ULL << 28) + 64)
		ktest_skip(t, "the disk ends below 2^28 sectors: no 48-bit LBA");
	disk_round_trip_at(t, bdev, bdev->nr_sectors - NSEG * 8, 0xdef);
}

/*
 * With the bounce skipped, the device is handed pages above its limit: a
 * write then stores bytes from another physical page (the address the
 * device can form). Reading the sectors back (bounced, correctly) must
 * show the corruption. Only the write direction is tried: a read would
 * let the device write into a page the kernel may be using.
 */
static void disk_without_bounce_writes_wrong_bytes(struct ktest *t)
{
	struct block_device *bdev = test_bdev(t);
	struct page *src = high_page(), *back = low_page();
	struct blk_stats before;
	u64 sector = 4096;
	u32 bad;
	int err;

	KASSERT_TRUE(t, src && back);
	if (page_to_phys(src) < bdev->dma_limit) {
		__free_page(src);
		__free_page(back);
		ktest_skip(t, "no page above the disk's dma limit");
	}
	{
		struct bio wr;

		bio_init(&wr, bdev, sector, REQ_OP_WRITE);
		KASSERT_TRUE(t, bio_add_page(&wr, src, PAGE_SIZE, 0));
		fill_bio(&wr, 0x5eed);
		before = bdev->stats;
		bounce_skip = true;
		err = submit_bio_wait(&wr);
		bounce_skip = false;
	}
	KEXPECT_EQ(t, err, 0);
	KEXPECT_EQ(t, bdev->stats.bounced_segments, before.bounced_segments);
	KEXPECT_EQ(t, blkdev_rw_page(bdev, sector, back, 0, PAGE_SIZE,
				     REQ_OP_READ), 0);
	{
		struct bio_vec v = { .page = back, .offset = 0, .len = PAGE_SIZE };

		bad = segment_mismatches(&v, 0x5eed, sector, 0);
	}
	kprintf("    # %s: without the bounce, %u of %lu words read back differ "
		"(page at 0x%llx, dma limit 0x%llx)\n", bdev->name, bad,
		PAGE_SIZE / 4, page_to_phys(src), bdev->dma_limit);
	KEXPECT_GT(t, bad, 0);
	__free_page(src);
	__free_page(back);
}

/*
 * The bounce pages go back: after a round trip that bounced, every lowmem
 * zone has the free pages it had (the test's own pages are freed too).
 */
static void disk_bounce_frees_its_pages(struct ktest *t)
{
	struct block_device *bdev = test_bdev(t);
	u32 before[MAX_NR_ZONES], z;
	u64 bounced = bdev->stats.bounced_segments;

	if (bdev->dma_limit == PHYS_ADDR_MAX)
		ktest_skip(t, "the disk does not use DMA: nothing bounces");
	for (z = 0; z < MAX_NR_ZONES; z++)
		before[z] = zone_free_pages(&zones[z]);
	disk_round_trip_at(t, bdev, 8192, 0xf2ee);
	KEXPECT_GT(t, bdev->stats.bounced_segments, bounced);
	for (z = 0; z < MAX_NR_ZONES; z++)
		KEXPECT_EQ(t, zone_free_pages(&zones[z]), before[z]);
}

/*
 * A segment still above the device's limit when the request reaches the
 * driver (a bounce that missed it) is refused: -EIO from the check, and
 * the device never sees it (its request counters do not move).
 */
static void segment_left_above_the_limit_is_refused(struct ktest *t)
{
	struct block_device *bdev = test_bdev(t);
	struct page *page = high_page();
	struct blk_stats before = bdev->stats;
	struct bio bio;

	KASSERT_NOT_NULL(t, page);
	if (page_to_phys(page) < bdev->dma_limit) {
		__free_page(page);
		ktest_skip(t, "no page above the disk's dma limit");
	}
	bio_init(&bio, bdev, 4096, REQ_OP_READ);
	KASSERT_TRUE(t, bio_add_page(&bio, page, PAGE_SIZE, 0));
	KEXPECT_EQ(t, bio_check_bounced(&bio), -EIO);
	KEXPECT_EQ(t, bdev->stats.reads, before.reads);
	KEXPECT_EQ(t, bdev->stats.errors, before.errors);
	__free_page(page);
}

static void disk_past_the_end_is_eio(struct ktest *t)
{
	struct block_device *bdev = test_bdev(t);

	expect_past_end(t, bdev, bdev->nr_sectors - 1, 1024, REQ_OP_READ);
	expect_past_end(t, bdev, bdev->nr_sectors, 512, REQ_OP_WRITE);
}

/*
 * The driver itself, handed a sector the disk does not have (the block
 * layer would have refused it): the device reports an error, the driver
 * returns -EIO, and the next request works (the channel was reset).
 */
static void disk_device_error_is_eio_and_recovers(struct ktest *t)
{
	struct block_device *bdev = test_bdev(t);
	struct page *page = low_page();
	struct bio bio;

	KASSERT_NOT_NULL(t, page);
	bio_init(&bio, bdev, bdev->nr_sectors + 8, REQ_OP_READ);
	KASSERT_TRUE(t, bio_add_page(&bio, page, SECTOR_SIZE, 0));
	KEXPECT_EQ(t, bdev->ops->submit(bdev, &bio), -EIO);
	KEXPECT_EQ(t, blkdev_rw_page(bdev, 0, page, 0, PAGE_SIZE, REQ_OP_READ), 0);
	__free_page(page);
	disk_round_trip_at(t, bdev, 64, 0x777);
	/* The last disk case: what the suite did to the disk, for the docs. */
	kprintf("    # %s since boot: %llu reads, %llu writes, %llu errors, "
		"%llu segments bounced (%llu bytes)\n", bdev->name,
		bdev->stats.reads, bdev->stats.writes, bdev->stats.errors,
		bdev->stats.bounced_segments, bdev->stats.bounced_bytes);
}

/*
 * The disk's channel interrupts once per command it ends by DMA (PIO:
 * once per sector read, and per sector written after the first): a
 * missing unmask, vector or end-of-interrupt shows as fewer.
 */
static void disk_interrupts_arrive(struct ktest *t)
{
	struct block_device *bdev = test_bdev(t);
	struct ata_disk *disk = bdev->driver_data;
	struct page *page = low_page();
	u32 before, i;

	if (MAJOR(bdev->devt) != IDE0_MAJOR && MAJOR(bdev->devt) != IDE1_MAJOR)
		ktest_skip(t, "not an ATA disk");
	if (!disk->chan->irq_on)
		ktest_skip(t, "the disk's channel polls (ata_irq=off)");
	KASSERT_NOT_NULL(t, page);
	before = __atomic_load_n(&disk->chan->irqs, __ATOMIC_ACQUIRE);
	for (i = 0; i < 4; i++)
		KEXPECT_EQ(t, blkdev_rw_page(bdev, 100 + 8 * i, page, 0,
					     PAGE_SIZE, REQ_OP_READ), 0);
	KEXPECT_GE(t, __atomic_load_n(&disk->chan->irqs, __ATOMIC_ACQUIRE) -
		   before, 4);
	__free_page(page);
}

/* The polling fallback (ata_irq=off, channels without a legacy line):
 * the same round trip with the channel's waiters sleeping a tick between
 * polls instead of waiting for its interrupt. */
static void disk_round_trip_polled(struct ktest *t)
{
	struct block_device *bdev = test_bdev(t);
	struct ata_disk *disk = bdev->driver_data;
	bool irq_on;

	if (MAJOR(bdev->devt) != IDE0_MAJOR && MAJOR(bdev->devt) != IDE1_MAJOR)
		ktest_skip(t, "not an ATA disk");
	irq_on = disk->chan->irq_on;
	disk->chan->irq_on = false;
	disk_round_trip_at(t, bdev, 3000, 0x9011);
	disk->chan->irq_on = irq_on;
}

/* ------------------------------------------------------------ concurrency */

#define WORKERS		3
#define WORKER_ROUNDS	32
#define WORKER_PAGES	4

struct worker {
	struct block_device *bdev;
	const u32 *go;		/* all start together when it turns 1 */
	u64 first_sector;	/* its own range: WORKER_PAGES pages */
	u32 id;
	u32 mismatches;
	u32 failures;		/* requests that did not return 0 */
};

/*
 * One thread's rounds: write its pages' pattern to its own sectors, read
 * them back into other pages, count what differs. Threads on the same
 * channel must take turns at its registers.
 */
static int round_trip_worker(void *arg)
{
	struct worker *w = arg;
	u32 round, i;

	while (!__atomic_load_n(w->go, __ATOMIC_ACQUIRE))
		yield();
	for (round = 0; round < WORKER_ROUNDS; round++) {
		u32 seed = w->id << 16 | round;
		struct bio wr, rd;

		bio_init(&wr, w->bdev, w->first_sector, REQ_OP_WRITE);
		bio_init(&rd, w->bdev, w->first_sector, REQ_OP_READ);
		for (i = 0; i < WORKER_PAGES; i++) {
			struct page *a = high_page(), *b = high_page();

			if (!a || !b) {
				if (a)
					__free_page(a);
				if (b)
					__free_page(b);
				w->failures++;
				break;
			}
			bio_add_page(&wr, a, PAGE_SIZE, 0);
			bio_add_page(&rd, b, PAGE_SIZE, 0);
		}
		fill_bio(&wr, seed);
		w->failures += submit_bio_wait(&wr) != 0;
		w->failures += submit_bio_wait(&rd) != 0;
		w->mismatches += bio_mismatches(&rd, seed);
		free_bio_pages(&wr);
		free_bio_pages(&rd);
	}
	return 0;
}

/* WORKERS threads, on the CPUs in turn, each with its own sectors. */
static void concurrent_round_trips(struct ktest *t, struct block_device *bdev,
				   u64 first_sector)
{
	struct worker w[WORKERS];
	struct task *th[WORKERS];
	u32 go = 0, i;

	for (i = 0; i < WORKERS; i++) {
		w[i] = (struct worker){
			.bdev = bdev, .go = &go, .id = i,
			.first_sector = first_sector +
					i * WORKER_PAGES * (PAGE_SIZE / SECTOR_SIZE),
		};
		th[i] = kthread_run(round_trip_worker, &w[i], -1, "blkworker");
		KASSERT_NOT_NULL(t, th[i]);
	}
	__atomic_store_n(&go, 1, __ATOMIC_RELEASE);
	for (i = 0; i < WORKERS; i++) {
		KEXPECT_EQ(t, kthread_join(th[i]), 0);
		KEXPECT_EQ(t, w[i].failures, 0);
		KEXPECT_EQ(t, w[i].mismatches, 0);
	}
}

static void ram_concurrent_requests(struct ktest *t)
{
	struct block_device *ram = blkdev_get_by_name("ram0");

	KASSERT_NOT_NULL(t, ram);
	concurrent_round_trips(t, ram, 4096);
}

static void disk_concurrent_requests(struct ktest *t)
{
	concurrent_round_trips(t, test_bdev(t), 8192);
}

static struct ktest_case block_cases[] = {
	KTEST_CASE(bio_add_page_checks_segments),
	KTEST_CASE(devices_have_names_and_numbers),
	KTEST_CASE(ram_unwritten_sectors_read_zero),
	KTEST_CASE(ram_round_trip_from_high_pages),
	KTEST_CASE(ram_past_the_end_is_eio),
	KTEST_CASE(ram_concurrent_requests),
	KTEST_CASE(disk_round_trip_lba28),
	KTEST_CASE(disk_round_trip_partial_segments),
	KTEST_CASE(disk_round_trip_lba48),
	KTEST_CASE(disk_without_bounce_writes_wrong_bytes),
	KTEST_CASE(disk_bounce_frees_its_pages),
	KTEST_CASE(segment_left_above_the_limit_is_refused),
	KTEST_CASE(disk_interrupts_arrive),
	KTEST_CASE(disk_round_trip_polled),
	KTEST_CASE(disk_concurrent_requests),
	KTEST_CASE(disk_past_the_end_is_eio),
	KTEST_CASE(disk_device_error_is_eio_and_recovers),
	{}
};
KTEST_SUITE(block, block_cases);
