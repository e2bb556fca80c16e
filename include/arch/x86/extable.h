/* SPDX-License-Identifier: MIT */
/*
 * The exception table: instructions that may fault on purpose, each with
 * the address to continue at when they do (arch/x86/extable.c). Entries are
 * made with _ASM_EXTABLE(insn, fixup) in inline assembly and gathered by the
 * linker in the __ex_table section.
 */
#ifndef HM386_ARCH_X86_EXTABLE_H
#define HM386_ARCH_X86_EXTABLE_H

#include <types.h>

struct trap_frame;

struct exception_table_entry {
	u32 insn;	/* the instruction that may fault */
	u32 fixup;	/* where to go instead */
};

#include <uapi/hm386/errno.h>

#define _ASM_EXTABLE(insn, fixup)				\
	".pushsection __ex_table, \"a\"\n\t"			\
	".balign 4\n\t"						\
	".long " #insn ", " #fixup "\n\t"			\
	".popsection\n\t"

/*
 * fixup_exception - if the instruction at @tf's EIP has an entry, resume
 * at its fixup (EIP rewritten) and return true; otherwise false.
 */
bool fixup_exception(struct trap_frame *tf);

/* search_exception_table - the entry for @insn, or NULL. */
const struct exception_table_entry *search_exception_table(u32 insn);

/*
 * copy_from_kernel_nofault - copy @size bytes from @src to @dst; if reading
 * @src faults (unmapped, a guard page), stop and return -EFAULT instead of
 * panicking. Returns 0 when everything was copied. On -EFAULT the bytes
 * before the first unreadable one have been copied and the rest of @dst is
 * untouched. Safe in any context; it disables pagefaults around the copy
 * itself. Only reading is covered: an unwritable @dst still panics.
 */
long copy_from_kernel_nofault(void *dst, const void *src, size_t size);

/*
 * __copy_from_kernel_inatomic - the same copy without disabling pagefaults
 * itself: the caller may not sleep and has disabled them (or a fault at a
 * user address in a process could be served, and sleep). A fault that is
 * not served is fixed up in any context: -EFAULT, never a panic.
 */
long __copy_from_kernel_inatomic(void *dst, const void *src, size_t size);

#endif
