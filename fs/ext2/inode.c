// SPDX-License-Identifier: MIT
/*
 * ext2 inodes (fs/ext2/ext2.h): read from and written to the inode table
 * through the buffer cache, the block map (12 direct blocks, then one
 * indirect, one double- and one triple-indirect block), and truncate.
 *
 * An inode read from the disk is trusted only after ext2_check_inode();
 * a block number read from an indirect block only after
 * ext2_block_valid(): a bad one fails the call with -EIO and
 * ext2_error() names the inode and the indirect block that held it.
 */
#include "fs/ext2/ext2.h"
#include <block/blkdev.h>
#include <kernel/printk.h>
#include <lib/err.h>
#include <lib/string.h>
#include <mm/highmem.h>
#include <mm/page_ref.h>
#include <uapi/hm386/stat.h>

#define OSD2_UID_HIGH	4		/* Linux's l_i_uid_high in i_osd2 */
#define OSD2_GID_HIGH	6

/* Where inode @ino lives: its table block and the byte offset in it. */
static int locate(struct super_block *sb, u32 ino, u32 *block, u32 *offset)
{
	const struct ext2_geometry *geo = EXT2_GEO(sb);
	u32 group, index;
	u64 byte;

	if (!ext2_ino_valid(geo, ino))
		return ext2_error(sb, "ext2_iget", ino, 0, "inode number out of range");
	group = (ino - 1) / geo->inodes_per_group;
	index = (ino - 1) % geo->inodes_per_group;
	byte = (u64)index * geo->inode_size;
	*block = le32_to_cpu(ext2_get_group_desc(sb, group, NULL)->bg_inode_table) +
		 (u32)(byte >> geo->log_block_size);
	*offset = (u32)(byte & (geo->block_size - 1));
	return 0;
}

static u32 decode_dev(const struct ext2_inode *raw)
{
	u32 old = le32_to_cpu(raw->i_block[0]), dev = le32_to_cpu(raw->i_block[1]);

	if (old)
		return old & 0xFFFF;	/* (major << 8) | minor, as MKDEV */
	return MKDEV((dev & 0xFFF00) >> 8, (dev & 0xFF) | ((dev >> 12) & 0xFFF00));
}

int ext2_read_inode(struct inode *inode)
{
	struct super_block *sb = inode->sb;
	struct ext2_inode_info *ei = EXT2_I(inode);
	const struct ext2_inode *raw;
	struct buffer_head *bh;
	u32 block, offset;
	const char *why;
	int err;

	err = locate(sb, inode->ino, &block, &offset);
	if (err)
		return err;
	bh = ext2_bread(sb, block, inode->ino, "ext2_iget");
	if (!bh)
		return -EIO;
	raw = (const void *)((u8 *)bh->data + offset);
	if (ext2_check_inode(raw, EXT2_GEO(sb), &why)) {
		brelse(bh);
		return ext2_error(sb, "ext2_iget", inode->ino, block, "bad inode: %s",
				  why);
	}
	inode->mode = le16_to_cpu(raw->i_mode);
	inode->uid = le16_to_cpu(raw->i_uid) |
		     (u32)(raw->i_osd2[OSD2_UID_HIGH] | raw->i_osd2[OSD2_UID_HIGH + 1] << 8) << 16;
	inode->gid = le16_to_cpu(raw->i_gid) |
		     (u32)(raw->i_osd2[OSD2_GID_HIGH] | raw->i_osd2[OSD2_GID_HIGH + 1] << 8) << 16;
	inode->nlink = le16_to_cpu(raw->i_links_count);
	inode->size = le32_to_cpu(raw->i_size);
	if (S_ISREG(inode->mode))
		inode->size |= (u64)le32_to_cpu(raw->i_size_high) << 32;
	inode->atime = le32_to_cpu(raw->i_atime);
	inode->mtime = le32_to_cpu(raw->i_mtime);
	inode->ctime = le32_to_cpu(raw->i_ctime);
	inode->blocks = le32_to_cpu(raw->i_blocks);
	if (S_ISCHR(inode->mode) || S_ISBLK(inode->mode))
		inode->rdev = decode_dev(raw);
	memcpy(ei->i_data, raw->i_block, sizeof(ei->i_data));
	ei->i_flags = le32_to_cpu(raw->i_flags);
	ei->i_file_acl = le32_to_cpu(raw->i_file_acl);
	ei->i_dtime = le32_to_cpu(raw->i_dtime);
	ei->block_group = (inode->ino - 1) / EXT2_GEO(sb)->inodes_per_group;
	brelse(bh);
	ext2_set_ops(inode);
	return 0;
}

