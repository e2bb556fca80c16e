/* SPDX-License-Identifier: MIT */
/*
 * The int $0x80 entry (arch/x86/syscall.c): Linux's i386 system call
 * convention. The number is in EAX, the arguments in EBX, ECX, EDX, ESI,
 * EDI, EBP; the result goes back in EAX. Handlers register themselves with
 * SYSCALL_DEFINE (<kernel/syscall.h>).
 */
#ifndef HM386_ARCH_X86_SYSCALL_H
#define HM386_ARCH_X86_SYSCALL_H

#include <arch/x86/trap_frame.h>
#include <types.h>

/* syscall_init - build the table from the .syscalls section; two handlers
 * for one number, or a number past NR_SYSCALLS_MAX, stop the boot. */
void syscall_init(void);

/* syscall_entry - run the call @tf asks for, with interrupts on; its
 * result, or -ENOSYS for a number nobody registered, in @tf's EAX. */
void syscall_entry(struct trap_frame *tf);

/*
 * return_to_user - leave the kernel for ring 3 through @tf (isr.asm): it is
 * copied to the top of the current task's kernel stack, @stack_top, where
 * every later entry from ring 3 lands (the TSS's esp0), and restored from
 * there. Never returns. A new process's first way out (fork's child,
 * exec from a kernel thread).
 */
void __noreturn return_to_user(const struct trap_frame *tf, u32 stack_top);

/* user_frame - the frame of the task whose kernel stack ends at @stack_top
 * while it is in the kernel on behalf of ring 3. */
static inline struct trap_frame *user_frame(u32 stack_top)
{
	return (struct trap_frame *)(stack_top - sizeof(struct trap_frame));
}


#endif
