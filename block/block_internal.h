/* SPDX-License-Identifier: MIT */
/*
 * The block layer's insides (block/): what blkdev.c, the bounce and the
 * drivers share, and what the self-tests may see and flip. Not an API.
 */
#ifndef HM386_BLOCK_INTERNAL_H
#define HM386_BLOCK_INTERNAL_H

#include <block/blkdev.h>

/* The segments of one request that went through bounce pages: which ones,
 * and the caller's segment each replaced. */
struct bounce_set {
	u32 count;			/* segments bounced */
	u32 index[BIO_MAX_VECS];	/* their places in bio->vec[] */
	struct bio_vec orig[BIO_MAX_VECS];
};

/*
 * bio_vec_needs_bounce - true when segment @v of a request to @bdev lies (even
 * partly) at or above the device's DMA limit.
 */
bool bio_vec_needs_bounce(const struct block_device *bdev,
			  const struct bio_vec *v);

/*
 * bounce_prepare - give every segment of @bio above its device's DMA limit
 * a bounce page below the limit (same offset and length), copying the
 * caller's bytes into it for a write; record them in @bs. Counts them in
 * the device's stats. Returns 0, or -EIO when no bounce page could be had
 * (nothing left bounced, one log line). submit_bio_wait() does not call
 * it while bounce_skip is set, and checks after it that no segment is left
 * above the limit (-EIO, one line).
 */
int bounce_prepare(struct bio *bio, struct bounce_set *bs);

/*
 * bounce_finish - after the driver ran @bio: for a read that succeeded
 * (@ok), copy each bounce page's bytes back to the caller's page; then
 * free the bounce pages and put the caller's segments back in @bio.
 */
void bounce_finish(struct bio *bio, struct bounce_set *bs, bool ok);

/*
 * bio_check_bounced - after the bounce, no segment of @bio may be above
 * its device's DMA limit: the device would reach another page (a PRD
 * keeps the low 32 bits), reading the wrong bytes or writing over memory
 * the kernel uses. Linux trusted its bounce code there; hm386 checks (lab
 * 10's bounce code is the student's) and submit_bio_wait() fails the
 * request instead. Returns 0, or -EIO after one line naming the device,
 * the sector and the segment.
 */
int bio_check_bounced(struct bio *bio);

/*
 * Fault injection for the self-tests: while true, submit_bio_wait() skips
 * bounce_prepare() and hands the driver every segment as it is, above the limit or not, so that a
 * test can show what the device does with an address it cannot reach.
 * Also the boot parameter bounce_skip=on.
 */
extern bool bounce_skip;

/*
 * bounce_dma_limit_param - the dma_limit= boot parameter, or 0 when it was
 * not given or is not a power of two in [16 MiB, 4 GiB] (warned once).
 */
phys_addr_t bounce_dma_limit_param(void);

/* blk_stats_add - add @n to @counter, one of @bdev's stats, under the
 * lock that keeps the u64 counters whole for readers. */
void blk_stats_add(struct block_device *bdev, u64 *counter, u64 n);

/* ramdisk_pages_used - pages of ram0 that hold data (were written). */
u32 ramdisk_pages_used(void);

/* The drivers' probes, called by block_init(). */
void ramdisk_init(void);
void ata_init(void);

#endif
