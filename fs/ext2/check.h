/* SPDX-License-Identifier: MIT */
/*
 * The ext2 validators (fs/ext2/check.c): pure functions that decide
 * whether bytes read from a disk may be trusted, before any of them is
 * used as a size, a count, a block number or an offset. They make no
 * kernel call, so the host's libFuzzer target (tests/fuzz/fuzz_ext2.c) and
 * unit test (tests/host/test_ext2_check.c) link them as they are.
 *
 * Each returns 0 or -EINVAL and, through @why, a short reason for the log
 * line ("rec_len past the block"); a caller that trusts a structure after
 * its check has passed can never index, shift or divide out of bounds.
 */
#ifndef HM386_FS_EXT2_CHECK_H
#define HM386_FS_EXT2_CHECK_H

#include "fs/ext2/ext2_fs.h"
#include <types.h>

/* What a checked super block says, in the units the code uses. */
struct ext2_geometry {
	u32 block_size;			/* 1024, 2048 or 4096 */
	u32 log_block_size;		/* 10, 11 or 12 */
	u32 blocks_count, inodes_count;
	u32 first_data_block;
	u32 blocks_per_group, inodes_per_group;
	u32 groups_count;
	u32 inode_size;			/* 128, 256, ...: <= block_size */
	u32 inodes_per_block;
	u32 itb_per_group;		/* inode table blocks of a group */
	u32 desc_per_block;
	u32 gdt_blocks;			/* blocks of the descriptor table */
	u32 reserved_gdt_blocks;	/* resize_inode's, after the table */
	u32 addr_per_block;		/* block numbers in an indirect block */
	u64 max_file_blocks;		/* reachable by the block map */
	u32 first_ino;			/* first inode for files */
	u32 feature_compat, feature_incompat, feature_ro_compat;
	bool rdonly_only;		/* unsupported ro_compat features */
	bool filetype;			/* entries carry their file type */
};

/*
 * ext2_check_super - validate super block @es of a device of @dev_bytes
 * bytes, fill @geo. Refuses (-EINVAL,
 * @why set) a wrong magic or revision, a block size other than 1, 2 or
 * 4 KiB, fragments unlike blocks, a zero or too large blocks or inodes
 * per group, an inode size that is not a power of two in [128, block],
 * counts that disagree with each other or do not fit on the device, a
 * group descriptor table past the blocks, and an incompat feature other
 * than filetype (@why names it). Unsupported ro_compat features are
 * allowed and set geo->rdonly_only.
 */
int ext2_check_super(const struct ext2_super_block *es, u64 dev_bytes,
		     struct ext2_geometry *geo, const char **why);

/*
 * ext2_check_group_desc - validate the descriptor of group @group: its
 * bitmaps and whole inode table inside the group's blocks, free counts
 * within the group's sizes.
 */
int ext2_check_group_desc(const struct ext2_group_desc *gd, u32 group,
			  const struct ext2_geometry *geo, const char **why);

/* ext2_group_first_block / ext2_group_last_block - the block range of
 * group @group of @geo (the last group may be short). */
u32 ext2_group_first_block(const struct ext2_geometry *geo, u32 group);
u32 ext2_group_last_block(const struct ext2_geometry *geo, u32 group);

/* ext2_group_has_super - with sparse_super, only groups 0, 1 and powers of
 * 3, 5 and 7 hold a backup of the super block and descriptors. */
bool ext2_group_has_super(const struct ext2_geometry *geo, u32 group);

/* ext2_block_valid - @blk may hold data: after the super block, before
 * the end of the file system. 0 is never valid (0 is a hole). */
static inline bool ext2_block_valid(const struct ext2_geometry *geo, u32 blk)
{
	return blk > geo->first_data_block && blk < geo->blocks_count;
}

/* ext2_ino_valid - @ino names an inode of the file system. */
static inline bool ext2_ino_valid(const struct ext2_geometry *geo, u32 ino)
{
	return ino >= 1 && ino <= geo->inodes_count;
}

/* ext2_inode_fast_symlink - a symbolic link whose target is in i_block
 * (no block counted but an attribute block's), as Linux decides it. */
bool ext2_inode_fast_symlink(const struct ext2_inode *raw,
			     const struct ext2_geometry *geo);

/*
 * ext2_check_inode - validate an in-use inode read from the table: a
 * known file type, a link count, and for the kinds whose i_block holds
 * block numbers (regular files, directories, slow symlinks) each of the
 * 15 a valid block or 0; a directory's size a multiple of the block size
 * and below 4 GiB; no extents or inline data.
 */
int ext2_check_inode(const struct ext2_inode *raw,
		     const struct ext2_geometry *geo, const char **why);

/*
 * ext2_check_dir_block - validate directory block @block (@size bytes, the
 * block size): each entry at a multiple of 4, rec_len at least
 * EXT2_DIR_REC_LEN(name_len) and 12, a multiple of 4, inside the block,
 * the last one ending at the block's end, an inode number in range, a
 * name with no '/' or NUL. On failure *@bad_offset is the offset of the
 * entry at fault.
 */
int ext2_check_dir_block(const u8 *block, u32 size,
			 const struct ext2_geometry *geo, u32 *bad_offset,
			 const char **why);

/* ext2_feature_name - the name mke2fs gives feature bit @bit of set @set
 * (0 compat, 1 incompat, 2 ro_compat), or "unknown". */
const char *ext2_feature_name(int set, u32 bit);

#endif