int ext2_write_inode(struct inode *inode)
{
	struct super_block *sb = inode->sb;
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct ext2_inode *raw;
	struct buffer_head *bh;
	u32 block, offset;
	int err;

	if (ext2_rdonly(sb))
		return -EROFS;
	err = locate(sb, inode->ino, &block, &offset);
	if (err)
		return err;
	bh = ext2_bread(sb, block, inode->ino, "ext2_write_inode");
	if (!bh)
		return -EIO;
	raw = (void *)((u8 *)bh->data + offset);
	raw->i_mode = cpu_to_le16(inode->mode);
	raw->i_uid = cpu_to_le16(inode->uid & 0xFFFF);
	raw->i_gid = cpu_to_le16(inode->gid & 0xFFFF);
	raw->i_osd2[OSD2_UID_HIGH] = inode->uid >> 16;
	raw->i_osd2[OSD2_UID_HIGH + 1] = inode->uid >> 24;
	raw->i_osd2[OSD2_GID_HIGH] = inode->gid >> 16;
	raw->i_osd2[OSD2_GID_HIGH + 1] = inode->gid >> 24;
	raw->i_links_count = cpu_to_le16(inode->nlink);
	raw->i_size = cpu_to_le32((u32)inode->size);
	raw->i_size_high = S_ISREG(inode->mode) ? cpu_to_le32(inode->size >> 32) : 0;
	if (inode->size >> 31 && S_ISREG(inode->mode) &&
	    !(sbi->geo.feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)) {
		sbi->geo.feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
		sbi->es->s_feature_ro_compat = cpu_to_le32(sbi->geo.feature_ro_compat);
		mark_buffer_dirty(sbi->sbh);
	}
	raw->i_atime = cpu_to_le32(inode->atime);
	raw->i_mtime = cpu_to_le32(inode->mtime);
	raw->i_ctime = cpu_to_le32(inode->ctime);
	raw->i_dtime = cpu_to_le32(ei->i_dtime);
	raw->i_blocks = cpu_to_le32((u32)inode->blocks);
	raw->i_flags = cpu_to_le32(ei->i_flags);
	raw->i_file_acl = cpu_to_le32(ei->i_file_acl);
	memcpy(raw->i_block, ei->i_data, sizeof(raw->i_block));
	mark_buffer_dirty(bh);
	brelse(bh);
	inode->dirty = false;
	return 0;
}

/* ------------------------------------------------------------ block map */

/*
 * The path to file block @iblock: the root slot in i_data and the index
 * at each level below it. Returns the depth (0 direct, 1..3 indirect) or
 * -1 past the map.
 */
static int block_path(u32 apb, u64 iblock, u32 *root, u32 idx[3])
{
	u64 span = apb;

	if (iblock < EXT2_NDIR_BLOCKS) {
		*root = (u32)iblock;
		return 0;
	}
	iblock -= EXT2_NDIR_BLOCKS;
	for (int depth = 1; depth <= 3; depth++, span *= apb) {
		if (iblock < span) {
			/* idx[depth - 1] indexes the top block: the most
			 * significant digit in base apb. */
			*root = EXT2_IND_BLOCK + depth - 1;
			for (int level = 0; level < depth; level++) {
				idx[level] = (u32)(iblock % apb);
				iblock /= apb;
			}
			return depth;
		}
		iblock -= span;
	}
	return -1;
}

/* A new block for the map of @inode near @goal, zeroed on the disk when
 * it is an indirect block (@meta) so that it maps nothing. */
