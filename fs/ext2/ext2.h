/* SPDX-License-Identifier: MIT */
/*
 * ext2 in memory (the files of fs/ext2/), private to fs/ext2/ and its tests: the
 * super block's and the inode's information, and the functions the files
 * of fs/ext2/ call in each other. Everything runs under fs_lock (fs/vfs.h).
 *
 *	super.c		mount, sync_fs, put_super, ext2_error()
 *	inode.c		inodes on the disk, the block map, truncate
 *	balloc.c	block bitmaps	ialloc.c	inode bitmaps
 *	file.c		the page cache's ops: readpage, writepage, prepare_write
 *	dir.c		directory pages (kmap_local) and their entries
 *	namei.c		inode_operations: lookup, create, mkdir, rename, ...
 *	check.c		the pure validators of what is read (check.h)
 */
#ifndef HM386_FS_EXT2_EXT2_H
#define HM386_FS_EXT2_EXT2_H

#include "fs/buffer.h"
#include "fs/ext2/check.h"
#include "fs/vfs.h"
#include <uapi/hm386/errno.h>
#include <uapi/hm386/mount.h>
#include <uapi/hm386/stat.h>

struct ext2_sb_info {
	struct ext2_geometry geo;
	struct buffer_head *sbh;	/* the block holding the super block */
	struct ext2_super_block *es;	/* in sbh: written at sync */
	struct buffer_head **gd_bh;	/* the descriptor table's blocks */
	u32 mount_state;		/* s_state as found, restored at put */
	u32 now;			/* hm386 has no clock: the times it
					   writes are the last write time */
};

struct ext2_inode_info {
	__le32 i_data[EXT2_N_BLOCKS];	/* the block map's roots, disk order */
	u32 i_flags;
	u32 i_file_acl;
	u32 i_dtime;
	u32 block_group;		/* where its blocks are looked for */
	struct inode vfs_inode;
};

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return container_of(inode, struct ext2_inode_info, vfs_inode);
}

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->fs_info;
}

static inline const struct ext2_geometry *EXT2_GEO(struct super_block *sb)
{
	return &EXT2_SB(sb)->geo;
}

/* ext2_sectors_per_block - 512-byte units of one block of @sb. */
static inline u32 ext2_sectors_per_block(struct super_block *sb)
{
	return EXT2_GEO(sb)->block_size >> 9;
}

/* ------------------------------------------------------------ super.c */

/*
 * ext2_error - a damaged disk: one log line, Linux's shape
 * ("EXT2-fs error (device hda): ext2_lookup: inode 12 block 300: ..."),
 * the super block marked EXT2_ERROR_FS and the file system made
 * read-only (errors=remount-ro): further writes fail with -EROFS.
 * @ino / @block 0: not printed. Returns -EIO, for `return ext2_error(...)`.
 */
int ext2_error(struct super_block *sb, const char *func, u32 ino, u32 block,
	       const char *fmt, ...) __printf(5, 6);

/* ext2_rdonly - true when @sb takes no writes (mounted so, or after an
 * error). */
static inline bool ext2_rdonly(struct super_block *sb)
{
	return sb->flags & MS_RDONLY;
}

/* ext2_group_desc - descriptor of @group (checked at mount) and, in @bh
 * when not NULL, its buffer for mark_buffer_dirty(). */
struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb, u32 group,
					    struct buffer_head **bh);

/* ext2_bread - block @block of @sb's device, or NULL after ext2_error
 * naming @ino (the inode it was read for, 0 for none) on a read error. */
struct buffer_head *ext2_bread(struct super_block *sb, u32 block, u32 ino,
			       const char *func);

/* ----------------------------------------------------------- balloc.c */

/* Bitmaps: bit n of a block bitmap is block first + n of its group, of an
 * inode bitmap inode 1 + group * inodes_per_group + n; LSB first. */
static inline bool ext2_test_bit(const void *map, u32 bit)
{
	return ((const u8 *)map)[bit / 8] & (1U << (bit % 8));
}

static inline void ext2_change_bit(void *map, u32 bit, bool set)
{
	u8 *b = (u8 *)map + bit / 8;

	*b = set ? *b | (1U << (bit % 8)) : *b & ~(1U << (bit % 8));
}

/* ext2_find_zero_bit - the first clear bit of @map from @start below
 * @nbits, else from 0 below @start; -1 when all are set. */
int ext2_find_zero_bit(const void *map, u32 nbits, u32 start);

/* ext2_new_block - allocate a free block near @goal (a block number, 0
 * for @inode's group) for @inode, counted in the descriptors, the super
 * block and inode->blocks. Returns the block, or 0 with *@err -ENOSPC or
 * -EIO. */
u32 ext2_new_block(struct inode *inode, u32 goal, int *err);

/* ext2_free_block - give block @block of @inode back (bitmap, counts,
 * inode->blocks; its cached buffer forgotten). A block outside the data
 * area or already free is an ext2_error, and nothing changes. */
void ext2_free_block(struct inode *inode, u32 block);

/* ext2_count_free_blocks - the free blocks the descriptors add up to. */
u32 ext2_count_free_blocks(struct super_block *sb);

/* ----------------------------------------------------------- ialloc.c */

/* ext2_new_inode - a new inode of @mode in a group chosen for @dir (a
 * directory: the group with the most free inodes; else @dir's), its
 * bitmap bit set and counts updated, in memory with a reference, dirty.
 * ERR_PTR(-ENOSPC, -EIO, -ENOMEM). */
struct inode *ext2_new_inode(struct inode *dir, u32 mode);

