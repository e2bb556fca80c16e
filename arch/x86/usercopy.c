// SPDX-License-Identifier: MIT
/*
 * The user copies (include/arch/x86/uaccess.h). Each moves bytes with one
 * instruction listed in the exception table: when it faults on a user page
 * that is not there yet, the page-fault handler (traps.c) pages it in and
 * the instruction runs again; when the fault is not served (the address
 * has no mapping, or pagefaults are disabled) it is fixed up: the copy
 * stops where it got to and the registers say how much is left.
 *
 * The copy moves 32-bit words with `rep movsl`, then the last 0-3 bytes
 * with `rep movsb`, as Linux's i386 __copy_user() does, in chunks that
 * cross no page boundary of either side. Within a chunk every byte is as
 * reachable as its first, so a fault that is not served stops the copy at
 * a chunk's start, exactly at the first byte that cannot be moved, with
 * one fixup.
 */
#include <arch/x86/extable.h>
#include <arch/x86/uaccess.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>

u32 uaccess_fixups;

/* A copy that may fault may sleep (the fault allocates), unless the caller
 * disabled pagefaults: then it only stops short. */
static inline void might_fault(void)
{
	if (!pagefault_disabled())
		might_sleep();
}

/* Copy @n bytes within one page of each side, stopping at a fixed-up
 * fault: the bytes not copied; *@to and *@from advance past the copied. */
static unsigned long copy_chunk(void **to, const void **from, u32 n)
{
	u32 rest = n % 4, left = n / 4;

	__asm__ volatile(
		"1:	rep movsl\n"
		"	movl %[rest], %%ecx\n"
		"2:	rep movsb\n"
		"3:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"4:	leal (%[rest], %%ecx, 4), %%ecx\n"	/* words left: bytes */
		"	jmp 3b\n"
		"	.popsection\n"
		_ASM_EXTABLE(1b, 4b)
		_ASM_EXTABLE(2b, 3b)
		: "+c"(left), "+D"(*to), "+S"(*from)
		: [rest] "r"(rest)
		: "memory");
	return left;
}

/* Copy @n bytes, stopping at a fixed-up fault; the bytes not copied. */
static unsigned long raw_copy(void *to, const void *from, unsigned long n)
{
	while (n) {
		u32 chunk = MIN(PAGE_SIZE - ((u32)to & ~PAGE_MASK),
				PAGE_SIZE - ((u32)from & ~PAGE_MASK));
		unsigned long left;

		if (chunk > n)
			chunk = n;
		left = copy_chunk(&to, &from, chunk);
		n -= chunk - left;
		if (left)
			break;
	}
	return n;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	might_fault();
	return raw_copy((__force void *)to, from, n);
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (!access_ok(from, n))
		return n;
	might_fault();
	return raw_copy(to, (__force const void *)from, n);
}

/*
 * The _inatomic copies skip might_fault(): the caller says it may not sleep.
 * With pagefaults disabled (its usual context) a fault is never served and
 * the copy stops short; with them enabled it is served like any other, as
 * in Linux. Nothing checks which: choosing is the caller's contract.
 */
unsigned long __copy_from_user_inatomic(void *to, const void __user *from,
					unsigned long n)
{
	if (!access_ok(from, n))
		return n;
	return raw_copy(to, (__force const void *)from, n);
}

unsigned long __copy_to_user_inatomic(void __user *to, const void *from,
				      unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return raw_copy((__force void *)to, from, n);
}

/* Load the byte at @src into *@byte: 0, or -EFAULT when it faults. */
static int load_user_byte(const u8 *src, u8 *byte)
{
	int err = 0;

	__asm__ volatile(
		"1:	movb (%[src]), %[byte]\n"
		"2:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"3:	movl %[efault], %[err]\n"
		"	jmp 2b\n"
		"	.popsection\n"
		_ASM_EXTABLE(1b, 3b)
		: [err] "+r"(err), [byte] "=q"(*byte)
		: [src] "r"(src), [efault] "i"(-EFAULT)
		: "memory");
	return err;
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	const u8 *s = (__force const u8 *)src;
	long i;

	if (count <= 0)
		return 0;
	if (!access_ok(src, 1))
		return -EFAULT;
	might_fault();
	for (i = 0; i < count; i++) {
		u8 c;

		if ((u32)(s + i) >= TASK_SIZE || load_user_byte(s + i, &c))
			return -EFAULT;
		dst[i] = c;
		if (!c)
			return i;
	}
	return count;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	u32 d0;

	if (!access_ok(to, n))
		return n;
	might_fault();
	__asm__ volatile(
		"1:	rep stosb\n"
		"2:\n"
		_ASM_EXTABLE(1b, 2b)
		: "+c"(n), "=&D"(d0)
		: "1"((__force void *)to), "a"(0)
		: "memory");
	return n;
}

unsigned long fault_in_readable(const char __user *uaddr, unsigned long size)
{
	u32 start = (__force u32)uaddr, end = start + size, page;
	u8 byte;

	if (!size)
		return 0;
	if (!access_ok(uaddr, size))
		return size;
	might_fault();
	for (page = start; page < end; page = (page & PAGE_MASK) + PAGE_SIZE) {
		if (load_user_byte((const u8 *)page, &byte))
			return end - page;
	}
	return 0;
}

int get_user_u32(u32 *val, const u32 __user *uaddr)
{
	return copy_from_user(val, uaddr, sizeof(*val)) ? -EFAULT : 0;
}

int put_user_u32(u32 val, u32 __user *uaddr)
{
	return copy_to_user(uaddr, &val, sizeof(val)) ? -EFAULT : 0;
}
