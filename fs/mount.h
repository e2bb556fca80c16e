/* SPDX-License-Identifier: MIT */
/*
 * Mounts (fs/mount.c), private to fs/ and its tests: the RAM filesystem at
 * "/" and the file systems mounted on its directories (or on theirs). A
 * mount holds a reference on its mount point and on its root; the walk
 * (fs/vfs.c) crosses between them with follow_mount() and
 * mount_point_of(). Everything here runs under fs_lock.
 */
#ifndef HM386_FS_MOUNT_H
#define HM386_FS_MOUNT_H

#include "fs/vfs.h"
#include <uapi/hm386/mount.h>

#define MOUNT_PATH_SHOWN	64	/* bytes of its path the monitor shows */
#define BDEV_NAME_MAX_SHOWN	16

/* A file system mounted on a directory of another. */
struct mount {
	struct super_block *sb;
	struct inode *mountpoint;	/* referenced */
	char dev_name[BDEV_NAME_MAX_SHOWN];
	char path[MOUNT_PATH_SHOWN];	/* as given to mount() */
	struct list_head link;		/* on mounts */
};

extern struct list_head mounts;

/* mount_of_sb - the mount of @sb, or NULL (the root file system). */
struct mount *mount_of_sb(struct super_block *sb);

/* vfs_root - "/", the root of the RAM filesystem (made at the first call:
 * no reference taken). */
struct inode *vfs_root(void);

/* follow_mount - @inode (referenced), or the root of the file system
 * mounted on it, referenced, @inode's reference dropped. */
struct inode *follow_mount(struct inode *inode);

/* mount_point_of - the directory @sb is mounted on, or NULL for the root
 * file system. No reference taken. */
struct inode *mount_point_of(struct super_block *sb);

/* is_mount_point - true when a file system is mounted on @inode. */
bool is_mount_point(struct inode *inode);

/* walk_component - one step of the walk (fs/vfs.c). */
struct inode *walk_component(struct inode *dir, const char *name);

/* sync_inodes - write back every inode of @sb and its metadata (sync_fs
 * unless read-only); forget_inodes - free them all (umount). */
int sync_inodes(struct super_block *sb);
void forget_inodes(struct super_block *sb);

/* root_mount - mount root= at /mnt (fs/mount_dev.c), if given. */
void root_mount(void);

/* sb_rdonly - true when @sb was mounted read-only. */
static inline bool sb_rdonly(const struct super_block *sb)
{
	return sb->flags & MS_RDONLY;
}

#endif
