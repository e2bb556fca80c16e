// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 10 (tools/grade.py --check, tests/host/labs.mk):
 * bounce_prepare() bounces every segment, not only those above the limit:
 * the data is right, but the counters say so (and every request pays two
 * copies for nothing).
 */
#include <block/blkdev.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include "block/block_internal.h"
#include <uapi/hm386/errno.h>

struct page *bounce_page_below(phys_addr_t limit);

int bounce_prepare(struct bio *bio, struct bounce_set *bs)
{
	struct block_device *bdev = bio->bdev;
	u64 bytes = 0;

	bs->count = 0;
	for (u32 i = 0; i < bio->vcnt; i++) {
		struct bio_vec *v = &bio->vec[i];
		struct page *page;

		page = bounce_page_below(bdev->dma_limit);
		if (!page) {
			pr_err("lab10: %s: no bounce page at sector %llu\n",
			       bdev->name, bio->sector);
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

void bounce_finish(struct bio *bio, struct bounce_set *bs, bool ok)
{
	for (u32 i = 0; i < bs->count; i++) {
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
