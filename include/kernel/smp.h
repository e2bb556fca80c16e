/* SPDX-License-Identifier: MIT */
/* Which CPU is running. One CPU until Step 4 starts the others. */
#ifndef HM386_KERNEL_SMP_H
#define HM386_KERNEL_SMP_H

#include <types.h>

/* smp_processor_id - the running CPU's number, 0 .. NR_CPUS - 1. */
static inline u32 smp_processor_id(void)
{
	return 0;
}

#endif
