// SPDX-License-Identifier: MIT
/* The per-CPU entries (include/kernel/percpu.h). */
#include <config.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>
#include <kernel/smp.h>

/* CPU 0 runs the boot context; sched_early_init() gives the others their
 * idle tasks before they start, so current is never NULL. */
struct cpu_info cpu_info[NR_CPUS] = {
	[0] = { .self = &cpu_info[0], .id = 0, .online = true, .current_task = &boot_task },
};

u32 num_online_cpus(void)
{
	u32 cpu, n = 0;

	for_each_online_cpu(cpu)
		n++;
	return n;
}
