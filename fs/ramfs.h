/* SPDX-License-Identifier: MIT */
/*
 * The RAM filesystem (fs/ramfs.c), private to fs/ and its tests: the file
 * system at "/", one of the file systems under the VFS (fs/vfs.h). Its
 * inodes live only in memory (its super block keeps every linked one),
 * each is at once its directory entry (a name, a parent: no hard links),
 * and a regular file's bytes are its page-cache pages, which no backing
 * store holds: its mappings are unevictable. Readdir positions are
 * cookies: 0 ".", 1 "..", then each entry's own number, given in creation
 * order and never reused in its directory, so that removing an entry moves
 * no other's position.
 */
#ifndef HM386_FS_RAMFS_H
#define HM386_FS_RAMFS_H

#include "fs/vfs.h"

/* ramfs_fill_super - make @sb a new, empty RAM filesystem (its root
 * directory, mode 0755). 0 or -ENOMEM. */
int ramfs_fill_super(struct super_block *sb);

/*
 * ramfs_mknod - a new device node @name in RAM-filesystem directory @dir:
 * @mode is S_IFBLK or S_IFCHR with permissions, @rdev its device number
 * (the kernel's /dev, fs/dev.c). 0, -EEXIST, -ENOMEM. fs_lock held.
 */
int ramfs_mknod(struct inode *dir, const char *name, u32 mode, u32 rdev);

/* RAM-filesystem inodes alive now (the root included), for the tests. */
extern u32 ramfs_inodes;

#endif
