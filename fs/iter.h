/* SPDX-License-Identifier: MIT */
/*
 * One buffer, kernel or user, for the read and write paths (fs/iter.c): a
 * small cousin of Linux's iov_iter, so that read(), write(), kernel_read()
 * and the initramfs share one copy of each path. A kernel buffer never
 * faults; a user buffer goes through <arch/x86/uaccess.h>.
 */
#ifndef HM386_FS_ITER_H
#define HM386_FS_ITER_H

#include <types.h>

struct fs_iter {
	bool user;
	union {
		u8 *kbuf;
		u8 __user *ubuf;
	};
	u32 done;		/* bytes already copied: the next go after them */
};

static inline struct fs_iter fs_iter_kernel(void *buf)
{
	return (struct fs_iter){ .user = false, .kbuf = buf };
}

static inline struct fs_iter fs_iter_user(void __user *buf)
{
	return (struct fs_iter){ .user = true, .ubuf = buf };
}

/* fs_iter_to - copy @n bytes from kernel @src into the buffer; pagefaults
 * allowed. Returns the bytes NOT copied; advances past those copied. */
u32 fs_iter_to(struct fs_iter *it, const void *src, u32 n);

/* fs_iter_to_atomic - the same for a caller that disabled pagefaults: a
 * user page not present stops the copy short. */
u32 fs_iter_to_atomic(struct fs_iter *it, const void *src, u32 n);

/* fs_iter_from / fs_iter_from_atomic - copy @n bytes from the buffer into
 * kernel @dst, with pagefaults allowed, or with pagefaults disabled by the
 * caller. Return the bytes NOT copied; advance past those copied. */
u32 fs_iter_from(struct fs_iter *it, void *dst, u32 n);
u32 fs_iter_from_atomic(struct fs_iter *it, void *dst, u32 n);

/* fs_iter_zero - write @n zero bytes; returns the bytes NOT written. */
u32 fs_iter_zero(struct fs_iter *it, u32 n);

/* fs_iter_fault_in - make the next @n source bytes present (a user buffer:
 * fault_in_readable()). Returns the bytes that could not be. */
u32 fs_iter_fault_in(struct fs_iter *it, u32 n);

#endif
