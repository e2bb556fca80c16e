// SPDX-License-Identifier: MIT
/*
 * Bounce buffers, as Linux's old block/bounce.c: a device that moves data
 * by DMA reaches only the physical addresses below its limit (a PRD holds
 * 32 bits: 4 GiB; an ISA-like device 16 MiB). A segment whose page lies
 * above the limit is replaced, for the time of the request, by a page
 * below it: the caller's bytes are copied into it before a write, and the
 * device's bytes copied back out of it after a read. Both copies go
 * through kmap_local_page() (memcpy_page()), since the caller's page is
 * usually in HighMem, with no kernel address of its own.
 *
 * dma_limit= narrows every DMA device's limit (a power of two from 16 MiB
 * to 4 GiB), so that bouncing shows on a machine without RAM above 4 GiB.
 */
#include <block/blkdev.h>
#include <kernel/cmdline.h>
#include <kernel/lab.h>
#include <kernel/printk.h>
#include <lib/err.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mmzone.h>
#include "block/block_internal.h"

#define DMA_LIMIT_MIN	(16ULL << 20)	/* GFP_DMA's zone ends there */
#define DMA_LIMIT_MAX	(1ULL << 32)

static u64 dma_limit_param;
KERNEL_PARAM(dma_limit, KPARAM_SIZE, &dma_limit_param,
	     "the highest address + 1 block devices may DMA to: a power of two "
	     "from 16M to 4G (default: each device's own, 4G for ATA)");

bool bounce_skip;
KERNEL_PARAM(bounce_skip, KPARAM_BOOL, &bounce_skip,
	     "fault injection: give DMA devices pages above their limit "
	     "unbounced (corrupts data; for tests)");

phys_addr_t bounce_dma_limit_param(void)
{
	static bool warned;
	u64 v = dma_limit_param;

	if (!v)
		return 0;
	if (v < DMA_LIMIT_MIN || v > DMA_LIMIT_MAX || (v & (v - 1))) {
		if (!warned)
			pr_warn("blk: dma_limit=%llu is not a power of two from "
				"16 MiB to 4 GiB: ignored\n", v);
		warned = true;
		return 0;
	}
	return v;
}

bool bio_vec_needs_bounce(const struct block_device *bdev,
			  const struct bio_vec *v)
{
	return page_to_phys(v->page) + v->offset + v->len > bdev->dma_limit;
}

/*
 * A page wholly below @limit: the DMA zone (below 16 MiB, so below any
 * limit) when the limit falls inside lowmem, else any lowmem page (lowmem
 * ends below 1 GiB, and the limit is above it).
 */
LAB_STATIC struct page *bounce_page_below(phys_addr_t limit)
{
	phys_addr_t lowmem_end = (phys_addr_t)max_low_pfn << PAGE_SHIFT;

	return alloc_page(limit < lowmem_end ? GFP_DMA : GFP_KERNEL);
}

LAB_EXERCISE(10) int bounce_prepare(struct bio *bio, struct bounce_set *bs)
{
	struct block_device *bdev = bio->bdev;
	u64 bytes = 0;
	u32 i;

	bs->count = 0;
	for (i = 0; i < bio->vcnt; i++) {
		struct bio_vec *v = &bio->vec[i];
		struct page *page;

		if (!bio_vec_needs_bounce(bdev, v))
			continue;
		page = bounce_page_below(bdev->dma_limit);
		if (!page) {
			pr_err("blk: %s: %s at sector %llu: no page below the "
			       "dma limit to bounce through\n", bdev->name,
			       bio->op == REQ_OP_WRITE ? "write" : "read",
			       bio->sector);
			bounce_finish(bio, bs, false);
			return -EIO;
		}
		if (bio->op == REQ_OP_WRITE)
			memcpy_page(page, v->offset, v->page, v->offset, v->len);
		bs->index[bs->count] = i;
		bs->orig[bs->count] = *v;
		bs->count++;
		v->page = page;
		bytes += v->len;
	}
	blk_stats_add(bdev, &bdev->stats.bounced_segments, bs->count);
	blk_stats_add(bdev, &bdev->stats.bounced_bytes, bytes);
	return 0;
}

LAB_EXERCISE(10) void bounce_finish(struct bio *bio, struct bounce_set *bs, bool ok)
{
	u32 i;

	for (i = 0; i < bs->count; i++) {
		struct bio_vec *v = &bio->vec[bs->index[i]];
		const struct bio_vec *orig = &bs->orig[i];

		if (ok && bio->op == REQ_OP_READ)
			memcpy_page(orig->page, orig->offset, v->page, v->offset,
				    v->len);
		__free_page(v->page);
		*v = *orig;
	}
	bs->count = 0;
}
