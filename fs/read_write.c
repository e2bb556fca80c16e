// SPDX-License-Identifier: MIT
/*
 * Reading and writing: the one path that read(), write(), pread64(),
 * pwrite64(), kernel_read() and kernel_write() share (vfs_read/vfs_write),
 * and lseek().
 */
#include <arch/x86/uaccess.h>
#include "fs/file_internal.h"
#include "fs/vfs.h"
#include <kernel/syscall.h>

/* Linux's MAX_RW_COUNT: one call moves at most this much. */
#define RW_COUNT_MAX	(0x7fffffffU & PAGE_MASK)

long vfs_read(struct file *f, struct fs_iter *to, u32 count, u64 *pos)
{
	if (!file_can_read(f))
		return -EBADF;
	if (!f->ops->read)
		return -EINVAL;
	return f->ops->read(f, to, MIN(count, RW_COUNT_MAX), pos);
}

long vfs_write(struct file *f, struct fs_iter *from, u32 count, u64 *pos)
{
	if (!file_can_write(f))
		return -EBADF;
	if (!f->ops->write)
		return -EINVAL;
	return f->ops->write(f, from, MIN(count, RW_COUNT_MAX), pos);
}

long kernel_read(struct file *f, void *buf, u32 count, u64 pos)
{
	struct fs_iter it = fs_iter_kernel(buf);

	if (!f->ops->seekable)
		return -EINVAL;
	return vfs_read(f, &it, count, &pos);
}

long kernel_write(struct file *f, const void *buf, u32 count, u64 pos)
{
	struct fs_iter it = fs_iter_kernel((void *)buf);

	if (!f->ops->seekable)
		return -EINVAL;
	return vfs_write(f, &it, count, &pos);
}

static long sys_read(u32 fd, void __user *buf, u32 count)
{
	struct file *f = fd_get(current_files(), fd);
	struct fs_iter it = fs_iter_user(buf);

	if (!f)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	return vfs_read(f, &it, count, &f->pos);
}
SYSCALL_DEFINE(__NR_read, read, sys_read);

static long sys_write(u32 fd, const void __user *buf, u32 count)
{
	struct file *f = fd_get(current_files(), fd);
	struct fs_iter it = fs_iter_user((void __user *)buf);

	if (!f)
		return -EBADF;
	if (!access_ok(buf, count))
		return -EFAULT;
	return vfs_write(f, &it, count, &f->pos);
}
SYSCALL_DEFINE(__NR_write, write, sys_write);

/*
 * pread64 / pwrite64 (Linux's i386 ABI: the 64-bit offset in ESI, EDI): read
 * or write at @pos without moving the file's position. As Linux: a negative
 * offset is -EINVAL (before the descriptor is looked at), a file without
 * positions (a pipe, the console) -ESPIPE, and pwrite64 on an O_APPEND file
 * still appends.
 */
/*
 * The checks pread64 and pwrite64 share, in Linux's order: 0 with the file
 * in *@f and the offset in *@at, or the error to return.
 */
static long positional(u32 fd, const void __user *buf, u32 count, u32 pos_lo,
		       u32 pos_hi, struct file **f, u64 *at)
{
	*at = (u64)pos_hi << 32 | pos_lo;
	if ((s64)*at < 0)
		return -EINVAL;
	*f = fd_get(current_files(), fd);
	if (!*f)
		return -EBADF;
	if (!(*f)->ops->seekable)
		return -ESPIPE;
	if (!access_ok(buf, count))
		return -EFAULT;
	return 0;
}

static long sys_pread64(u32 fd, void __user *buf, u32 count, u32 pos_lo,
			u32 pos_hi)
{
	struct fs_iter it = fs_iter_user(buf);
	struct file *f;
	u64 at;
	long err = positional(fd, buf, count, pos_lo, pos_hi, &f, &at);

	return err ? err : vfs_read(f, &it, count, &at);
}
SYSCALL_DEFINE(__NR_pread64, pread64, sys_pread64);

static long sys_pwrite64(u32 fd, const void __user *buf, u32 count,
			 u32 pos_lo, u32 pos_hi)
{
	struct fs_iter it = fs_iter_user((void __user *)buf);
	struct file *f;
	u64 at;
	long err = positional(fd, buf, count, pos_lo, pos_hi, &f, &at);

	return err ? err : vfs_write(f, &it, count, &at);
}
SYSCALL_DEFINE(__NR_pwrite64, pwrite64, sys_pwrite64);

long vfs_lseek(struct file *f, s64 offset, u32 whence)
{
	s64 base;

	if (!f->ops->seekable)
		return -ESPIPE;
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->pos;
		break;
	case SEEK_END:
		base = file_size(f);
		break;
	default:
		return -EINVAL;
	}
	if (base + offset < 0)
		return -EINVAL;
	if (base + offset > 0x7fffffff)
		return -EOVERFLOW;	/* lseek() returns a 32-bit off_t */
	f->pos = base + offset;
	return (long)f->pos;
}

static long sys_lseek(u32 fd, s32 offset, u32 whence)
{
	struct file *f = fd_get(current_files(), fd);

	if (!f)
		return -EBADF;
	return vfs_lseek(f, offset, whence);
}
SYSCALL_DEFINE(__NR_lseek, lseek, sys_lseek);
