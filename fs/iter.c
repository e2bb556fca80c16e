// SPDX-License-Identifier: MIT
/* One buffer, kernel or user, for the read and write paths (fs/iter.h). */
#include <arch/x86/uaccess.h>
#include "fs/iter.h"
#include <kernel/panic.h>
#include <kernel/preempt.h>
#include <lib/string.h>

/* Advance past what was copied of @n; return what was not. */
static u32 advance(struct fs_iter *it, u32 n, u32 left)
{
	it->done += n - left;
	return left;
}

u32 fs_iter_to(struct fs_iter *it, const void *src, u32 n)
{
	if (!it->user) {
		memcpy(it->kbuf + it->done, src, n);
		return advance(it, n, 0);
	}
	return advance(it, n, copy_to_user(it->ubuf + it->done, src, n));
}

u32 fs_iter_to_atomic(struct fs_iter *it, const void *src, u32 n)
{
	BUG_ON(!pagefault_disabled());
	if (!it->user)
		return fs_iter_to(it, src, n);
	return advance(it, n, __copy_to_user_inatomic(it->ubuf + it->done, src, n));
}

u32 fs_iter_from(struct fs_iter *it, void *dst, u32 n)
{
	if (!it->user) {
		memcpy(dst, it->kbuf + it->done, n);
		return advance(it, n, 0);
	}
	return advance(it, n, copy_from_user(dst, it->ubuf + it->done, n));
}

u32 fs_iter_from_atomic(struct fs_iter *it, void *dst, u32 n)
{
	BUG_ON(!pagefault_disabled());
	if (!it->user)
		return fs_iter_from(it, dst, n);
	return advance(it, n, __copy_from_user_inatomic(dst, it->ubuf + it->done, n));
}

u32 fs_iter_zero(struct fs_iter *it, u32 n)
{
	if (!it->user) {
		memset(it->kbuf + it->done, 0, n);
		return advance(it, n, 0);
	}
	return advance(it, n, clear_user(it->ubuf + it->done, n));
}

u32 fs_iter_fault_in(struct fs_iter *it, u32 n)
{
	if (!it->user)
		return 0;
	return fault_in_readable((const char __user *)it->ubuf + it->done, n);
}
