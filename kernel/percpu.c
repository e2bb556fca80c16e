// SPDX-License-Identifier: MIT
/* The per-CPU entries (include/kernel/percpu.h). */
#include <kernel/percpu.h>
#include <mm/kmap_size.h>

struct cpu_info cpu_info[NR_CPUS] = {
	[0] = { .self = &cpu_info[0], .id = 0, .online = true },
};
