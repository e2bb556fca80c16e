// SPDX-License-Identifier: MIT
/*
 * fsync() and fdatasync(): one file's dirty pages, its inode and its file
 * system's metadata written back (fs/vfs.h vfs_fsync). hm386 makes no
 * difference between the two: fdatasync() writes the inode too, which
 * Linux may skip when only its times changed. sync() is in fs/mount.c,
 * next to the list of file systems it walks.
 */
#include "fs/file_internal.h"
#include "fs/vfs.h"
#include <kernel/syscall.h>

/* Linux's errors: -EBADF, -EINVAL for a file with no inode (a pipe, the
 * console), -EIO. */
static long do_fsync(u32 fd)
{
	struct file *f = fd_get(current_files(), fd);
	int err;

	if (!f)
		return -EBADF;
	if (!f->inode)
		return -EINVAL;
	mutex_lock(&fs_lock);
	err = vfs_fsync(f->inode);
	mutex_unlock(&fs_lock);
	return err;
}

static long sys_fsync(u32 fd)
{
	return do_fsync(fd);
}
SYSCALL_DEFINE(__NR_fsync, fsync, sys_fsync);

static long sys_fdatasync(u32 fd)
{
	return do_fsync(fd);
}
SYSCALL_DEFINE(__NR_fdatasync, fdatasync, sys_fdatasync);
