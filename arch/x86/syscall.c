// SPDX-License-Identifier: MIT
/*
 * int $0x80: Linux's i386 system call entry. The gate is callable from ring
 * 3 (traps.c); the number in EAX indexes a table built at boot from the
 * SYSCALL_DEFINE entries of the .syscalls section, so a file that
 * implements a call registers it itself. A number nobody registered
 * answers -ENOSYS, as Linux does for the calls it lacks.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/syscall.h>
#include <arch/x86/trap_frame.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/syscall.h>
#include <uapi/hm386/errno.h>

extern const struct syscall_desc __start_syscalls[];
extern const struct syscall_desc __stop_syscalls[];

static const struct syscall_desc *syscall_table[NR_SYSCALLS_MAX];

void syscall_init(void)
{
	const struct syscall_desc *d;
	u32 n = 0;

	BUILD_BUG_ON(sizeof(struct trap_frame) != 76);	/* isr.asm's TRAP_FRAME_SIZE */
	for (d = __start_syscalls; d < __stop_syscalls; d++, n++) {
		if (d->nr >= NR_SYSCALLS_MAX)
			panic("system call %s: number %u is past the table (%u)",
			      d->name, d->nr, NR_SYSCALLS_MAX);
		if (syscall_table[d->nr])
			panic("system call %u registered twice: %s and %s",
			      d->nr, syscall_table[d->nr]->name, d->name);
		syscall_table[d->nr] = d;
	}
	pr_info("syscalls: %u system calls on int $0x80 (Linux i386 numbers)\n", n);
}

static const struct syscall_desc *syscall_lookup(u32 nr)
{
	return nr < NR_SYSCALLS_MAX ? syscall_table[nr] : NULL;
}

void syscall_entry(struct trap_frame *tf)
{
	const struct syscall_desc *d = syscall_lookup(tf->eax);

	sti();
	if (!d) {
		tf->eax = (u32)-ENOSYS;
		return;
	}
	tf->eax = (u32)d->fn(tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp);
}
