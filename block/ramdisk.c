// SPDX-License-Identifier: MIT
/*
 * /dev/ram0: a RAM disk, as Linux's brd. Its sectors live in pages taken
 * from HighMem (GFP_HIGHUSER) the first time something is written to
 * them; a page never written reads as zeros and costs nothing. The CPU
 * moves every byte, through kmap_local_page() on both sides, so the disk
 * reaches any page: its dma limit is PHYS_ADDR_MAX and it never bounces.
 *
 * ramdisk_size= sets its size in bytes, with a K, M or G suffix (Linux's
 * ramdisk_size= counts KiB instead); a multiple of 4 KiB up to 1 GiB.
 */
#include <block/blkdev.h>
#include <kernel/cmdline.h>
#include <kernel/mutex.h>
#include <kernel/printk.h>
#include <lib/err.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/vmalloc.h>
#include "block/block_internal.h"

#define RAMDISK_SIZE_DEFAULT	(16ULL << 20)
#define RAMDISK_SIZE_MAX	(1ULL << 30)

static u64 ramdisk_size = RAMDISK_SIZE_DEFAULT;
KERNEL_PARAM(ramdisk_size, KPARAM_SIZE, &ramdisk_size,
	     "size of /dev/ram0 in bytes (K/M/G suffix), 4 KiB multiple, "
	     "at most 1G; 0 for none");

static struct block_device ram0;
static struct page **ram_pages;		/* [pfn index]: NULL = all zeros */
static u32 ram_nr_pages;
static u32 ram_table_pages;		/* pages of the ram_pages array */
static DEFINE_MUTEX(ram_lock);		/* page allocation on first write */

/*
 * The page holding disk page @index, allocated (zeroed) when @alloc and
 * missing; NULL when missing and not @alloc, or out of memory.
 */
static struct page *ram_page(u32 index, bool alloc)
{
	struct page *page = ram_pages[index];

	if (page || !alloc)
		return page;
	page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	ram_pages[index] = page;
	return page;
}

/* Move @len bytes between disk byte @pos (one disk page) and @page. */
static int ram_copy(u64 pos, struct page *page, u32 offset, u32 len,
		    enum req_op op)
{
	u32 index = (u32)(pos >> PAGE_SHIFT);
	u32 disk_off = (u32)(pos & (PAGE_SIZE - 1));
	struct page *disk = ram_page(index, op == REQ_OP_WRITE);

	if (op == REQ_OP_WRITE) {
		if (!disk) {
			pr_err("blk: ram0: write at sector %llu: out of memory\n",
			       pos >> SECTOR_SHIFT);
			return -EIO;
		}
		memcpy_page(disk, disk_off, page, offset, len);
	} else if (disk) {
		memcpy_page(page, offset, disk, disk_off, len);
	} else {
		memzero_page(page, offset, len);
	}
	return 0;
}

/* Each segment may straddle two disk pages: copy it in up to two parts. */
static int ram_submit(struct block_device *bdev, struct bio *bio)
{
	u64 pos = bio->sector << SECTOR_SHIFT;
	int err = 0;
	u32 i;

	mutex_lock(&ram_lock);
	for (i = 0; i < bio->vcnt && !err; i++) {
		const struct bio_vec *v = &bio->vec[i];
		u32 done = 0;

		while (done < v->len && !err) {
			u32 room = PAGE_SIZE - (u32)(pos & (PAGE_SIZE - 1));
			u32 n = v->len - done < room ? v->len - done : room;

			err = ram_copy(pos, v->page, v->offset + done, n, bio->op);
			pos += n;
			done += n;
		}
	}
	mutex_unlock(&ram_lock);
	return err;
}

static const struct block_device_ops ram_ops = {
	.submit = ram_submit,
};

u32 ramdisk_pages_used(void)
{
	u32 i, n = 0;

	mutex_lock(&ram_lock);
	for (i = 0; i < ram_nr_pages; i++)
		n += ram_pages[i] != NULL;
	mutex_unlock(&ram_lock);
	return n;
}

void ramdisk_init(void)
{
	u64 size = ramdisk_size;

	if (!size)
		return;
	if (size % PAGE_SIZE || size > RAMDISK_SIZE_MAX) {
		pr_warn("blk: ramdisk_size=%llu is not a multiple of 4 KiB up to "
			"1 GiB: using %llu\n", size, RAMDISK_SIZE_DEFAULT);
		size = RAMDISK_SIZE_DEFAULT;
	}
	ram_nr_pages = (u32)(size >> PAGE_SHIFT);
	ram_table_pages = (ram_nr_pages * sizeof(*ram_pages) + PAGE_SIZE - 1) /
			  PAGE_SIZE;
	ram_pages = vmalloc_guarded(ram_table_pages);
	if (!ram_pages) {
		pr_err("blk: ram0: no memory for its page table\n");
		return;
	}
	memset(ram_pages, 0, ram_table_pages * PAGE_SIZE);

	strlcpy(ram0.name, "ram0", sizeof(ram0.name));
	ram0.devt = MKDEV(RAMDISK_MAJOR, 0);
	ram0.nr_sectors = size >> SECTOR_SHIFT;
	ram0.dma_limit = PHYS_ADDR_MAX;
	strlcpy(ram0.model, "RAM disk (HighMem pages)", sizeof(ram0.model));
	ram0.mode = "CPU copies";
	ram0.ops = &ram_ops;
	blkdev_register(&ram0);
}
