// SPDX-License-Identifier: MIT
/*
 * ext2's super block (fs/ext2/ext2.h): mount (every field that could send
 * a read or a write out of bounds checked by ext2_check_super() and
 * ext2_check_group_desc() first), sync_fs, put_super, and ext2_error(),
 * the one way a damaged disk is reported.
 *
 * As Linux's ext2: an incompat feature we do not know refuses the mount;
 * a ro_compat one refuses a read-write mount only; a file system not
 * cleanly unmounted, or marked with errors, mounts with a warning. A
 * read-write mount clears EXT2_VALID_FS on the disk until put_super sets
 * it back, so that a crash leaves a file system e2fsck will check.
 */
#include "fs/ext2/ext2.h"
#include "fs/objcache.h"
#include <block/blkdev.h>
#include <kernel/printk.h>
#include <lib/err.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <uapi/hm386/mount.h>
#include <uapi/hm386/stat.h>

#define GD_TABLE_MAX	(PAGE_SIZE / sizeof(struct buffer_head *))

static struct obj_cache sbi_cache = OBJ_CACHE_INIT(sbi_cache, "ext2_sb_info",
						    struct ext2_sb_info);
static struct obj_cache inode_cache = OBJ_CACHE_INIT(inode_cache, "ext2_inode",
						      struct ext2_inode_info);

int ext2_error(struct super_block *sb, const char *func, u32 ino, u32 block,
	       const char *fmt, ...)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	char msg[128], where[48] = "";
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ino && block)
		snprintf(where, sizeof(where), "inode %u block %u: ", ino, block);
	else if (ino)
		snprintf(where, sizeof(where), "inode %u: ", ino);
	else if (block)
		snprintf(where, sizeof(where), "block %u: ", block);
	pr_err("EXT2-fs error (device %s): %s: %s%s\n", sb->bdev->name, func,
	       where, msg);
	if (!ext2_rdonly(sb)) {
		sbi->mount_state |= EXT2_ERROR_FS;
		sbi->es->s_state = cpu_to_le16(le16_to_cpu(sbi->es->s_state) |
					       EXT2_ERROR_FS);
		mark_buffer_dirty(sbi->sbh);
		sync_dirty_buffer(sbi->sbh);
		sb->flags |= MS_RDONLY;
		pr_err("EXT2-fs (%s): remounting read-only\n", sb->bdev->name);
	}
	return -EIO;
}

struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb, u32 group,
					    struct buffer_head **bh)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 per = sbi->geo.desc_per_block;
	struct buffer_head *b = sbi->gd_bh[group / per];

	if (bh)
		*bh = b;
	return (struct ext2_group_desc *)b->data + group % per;
}

struct buffer_head *ext2_bread(struct super_block *sb, u32 block, u32 ino,
			       const char *func)
{
	struct buffer_head *bh = bread(sb->bdev, block, EXT2_GEO(sb)->block_size);

	if (!bh)
		ext2_error(sb, func, ino, block, "cannot read the block");
	return bh;
}

static struct inode *ext2_alloc_inode(struct super_block *sb)
{
	struct ext2_inode_info *ei = obj_alloc(&inode_cache);

	return ei ? &ei->vfs_inode : NULL;
}

static void ext2_free_inode_mem(struct inode *inode)
{
	obj_free(&inode_cache, EXT2_I(inode));
}

static int ext2_sync_fs(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_super_block *es = sbi->es;

	if (ext2_rdonly(sb))
		return 0;
	es->s_free_blocks_count = cpu_to_le32(ext2_count_free_blocks(sb));
	es->s_free_inodes_count = cpu_to_le32(ext2_count_free_inodes(sb));
	mark_buffer_dirty(sbi->sbh);
	return sync_blockdev(sb->bdev);
}

static void release(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);

	if (sbi->gd_bh) {
		for (u32 i = 0; i < sbi->geo.gdt_blocks; i++)
			brelse(sbi->gd_bh[i]);
		free_pages((u32)sbi->gd_bh, 0);
	}
	brelse(sbi->sbh);
	invalidate_bdev(sb->bdev);
	obj_free(&sbi_cache, sbi);
	sb->fs_info = NULL;
}

static void ext2_put_super(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	const struct blk_stats *st = &sb->bdev->stats;

	if (!ext2_rdonly(sb)) {
		sbi->es->s_state = cpu_to_le16(sbi->mount_state);
		ext2_sync_fs(sb);
	}
	release(sb);
	/* What the disk and the page cache did, for the round trips. */
	pr_info("EXT2-fs (%s): unmounted; the disk since boot: %llu reads, "
		"%llu writes, %llu segments bounced; page cache peak %llu pages, "
		"%llu in HighMem\n", sb->bdev->name, st->reads, st->writes,
		st->bounced_segments, pagecache_stats.peak_pages,
		pagecache_stats.peak_highmem_pages);
}

const struct super_operations ext2_sops = {
	.alloc_inode = ext2_alloc_inode,
	.free_inode = ext2_free_inode_mem,
	.read_inode = ext2_read_inode,
	.write_inode = ext2_write_inode,
	.evict_inode = ext2_evict_inode,
	.sync_fs = ext2_sync_fs,
	.put_super = ext2_put_super,
};

/* Read the super block into sbi->sbh/es and check it: 0, or -EINVAL
 * after one line naming the reason. */
