/* SPDX-License-Identifier: MIT */
/* Which CPU is running (kernel/percpu.h has the per-CPU data). */
#ifndef HM386_KERNEL_SMP_H
#define HM386_KERNEL_SMP_H

#include <kernel/percpu.h>

/*
 * smp_processor_id - the running CPU's number, 0 .. NR_CPUS - 1. The answer
 * is only stable while the caller cannot migrate (preemption disabled, in an
 * interrupt, or holding kmap_local mappings).
 */
static inline u32 smp_processor_id(void)
{
	return raw_smp_processor_id();
}

#endif