static int alloc_map_block(struct inode *inode, u32 goal, bool meta, u32 *blk)
{
	struct buffer_head *bh;
	int err = 0;

	*blk = ext2_new_block(inode, goal, &err);
	if (!*blk)
		return err;
	if (meta) {
		bh = bget(inode->sb->bdev, *blk, EXT2_GEO(inode->sb)->block_size);
		if (!bh) {
			ext2_free_block(inode, *blk);
			return -ENOMEM;
		}
		mark_buffer_dirty(bh);
		brelse(bh);
	}
	return 0;
}

int ext2_get_block(struct inode *inode, u64 iblock, bool create, u32 *blk)
{
	struct super_block *sb = inode->sb;
	const struct ext2_geometry *geo = EXT2_GEO(sb);
	struct ext2_inode_info *ei = EXT2_I(inode);
	u32 root, idx[3], cur, parent = 0;
	int depth, err;

	*blk = 0;
	depth = block_path(geo->addr_per_block, iblock, &root, idx);
	if (depth < 0)
		return create ? -EFBIG : 0;
	if (create && ext2_rdonly(sb))
		return -EROFS;
	cur = le32_to_cpu(ei->i_data[root]);
	if (cur && !ext2_block_valid(geo, cur))
		return ext2_error(sb, "ext2_get_block", inode->ino, 0,
				  "block %u in i_block[%u] outside the disk", cur, root);
	if (!cur) {
		if (!create)
			return 0;
		/* Near the block before it, or in the inode's group. */
		u32 goal = root ? le32_to_cpu(ei->i_data[root - 1]) : 0;

		err = alloc_map_block(inode, goal ? goal + 1 : 0, depth > 0, &cur);
		if (err)
			return err;
		ei->i_data[root] = cpu_to_le32(cur);
		mark_inode_dirty(inode);
	}
	for (int level = depth - 1; level >= 0; level--) {
		struct buffer_head *bh = ext2_bread(sb, cur, inode->ino,
						    "ext2_get_block");
		__le32 *slot;
		u32 next;

		if (!bh)
			return -EIO;
		parent = cur;
		slot = (__le32 *)bh->data + idx[level];
		next = le32_to_cpu(*slot);
		if (next && !ext2_block_valid(geo, next)) {
			brelse(bh);
			return ext2_error(sb, "ext2_get_block", inode->ino, parent,
					  "block %u at index %u outside the disk",
					  next, idx[level]);
		}
		if (!next && create) {
			err = alloc_map_block(inode, parent, level > 0, &next);
			if (err) {
				brelse(bh);
				return err;
			}
			*slot = cpu_to_le32(next);
			mark_buffer_dirty(bh);
		}
		brelse(bh);
		if (!next)
			return 0;
		cur = next;
	}
	*blk = cur;
	return 0;
}

/*
 * Free the subtree at *@slot (a data block at @depth 0, else an indirect
 * block of that depth) that maps file blocks [@base, @base + @span), for
 * the part at or after @first; clear *@slot when all of it went. Sets
 * *@changed when *@slot changed. 0 or -EIO (the damage is left alone).
 */
static int trunc_tree(struct inode *inode, __le32 *slot, int depth, u64 base,
		      u64 span, u64 first, u32 parent, bool *changed)
{
	struct super_block *sb = inode->sb;
	const struct ext2_geometry *geo = EXT2_GEO(sb);
	u32 blk = le32_to_cpu(*slot);
	u64 child_span = span / geo->addr_per_block;
	struct buffer_head *bh;
	bool dirty = false;
	int err = 0;

	if (!blk || base + span <= first)
		return 0;
	if (!ext2_block_valid(geo, blk))
		return ext2_error(sb, "ext2_truncate", inode->ino, parent,
				  "block %u outside the disk", blk);
	if (depth) {
		bh = ext2_bread(sb, blk, inode->ino, "ext2_truncate");
		if (!bh)
			return -EIO;
		for (u32 i = 0; i < geo->addr_per_block && !err; i++)
			err = trunc_tree(inode, (__le32 *)bh->data + i, depth - 1,
					 base + i * child_span, child_span, first,
					 blk, &dirty);
		if (dirty)
			mark_buffer_dirty(bh);
		brelse(bh);
		if (err)
			return err;
	}
	if (base >= first) {
		ext2_free_block(inode, blk);
		*slot = 0;
		*changed = true;
	}
	return 0;
}

