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
 * pit_measure - how far @read advances while PIT channel 2 counts down @ms
 * milliseconds (1 .. PIT_MEASURE_MAX_MS) in one-shot mode: @read() when the
 * channel's output goes high, minus @read() just after it was started; the
 * median of five such windows, so it takes five times @ms. *@start gets
 * the first window's first value. Returns 0 when the output never went
 * high within a bounded spin (no working PIT). Interrupts should be off,
 * or an interrupt between the reads stretches a window.
 */
u64 pit_measure(u32 ms, u64 (*read)(void), u64 *start);

#endif
