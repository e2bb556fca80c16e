// SPDX-License-Identifier: MIT
/*
 * Names: copying a path in from user space, and the calls that change the
 * tree (mkdir, rmdir, unlink, rename) and look at it (stat64, lstat64, fstat64).
 */
#include <arch/x86/uaccess.h>
#include "fs/file_internal.h"
#include "fs/ramfs.h"
#include <kernel/panic.h>
#include <kernel/syscall.h>
#include <lib/err.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <uapi/hm386/stat.h>

char *getname(const char __user *upath)
{
	char *name = (char *)__get_free_pages(GFP_KERNEL, 0);
	long len;

	BUILD_BUG_ON(PATH_MAX > PAGE_SIZE);
	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, upath, PATH_MAX);
	if (len < 0 || len == PATH_MAX || !len) {
		free_pages((u32)name, 0);
		return ERR_PTR(len < 0 ? len : len ? -ENAMETOOLONG : -ENOENT);
	}
	return name;
}

void putname(char *name)
{
	free_pages((u32)name, 0);
}

int vfs_mkdir(const char *path, u32 mode)
{
	char name[NAME_MAX + 1];
	struct inode *dir, *inode;

	mutex_lock(&fs_lock);
	dir = ramfs_lookup_parent(path, name);
	if (!IS_ERR(dir) && (!name[0] || !strcmp(name, ".") || !strcmp(name, "..")))
		dir = ERR_PTR(-EEXIST);
	inode = IS_ERR(dir) ? dir :
		ramfs_create(dir, name, S_IFDIR | (mode & 07777 & ~FS_UMASK));
	mutex_unlock(&fs_lock);
	return IS_ERR(inode) ? PTR_ERR(inode) : 0;
}

int vfs_unlink(const char *path)
{
	struct inode *inode;
	int err;

	mutex_lock(&fs_lock);
	inode = ramfs_lookup(path);
	if (IS_ERR(inode))
		err = PTR_ERR(inode);
	else if (S_ISDIR(inode->mode))
		err = -EISDIR;
	else
		err = ramfs_unlink(inode);
	mutex_unlock(&fs_lock);
	return err;
}

int vfs_rmdir(const char *path)
{
	char name[NAME_MAX + 1];
	struct inode *dir, *inode;
	int err;

	mutex_lock(&fs_lock);
	dir = ramfs_lookup_parent(path, name);
	inode = IS_ERR(dir) ? dir : ramfs_lookup(path);
	if (IS_ERR(inode))
		err = PTR_ERR(inode);
	else if (!strcmp(name, "."))
		err = -EINVAL;
	else if (!S_ISDIR(inode->mode))
		err = -ENOTDIR;
	else if (!name[0] || !strcmp(name, ".."))
		err = name[0] ? -ENOTEMPTY : -EBUSY;
	else
		err = ramfs_unlink(inode);
	mutex_unlock(&fs_lock);
	return err;
}

int vfs_rename(const char *oldpath, const char *newpath)
{
	char name[NAME_MAX + 1];
	struct inode *inode, *dir;
	int err;

	mutex_lock(&fs_lock);
	inode = ramfs_lookup(oldpath);
	dir = ramfs_lookup_parent(newpath, name);
	if (IS_ERR(inode))
		err = PTR_ERR(inode);
	else if (IS_ERR(dir))
		err = PTR_ERR(dir);
	else if (!name[0])
		err = -EBUSY;
	else if (!S_ISDIR(inode->mode) && newpath[strlen(newpath) - 1] == '/')
		err = -ENOTDIR;		/* "a/" names a directory */
	else
		err = ramfs_rename(inode, dir, name);
	mutex_unlock(&fs_lock);
	return err;
}

/* Fill @st for @inode. fs_lock held. */
static void fill_stat(const struct inode *inode, struct stat64 *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = RAMFS_DEV;
	st->__st_ino = inode->ino;
	st->st_ino = inode->ino;
	st->st_mode = inode->mode;
	st->st_nlink = inode->nlink;
	st->st_size = inode->size;
	st->st_blksize = PAGE_SIZE;
	st->st_blocks = (u64)inode->nr_pages * (PAGE_SIZE / 512);
	st->st_mtime = st->st_atime = st->st_ctime = inode->mtime;
}

