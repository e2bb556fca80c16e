// SPDX-License-Identifier: MIT
/*
 * getdents64(): a directory's entries as struct linux_dirent64 records.
 * The position of an open directory counts entries: 0 is ".", 1 is "..",
 * n >= 2 the (n-2)th child in creation order; each record's d_off is the
 * position after it, so lseek(fd, d_off, SEEK_SET) resumes there.
 */
#include <arch/x86/uaccess.h>
#include "fs/file_internal.h"
#include "fs/ramfs.h"
#include <kernel/syscall.h>
#include <lib/string.h>
#include <uapi/hm386/dirent.h>
#include <uapi/hm386/stat.h>

#define DIRENT_MAX	ALIGN_UP(sizeof(struct linux_dirent64) + NAME_MAX + 1, 8)

static u8 dirent_type(const struct inode *inode)
{
	return S_ISDIR(inode->mode) ? DT_DIR : S_ISREG(inode->mode) ? DT_REG :
	       DT_UNKNOWN;
}

/* The entry at position @pos of @dir and its name, or NULL past the end. */
static struct inode *entry_at(struct inode *dir, u64 pos, const char **name)
{
	struct list_head *it;

	if (pos < 2) {
		*name = pos ? ".." : ".";
		return pos ? dir->parent : dir;
	}
	pos -= 2;
	list_for_each(it, &dir->children) {
		struct inode *child = list_entry(it, struct inode, sibling);

		if (!pos--) {
			*name = child->name;
			return child;
		}
	}
	return NULL;
}

long vfs_getdents(struct file *f, struct fs_iter *to, u32 count)
{
	u64 buf[DIRENT_MAX / 8];
	struct linux_dirent64 *d = (void *)buf;
	long done = 0;

	if (!f->inode || !S_ISDIR(f->inode->mode))
		return -ENOTDIR;
	mutex_lock(&fs_lock);
	for (;;) {
		const char *name;
		struct inode *inode = entry_at(f->inode, f->pos, &name);
		u32 len, reclen;

		if (!inode)
			break;
		len = strlen(name);
		reclen = ALIGN_UP(sizeof(*d) + len + 1, 8);
		if (reclen > count - done) {
			if (!done)
				done = -EINVAL;	/* not even one record fits */
			break;
		}
		memset(d, 0, reclen);
		d->d_ino = inode->ino;
		d->d_off = f->pos + 1;
		d->d_reclen = reclen;
		d->d_type = dirent_type(inode);
		memcpy(d->d_name, name, len);
		if (fs_iter_to(to, d, reclen)) {
			if (!done)
				done = -EFAULT;
			break;
		}
		done += reclen;
		f->pos++;
	}
	mutex_unlock(&fs_lock);
	return done;
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