/* ext2_free_inode - clear @inode's bit (the last reference of an unlinked
 * inode, after its blocks went). ext2_free_inode_nr - the same by number
 * (@dir: it was a directory). A bit already clear is an ext2_error. */
void ext2_free_inode(struct inode *inode);
void ext2_free_inode_nr(struct super_block *sb, u32 ino, bool dir);

/* ext2_count_free_inodes - what the descriptors add up to. */
u32 ext2_count_free_inodes(struct super_block *sb);

/* ------------------------------------------------------------ inode.c */

extern const struct super_operations ext2_sops;	/* super.c's */

/* super_operations' read_inode, write_inode, evict_inode (fs/vfs.h). */
int ext2_read_inode(struct inode *inode);
int ext2_write_inode(struct inode *inode);
void ext2_evict_inode(struct inode *inode);

/* ext2_has_block_map - @inode's i_data holds block numbers: a regular
 * file, a directory, a symbolic link too long for i_data. */
static inline bool ext2_has_block_map(struct inode *inode)
{
	u32 acl = EXT2_I(inode)->i_file_acl ? ext2_sectors_per_block(inode->sb) : 0;

	return S_ISREG(inode->mode) || S_ISDIR(inode->mode) ||
	       ((inode->mode & S_IFMT) == S_IFLNK && inode->blocks != acl);
}

/* ext2_set_ops - @inode's iops and page cache ops by its mode (file.c). */
void ext2_set_ops(struct inode *inode);

/*
 * ext2_get_block - the disk block of block @iblock of @inode: 0 for a
 * hole (and !@create), or allocated with its indirect blocks when
 * @create. 0 and *@blk set, or -EIO (a block number outside the disk in
 * the map: ext2_error), -ENOSPC, -EFBIG (past the map), -EROFS.
 */
int ext2_get_block(struct inode *inode, u64 iblock, bool create, u32 *blk);

/* ext2_truncate_blocks - free every block of @inode from file block
 * @first on, indirect blocks that no longer map anything too. */
int ext2_truncate_blocks(struct inode *inode, u64 first);

/* ext2_setsize - inode_operations.setsize of regular files. */
int ext2_setsize(struct inode *inode, u64 size);

/* ------------------------------------------------------------- file.c */

extern const struct address_space_ops ext2_aops;

/* -------------------------------------------------------------- dir.c */
/* (dir.c's head comment lists which of these map a page and which unmap.) */

extern const struct inode_operations ext2_dir_iops;	/* namei.c's */

/* ext2_ft - the entry's file type for a mode (0 without filetype). */
u8 ext2_ft(struct super_block *sb, u32 mode);

/* ext2_find_entry - entry @name of @dir with its page left MAPPED
 * (*@pagep): unmap with ext2_put_page(*@pagep, entry). NULL: absent,
 * nothing held. ERR_PTR(-EIO): damaged. */
struct ext2_dir_entry_2 *ext2_find_entry(struct inode *dir, const char *name,
					 u32 len, struct page **pagep);

/* ext2_dotdot - @dir's ".." entry, its page left MAPPED as above. */
struct ext2_dir_entry_2 *ext2_dotdot(struct inode *dir, struct page **pagep);

/* ext2_put_page - unmap and release a page that ext2_find_entry() or
 * ext2_dotdot() left mapped; @addr: any address inside it. */
void ext2_put_page(struct page *page, void *addr);

/* ext2_set_link / ext2_delete_entry - change entry @de of @dir in its
 * page @page, which the caller has mapped and keeps mapped. */
void ext2_set_link(struct inode *dir, struct ext2_dir_entry_2 *de,
		   struct page *page, struct inode *inode);
void ext2_delete_entry(struct inode *dir, struct ext2_dir_entry_2 *de,
		       struct page *page);

/* ext2_inode_by_name - inode number of @name in @dir: 0 when absent, or
 * -EIO (a damaged directory block: ext2_error). */
int ext2_inode_by_name(struct inode *dir, const char *name, u32 len, u32 *ino);

/* ext2_add_link - add entry @name -> @inode to @dir, growing it by a
 * block when full. 0, -EEXIST, -ENOSPC, -EIO, -EROFS. */
int ext2_add_link(struct inode *dir, const char *name, struct inode *inode);

/* ext2_delete_link - remove entry @name from @dir. 0, -ENOENT, -EIO. */
int ext2_delete_link(struct inode *dir, const char *name);

/* ext2_make_empty - the first block of new directory @inode: "." and
 * ".." (@parent). 0 or -errno. */
int ext2_make_empty(struct inode *inode, struct inode *parent);

/* ext2_empty_dir - true when @inode holds "." and ".." only (a damaged
 * directory counts as not empty). */
bool ext2_empty_dir(struct inode *inode);

/* ext2_readdir - inode_operations.readdir; positions are byte offsets. */
int ext2_readdir(struct inode *dir, u64 *pos, filldir_t emit, void *ctx);

/* ------------------------------------------------------------ namei.c */

/* The most links an inode may have (a directory: 2 + its subdirectories). */
#define EXT2_LINK_MAX	32000

/* ext2_dir_iops's members (namei.c); ext2_readdir is dir.c's. */
struct inode *ext2_lookup(struct inode *dir, const char *name);
struct inode *ext2_create(struct inode *dir, const char *name, u32 mode);
int ext2_mkdir(struct inode *dir, const char *name, u32 mode);
int ext2_rmdir(struct inode *dir, const char *name, struct inode *victim);
int ext2_unlink(struct inode *dir, const char *name, struct inode *victim);
int ext2_rename(struct inode *old_dir, const char *old_name,
		struct inode *victim, struct inode *new_dir,
		const char *new_name, struct inode *target);

#endif
