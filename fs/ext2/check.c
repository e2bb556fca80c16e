// SPDX-License-Identifier: MIT
/*
 * The ext2 validators (fs/ext2/check.h): every on-disk value that the
 * code would use as a size, a count, a block or inode number or an offset
 * is checked here once, before it is trusted. Pure functions of their
 * arguments; the host fuzzer links this file as it is.
 */
#include "fs/ext2/check.h"
#include <uapi/hm386/errno.h>
#include <uapi/hm386/stat.h>

static int refuse(const char **why, const char *reason)
{
	*why = reason;
	return -EINVAL;
}

static const struct {
	int set;
	u32 bit;
	const char *name;
} feature_names[] = {
	{ 0, EXT2_FEATURE_COMPAT_DIR_PREALLOC, "dir_prealloc" },
	{ 0, EXT2_FEATURE_COMPAT_IMAGIC_INODES, "imagic_inodes" },
	{ 0, EXT3_FEATURE_COMPAT_HAS_JOURNAL, "has_journal" },
	{ 0, EXT2_FEATURE_COMPAT_EXT_ATTR, "ext_attr" },
	{ 0, EXT2_FEATURE_COMPAT_RESIZE_INO, "resize_inode" },
	{ 0, EXT2_FEATURE_COMPAT_DIR_INDEX, "dir_index" },
	{ 1, EXT2_FEATURE_INCOMPAT_COMPRESSION, "compression" },
	{ 1, EXT2_FEATURE_INCOMPAT_FILETYPE, "filetype" },
	{ 1, EXT3_FEATURE_INCOMPAT_RECOVER, "needs_recovery" },
	{ 1, EXT3_FEATURE_INCOMPAT_JOURNAL_DEV, "journal_dev" },
	{ 1, EXT2_FEATURE_INCOMPAT_META_BG, "meta_bg" },
	{ 1, EXT4_FEATURE_INCOMPAT_EXTENTS, "extent" },
	{ 1, EXT4_FEATURE_INCOMPAT_64BIT, "64bit" },
	{ 1, EXT4_FEATURE_INCOMPAT_MMP, "mmp" },
	{ 1, EXT4_FEATURE_INCOMPAT_FLEX_BG, "flex_bg" },
	{ 1, EXT4_FEATURE_INCOMPAT_EA_INODE, "ea_inode" },
	{ 1, EXT4_FEATURE_INCOMPAT_DIRDATA, "dirdata" },
	{ 1, EXT4_FEATURE_INCOMPAT_CSUM_SEED, "metadata_csum_seed" },
	{ 1, EXT4_FEATURE_INCOMPAT_LARGEDIR, "large_dir" },
	{ 1, EXT4_FEATURE_INCOMPAT_INLINE_DATA, "inline_data" },
	{ 1, EXT4_FEATURE_INCOMPAT_ENCRYPT, "encrypt" },
	{ 1, EXT4_FEATURE_INCOMPAT_CASEFOLD, "casefold" },
	{ 2, EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER, "sparse_super" },
	{ 2, EXT2_FEATURE_RO_COMPAT_LARGE_FILE, "large_file" },
	{ 2, EXT2_FEATURE_RO_COMPAT_BTREE_DIR, "btree_dir" },
	{ 2, EXT4_FEATURE_RO_COMPAT_HUGE_FILE, "huge_file" },
	{ 2, EXT4_FEATURE_RO_COMPAT_GDT_CSUM, "uninit_bg" },
	{ 2, EXT4_FEATURE_RO_COMPAT_DIR_NLINK, "dir_nlink" },
	{ 2, EXT4_FEATURE_RO_COMPAT_EXTRA_ISIZE, "extra_isize" },
	{ 2, EXT4_FEATURE_RO_COMPAT_METADATA_CSUM, "metadata_csum" },
};

