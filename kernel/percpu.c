// SPDX-License-Identifier: MIT
/* The per-CPU entries (include/kernel/percpu.h). */
#include <config.h>
#include <kernel/percpu.h>
#include <kernel/sched.h>

/* CPU 0 runs the boot context; sched_early_init() gives the others their
 * idle tasks before they start, so current is never NULL. */
struct cpu_info cpu_info[NR_CPUS] = {
	[0] = { .self = &cpu_info[0], .id = 0, .online = true, .current_task = &boot_task },
};
