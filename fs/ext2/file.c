// SPDX-License-Identifier: MIT
/*
 * ext2's pages (fs/ext2/ext2.h): the address_space_ops that move a
 * regular file's or a directory's page-cache pages (HighMem when there is
 * some, above 4 GiB too) to and from the disk, one block at a time, each
 * a segment of the page given to the block layer (blkdev_rw_page(), which
 * bounces what the device cannot reach). The CPU never touches the bytes
 * here but to zero holes and the tail past the end of the file, through
 * memzero_page() (kmap_local_page() inside).
 *
 * prepare_write allocates the blocks a write will cover before it copies,
 * so that a full disk fails write() with -ENOSPC; writepage writes only
 * blocks that are mapped (a hole in a dirty page holds zeros and stays a
 * hole) and within the file.
 */
#include "fs/ext2/ext2.h"
#include <block/blkdev.h>
#include <mm/highmem.h>

/* Call @fn(@inode, file block, disk block or 0, offset in @page) for
 * each block of @page below the end of the file; stop at an error. */
static int for_each_block(struct inode *inode, struct page *page, bool create,
			  u32 from, u32 to,
			  int (*fn)(struct inode *, struct page *, u32 blk, u32 off))
{
	const struct ext2_geometry *geo = EXT2_GEO(inode->sb);
	u64 first = (u64)page->index << (PAGE_SHIFT - geo->log_block_size);
	int err = 0;

	for (u32 off = 0; off < PAGE_SIZE && !err; off += geo->block_size) {
		u64 iblock = first + (off >> geo->log_block_size);
		u32 blk;

		if (off + geo->block_size <= from || off >= to)
			continue;
		err = ext2_get_block(inode, iblock, create, &blk);
		if (!err)
			err = fn(inode, page, blk, off);
	}
	return err;
}

static int read_block(struct inode *inode, struct page *page, u32 blk, u32 off)
{
	u32 bs = EXT2_GEO(inode->sb)->block_size;

	if (!blk) {
		memzero_page(page, off, bs);
		return 0;
	}
	return blkdev_rw_page(inode->sb->bdev, (u64)blk * ext2_sectors_per_block(inode->sb),
			      page, off, bs, REQ_OP_READ);
}

static int write_block(struct inode *inode, struct page *page, u32 blk, u32 off)
{
	if (!blk)
		return 0;
	return blkdev_rw_page(inode->sb->bdev, (u64)blk * ext2_sectors_per_block(inode->sb),
			      page, off, EXT2_GEO(inode->sb)->block_size,
			      REQ_OP_WRITE);
}


static int allocated(struct inode *inode, struct page *page, u32 blk, u32 off)
{
	return 0;		/* ext2_get_block(create) did it */
}

/* Bytes of @page within the file (0 past its end). */
static u32 bytes_in_file(struct inode *inode, struct page *page)
{
	u64 start = (u64)page->index << PAGE_SHIFT;

	if (inode->size <= start)
		return 0;
	return inode->size - start >= PAGE_SIZE ? PAGE_SIZE : (u32)(inode->size - start);
}

static int ext2_readpage(struct address_space *mapping, struct page *page)
{
	struct inode *inode = mapping->host;
	u32 valid = bytes_in_file(inode, page);
	int err;

	err = for_each_block(inode, page, false, 0, valid, read_block);
	if (!err && valid < PAGE_SIZE) {
		/* Past the last block of the file: zeros, never disk bytes. */
		u32 bs = EXT2_GEO(inode->sb)->block_size;
		u32 end = (valid + bs - 1) & ~(bs - 1);

		memzero_page(page, end, PAGE_SIZE - end);
	}
	return err;
}

static int ext2_writepage(struct address_space *mapping, struct page *page)
{
	struct inode *inode = mapping->host;

	if (ext2_rdonly(inode->sb))
		return -EROFS;
	return for_each_block(inode, page, false, 0, bytes_in_file(inode, page),
			      write_block);
}

/* prepare_write: give the blocks [@from, @to) of @page covers a place on
 * the disk. A block allocated here holds stale bytes on the disk until the
 * page is written: an uptodate page (its bytes there are the hole's zeros)
 * is dirtied at once, so that a copy from user space that then faults and
 * writes nothing still leaves zeros, not old bytes, on the disk. */
static int ext2_prepare_write(struct address_space *mapping, struct page *page,
			      u32 from, u32 to)
{
	struct inode *inode = mapping->host;
	u64 blocks = inode->blocks;
	int err;

	err = for_each_block(inode, page, true, from, to, allocated);
	if (inode->blocks != blocks && PageUptodate(page))
		set_page_dirty(page);
	return err;
}

const struct address_space_ops ext2_aops = {
	.readpage = ext2_readpage,
	.writepage = ext2_writepage,
	.prepare_write = ext2_prepare_write,
};

static const struct inode_operations ext2_file_iops = {
	.setsize = ext2_setsize,
};

static const struct inode_operations ext2_special_iops;

void ext2_set_ops(struct inode *inode)
{
	if (S_ISDIR(inode->mode)) {
		inode->iops = &ext2_dir_iops;
		mapping_init(&inode->mapping, inode, &ext2_aops, false);
	} else if (S_ISREG(inode->mode)) {
		inode->iops = &ext2_file_iops;
		mapping_init(&inode->mapping, inode, &ext2_aops, false);
	} else {
		inode->iops = &ext2_special_iops;	/* symlinks, devices */
	}
}
