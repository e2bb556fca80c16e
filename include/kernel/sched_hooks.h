/* SPDX-License-Identifier: MIT */
/*
 * What the CPU bring-up, timer and IPI code (arch/x86/) call in the
 * scheduler (kernel/sched.c). The other way round, what the scheduler asks
 * of the CPUs (a reschedule IPI) is declared in <kernel/smp.h>.
 */
#ifndef HM386_KERNEL_SCHED_HOOKS_H
#define HM386_KERNEL_SCHED_HOOKS_H

#include <types.h>

struct trap_frame;

/*
 * cpu_idle_entry - where a CPU goes once it is up (the boot CPU after its
 * boot report, each AP after smp bring-up), with interrupts still off and
 * on a stack it will keep as its idle task's. Never returns.
 */
void __noreturn cpu_idle_entry(void);

/* scheduler_tick - called by the local APIC timer interrupt on each CPU. */
void scheduler_tick(struct trap_frame *tf);

/* scheduler_ipi - called by the reschedule IPI's handler (acknowledged
 * already): another CPU made a task runnable here, and the interrupt's
 * exit reschedules. */
void scheduler_ipi(void);

#endif
