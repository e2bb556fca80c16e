// SPDX-License-Identifier: MIT
/*
 * Lab 10: bounce buffers (docs/labs/lab10.md).
 *
 * In the lab-10 kernel (`make lab 10`) the two functions below replace
 * their namesakes in block/bounce.c. submit_bio_wait() (block/blkdev.c)
 * calls bounce_prepare() before it hands a request to the driver, checks
 * that no segment is left above the device's DMA limit, and calls
 * bounce_finish() once the driver is done.
 *
 * As given, they compile and the kernel boots, but nothing is bounced: a
 * request with a page above the disk's DMA limit is refused (-EIO) before
 * the device sees it. Fix the TODOs, then `make grade 10`.
 */
#include <block/blkdev.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include "block/block_internal.h"
#include <uapi/hm386/errno.h>

/* From block/bounce.c (static there, visible to a lab build): */
/* A free page wholly below @limit (GFP_DMA or lowmem), or NULL. */
struct page *bounce_page_below(phys_addr_t limit);

/*
 * bounce_prepare - for every segment of @bio that bio_vec_needs_bounce()
 * (part of it at or above bio->bdev->dma_limit): take a page below the
 * limit (bounce_page_below()), copy the segment's bytes into it at the
 * same offset when @bio is a write (memcpy_page(): both pages through
 * kmap_local_page()), remember the segment's place in bio->vec[] and the
 * caller's segment in @bs, and make the segment point at the bounce page.
 * Count the segments and their bytes in the device's stats
 * (blk_stats_add() on bdev->stats.bounced_segments and .bounced_bytes).
 * Returns 0; or, when no page could be had, undoes what it did
 * (bounce_finish(bio, bs, false)), prints one line naming the device and
 * the sector, and returns -EIO.
 */
int bounce_prepare(struct bio *bio, struct bounce_set *bs)
{
	bs->count = 0;
	/* TODO: bounce each segment above the device's DMA limit. */
	return 0;
}

/*
 * bounce_finish - the driver is done with @bio (@ok: it succeeded). For
 * each segment recorded in @bs: after a read that succeeded, copy the
 * device's bytes from the bounce page back to the caller's page; free the
 * bounce page; put the caller's segment back in bio->vec[]. Leaves
 * bs->count 0.
 */
void bounce_finish(struct bio *bio, struct bounce_set *bs, bool ok)
{
	/* TODO: copy back (reads), free, restore. */
	bs->count = 0;
}
