// SPDX-License-Identifier: MIT
/*
 * Names: copying a path in from user space, and the calls that change the
 * tree of any file system through its inode_operations (mkdir, rmdir,
 * unlink, rename) and look at it (stat64, lstat64, fstat64).
 */
#include <arch/x86/uaccess.h>
#include "fs/file_internal.h"
#include "fs/mount.h"
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

/* The last component of @path in @name and its directory (referenced),
 * for a call that changes @name there: ERR_PTR as vfs_lookup_parent(),
 * or -EROFS. fs_lock held. */
static struct inode *parent_for_change(const char *path, char name[NAME_MAX + 1])
{
	struct inode *dir = vfs_lookup_parent(path, name);

	if (!IS_ERR(dir) && !S_ISDIR(dir->mode)) {
		iput(dir);
		return ERR_PTR(-ENOTDIR);
	}
	if (!IS_ERR(dir) && sb_rdonly(dir->sb)) {
		iput(dir);
		return ERR_PTR(-EROFS);
	}
	return dir;
}

int vfs_mkdir(const char *path, u32 mode)
{
	char name[NAME_MAX + 1];
	struct inode *dir, *old;
	int err;

	mutex_lock(&fs_lock);
	dir = vfs_lookup_parent(path, name);
	if (IS_ERR(dir)) {
		err = PTR_ERR(dir);
		goto out;
	}
	if (!name[0] || !strcmp(name, ".") || !strcmp(name, "..")) {
		err = -EEXIST;
	} else if (!IS_ERR(old = walk_component(dir, name))) {
		iput(old);
		err = -EEXIST;
	} else if (PTR_ERR(old) != -ENOENT) {
		err = PTR_ERR(old);
	} else if (sb_rdonly(dir->sb)) {
		err = -EROFS;
	} else {
		err = dir->iops->mkdir(dir, name, mode & 07777 & ~FS_UMASK);
	}
	iput(dir);
out:
	mutex_unlock(&fs_lock);
	return err;
}

/* A victim of unlink, rmdir or rename may be neither a mount point nor
 * the root of a file system: -EBUSY. */
static bool busy(struct inode *inode)
{
	return is_mount_point(inode) || inode == inode->sb->root;
}

/* unlink (@rmdir false) or rmdir of @path. */
static int remove(const char *path, bool rmdir)
{
	char name[NAME_MAX + 1];
	struct inode *dir, *victim;
	int err;

	mutex_lock(&fs_lock);
	dir = parent_for_change(path, name);
	if (IS_ERR(dir)) {
		err = PTR_ERR(dir);
		goto out;
	}
	victim = walk_component(dir, name[0] ? name : ".");
	if (IS_ERR(victim))
		err = PTR_ERR(victim);
	else if (rmdir && !S_ISDIR(victim->mode))
		err = -ENOTDIR;
	else if (!rmdir && S_ISDIR(victim->mode))
		err = -EISDIR;
	else if (rmdir && !strcmp(name, "."))
		err = -EINVAL;
	else if (rmdir && !strcmp(name, ".."))
		err = -ENOTEMPTY;
	else if (!name[0] || busy(victim) || victim->sb != dir->sb)
		err = -EBUSY;
	else if (rmdir)
		err = dir->iops->rmdir(dir, name, victim);
	else
		err = dir->iops->unlink(dir, name, victim);
	if (!IS_ERR(victim))
		iput(victim);
	iput(dir);
out:
	mutex_unlock(&fs_lock);
	return err;
}

int vfs_unlink(const char *path)
{
	return remove(path, false);
}

int vfs_rmdir(const char *path)
{
	return remove(path, true);
}

static bool note_entry(void *ctx, const char *name, u32 len, u32 ino, u8 type,
		       u64 next)
{
	bool *empty = ctx;

	if (is_dot_entry(name, len))
		return true;
	*empty = false;
	return false;
}

