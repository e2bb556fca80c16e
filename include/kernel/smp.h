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

#endif
