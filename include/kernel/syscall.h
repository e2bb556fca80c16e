/* SPDX-License-Identifier: MIT */
/*
 * Registering a system call: SYSCALL_DEFINE(nr, name, fn) in the file that
 * implements it puts {nr, name, fn} in the .syscalls section; the int 0x80
 * entry (arch/x86/syscall.c) builds its table from the section at boot and
 * calls fn with the six argument registers EBX, ECX, EDX, ESI, EDI, EBP.
 * The return value goes back in EAX: a result, or -errno (Linux's numbers,
 * <uapi/hm386/errno.h>). Two calls with one number stop the boot, naming
 * both. A handler runs in the calling process's task with interrupts on,
 * may sleep and may fault on user memory (through copy_to_user() and
 * friends only).
 *
 *	static long sys_getpid(void) { ... }
 *	SYSCALL_DEFINE(__NR_getpid, getpid, sys_getpid);
 *
 * A handler declares the arguments it uses, in order (u32, or __user
 * pointers); i386 C calls ignore the ones it does not declare.
 */
#ifndef HM386_KERNEL_SYSCALL_H
#define HM386_KERNEL_SYSCALL_H

#include <types.h>
#include <uapi/hm386/unistd.h>

typedef long (*syscall_fn_t)(u32, u32, u32, u32, u32, u32);

struct syscall_desc {
	u32 nr;
	const char *name;
	syscall_fn_t fn;
};

#define SYSCALL_DEFINE(snr, sname, sfn)					\
	static const struct syscall_desc __syscall_##sname		\
	__used __section(".syscalls") __aligned(4) = {			\
		.nr = snr, .name = #sname,				\
		.fn = (syscall_fn_t)(void (*)(void))(sfn) }

#endif
