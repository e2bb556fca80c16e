/* SPDX-License-Identifier: MIT */
/*
 * The virtual file system (fs/vfs.c, fs/mount.c), private to fs/ and its
 * tests: what a file system implements (struct inode_operations,
 * struct super_operations, a FILESYSTEM() registration) and what the
 * system calls use (path walk across mount points, inode references).
 *
 * Two file systems implement it: the RAM filesystem at "/" (fs/ramfs.c:
 * no device, every page unevictable) and ext2 (fs/ext2/: on a block
 * device, mounted with mount(2) or root=). Regular files of both keep
 * their bytes in the page cache (fs/pagecache.h), read and written by the
 * generic paths (fs/filemap.c) through kmap_local_page().
 *
 * Locking: one mutex, fs_lock, serializes every operation on names and
 * inodes (lookup, create, unlink, rename, readdir, size changes, reads
 * and writes of a file's bytes, mount, unmount, sync) on every file
 * system. Linux has a lock per inode; hm386 keeps one, and it is a mutex:
 * copies to and from user space and disk I/O happen under it and sleep.
 * The page cache has its own lock (fs/pagecache.h).
 *
 * Names: the VFS resolves "." itself and asks the file system for ".."
 * (ext2 has it on disk, the RAM filesystem keeps a parent). At the root
 * of a mounted file system ".." leaves through the mount point; ".." of
 * "/" is "/".
 */
#ifndef HM386_FS_VFS_H
#define HM386_FS_VFS_H

#include "fs/iter.h"
#include "fs/pagecache.h"
#include <kernel/mutex.h>
#include <lib/list.h>
#include <types.h>

#define NAME_MAX	255			/* bytes of one path component */
#define PATH_MAX	4096			/* bytes of a path, NUL included */
/* hm386 has no umask(): files and directories that open() and mkdir()
 * create lose these permission bits, as under Linux's default umask. */
#define FS_UMASK	0022
/* The largest file size: the page cache's u32 page index (16 TiB). A file
 * system may have a lower limit of its own (ext2 with 4 KiB blocks: about
 * 4 TiB by its triple-indirect map, 2 TiB by i_blocks). */
#define FILE_SIZE_MAX	((u64)1 << (32 + PAGE_SHIFT))

struct block_device;
struct inode;
struct super_block;

extern struct mutex fs_lock;

/*
 * One inode in memory: the file system embeds it in its own (container_of)
 * and the VFS reads and writes these fields. @refs counts the holders
 * (iget(), lookups, open files, the cwd of nothing: hm386 has no chdir);
 * the last iput() of an inode with @nlink 0 asks the file system to
 * evict it (free its blocks), of a linked one to forget it (written back
 * first when dirty). fs_lock guards every field.
 */
struct inode {
	u32 ino;
	u32 mode;			/* S_IF* | permission bits */
	u32 nlink;
	u32 uid, gid;
	u64 size;
	u32 atime, mtime, ctime;	/* seconds since the epoch */
	u64 blocks;			/* 512-byte units allocated (st_blocks) */
	u32 rdev;			/* a device node's MKDEV(major, minor) */
	struct super_block *sb;
	const struct inode_operations *iops;
	struct address_space mapping;	/* its bytes (regular files and
					   directories of disk file systems) */
	u32 refs;
	bool dirty;			/* fields newer than the disk: write_inode */
	struct list_head sb_link;	/* on sb->inodes (the inode cache) */
};

/* readdir's callback: one entry; returns false when the caller's buffer is
 * full (readdir stops and leaves *pos at this entry). @next is the position
 * after it (getdents64's d_off). */
typedef bool (*filldir_t)(void *ctx, const char *name, u32 len, u32 ino,
			  u8 type, u64 next);

/* is_dot_entry - true for the entries "." and ".." (@len bytes of @name),
 * which every readdir emits first. */
static inline bool is_dot_entry(const char *name, u32 len)
{
	return (len == 1 || len == 2) && name[0] == '.' && name[len - 1] == '.';
}