const char *ext2_feature_name(int set, u32 bit)
{
	for (u32 i = 0; i < ARRAY_SIZE(feature_names); i++)
		if (feature_names[i].set == set && feature_names[i].bit == bit)
			return feature_names[i].name;
	return "unknown";
}

/* lowest_bit - the lowest set bit of @v (not 0). */
static u32 lowest_bit(u32 v)
{
	return v & -v;
}

static bool power_of_two(u32 v)
{
	return v && !(v & (v - 1));
}

static u32 div_round_up(u32 n, u32 d)
{
	return n / d + (n % d != 0);
}

int ext2_check_super(const struct ext2_super_block *es, u64 dev_bytes,
		     struct ext2_geometry *geo, const char **why)
{
	u32 rev = le32_to_cpu(es->s_rev_level);
	u32 log = le32_to_cpu(es->s_log_block_size);
	u32 unsupported;
	u64 bytes;

	*geo = (struct ext2_geometry){ 0 };
	if (le16_to_cpu(es->s_magic) != EXT2_SUPER_MAGIC)
		return refuse(why, "bad magic (not ext2)");
	if (rev > EXT2_DYNAMIC_REV)
		return refuse(why, "revision above 1");
	if (log > EXT2_MAX_BLOCK_LOG - EXT2_MIN_BLOCK_LOG)
		return refuse(why, "block size above 4 KiB");
	if (le32_to_cpu(es->s_log_frag_size) != log)
		return refuse(why, "fragment size differs from block size");
	geo->log_block_size = EXT2_MIN_BLOCK_LOG + log;
	geo->block_size = 1U << geo->log_block_size;

	if (rev == EXT2_GOOD_OLD_REV) {
		geo->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		geo->first_ino = EXT2_GOOD_OLD_FIRST_INO;
	} else {
		geo->inode_size = le16_to_cpu(es->s_inode_size);
		geo->first_ino = le32_to_cpu(es->s_first_ino);
		geo->feature_compat = le32_to_cpu(es->s_feature_compat);
		geo->feature_incompat = le32_to_cpu(es->s_feature_incompat);
		geo->feature_ro_compat = le32_to_cpu(es->s_feature_ro_compat);
	}
	if (!power_of_two(geo->inode_size) ||
	    geo->inode_size < EXT2_GOOD_OLD_INODE_SIZE ||
	    geo->inode_size > geo->block_size)
		return refuse(why, "bad inode size");

	unsupported = geo->feature_incompat & ~EXT2_FEATURE_INCOMPAT_SUPP;
	if (unsupported)
		return refuse(why, ext2_feature_name(1, lowest_bit(unsupported)));
	geo->rdonly_only = geo->feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP;
	geo->filetype = geo->feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE;

	geo->blocks_count = le32_to_cpu(es->s_blocks_count);
	geo->inodes_count = le32_to_cpu(es->s_inodes_count);
	geo->first_data_block = le32_to_cpu(es->s_first_data_block);
	geo->blocks_per_group = le32_to_cpu(es->s_blocks_per_group);
	geo->inodes_per_group = le32_to_cpu(es->s_inodes_per_group);
	if (geo->first_data_block != (geo->block_size == 1024 ? 1U : 0U))
		return refuse(why, "bad first data block");
	if (!geo->blocks_per_group || geo->blocks_per_group > 8 * geo->block_size)
		return refuse(why, "bad blocks per group");
	if (le32_to_cpu(es->s_frags_per_group) != geo->blocks_per_group)
		return refuse(why, "fragments per group differ from blocks");
	geo->inodes_per_block = geo->block_size / geo->inode_size;
	if (!geo->inodes_per_group ||
	    geo->inodes_per_group > 8 * geo->block_size ||
	    geo->inodes_per_group % geo->inodes_per_block)
		return refuse(why, "bad inodes per group");
	geo->itb_per_group = geo->inodes_per_group / geo->inodes_per_block;

