// SPDX-License-Identifier: MIT
/*
 * TSC calibration against the PIT (pit.c): count TSC ticks over 5 ms of
 * PIT channel 2 (the median of three windows). Good to a fraction of a
 * percent, which is all a boot clock and a delay loop need.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/pit.h>
#include <arch/x86/tsc.h>
#include <kernel/printk.h>
#include <lib/div64.h>

#define CALIBRATE_MS	5

u32 tsc_khz;
static u64 tsc_boot;

static u64 read_tsc(void)
{
	return rdtsc();
}

void tsc_calibrate(void)
{
	u64 start, cycles;
	u32 rem;

	if (!boot_cpu.tsc)
		return;
	cycles = pit_measure(CALIBRATE_MS, read_tsc, &start);
	tsc_khz = (u32)div_u64_rem(cycles, CALIBRATE_MS, &rem);
	if (!tsc_khz)
		tsc_khz = 1;
	tsc_boot = start;
}

void udelay(u32 us)
{
	u64 start, cycles;

	if (!tsc_khz) {
		while (us--)
			io_wait();	/* an ISA bus cycle: about 1 us */
		return;
	}
	cycles = (u64)us * tsc_khz / 1000 + 1;
	start = rdtsc();
	while (rdtsc() - start < cycles)
		cpu_relax();
}

u64 tsc_to_ns(u64 cycles)
{
	u32 rem;
	u64 ms;

	if (!tsc_khz)
		return 0;
	ms = div_u64_rem(cycles, tsc_khz, &rem);
	return ms * 1000000 + div_u64_rem((u64)rem * 1000000, tsc_khz, &rem);
}

u64 boot_time_ns(void)
{
	if (!tsc_khz)
		return 0;
	return tsc_to_ns(rdtsc() - tsc_boot);
}