int ext2_truncate_blocks(struct inode *inode, u64 first)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	u64 apb = EXT2_GEO(inode->sb)->addr_per_block;
	u64 base = EXT2_NDIR_BLOCKS, span = apb;
	bool changed = false;
	int err = 0;

	for (u32 i = 0; i < EXT2_NDIR_BLOCKS && !err; i++)
		err = trunc_tree(inode, &ei->i_data[i], 0, i, 1, first, 0, &changed);
	for (int depth = 1; depth <= 3 && !err; depth++, base += span, span *= apb)
		err = trunc_tree(inode, &ei->i_data[EXT2_IND_BLOCK + depth - 1],
				 depth, base, span, first, 0, &changed);
	if (changed)
		mark_inode_dirty(inode);
	return err;
}

int ext2_setsize(struct inode *inode, u64 size)
{
	const struct ext2_geometry *geo = EXT2_GEO(inode->sb);
	struct page *page = NULL;
	int err = 0;

	if (ext2_rdonly(inode->sb))
		return -EROFS;
	if (size > geo->max_file_blocks << geo->log_block_size)
		return -EFBIG;
	/* The page that will hold the new end is read and held, so that
	 * truncate_pagecache() finds it and zeroes its bytes past the end:
	 * the block on the disk gets them at writeback, and growing the
	 * file again shows zeros there. */
	if (size < inode->size && (size & (PAGE_SIZE - 1))) {
		page = read_mapping_page(&inode->mapping, (u32)(size >> PAGE_SHIFT));
		if (IS_ERR(page))
			return PTR_ERR(page);
	}
	if (size < inode->size) {
		truncate_pagecache(inode, size);
		err = ext2_truncate_blocks(inode,
			(size + geo->block_size - 1) >> geo->log_block_size);
	} else {
		truncate_pagecache(inode, size);	/* a hole: the size only */
	}
	if (page)
		put_page(page);
	return err;
}

/* The attribute block of a freed inode: one reference less, freed with
 * the last (Linux's ext2_xattr_delete_inode). A damaged one is left. */
static void drop_xattr_block(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct ext2_xattr_header *h;
	struct buffer_head *bh;
	u32 blk = ei->i_file_acl;

	if (!ext2_block_valid(EXT2_GEO(inode->sb), blk)) {
		ext2_error(inode->sb, "ext2_xattr_delete_inode", inode->ino, 0,
			   "attribute block %u outside the disk", blk);
		return;
	}
	bh = ext2_bread(inode->sb, blk, inode->ino, "ext2_xattr_delete_inode");
	if (!bh)
		return;
	h = bh->data;
	if (le32_to_cpu(h->h_magic) != EXT2_XATTR_MAGIC || !h->h_refcount) {
		brelse(bh);
		ext2_error(inode->sb, "ext2_xattr_delete_inode", inode->ino, blk,
			   "bad attribute block");
		return;
	}
	if (le32_to_cpu(h->h_refcount) > 1) {
		h->h_refcount = cpu_to_le32(le32_to_cpu(h->h_refcount) - 1);
		mark_buffer_dirty(bh);
		brelse(bh);
	} else {
		brelse(bh);
		ext2_free_block(inode, blk);
	}
	ei->i_file_acl = 0;
}

void ext2_evict_inode(struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	/* iput() dropped its pages already (mapping_destroy). */
	if (ext2_rdonly(inode->sb))
		return;		/* left for e2fsck: no write after an error */
	if (ext2_has_block_map(inode) && ext2_truncate_blocks(inode, 0))
		return;
	if (ei->i_file_acl)
		drop_xattr_block(inode);
	inode->size = 0;
	ei->i_dtime = EXT2_SB(inode->sb)->now ? EXT2_SB(inode->sb)->now : 1;
	if (ext2_write_inode(inode))
		return;
	ext2_free_inode(inode);
}