/* True when directory @dir holds nothing but "." and "..". */
static bool dir_is_empty(struct inode *dir)
{
	bool empty = true;
	u64 pos = 0;

	if (dir->iops->readdir(dir, &pos, note_entry, &empty) < 0)
		return false;
	return empty;
}

/* The checks of rename(2) on what the two paths name, Linux's errors. */
static int rename_check(struct inode *victim, struct inode *new_dir,
			const char *new_name, struct inode *target, bool slash)
{
	if (busy(victim) || !strcmp(new_name, ".") || !strcmp(new_name, ".."))
		return -EBUSY;
	if (victim->sb != new_dir->sb)
		return -EXDEV;
	if (!S_ISDIR(victim->mode) && slash)
		return -ENOTDIR;	/* "a/" names a directory */
	if (!target)
		return 0;
	if (busy(target))
		return -EBUSY;
	if (S_ISDIR(victim->mode) && !S_ISDIR(target->mode))
		return -ENOTDIR;
	if (!S_ISDIR(victim->mode) && S_ISDIR(target->mode))
		return -EISDIR;
	if (S_ISDIR(target->mode) && !dir_is_empty(target))
		return -ENOTEMPTY;
	return 0;
}

int vfs_rename(const char *oldpath, const char *newpath)
{
	char old_name[NAME_MAX + 1], new_name[NAME_MAX + 1];
	struct inode *old_dir, *new_dir = NULL, *victim = NULL, *target = NULL;
	int err;

	mutex_lock(&fs_lock);
	old_dir = parent_for_change(oldpath, old_name);
	if (IS_ERR(old_dir)) {
		err = PTR_ERR(old_dir);
		goto out;
	}
	victim = walk_component(old_dir, old_name[0] ? old_name : ".");
	if (IS_ERR(victim)) {
		err = PTR_ERR(victim);
		victim = NULL;
		goto put;
	}
	new_dir = parent_for_change(newpath, new_name);
	if (IS_ERR(new_dir)) {
		err = PTR_ERR(new_dir);
		new_dir = NULL;
		goto put;
	}
	if (!old_name[0] || !new_name[0] || !strcmp(old_name, ".") ||
	    !strcmp(old_name, "..")) {
		err = -EBUSY;
		goto put;
	}
	target = walk_component(new_dir, new_name);
	if (IS_ERR(target)) {
		err = PTR_ERR(target);
		target = NULL;
		if (err != -ENOENT)
			goto put;
	}
	err = rename_check(victim, new_dir, new_name, target,
			   newpath[strlen(newpath) - 1] == '/');
	if (!err && target != victim)
		err = old_dir->iops->rename(old_dir, old_name, victim, new_dir,
					    new_name, target);
put:
	if (target)
		iput(target);
	if (victim)
		iput(victim);
	if (new_dir)
		iput(new_dir);
	iput(old_dir);
out:
	mutex_unlock(&fs_lock);
	return err;
}

/* Fill @st for @inode. fs_lock held. */
static void fill_stat(const struct inode *inode, struct stat64 *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = inode->sb->dev;
	st->__st_ino = inode->ino;
	st->st_ino = inode->ino;
	st->st_mode = inode->mode;
	st->st_nlink = inode->nlink;
	st->st_uid = inode->uid;
	st->st_gid = inode->gid;
	st->st_rdev = inode->rdev;
	st->st_size = inode->size;
	st->st_blksize = PAGE_SIZE;
	/* With no backing store, the bytes are the cache's pages. */
	st->st_blocks = inode->mapping.unevictable ?
		(u64)inode->mapping.nr_pages * (PAGE_SIZE / 512) : inode->blocks;
	st->st_atime = inode->atime;
	st->st_mtime = inode->mtime;
	st->st_ctime = inode->ctime;
}

int vfs_stat(const char *path, struct stat64 *st)
{
	struct inode *inode;

	mutex_lock(&fs_lock);
	inode = vfs_lookup(path);
	if (!IS_ERR(inode)) {
		fill_stat(inode, st);
		iput(inode);
	}
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
