/* SPDX-License-Identifier: MIT */
/*
 * Block devices (block/): a disk is an array of 512-byte sectors, read and
 * written by requests made of page segments (struct bio), as in Linux.
 *
 * A segment names a struct page, not an address: the page may be in
 * HighMem, with no kernel address at all, and above 4 GiB. A driver that
 * moves bytes with the CPU (the RAM disk, ATA PIO) maps each segment with
 * kmap_local_page() for the copy; a driver that lets the device move them
 * (ATA bus-master DMA) gives the device the segment's physical address,
 * which must be below the device's DMA limit. submit_bio_wait() bounces
 * every segment above that limit through a page below it (block/bounce.c,
 * Linux's old block/bounce.c): copied there before a write, copied back
 * after a read, both through kmap_local_page().
 *
 * Devices register at boot (the RAM disk, each ATA disk found) and never
 * go away. The file system names them by their name ("hda", "ram0"), which
 * is also the name of their node in /dev.
 */
#ifndef HM386_BLOCK_BLKDEV_H
#define HM386_BLOCK_BLKDEV_H

#include <lib/list.h>
#include <mm/page.h>
#include <types.h>

#define SECTOR_SHIFT	9
#define SECTOR_SIZE	(1U << SECTOR_SHIFT)
#define BIO_MAX_VECS	16		/* segments of one request */
#define BDEV_NAME_MAX	8		/* "hda", "ram0", NUL included */

/* Linux's device numbers for the nodes in /dev (st_rdev): IDE's first
 * controller is major 3 (hda minor 0, hdb minor 64), the RAM disk 1. */
#define RAMDISK_MAJOR	1
#define IDE0_MAJOR	3
#define IDE1_MAJOR	22
#define MKDEV(ma, mi)	(((ma) << 8) | (mi))
#define MAJOR(devt)	((devt) >> 8)
#define MINOR(devt)	((devt) & 0xff)

enum req_op { REQ_OP_READ, REQ_OP_WRITE };

/* One segment: @len bytes at @offset in @page, within the page, a
 * multiple of SECTOR_SIZE. */
struct bio_vec {
	struct page *page;
	u32 offset;
	u32 len;
};

/*
 * A request: @vcnt segments transferred, in order, to or from the
 * contiguous sectors starting at @sector. Filled by bio_init() and
 * bio_add_page(); submit_bio_wait() sets @status.
 */
struct bio {
	struct block_device *bdev;
	u64 sector;
	enum req_op op;
	u32 vcnt;
	struct bio_vec vec[BIO_MAX_VECS];
	int status;			/* 0, or -EIO after submit */
};

/* Counters of one device since boot (monitor `blk`, boot report, tests). */
struct blk_stats {
	u64 reads, writes;		/* requests completed */
	u64 sectors_read, sectors_written;
	u64 errors;			/* requests that ended in -EIO */
	u64 bounced_segments;		/* segments that went through a bounce
					   page (reads and writes) */
	u64 bounced_bytes;
};

struct block_device;

/*
 * What a driver does. submit transfers every segment of @bio (already
 * bounced: each segment's physical address is below bdev->dma_limit when
 * the driver uses DMA), may sleep, and returns 0 or -EIO.
 */
struct block_device_ops {
	int (*submit)(struct block_device *bdev, struct bio *bio);
};

struct block_device {
	char name[BDEV_NAME_MAX];	/* "hda", "ram0": also /dev/<name> */
	u32 devt;			/* MKDEV(major, minor) */
	u64 nr_sectors;
	/* One past the highest physical address the device can reach by
	 * DMA (a PRD holds 32 bits: 4 GiB; the dma_limit= parameter may
	 * lower it); PHYS_ADDR_MAX for a device the CPU feeds (no bounce). */
	phys_addr_t dma_limit;
	char model[41];			/* the disk's own name, for reports */
	const char *mode;		/* how data moves: "PIO", "bus-master
					   DMA", "CPU copies" (NULL: not said) */
	const struct block_device_ops *ops;
	void *driver_data;
	struct blk_stats stats;
	struct list_head list;		/* on the list of all devices */
};

#define PHYS_ADDR_MAX	(~(phys_addr_t)0)

/*
 * blkdev_register - make @bdev known (its name, devt, nr_sectors,
 * dma_limit, model, mode and ops filled in) and print its boot report
 * line; a driver's probe calls it at boot. The dma_limit of a device that
 * does DMA (below PHYS_ADDR_MAX) is lowered to the dma_limit= boot
 * parameter when that is lower; a device the CPU feeds keeps
 * PHYS_ADDR_MAX. Names must be unique (a second "hda" is a bug: panic).
 */
void blkdev_register(struct block_device *bdev);

/* blkdev_get_by_name - the device called @name ("hda"), or NULL. */
struct block_device *blkdev_get_by_name(const char *name);

/* blkdev_get_by_devt - the device with number @devt, or NULL. */
struct block_device *blkdev_get_by_devt(u32 devt);

/*
 * blkdev_for_each - call @fn(bdev, @arg) for every registered device, in
 * registration order (the file system makes the /dev nodes with it).
 */
void blkdev_for_each(void (*fn)(struct block_device *bdev, void *arg), void *arg);

/* bio_init - an empty request of @op at @sector of @bdev. */
void bio_init(struct bio *bio, struct block_device *bdev, u64 sector, enum req_op op);

/*
 * bio_add_page - append the segment (@page, @offset, @len) to @bio.
 * Returns false, adding nothing, when @bio has BIO_MAX_VECS segments
 * already or the segment is not whole sectors within the page.
 */
bool bio_add_page(struct bio *bio, struct page *page, u32 len, u32 offset);

/*
 * submit_bio_wait - run @bio to completion: bounce the segments above the
 * device's DMA limit, call the driver, copy bounced reads back, free the
 * bounce pages, count it all in bdev->stats. Returns 0, or -EIO (a
 * request past the end of the device, a device error; one log line names
 * the device, the sector and the cause) and sets bio->status. May sleep:
 * process context only; pages may be mapped by the caller with
 * kmap_local_page() across it.
 */
int submit_bio_wait(struct bio *bio);

/*
 * blkdev_rw_page - read or write @len bytes (whole sectors) between
 * sector @sector of @bdev and @page at @offset: one bio of one segment
 * through submit_bio_wait(). Returns 0 or -EIO.
 */
int blkdev_rw_page(struct block_device *bdev, u64 sector, struct page *page,
		   u32 offset, u32 len, enum req_op op);

/*
 * block_init - find the block devices (the RAM disk, the ATA disks) and
 * register them. kmain calls it once, after the scheduler is up: drivers
 * sleep while they probe.
 */
void block_init(void);

#endif
