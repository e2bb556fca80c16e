/* SPDX-License-Identifier: MIT */
/* Which CPU is running (kernel/percpu.h has the per-CPU data). */
#ifndef HM386_KERNEL_SMP_H
#define HM386_KERNEL_SMP_H

#include <config.h>
#include <kernel/percpu.h>

/*
 * smp_processor_id - the running CPU's number, 0 .. NR_CPUS - 1. The answer
 * is only stable while the caller cannot migrate (preemption disabled, in an
 * interrupt, or holding kmap_local mappings).
 */
#if CONFIG_KMAP_DEBUG
/* Debug builds check that the caller cannot be preempted or migrate. */
u32 debug_smp_processor_id(const char *file, int line);
#define smp_processor_id() debug_smp_processor_id(__FILE__, __LINE__)
#else
#define smp_processor_id() raw_smp_processor_id()
#endif

/* cpu_online - true when CPU @cpu runs kernel code (has reported online). */
static inline bool cpu_online(u32 cpu)
{
	return cpu < NR_CPUS && __atomic_load_n(&cpu_info[cpu].online, __ATOMIC_ACQUIRE);
}

/* num_online_cpus - how many CPUs are online now. */
u32 num_online_cpus(void);

#define for_each_online_cpu(cpu)					\
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++)			\
		if (!cpu_online(cpu)) {} else

/*
 * smp_send_reschedule - make CPU @cpu look at its run queue soon (an IPI
 * whose handler calls scheduler_ipi()). Any context. The scheduler's
 * request of the architecture, which implements it (arch/x86/smpcall.c).
 */
void smp_send_reschedule(u32 cpu);

/*
 * gdt_set_kernel_stack - the stack this CPU switches to when an interrupt,
 * exception or system call arrives in ring 3 (its TSS's esp0): the top of
 * the kernel stack of the task about to run. The scheduler's other request
 * of the architecture (arch/x86/gdt.c).
 */
void gdt_set_kernel_stack(u32 esp0);

#endif
