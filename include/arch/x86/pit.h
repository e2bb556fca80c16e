/* SPDX-License-Identifier: MIT */
/*
 * The 8254 PIT as a stopwatch (arch/x86/pit.c): its input clock is fixed
 * (1.193182 MHz) on every PC, so the other clocks, whose rates vary (TSC,
 * local APIC timer), are measured against it once at boot.
 */
#ifndef HM386_ARCH_X86_PIT_H
#define HM386_ARCH_X86_PIT_H

#include <types.h>

#define PIT_HZ			1193182
#define PIT_MEASURE_MAX_MS	50	/* the 16-bit counter's reach, rounded */

/*
 * pit_measure - how far @read advances in @ms milliseconds (1 ..
 * PIT_MEASURE_MAX_MS) of PIT channel 2: each end of the window is a @read()
 * taken between two close PIT readings (again if the CPU was away between
 * them), and the count is scaled to the PIT ticks that really passed; the
 * median of three windows. *@start gets the first window's first value.
 * Returns 0 when the PIT does not count. Interrupts should be off (an
 * interrupt only costs retries).
 */
u64 pit_measure(u32 ms, u64 (*read)(void), u64 *start);

#endif
