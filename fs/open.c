// SPDX-License-Identifier: MIT
/*
 * Opening and closing files of any file system: filp_open(), the
 * operations of an open regular file or directory (chosen by the inode's
 * mode), and open(), close(), dup2(), truncate(), ftruncate().
 */
#include <arch/x86/uaccess.h>
#include "fs/file_internal.h"
#include "fs/mount.h"
#include <kernel/syscall.h>
#include <lib/err.h>
#include <lib/string.h>
#include <uapi/hm386/stat.h>

static long regular_read(struct file *f, struct fs_iter *to, u32 count, u64 *pos)
{
	long n;

	mutex_lock(&fs_lock);
	n = generic_file_read(f->inode, to, count, *pos);
	if (n > 0)
		*pos += n;
	mutex_unlock(&fs_lock);
	return n;
}

static long regular_write(struct file *f, struct fs_iter *from, u32 count, u64 *pos)
{
	long n;

	mutex_lock(&fs_lock);
	if (f->flags & O_APPEND)
		*pos = f->inode->size;
	n = generic_file_write(f->inode, from, count, *pos);
	if (n > 0)
		*pos += n;
	mutex_unlock(&fs_lock);
	return n;
}

static long dir_read(struct file *f, struct fs_iter *to, u32 count, u64 *pos)
{
	return -EISDIR;
}

static void inode_file_release(struct file *f)
{
	mutex_lock(&fs_lock);
	iput(f->inode);
	mutex_unlock(&fs_lock);
}

const struct file_ops regular_file_ops = {
	.kind = "file", .read = regular_read, .write = regular_write,
	.release = inode_file_release, .seekable = true,
};

const struct file_ops dir_file_ops = {
	.kind = "dir", .read = dir_read, .release = inode_file_release,
	.seekable = true,
};

int vfs_setsize(struct inode *inode, u64 size)
{
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (!S_ISREG(inode->mode))
		return -EINVAL;
	if (sb_rdonly(inode->sb))
		return -EROFS;
	if (size > FILE_SIZE_MAX)
		return -EFBIG;
	return inode->iops->setsize(inode, size);
}

/* The inode @path names (referenced), created as open(O_CREAT) does.
 * fs_lock held. */
static struct inode *open_inode(const char *path, int flags, u32 mode)
{
	char name[NAME_MAX + 1];
	struct inode *dir, *inode;
	u32 len = strlen(path);

	if (!(flags & O_CREAT))
		return vfs_lookup(path);
	dir = vfs_lookup_parent(path, name);
	if (IS_ERR(dir))
		return dir;
	inode = name[0] ? walk_component(dir, name) : igrab(dir);
	if (!IS_ERR(inode) && (flags & O_EXCL)) {
		iput(inode);
		inode = ERR_PTR(-EEXIST);
	} else if (PTR_ERR(inode) == -ENOENT) {
		if (path[len - 1] == '/')
			inode = ERR_PTR(-EISDIR);
		else if (sb_rdonly(dir->sb))
			inode = ERR_PTR(-EROFS);
		else
			inode = dir->iops->create(dir, name,
						  S_IFREG | (mode & 07777 & ~FS_UMASK));
	}
	iput(dir);
	return inode;
}

/* The checks of open(@flags) on @inode: 0 or -errno. */
static int open_check(struct inode *inode, int flags)
{
	bool dir = S_ISDIR(inode->mode), write = (flags & O_ACCMODE) != O_RDONLY;

	if (dir && (write || (flags & O_CREAT)))
		return -EISDIR;
	if (!dir && (flags & O_DIRECTORY))
		return -ENOTDIR;
	if (S_ISBLK(inode->mode) || S_ISCHR(inode->mode))
		return -ENXIO;		/* device nodes: stat only, for now */
	if (!dir && !S_ISREG(inode->mode))
		return -ENXIO;
	if ((write || (flags & O_TRUNC)) && sb_rdonly(inode->sb))
		return -EROFS;
	return 0;
}