	if (geo->blocks_count <= geo->first_data_block + 1)
		return refuse(why, "bad blocks count");
	bytes = (u64)geo->blocks_count << geo->log_block_size;
	if (bytes > dev_bytes)
		return refuse(why, "blocks count past the end of the device");
	geo->groups_count = div_round_up(geo->blocks_count - geo->first_data_block,
					 geo->blocks_per_group);
	if ((u64)geo->groups_count * geo->inodes_per_group != geo->inodes_count)
		return refuse(why, "inodes count differs from groups * inodes per group");
	if (geo->first_ino < EXT2_GOOD_OLD_FIRST_INO ||
	    geo->first_ino >= geo->inodes_count)
		return refuse(why, "bad first inode");
	if (le32_to_cpu(es->s_free_blocks_count) > geo->blocks_count ||
	    le32_to_cpu(es->s_r_blocks_count) > geo->blocks_count ||
	    le32_to_cpu(es->s_free_inodes_count) > geo->inodes_count)
		return refuse(why, "free counts above the totals");

	geo->desc_per_block = geo->block_size / sizeof(struct ext2_group_desc);
	geo->gdt_blocks = div_round_up(geo->groups_count, geo->desc_per_block);
	if (geo->feature_compat & EXT2_FEATURE_COMPAT_RESIZE_INO)
		geo->reserved_gdt_blocks = le16_to_cpu(es->s_reserved_gdt_blocks);
	if ((u64)1 + geo->gdt_blocks + geo->reserved_gdt_blocks >=
	    MIN(geo->blocks_per_group, geo->blocks_count - geo->first_data_block))
		return refuse(why, "group descriptor table past group 0");
	geo->addr_per_block = geo->block_size / sizeof(__le32);
	geo->max_file_blocks = EXT2_NDIR_BLOCKS + geo->addr_per_block +
		(u64)geo->addr_per_block * geo->addr_per_block +
		(u64)geo->addr_per_block * geo->addr_per_block * geo->addr_per_block;
	*why = NULL;
	return 0;
}

u32 ext2_group_first_block(const struct ext2_geometry *geo, u32 group)
{
	return geo->first_data_block + group * geo->blocks_per_group;
}

u32 ext2_group_last_block(const struct ext2_geometry *geo, u32 group)
{
	if (group == geo->groups_count - 1)
		return geo->blocks_count - 1;
	return ext2_group_first_block(geo, group) + geo->blocks_per_group - 1;
}

static bool power_of(u32 n, u32 base)
{
	while (n > 1 && n % base == 0)
		n /= base;
	return n == 1;
}

