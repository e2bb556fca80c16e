// SPDX-License-Identifier: MIT
/*
 * ext2's inode allocation (fs/ext2/ext2.h): the inode bitmap, the group's
 * free inode and directory counts and the super block's free count change
 * together. A new directory goes to the group with the most free inodes
 * (spreading the tree, a much simplified Orlov), a new file to its
 * directory's group when it has room. The on-disk inode is zeroed whole
 * (all s_inode_size bytes) as Linux does for a new inode.
 */
#include "fs/ext2/ext2.h"
#include <lib/err.h>
#include <lib/string.h>

/* Add @delta to @group's free inodes (and @dirs to its directories) and
 * to the super block's free inodes. */
static void count_inodes(struct super_block *sb, u32 group, int delta, int dirs)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct buffer_head *gdbh;
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, group, &gdbh);

	gd->bg_free_inodes_count =
		cpu_to_le16(le16_to_cpu(gd->bg_free_inodes_count) + delta);
	gd->bg_used_dirs_count =
		cpu_to_le16(le16_to_cpu(gd->bg_used_dirs_count) + dirs);
	mark_buffer_dirty(gdbh);
	sbi->es->s_free_inodes_count =
		cpu_to_le32(le32_to_cpu(sbi->es->s_free_inodes_count) + delta);
	mark_buffer_dirty(sbi->sbh);
}

static u32 free_inodes(struct super_block *sb, u32 group)
{
	return le16_to_cpu(ext2_get_group_desc(sb, group, NULL)->bg_free_inodes_count);
}

/* The group to look in first for a new inode of @mode in @dir. */
static u32 choose_group(struct inode *dir, u32 mode)
{
	struct super_block *sb = dir->sb;
	u32 best = EXT2_I(dir)->block_group;

	if (!S_ISDIR(mode) && free_inodes(sb, best))
		return best;
	for (u32 g = 0; g < EXT2_GEO(sb)->groups_count; g++)
		if (free_inodes(sb, g) > free_inodes(sb, best))
			best = g;
	return best;
}

/* Set a clear bit of @group's inode bitmap: the inode number, 0 when the
 * group has none, or -EIO. */
static int take_inode(struct super_block *sb, u32 group, u32 *ino)
{
	const struct ext2_geometry *geo = EXT2_GEO(sb);
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, group, NULL);
	struct buffer_head *bh;
	int bit;

	*ino = 0;
	if (!gd->bg_free_inodes_count)
		return 0;
	bh = ext2_bread(sb, le32_to_cpu(gd->bg_inode_bitmap), 0, "ext2_new_inode");
	if (!bh)
		return -EIO;
	bit = ext2_find_zero_bit(bh->data, geo->inodes_per_group, 0);
	if (bit < 0 || group * geo->inodes_per_group + (u32)bit + 1 < geo->first_ino) {
		brelse(bh);
		return ext2_error(sb, "ext2_new_inode", 0,
				  le32_to_cpu(gd->bg_inode_bitmap),
				  bit < 0 ? "group %u: free count, bitmap full" :
				  "group %u: bitmap offers a reserved inode", group);
	}
	ext2_change_bit(bh->data, (u32)bit, true);
	mark_buffer_dirty(bh);
	brelse(bh);
	*ino = group * geo->inodes_per_group + (u32)bit + 1;
	return 0;
}

/* Zero inode @ino's whole slot in the table. */
static int zero_slot(struct super_block *sb, u32 ino)
{
	const struct ext2_geometry *geo = EXT2_GEO(sb);
	u32 group = (ino - 1) / geo->inodes_per_group;
	u64 byte = (u64)((ino - 1) % geo->inodes_per_group) * geo->inode_size;
	u32 block = le32_to_cpu(ext2_get_group_desc(sb, group, NULL)->bg_inode_table) +
		    (u32)(byte >> geo->log_block_size);
	struct buffer_head *bh = ext2_bread(sb, block, ino, "ext2_new_inode");

	if (!bh)
		return -EIO;
	memset((u8 *)bh->data + (byte & (geo->block_size - 1)), 0, geo->inode_size);
	mark_buffer_dirty(bh);
	brelse(bh);
	return 0;
}

struct inode *ext2_new_inode(struct inode *dir, u32 mode)
{
	struct super_block *sb = dir->sb;
	const struct ext2_geometry *geo = EXT2_GEO(sb);
	u32 group = choose_group(dir, mode), ino = 0, now = EXT2_SB(sb)->now;
	struct ext2_inode_info *ei;
	struct inode *inode;
	int err;

	if (ext2_rdonly(sb))
		return ERR_PTR(-EROFS);
	for (u32 n = 0; n < geo->groups_count && !ino; n++) {
		err = take_inode(sb, group, &ino);
		if (err)
			return ERR_PTR(err);
		if (!ino)
			group = (group + 1) % geo->groups_count;
	}
	if (!ino)
		return ERR_PTR(-ENOSPC);
	count_inodes(sb, group, -1, S_ISDIR(mode) ? 1 : 0);
	err = zero_slot(sb, ino);
	inode = err ? NULL : sb->ops->alloc_inode(sb);
	if (!inode) {
		/* Give the bit back: nothing on the disk names the inode. */
		ext2_free_inode_nr(sb, ino, S_ISDIR(mode));
		return ERR_PTR(err ? err : -ENOMEM);
	}
	inode_init(inode, sb, ino);
	ei = EXT2_I(inode);
	ei->block_group = group;
	inode->mode = mode;
	inode->nlink = 1;
	inode->atime = inode->mtime = inode->ctime = now;
	ext2_set_ops(inode);
	mark_inode_dirty(inode);
	return inode;
}

void ext2_free_inode_nr(struct super_block *sb, u32 ino, bool dir)
{
	const struct ext2_geometry *geo = EXT2_GEO(sb);
	u32 group = (ino - 1) / geo->inodes_per_group;
	u32 bit = (ino - 1) % geo->inodes_per_group;
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, group, NULL);
	struct buffer_head *bh;

	if (ino < geo->first_ino) {
		ext2_error(sb, "ext2_free_inode", ino, 0, "freeing a reserved inode");
		return;
	}
	bh = ext2_bread(sb, le32_to_cpu(gd->bg_inode_bitmap), ino, "ext2_free_inode");
	if (!bh)
		return;
	if (!ext2_test_bit(bh->data, bit)) {
		brelse(bh);
		ext2_error(sb, "ext2_free_inode", ino, le32_to_cpu(gd->bg_inode_bitmap),
			   "bit already cleared");
		return;
	}
	ext2_change_bit(bh->data, bit, false);
	mark_buffer_dirty(bh);
	brelse(bh);
	count_inodes(sb, group, 1, dir ? -1 : 0);
}

void ext2_free_inode(struct inode *inode)
{
	ext2_free_inode_nr(inode->sb, inode->ino, S_ISDIR(inode->mode));
}

u32 ext2_count_free_inodes(struct super_block *sb)
{
	u32 sum = 0;

	for (u32 g = 0; g < EXT2_GEO(sb)->groups_count; g++)
		sum += free_inodes(sb, g);
	return sum;
}
