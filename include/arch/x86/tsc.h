/* SPDX-License-Identifier: MIT */
/* The time-stamp counter as the boot clock (arch/x86/tsc.c). */
#ifndef HM386_ARCH_X86_TSC_H
#define HM386_ARCH_X86_TSC_H

#include <types.h>

/* tsc_khz - TSC ticks per millisecond, measured against the PIT; 0 if none. */
extern u32 tsc_khz;

/* tsc_calibrate - measure tsc_khz over 10 ms of PIT channel 2 and start the
 * boot clock. Does nothing on a CPU without a TSC. */
void tsc_calibrate(void);

/*
 * udelay - spin at least @us microseconds: TSC-timed once calibrated,
 * otherwise about 1 us per write to port 0x80. Any context.
 */
void udelay(u32 us);

/* tsc_to_ns - convert a TSC delta to nanoseconds (0 before calibration). */
u64 tsc_to_ns(u64 cycles);

#endif
