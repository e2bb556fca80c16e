// SPDX-License-Identifier: MIT
/* Placeholder until kernel/sched.c: idle with interrupts on, count ticks. */
#include <arch/x86/cpu.h>
#include <kernel/percpu.h>
#include <kernel/sched_hooks.h>

void __noreturn cpu_idle_entry(void)
{
	for (;;) {
		sti();
		hlt();
	}
}

void scheduler_tick(struct trap_frame *tf)
{
	this_cpu()->ticks++;
}