/*
 * What a file system does with names. All run under fs_lock and may sleep;
 * all return -errno as Linux's calls do (-EIO for a damaged disk, after
 * one log line naming the inode and the block). @name is one component,
 * never "" or ".", at most NAME_MAX bytes.
 *
 * lookup: the inode @name in directory @dir with a reference taken, NULL
 *	when there is none ("..": the parent).
 * create: a new regular file (S_IFREG | perms in @mode), referenced.
 * mkdir: a new directory; rmdir: remove empty directory @victim (@name in
 *	@dir; -ENOTEMPTY); unlink: remove non-directory @victim.
 * rename: move @victim from @old_name in @old_dir to @new_name in
 *	@new_dir, replacing @target when it exists (the VFS checked the kinds
 *	match and @target, a directory, is empty; the file system checks a
 *	directory does not move under itself: -EINVAL). Same super block.
 * readdir: emit the entries of @dir from position *@pos ("." and ".."
 *	included), moving *@pos past each emitted.
 * setsize: change the size of regular file @inode (truncate frees the
 *	blocks past the end; growing makes a hole).
 */
struct inode_operations {
	struct inode *(*lookup)(struct inode *dir, const char *name);
	struct inode *(*create)(struct inode *dir, const char *name, u32 mode);
	int (*mkdir)(struct inode *dir, const char *name, u32 mode);
	int (*rmdir)(struct inode *dir, const char *name, struct inode *victim);
	int (*unlink)(struct inode *dir, const char *name, struct inode *victim);
	int (*rename)(struct inode *old_dir, const char *old_name,
		      struct inode *victim, struct inode *new_dir,
		      const char *new_name, struct inode *target);
	int (*readdir)(struct inode *dir, u64 *pos, filldir_t emit, void *ctx);
	int (*setsize)(struct inode *inode, u64 size);
};

/*
 * What a file system does with its super block and inode cache. Under
 * fs_lock, may sleep.
 *
 * alloc_inode / free_inode: memory for the file system's inode (zeroed;
 *	the VFS fills the common part).
 * read_inode: fill a new @inode (its ino set) from the disk: 0, -EIO.
 * write_inode: write @inode's fields back (on sync, on forget when dirty).
 * evict_inode: the last reference of an unlinked inode went: free its
 *	blocks and its inode on the disk.
 * sync_fs: write the super block, group descriptors and bitmaps.
 * put_super: unmount: everything was written; free what the mount made.
 */
struct super_operations {
	struct inode *(*alloc_inode)(struct super_block *sb);
	void (*free_inode)(struct inode *inode);
	int (*read_inode)(struct inode *inode);
	int (*write_inode)(struct inode *inode);
	void (*evict_inode)(struct inode *inode);
	int (*sync_fs)(struct super_block *sb);
	void (*put_super)(struct super_block *sb);
};

struct super_block {
	const struct file_system_type *type;
	const struct super_operations *ops;
	struct block_device *bdev;	/* NULL for the RAM filesystem */
	u32 dev;			/* st_dev of its files */
	u32 flags;			/* MS_RDONLY */
	struct inode *root;		/* referenced while mounted */
	struct list_head inodes;	/* the inodes in memory */
	void *fs_info;			/* the file system's own */
};

/*
 * A file system type: mount fills @sb (ops, root, fs_info; bdev, dev and
 * flags are set) from its device, or refuses with -EINVAL and one log
 * line saying why (not this file system, a damaged super block, a
 * feature it does not support). Registered with FILESYSTEM(name, fn) in
 * the file that implements it.
 */
struct file_system_type {
	const char *name;		/* mount(2)'s type: "ext2" */
	int (*mount)(struct super_block *sb);
};