struct file *filp_open(const char *path, int flags, u32 mode)
{
	struct inode *inode;
	struct file *f = NULL;
	int err;

	if (!path[0])
		return ERR_PTR(-ENOENT);
	mutex_lock(&fs_lock);
	inode = open_inode(path, flags, mode);
	if (IS_ERR(inode)) {
		mutex_unlock(&fs_lock);
		return (struct file *)inode;
	}
	err = open_check(inode, flags);
	if (!err) {
		f = file_alloc(S_ISDIR(inode->mode) ? &dir_file_ops : &regular_file_ops,
			       flags);
		if (!f)
			err = -ENOMEM;
	}
	if (!err && S_ISREG(inode->mode) && (flags & O_TRUNC) && file_can_write(f))
		err = vfs_setsize(inode, 0);
	if (err) {
		if (f)
			file_free(f);
		iput(inode);
		mutex_unlock(&fs_lock);
		return ERR_PTR(err);
	}
	f->inode = inode;		/* the lookup's reference is the file's */
	mutex_unlock(&fs_lock);
	return f;
}

static long sys_open(const char __user *upath, u32 flags, u32 mode)
{
	char *path = getname(upath);
	struct file *f;
	int fd;

	if (IS_ERR(path))
		return PTR_ERR(path);
	f = filp_open(path, flags, mode);
	putname(path);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install(current_files(), f);
	if (fd < 0)
		fput(f);
	else if (flags & O_CLOEXEC)
		current_files()->cloexec |= 1ULL << fd;
	return fd;
}
SYSCALL_DEFINE(__NR_open, open, sys_open);

static long sys_close(u32 fd)
{
	return fd_close(current_files(), fd);
}
SYSCALL_DEFINE(__NR_close, close, sys_close);

static long sys_dup2(u32 oldfd, u32 newfd)
{
	struct files_struct *files = current_files();
	struct file *f = fd_get(files, oldfd);

	if (!f || newfd >= FILES_MAX)
		return -EBADF;
	if (oldfd != newfd) {
		if (files->fd[newfd])
			fd_close(files, newfd);	/* its O_CLOEXEC goes too */
		files->fd[newfd] = fget(f);
	}
	return newfd;
}
SYSCALL_DEFINE(__NR_dup2, dup2, sys_dup2);

int vfs_truncate(const char *path, s64 length)
{
	struct inode *inode;
	int err;

	if (length < 0)
		return -EINVAL;
	mutex_lock(&fs_lock);
	inode = vfs_lookup(path);
	if (IS_ERR(inode)) {
		err = PTR_ERR(inode);
	} else {
		err = vfs_setsize(inode, length);
		iput(inode);
	}
	mutex_unlock(&fs_lock);
	return err;
}

int vfs_ftruncate(struct file *f, s64 length)
{
	int err;

	if (length < 0)
		return -EINVAL;
	if (!f->inode || !file_can_write(f))
		return -EINVAL;		/* Linux: not open for writing */
	if (!S_ISREG(f->inode->mode))
		return -EINVAL;
	mutex_lock(&fs_lock);
	err = vfs_setsize(f->inode, length);
	mutex_unlock(&fs_lock);
	return err;
}

static long sys_truncate(const char __user *upath, s32 length)
{
	char *path = getname(upath);
	int err;

	if (IS_ERR(path))
		return PTR_ERR(path);
	err = vfs_truncate(path, length);
	putname(path);
	return err;
}
SYSCALL_DEFINE(__NR_truncate, truncate, sys_truncate);

static long sys_ftruncate(u32 fd, s32 length)
{
	struct file *f = fd_get(current_files(), fd);

	if (!f)
		return -EBADF;
	return vfs_ftruncate(f, length);
}
SYSCALL_DEFINE(__NR_ftruncate, ftruncate, sys_ftruncate);
