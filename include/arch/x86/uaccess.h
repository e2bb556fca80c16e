/* SPDX-License-Identifier: MIT */
/*
 * Reaching user memory from the kernel (arch/x86/usercopy.c). A user
 * pointer (__user) is never dereferenced directly: these functions check it
 * lies below TASK_SIZE, then copy with instructions listed in the exception
 * table. A copy may fault: on a page that is not there yet the page-fault
 * handler pages it in (demand-zero, copy-on-write) and the copy goes on; on
 * an address with no mapping the fault is fixed up and the copy stops, so
 * the call returns what it could not copy and the system call -EFAULT. A
 * bad user pointer never panics the kernel.
 *
 * The copies that may fault may sleep (a fault allocates): they are for
 * process context with pagefaults enabled. The _inatomic variants are for
 * code that has disabled pagefaults itself (inside pagefault_disable(), as
 * kmap_atomic() used to do for its callers): a fault on a page not there
 * yet is then not served, the exception-table fixup stops the copy short
 * exactly as at an unmapped address, and the caller decides (Linux's write
 * path: drop the mapping, fault_in_readable(), retry).
 */
#ifndef HM386_ARCH_X86_UACCESS_H
#define HM386_ARCH_X86_UACCESS_H

#include <arch/x86/layout.h>
#include <types.h>

/* TASK_SIZE - user space is [0, TASK_SIZE): everything below PAGE_OFFSET. */
#define TASK_SIZE	PAGE_OFFSET

/* access_ok - true when [@addr, @addr + @size) lies wholly in user space. */
static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return a <= TASK_SIZE && size <= TASK_SIZE - a;
}

/*
 * copy_to_user / copy_from_user - copy @n bytes; return the number of bytes
 * NOT copied (0 on success). A range that is not wholly user space copies
 * nothing.
 */
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);

/*
 * __copy_from_user_inatomic / __copy_to_user_inatomic - the same without
 * might_fault()'s sleeping check, for callers that may not sleep and so
 * disabled pagefaults: then any fault, even on a page that would be paged
 * in, stops the copy. Return the bytes not copied. With pagefaults enabled
 * a fault is served as in copy_from_user() (as in Linux: no panic).
 */
unsigned long __copy_from_user_inatomic(void *to, const void __user *from,
					unsigned long n);
unsigned long __copy_to_user_inatomic(void __user *to, const void *from,
				      unsigned long n);

/*
 * strncpy_from_user - copy a NUL-terminated string of at most @count bytes
 * (NUL included) from @src to @dst. Returns its length without the NUL,
 * @count when no NUL was found in @count bytes (then @dst is not
 * terminated), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, long count);

/* clear_user - zero @n user bytes; returns the bytes not cleared. */
unsigned long clear_user(void __user *to, unsigned long n);

/*
 * fault_in_readable - touch each page of the @size user bytes at @uaddr
 * with pagefaults enabled, so that a following atomic copy finds them
 * present. Returns the bytes that could not be faulted in (0: all).
 */
unsigned long fault_in_readable(const char __user *uaddr, unsigned long size);

/* get_user / put_user for one u32: 0 or -EFAULT. */
int get_user_u32(u32 *val, const u32 __user *uaddr);
int put_user_u32(u32 val, u32 __user *uaddr);

/* Faults fixed up in the user copies since boot (every one is an -EFAULT or
 * a short atomic copy). */
extern u32 uaccess_fixups;

#endif
