// SPDX-License-Identifier: MIT
/*
 * The exception table: each entry pairs an instruction that may fault on
 * purpose with the address to resume at when it does. page_fault()
 * (traps.c) consults it for every kernel fault it does not serve, whatever
 * the context, as Linux does; a fault at an unlisted instruction panics.
 *
 * The table is a handful of entries, in link order: a linear search costs
 * less than keeping it sorted (Linux sorts its thousands at build time).
 */
#include <arch/x86/extable.h>
#include <arch/x86/trap.h>
#include <kernel/preempt.h>

extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

const struct exception_table_entry *search_exception_table(u32 insn)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (e->insn == insn)
			return e;
	return NULL;
}

bool fixup_exception(struct trap_frame *tf)
{
	const struct exception_table_entry *e = search_exception_table(tf->eip);

	if (!e)
		return false;
	tf->eip = e->fixup;
	return true;
}

/*
 * One byte at a time, so that a fault stops the copy exactly at the first
 * unreadable byte: everything before it has been stored in @dst, nothing
 * after it. Only the load (label 1) is in the table; a fault on a store to
 * @dst is the caller's bug and panics.
 */
long __copy_from_kernel_inatomic(void *dst, const void *src, size_t size)
{
	long err = 0;
	u8 byte;

	__asm__ volatile(
		"	testl %[size], %[size]\n"
		"	jz 2f\n"
		"1:	movb (%[src]), %[byte]\n"
		"	movb %[byte], (%[dst])\n"
		"	incl %[src]\n"
		"	incl %[dst]\n"
		"	decl %[size]\n"
		"	jnz 1b\n"
		"	jmp 2f\n"
		"3:	movl %[efault], %[err]\n"
		"2:\n"
		_ASM_EXTABLE(1b, 3b)
		: [err] "+r"(err), [src] "+r"(src), [dst] "+r"(dst),
		  [size] "+r"(size), [byte] "=&q"(byte)
		: [efault] "i"(-EFAULT)
		: "memory", "cc");
	return err;
}

long copy_from_kernel_nofault(void *dst, const void *src, size_t size)
{
	long err;

	pagefault_disable();
	err = __copy_from_kernel_inatomic(dst, src, size);
	pagefault_enable();
	return err;
}