int vfs_stat(const char *path, struct stat64 *st)
{
	struct inode *inode;

	mutex_lock(&fs_lock);
	inode = ramfs_lookup(path);
	if (!IS_ERR(inode))
		fill_stat(inode, st);
	mutex_unlock(&fs_lock);
	return IS_ERR(inode) ? PTR_ERR(inode) : 0;
}

void vfs_fstat(struct file *f, struct stat64 *st)
{
	if (f->inode) {
		mutex_lock(&fs_lock);
		fill_stat(f->inode, st);
		mutex_unlock(&fs_lock);
		return;
	}
	memset(st, 0, sizeof(*st));
	st->st_blksize = PAGE_SIZE;
	if (f->pipe) {
		st->st_mode = S_IFIFO | 0600;
		st->st_dev = PIPEFS_DEV;
	} else {
		st->st_mode = S_IFCHR | 0620;	/* ttyS0: major 4, minor 64 */
		st->st_rdev = CONSOLE_RDEV;
	}
	st->st_nlink = 1;
}

static long stat_common(const char __user *upath, struct stat64 __user *ust)
{
	char *path = getname(upath);
	struct stat64 st;
	int err;

	if (IS_ERR(path))
		return PTR_ERR(path);
	err = vfs_stat(path, &st);
	putname(path);
	if (!err && copy_to_user(ust, &st, sizeof(st)))
		err = -EFAULT;
	return err;
}

static long sys_stat64(const char __user *upath, struct stat64 __user *ust)
{
	return stat_common(upath, ust);
}
SYSCALL_DEFINE(__NR_stat64, stat64, sys_stat64);

/* No symbolic links here: lstat64() is stat64(). */
static long sys_lstat64(const char __user *upath, struct stat64 __user *ust)
{
	return stat_common(upath, ust);
}
SYSCALL_DEFINE(__NR_lstat64, lstat64, sys_lstat64);

static long sys_fstat64(u32 fd, struct stat64 __user *ust)
{
	struct file *f = fd_get(current_files(), fd);
	struct stat64 st;

	if (!f)
		return -EBADF;
	vfs_fstat(f, &st);
	return copy_to_user(ust, &st, sizeof(st)) ? -EFAULT : 0;
}
SYSCALL_DEFINE(__NR_fstat64, fstat64, sys_fstat64);

/* A system call on one user path. */
static long path_call(const char __user *upath, int (*fn)(const char *, u32), u32 arg)
{
	char *path = getname(upath);
	int err;

	if (IS_ERR(path))
		return PTR_ERR(path);
	err = fn(path, arg);
	putname(path);
	return err;
}

static long sys_mkdir(const char __user *upath, u32 mode)
{
	return path_call(upath, vfs_mkdir, mode);
}
SYSCALL_DEFINE(__NR_mkdir, mkdir, sys_mkdir);

static int unlink_path(const char *path, u32 unused)
{
	return vfs_unlink(path);
}

static int rmdir_path(const char *path, u32 unused)
{
	return vfs_rmdir(path);
}

static long sys_unlink(const char __user *upath)
{
	return path_call(upath, unlink_path, 0);
}
SYSCALL_DEFINE(__NR_unlink, unlink, sys_unlink);

static long sys_rmdir(const char __user *upath)
{
	return path_call(upath, rmdir_path, 0);
}
SYSCALL_DEFINE(__NR_rmdir, rmdir, sys_rmdir);

static long sys_rename(const char __user *uold, const char __user *unew)
{
	char *oldpath = getname(uold), *newpath;
	int err;

	if (IS_ERR(oldpath))
		return PTR_ERR(oldpath);
	newpath = getname(unew);
	if (IS_ERR(newpath)) {
		putname(oldpath);
		return PTR_ERR(newpath);
	}
	err = vfs_rename(oldpath, newpath);
	putname(newpath);
	putname(oldpath);
	return err;
}
SYSCALL_DEFINE(__NR_rename, rename, sys_rename);
