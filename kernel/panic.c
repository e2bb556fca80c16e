// SPDX-License-Identifier: MIT
/*
 * panic, WARN and the way out of QEMU. A panic prints one line that names
 * the cause and the source location, then the registers and a symbolized
 * backtrace, and stops the machine: through isa-debug-exit under QEMU (the
 * host runner reads the status), by halting on hardware.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/trap_frame.h>
#include <kernel/ksyms.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/qemu_exit.h>
#include <lib/printf.h>

volatile bool in_panic;
u32 warn_count;

void __noreturn halt_forever(void)
{
	for (;;) {
		cli();
		hlt();
	}
}

void __noreturn qemu_exit(enum qemu_exit_code code)
{
	outb(QEMU_EXIT_PORT, code);
	halt_forever();
}

void dump_registers(const struct trap_frame *tf)
{
	struct trap_frame here;

	if (!tf) {
		__asm__ volatile("mov %%eax, %0\n\tmov %%ebx, %1\n\t"
				 "mov %%ecx, %2\n\tmov %%edx, %3\n\t"
				 "mov %%esi, %4\n\tmov %%edi, %5\n\t"
				 "mov %%ebp, %6"
				 : "=m"(here.eax), "=m"(here.ebx), "=m"(here.ecx),
				   "=m"(here.edx), "=m"(here.esi), "=m"(here.edi),
				   "=m"(here.ebp));
		here.eip = (u32)__builtin_return_address(0);
		here.eflags = read_eflags();
		here.vector = here.error_code = 0;
		here.esp_at_pushad = (u32)__builtin_frame_address(0);
		tf = &here;
	}
	kprintf("EIP: %08x EFLAGS: %08x", tf->eip, tf->eflags);
	if (tf != &here)
		kprintf(" vector %u error %08x", tf->vector, tf->error_code);
	kprintf("\nEAX: %08x EBX: %08x ECX: %08x EDX: %08x\n",
		tf->eax, tf->ebx, tf->ecx, tf->edx);
	kprintf("ESI: %08x EDI: %08x EBP: %08x ESP: %08x\n", tf->esi, tf->edi,
		tf->ebp, tf == &here ? here.esp_at_pushad : trap_frame_esp(tf));
	kprintf("CR0: %08x CR2: %08x CR3: %08x CR4: %08x\n", read_cr0(),
		read_cr2(), read_cr3(), read_cr4());
}

void __noreturn __panic(const struct trap_frame *tf, const char *file,
			int line, const char *func, const char *fmt, ...)
{
	char msg[512];	/* the kmap diagnoses name two call sites */
	va_list ap;

	cli();
	if (in_panic) {
		/* A panic while panicking: say so once and stop, no more output. */
		kprintf("\nKernel panic (nested) at %s:%d in %s()\n", file, line, func);
		qemu_exit(QEMU_EXIT_PANIC);
	}
	in_panic = true;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	kprintf("\nKernel panic at %s:%d in %s(): %s\n", file, line, func, msg);
	dump_registers(tf);
	if (tf)
		dump_backtrace(tf->eip, tf->ebp);
	else
		dump_backtrace(0, (u32)__builtin_frame_address(0));
	kprintf("---[ end Kernel panic: %s ]---\n", msg);
	qemu_exit(QEMU_EXIT_PANIC);
}

bool __warn(const char *file, int line, const char *func, const char *cond)
{
	warn_count++;
	kprintf("WARNING at %s:%d in %s(): WARN_ON(%s)\n", file, line, func, cond);
	dump_backtrace(0, (u32)__builtin_frame_address(0));
	return true;
}