#define FILESYSTEM(fsname, fsmount)					\
	static const struct file_system_type __filesystem_##fsname	\
	__used __section(".filesystems") __aligned(4) = {		\
		.name = #fsname, .mount = fsmount }

/* inode_init - fill the common part of a new @inode of @sb (refs 1,
 * mapping empty, on sb->inodes). The file system sets iops, mode & co.
 * The mapping starts with no backing store (no a_ops, unevictable, off
 * the shrinker's list): a disk file system calls mapping_init() once
 * more, with its a_ops and unevictable false, for its regular files and
 * directories. */
void inode_init(struct inode *inode, struct super_block *sb, u32 ino);

/*
 * iget - inode @ino of @sb with a reference taken: from sb->inodes, or
 * allocated and read with read_inode (when that fails, the inode is
 * freed with free_inode, not evicted). ERR_PTR(-ENOMEM, -EIO). fs_lock
 * held.
 */
struct inode *iget(struct super_block *sb, u32 ino);

/* igrab - one more reference on @inode (held already); returns it. */
struct inode *igrab(struct inode *inode);

/*
 * iput - drop a reference; the last one writes a dirty inode back and its
 * pages, then evicts it (nlink 0) or forgets it. The RAM filesystem keeps
 * its linked inodes (its super block holds them). fs_lock held.
 */
void iput(struct inode *inode);

/* mark_inode_dirty - @inode's fields changed: written at sync or forget. */
void mark_inode_dirty(struct inode *inode);

/*
 * vfs_lookup - the inode at absolute @path with a reference taken:
 * "." and ".." and repeated slashes understood, mount points crossed, a
 * trailing slash requires a directory. ERR_PTR(-ENOENT, -ENOTDIR,
 * -ENAMETOOLONG, -EIO). fs_lock held.
 */
struct inode *vfs_lookup(const char *path);

/*
 * vfs_lookup_parent - resolve every component of @path but the last:
 * the directory (referenced) and the last component in @name ("" for
 * "/", "." or ".." as given). ERR_PTR as vfs_lookup(). fs_lock held.
 */
struct inode *vfs_lookup_parent(const char *path, char name[NAME_MAX + 1]);

/*
 * generic_file_read / generic_file_write - the bytes of regular file
 * @inode through its page cache, each page mapped with kmap_local_page()
 * for one copy; the write follows Linux's generic_perform_write() (map,
 * pagefault_disable(), atomic copy, unmap; on a short copy fault the
 * source in and retry), calls prepare_write first, marks the page dirty,
 * grows the size. Return bytes moved, or -errno when none were.
 * fs_lock held.
 */
long generic_file_read(struct inode *inode, struct fs_iter *to, u32 count, u64 pos);
long generic_file_write(struct inode *inode, struct fs_iter *from, u32 count, u64 pos);

/*
 * truncate_pagecache - @inode's size becomes @size: the pages past it
 * leave the cache (truncate_inode_pages), the bytes of the last page past
 * it are zeroed (and the page dirtied), the inode marked dirty. A
 * setsize operation calls it, then frees its blocks. fs_lock held.
 */
void truncate_pagecache(struct inode *inode, u64 size);

/*
 * vfs_fsync - write back @inode's dirty pages and fields and its file
 * system's metadata (sync_fs). vfs_sync_all - every mounted file system.
 * 0 or the first -EIO. fs_lock held.
 */
int vfs_fsync(struct inode *inode);
int vfs_sync_all(void);

/*
 * vfs_mount - mount the file system @type found on block device node
 * @dev_path at directory @dir_path (which is not "/", not already a mount
 * point and not inside a mounted file system's own mount point's path
 * being replaced). 0, or -ENOENT, -ENOTBLK, -ENODEV (no such type),
 * -EBUSY (the device or the directory already mounted), -EINVAL (the
 * type's mount refused it), -EIO. vfs_umount - write everything back and
 * unmount the file system whose root @dir_path names: 0, -EINVAL (not a
 * mount point), -EBUSY (a file is open on it). Take fs_lock themselves.
 */
int vfs_mount(const char *dev_path, const char *dir_path, const char *type, u32 flags);
int vfs_umount(const char *dir_path);

#endif