bool ext2_group_has_super(const struct ext2_geometry *geo, u32 group)
{
	if (!(geo->feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return true;
	return group <= 1 || power_of(group, 3) || power_of(group, 5) ||
	       power_of(group, 7);
}

int ext2_check_group_desc(const struct ext2_group_desc *gd, u32 group,
			  const struct ext2_geometry *geo, const char **why)
{
	u32 first = ext2_group_first_block(geo, group);
	u32 last = ext2_group_last_block(geo, group);
	u32 bbitmap = le32_to_cpu(gd->bg_block_bitmap);
	u32 ibitmap = le32_to_cpu(gd->bg_inode_bitmap);
	u32 itable = le32_to_cpu(gd->bg_inode_table);
	u64 itable_end = (u64)itable + geo->itb_per_group;	/* one past */

	/* The backup super block and descriptor table come first. */
	if (ext2_group_has_super(geo, group))
		first += 1 + geo->gdt_blocks + geo->reserved_gdt_blocks;
	if (bbitmap < first || bbitmap > last)
		return refuse(why, "block bitmap outside its group");
	if (ibitmap < first || ibitmap > last || ibitmap == bbitmap)
		return refuse(why, "inode bitmap outside its group");
	if (itable < first || itable_end - 1 > last)
		return refuse(why, "inode table outside its group");
	if ((bbitmap >= itable && bbitmap < itable_end) ||
	    (ibitmap >= itable && ibitmap < itable_end))
		return refuse(why, "bitmap inside the inode table");
	if (le16_to_cpu(gd->bg_free_blocks_count) > last - first + 1 ||
	    le16_to_cpu(gd->bg_free_inodes_count) > geo->inodes_per_group ||
	    le16_to_cpu(gd->bg_used_dirs_count) > geo->inodes_per_group)
		return refuse(why, "group counts above the group's size");
	*why = NULL;
	return 0;
}

bool ext2_inode_fast_symlink(const struct ext2_inode *raw,
			     const struct ext2_geometry *geo)
{
	u32 acl_sectors = raw->i_file_acl ? geo->block_size >> 9 : 0;

	return (le16_to_cpu(raw->i_mode) & S_IFMT) == S_IFLNK &&
	       le32_to_cpu(raw->i_blocks) == acl_sectors;
}

int ext2_check_inode(const struct ext2_inode *raw,
		     const struct ext2_geometry *geo, const char **why)
{
	u32 mode = le16_to_cpu(raw->i_mode);
	u32 flags = le32_to_cpu(raw->i_flags);
	u64 size = le32_to_cpu(raw->i_size);

	switch (mode & S_IFMT) {
	case S_IFREG:
		size |= (u64)le32_to_cpu(raw->i_size_high) << 32;
		break;
	case S_IFDIR:
		if (raw->i_size_high || size % geo->block_size)
			return refuse(why, "directory size not whole blocks");
		break;
	case S_IFLNK:
		if (ext2_inode_fast_symlink(raw, geo))
			goto no_blocks;
		break;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case 0140000:		/* S_IFSOCK */
		goto no_blocks;
	default:
		return refuse(why, "unknown file type");
	}
	if (!le16_to_cpu(raw->i_links_count))
		return refuse(why, "in use with no links");
	if (flags & (EXT4_EXTENTS_FL | EXT4_INLINE_DATA_FL))
		return refuse(why, "extents or inline data");
	if (size > geo->max_file_blocks << geo->log_block_size)
		return refuse(why, "size past the block map");
	for (u32 i = 0; i < EXT2_N_BLOCKS; i++) {
		u32 blk = le32_to_cpu(raw->i_block[i]);

		if (blk && !ext2_block_valid(geo, blk))
			return refuse(why, "block number outside the disk");
	}
	*why = NULL;
	return 0;
no_blocks:
	if (!le16_to_cpu(raw->i_links_count))
		return refuse(why, "in use with no links");
	*why = NULL;
	return 0;
}

int ext2_check_dir_block(const u8 *block, u32 size,
			 const struct ext2_geometry *geo, u32 *bad_offset,
			 const char **why)
{
	u32 offs = 0;

	while (offs < size) {
		const struct ext2_dir_entry_2 *de = (const void *)(block + offs);
		u32 rec_len, name_len, ino;

		*bad_offset = offs;
		if (size - offs < EXT2_DIR_REC_LEN(1))
			return refuse(why, "entry header past the block");
		rec_len = le16_to_cpu(de->rec_len);
		name_len = de->name_len;
		ino = le32_to_cpu(de->inode);
		if (rec_len < EXT2_DIR_REC_LEN(1))
			return refuse(why, "rec_len smaller than an entry");
		if (rec_len % EXT2_DIR_PAD)
			return refuse(why, "rec_len unaligned");
		if (rec_len > size - offs)
			return refuse(why, "rec_len past the block");
		if (rec_len < EXT2_DIR_REC_LEN(name_len))
			return refuse(why, "rec_len too small for name_len");
		if (ino) {
			if (ino > geo->inodes_count)
				return refuse(why, "inode number out of bounds");
			if (!name_len)
				return refuse(why, "empty name");
			for (u32 i = 0; i < name_len; i++)
				if (de->name[i] == '/' || de->name[i] == '\0')
					return refuse(why, "'/' or NUL in a name");
		}
		offs += rec_len;
	}
	*why = NULL;
	return 0;
}
