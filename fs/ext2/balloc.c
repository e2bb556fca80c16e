// SPDX-License-Identifier: MIT
/*
 * ext2's block allocation (fs/ext2/ext2.h): a group's block bitmap, its
 * descriptor's free count and the super block's free count change
 * together, so that e2fsck's pass 5 finds them consistent. The search
 * starts at a goal (the block before, or the inode's group) and goes round
 * the groups. A bitmap that offers a block of its group's own metadata
 * (the super block and descriptor copies, the bitmaps, the inode table)
 * is damaged: ext2_error(), and nothing is allocated.
 */
#include "fs/ext2/ext2.h"
#include <block/blkdev.h>

int ext2_find_zero_bit(const void *map, u32 nbits, u32 start)
{
	for (u32 n = 0; n < nbits; n++) {
		u32 bit = (start + n) % nbits;

		if (!ext2_test_bit(map, bit))
			return (int)bit;
	}
	return -1;
}

/* The group of data block @blk (valid). */
static u32 block_group(const struct ext2_geometry *geo, u32 blk)
{
	return (blk - geo->first_data_block) / geo->blocks_per_group;
}

/* True when @blk is metadata of its group @group. */
static bool in_system_zone(struct super_block *sb, u32 group, u32 blk)
{
	const struct ext2_geometry *geo = EXT2_GEO(sb);
	const struct ext2_group_desc *gd = ext2_get_group_desc(sb, group, NULL);
	u32 first = ext2_group_first_block(geo, group);
	u32 itable = le32_to_cpu(gd->bg_inode_table);

	if (ext2_group_has_super(geo, group) &&
	    blk < first + 1 + geo->gdt_blocks + geo->reserved_gdt_blocks)
		return true;
	return blk == le32_to_cpu(gd->bg_block_bitmap) ||
	       blk == le32_to_cpu(gd->bg_inode_bitmap) ||
	       (blk >= itable && blk - itable < geo->itb_per_group);
}

/* Add @delta to the free block counts of @group and of the super block. */
static void count_blocks(struct super_block *sb, u32 group, int delta)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct buffer_head *gdbh;
	struct ext2_group_desc *gd = ext2_get_group_desc(sb, group, &gdbh);

	gd->bg_free_blocks_count =
		cpu_to_le16(le16_to_cpu(gd->bg_free_blocks_count) + delta);
	mark_buffer_dirty(gdbh);
	sbi->es->s_free_blocks_count =
		cpu_to_le32(le32_to_cpu(sbi->es->s_free_blocks_count) + delta);
	mark_buffer_dirty(sbi->sbh);
}

u32 ext2_new_block(struct inode *inode, u32 goal, int *err)
{
	struct super_block *sb = inode->sb;
	const struct ext2_geometry *geo = EXT2_GEO(sb);
	u32 group;

	if (ext2_rdonly(sb)) {
		*err = -EROFS;
		return 0;
	}
	if (!ext2_block_valid(geo, goal))
		goal = ext2_group_first_block(geo, EXT2_I(inode)->block_group);
	group = block_group(geo, goal);
	for (u32 n = 0; n < geo->groups_count; n++,
	     group = (group + 1) % geo->groups_count) {
		struct ext2_group_desc *gd = ext2_get_group_desc(sb, group, NULL);
		u32 first = ext2_group_first_block(geo, group);
		u32 nbits = ext2_group_last_block(geo, group) - first + 1;
		struct buffer_head *bh;
		u32 blk;
		int bit;

		if (!gd->bg_free_blocks_count)
			continue;
		bh = ext2_bread(sb, le32_to_cpu(gd->bg_block_bitmap), inode->ino,
				"ext2_new_block");
		if (!bh) {
			*err = -EIO;
			return 0;
		}
		bit = ext2_find_zero_bit(bh->data, nbits,
					 n == 0 && goal >= first ? goal - first : 0);
		if (bit < 0) {
			brelse(bh);
			*err = ext2_error(sb, "ext2_new_block", 0,
					  le32_to_cpu(gd->bg_block_bitmap),
					  "group %u: free count %u, bitmap full",
					  group, le16_to_cpu(gd->bg_free_blocks_count));
			return 0;
		}
		blk = first + (u32)bit;
		if (in_system_zone(sb, group, blk)) {
			brelse(bh);
			*err = ext2_error(sb, "ext2_new_block", inode->ino,
					  le32_to_cpu(gd->bg_block_bitmap),
					  "bitmap offers metadata block %u", blk);
			return 0;
		}
		ext2_change_bit(bh->data, (u32)bit, true);
		mark_buffer_dirty(bh);
		brelse(bh);
		count_blocks(sb, group, -1);
		inode->blocks += ext2_sectors_per_block(sb);
		mark_inode_dirty(inode);
		return blk;
	}
	*err = -ENOSPC;
	return 0;
}

void ext2_free_block(struct inode *inode, u32 blk)
{
	struct super_block *sb = inode->sb;
	const struct ext2_geometry *geo = EXT2_GEO(sb);
	struct ext2_group_desc *gd;
	struct buffer_head *bh;
	u32 group, bit;

	if (!ext2_block_valid(geo, blk)) {
		ext2_error(sb, "ext2_free_blocks", inode->ino, blk,
			   "freeing a block outside the data area");
		return;
	}
	group = block_group(geo, blk);
	if (in_system_zone(sb, group, blk)) {
		ext2_error(sb, "ext2_free_blocks", inode->ino, blk,
			   "freeing a metadata block");
		return;
	}
	gd = ext2_get_group_desc(sb, group, NULL);
	bh = ext2_bread(sb, le32_to_cpu(gd->bg_block_bitmap), inode->ino,
			"ext2_free_blocks");
	if (!bh)
		return;
	bit = blk - ext2_group_first_block(geo, group);
	if (!ext2_test_bit(bh->data, bit)) {
		brelse(bh);
		ext2_error(sb, "ext2_free_blocks", inode->ino, blk,
			   "bit already cleared");
		return;
	}
	ext2_change_bit(bh->data, bit, false);
	mark_buffer_dirty(bh);
	brelse(bh);
	count_blocks(sb, group, 1);
	inode->blocks -= ext2_sectors_per_block(sb);
	mark_inode_dirty(inode);
	forget_buffer(sb->bdev, blk, geo->block_size);
}

u32 ext2_count_free_blocks(struct super_block *sb)
{
	u32 sum = 0;

	for (u32 g = 0; g < EXT2_GEO(sb)->groups_count; g++)
		sum += le16_to_cpu(ext2_get_group_desc(sb, g, NULL)->bg_free_blocks_count);
	return sum;
}
