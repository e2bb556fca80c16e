// SPDX-License-Identifier: MIT
/*
 * getdents64(): a directory's entries as struct linux_dirent64 records,
 * from the file system's readdir. The position of an open directory is
 * the file system's cookie: each record's d_off is the position after it,
 * so lseek(fd, d_off, SEEK_SET) resumes there.
 */
#include <arch/x86/uaccess.h>
#include "fs/file_internal.h"
#include "fs/vfs.h"
#include <kernel/syscall.h>
#include <lib/string.h>
#include <uapi/hm386/dirent.h>
#include <uapi/hm386/stat.h>

#define DIRENT_MAX	ALIGN_UP(sizeof(struct linux_dirent64) + NAME_MAX + 1, 8)

struct getdents_ctx {
	struct fs_iter *to;
	u32 count;
	long done;			/* bytes, or -errno */
};

/* filldir_t: one record into the caller's buffer, if it fits. */
static bool fill_record(void *arg, const char *name, u32 len, u32 ino,
			u8 type, u64 next)
{
	struct getdents_ctx *ctx = arg;
	u64 buf[DIRENT_MAX / 8];
	struct linux_dirent64 *d = (void *)buf;
	u32 reclen = ALIGN_UP(sizeof(*d) + len + 1, 8);

	if (reclen > ctx->count - ctx->done) {
		if (!ctx->done)
			ctx->done = -EINVAL;	/* not even one record fits */
		return false;
	}
	memset(d, 0, reclen);
	d->d_ino = ino;
	d->d_off = next;
	d->d_reclen = reclen;
	d->d_type = type;
	memcpy(d->d_name, name, len);
	if (fs_iter_to(ctx->to, d, reclen)) {
		if (!ctx->done)
			ctx->done = -EFAULT;
		return false;
	}
	ctx->done += reclen;
	return true;
}

long vfs_getdents(struct file *f, struct fs_iter *to, u32 count)
{
	struct getdents_ctx ctx = { .to = to, .count = count };
	int err;

	if (!f->inode || !S_ISDIR(f->inode->mode))
		return -ENOTDIR;
	mutex_lock(&fs_lock);
	err = f->inode->iops->readdir(f->inode, &f->pos, fill_record, &ctx);
	mutex_unlock(&fs_lock);
	return err && !ctx.done ? err : ctx.done;
}

static long sys_getdents64(u32 fd, void __user *dirp, u32 count)
{
	struct file *f = fd_get(current_files(), fd);
	struct fs_iter it = fs_iter_user(dirp);

	if (!f)
		return -EBADF;
	if (!access_ok(dirp, count))
		return -EFAULT;
	return vfs_getdents(f, &it, count);
}
SYSCALL_DEFINE(__NR_getdents64, getdents64, sys_getdents64);
