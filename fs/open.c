// SPDX-License-Identifier: MIT
/*
 * Opening and closing RAM-filesystem files: filp_open(), the operations of
 * an open regular file or directory, and open(), close(), dup2().
 */
#include <arch/x86/uaccess.h>
#include "fs/file_internal.h"
#include "fs/ramfs.h"
#include <kernel/syscall.h>
#include <lib/err.h>
#include <lib/string.h>
#include <uapi/hm386/stat.h>

static long ramfs_file_read(struct file *f, struct fs_iter *to, u32 count, u64 *pos)
{
	long n;

	mutex_lock(&fs_lock);
	n = ramfs_read(f->inode, to, count, *pos);
	if (n > 0)
		*pos += n;
	mutex_unlock(&fs_lock);
	return n;
}

static long ramfs_file_write(struct file *f, struct fs_iter *from, u32 count, u64 *pos)
{
	long n;

	mutex_lock(&fs_lock);
	if (f->flags & O_APPEND)
		*pos = f->inode->size;
	n = ramfs_write(f->inode, from, count, *pos);
	if (n > 0)
		*pos += n;
	mutex_unlock(&fs_lock);
	return n;
}

static long ramfs_dir_read(struct file *f, struct fs_iter *to, u32 count, u64 *pos)
{
	return -EISDIR;
}

static void ramfs_file_release(struct file *f)
{
	mutex_lock(&fs_lock);
	ramfs_iput(f->inode);
	mutex_unlock(&fs_lock);
}

const struct file_ops ramfs_file_ops = {
	.kind = "file", .read = ramfs_file_read, .write = ramfs_file_write,
	.release = ramfs_file_release, .seekable = true,
};

const struct file_ops ramfs_dir_ops = {
	.kind = "dir", .read = ramfs_dir_read, .release = ramfs_file_release,
	.seekable = true,
};

/* The inode @path names, created as open(O_CREAT) does. fs_lock held. */
static struct inode *open_inode(const char *path, int flags, u32 mode)
{
	char name[NAME_MAX + 1];
	struct inode *dir, *inode;
	u32 len = strlen(path);

	if (!(flags & O_CREAT))
		return ramfs_lookup(path);
	dir = ramfs_lookup_parent(path, name);
	if (IS_ERR(dir))
		return dir;
	if (!S_ISDIR(dir->mode))
		return ERR_PTR(-ENOTDIR);
	inode = name[0] ? ramfs_find(dir, name) : dir;
	if (inode && (flags & O_EXCL))
		return ERR_PTR(-EEXIST);
	if (inode)
		return inode;
	if (path[len - 1] == '/')
		return ERR_PTR(-EISDIR);
	return ramfs_create(dir, name, S_IFREG | (mode & 07777 & ~FS_UMASK));
}

struct file *filp_open(const char *path, int flags, u32 mode)
{
	struct inode *inode;
	struct file *f;
	bool dir;

	if (!path[0])
		return ERR_PTR(-ENOENT);
	mutex_lock(&fs_lock);
	inode = open_inode(path, flags, mode);
	if (IS_ERR(inode))
		goto out;
	dir = S_ISDIR(inode->mode);
	if (dir && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT))) {
		inode = ERR_PTR(-EISDIR);
		goto out;
	}
	if (!dir && (flags & O_DIRECTORY)) {
		inode = ERR_PTR(-ENOTDIR);
		goto out;
	}
	f = file_alloc(dir ? &ramfs_dir_ops : &ramfs_file_ops, flags);
	if (!f) {
		inode = ERR_PTR(-ENOMEM);
		goto out;
	}
	if (!dir && (flags & O_TRUNC) && file_can_write(f))
		ramfs_truncate(inode, 0);
	f->inode = inode;
	ramfs_iget(inode);
	mutex_unlock(&fs_lock);
	return f;
out:
	mutex_unlock(&fs_lock);
	return (struct file *)inode;
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