static int read_super(struct super_block *sb, struct ext2_sb_info *sbi)
{
	struct block_device *bdev = sb->bdev;
	u64 dev_bytes = bdev->nr_sectors << SECTOR_SHIFT;
	const char *why;
	u32 bs;

	/* The 1 KiB at byte 1024 first: it says the block size. */
	sbi->sbh = bread(bdev, EXT2_SUPER_OFFSET / EXT2_SUPER_SIZE, EXT2_SUPER_SIZE);
	if (!sbi->sbh) {
		pr_err("EXT2-fs (%s): cannot read the super block\n", bdev->name);
		return -EINVAL;
	}
	sbi->es = sbi->sbh->data;
	if (ext2_check_super(sbi->es, dev_bytes, &sbi->geo, &why))
		goto refuse;
	bs = sbi->geo.block_size;
	if (bs != EXT2_SUPER_SIZE) {
		/* Keep the block that holds it: sync writes that one. */
		brelse(sbi->sbh);
		sbi->sbh = bread(bdev, 0, bs);
		if (!sbi->sbh) {
			pr_err("EXT2-fs (%s): cannot read block 0\n", bdev->name);
			return -EINVAL;
		}
		sbi->es = (void *)((u8 *)sbi->sbh->data + EXT2_SUPER_OFFSET);
		if (ext2_check_super(sbi->es, dev_bytes, &sbi->geo, &why) ||
		    sbi->geo.block_size != bs) {
			why = why ? why : "block size changed";
			goto refuse;
		}
	}
	return 0;
refuse:
	pr_err("EXT2-fs (%s): mount refused: %s\n", bdev->name, why);
	return -EINVAL;
}

/* Read and check the group descriptor table. 0 or -EINVAL (one line). */
static int read_descriptors(struct super_block *sb, struct ext2_sb_info *sbi)
{
	const struct ext2_geometry *geo = &sbi->geo;
	const char *why;

	if (geo->gdt_blocks > GD_TABLE_MAX) {
		pr_err("EXT2-fs (%s): mount refused: %u groups: too many\n",
		       sb->bdev->name, geo->groups_count);
		return -EINVAL;
	}
	sbi->gd_bh = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 0);
	if (!sbi->gd_bh)
		return -ENOMEM;
	for (u32 i = 0; i < geo->gdt_blocks; i++) {
		sbi->gd_bh[i] = bread(sb->bdev, geo->first_data_block + 1 + i,
				      geo->block_size);
		if (!sbi->gd_bh[i]) {
			pr_err("EXT2-fs (%s): cannot read descriptor block %u\n",
			       sb->bdev->name, geo->first_data_block + 1 + i);
			return -EINVAL;
		}
	}
	for (u32 g = 0; g < geo->groups_count; g++) {
		if (ext2_check_group_desc(ext2_get_group_desc(sb, g, NULL), g,
					  geo, &why)) {
			pr_err("EXT2-fs (%s): mount refused: group %u: %s\n",
			       sb->bdev->name, g, why);
			return -EINVAL;
		}
	}
	return 0;
}

static int ext2_mount(struct super_block *sb)
{
	struct ext2_sb_info *sbi = obj_alloc(&sbi_cache);
	const char *name = sb->bdev->name;
	struct ext2_super_block *es;
	struct inode *root;
	int err;

	if (!sbi)
		return -ENOMEM;
	sb->fs_info = sbi;
	err = read_super(sb, sbi);
	if (err)
		goto fail;
	es = sbi->es;
	if (sbi->geo.rdonly_only && !(sb->flags & MS_RDONLY)) {
		u32 ro = sbi->geo.feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_SUPP;

		pr_err("EXT2-fs (%s): mount refused: cannot mount read-write with "
		       "feature %s (read-only is possible)\n", name,
		       ext2_feature_name(2, ro & -ro));
		err = -EINVAL;
		goto fail;
	}
	err = read_descriptors(sb, sbi);
	if (err)
		goto fail;
	sbi->mount_state = le16_to_cpu(es->s_state);
	sbi->now = le32_to_cpu(es->s_wtime);
	if (!(sbi->mount_state & EXT2_VALID_FS))
		pr_warn("EXT2-fs (%s): warning: mounting unchecked fs\n", name);
	else if (sbi->mount_state & EXT2_ERROR_FS)
		pr_warn("EXT2-fs (%s): warning: mounting fs with errors, "
			"running e2fsck is recommended\n", name);
	sb->ops = &ext2_sops;
	root = iget(sb, EXT2_ROOT_INO);
	if (IS_ERR(root) || !S_ISDIR(root->mode)) {
		pr_err("EXT2-fs (%s): mount refused: the root inode is %s\n", name,
		       IS_ERR(root) ? "unreadable" : "not a directory");
		if (!IS_ERR(root))
			iput(root);
		err = -EINVAL;
		goto fail;
	}
	sb->root = root;
	if (!(sb->flags & MS_RDONLY)) {
		es->s_state = cpu_to_le16(sbi->mount_state & ~EXT2_VALID_FS);
		es->s_mnt_count = cpu_to_le16(le16_to_cpu(es->s_mnt_count) + 1);
		mark_buffer_dirty(sbi->sbh);
		sync_dirty_buffer(sbi->sbh);
	}
	pr_info("EXT2-fs (%s): mounted %s: %u KiB blocks, %u blocks, %u inodes, "
		"%u group%s%s\n", name, sb->flags & MS_RDONLY ? "read-only" :
		"read-write", sbi->geo.block_size / 1024, sbi->geo.blocks_count,
		sbi->geo.inodes_count, sbi->geo.groups_count,
		sbi->geo.groups_count == 1 ? "" : "s",
		sbi->geo.filetype ? "" : ", no filetype");
	return 0;
fail:
	sb->flags |= MS_RDONLY;		/* release() writes nothing */
	release(sb);
	return err;
}

FILESYSTEM(ext2, ext2_mount);
