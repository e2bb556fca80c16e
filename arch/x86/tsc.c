// SPDX-License-Identifier: MIT
/*
 * TSC calibration against PIT channel 2: gate the channel on, let it count
 * down 10 ms in one-shot mode, and count TSC ticks until its output goes
 * high. Good to a fraction of a percent, which is all a boot clock needs.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/tsc.h>
#include <kernel/printk.h>
#include <lib/div64.h>

#define PIT_HZ		1193182
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PORT_B		0x61
#define PORTB_GATE2	0x01
#define PORTB_SPEAKER	0x02
#define PORTB_OUT2	0x20
#define CALIBRATE_MS	10

u32 tsc_khz;
static u64 tsc_boot;

void tsc_calibrate(void)
{
	u32 latch = PIT_HZ * CALIBRATE_MS / 1000;
	u64 start, end;
	u8 portb;
	u32 spins = 0;

	if (!boot_cpu.tsc)
		return;

	portb = inb(PORT_B);
	outb(PORT_B, (portb & ~PORTB_SPEAKER) | PORTB_GATE2);
	outb(PIT_CMD, 0xb0);		/* channel 2, lo/hi byte, mode 0 */
	outb(PIT_CH2, latch & 0xff);
	outb(PIT_CH2, latch >> 8);
	start = rdtsc();
	while (!(inb(PORT_B) & PORTB_OUT2) && ++spins < 100000000)
		;
	end = rdtsc();
	outb(PORT_B, portb);

	tsc_khz = (u32)div_u64_rem(end - start, CALIBRATE_MS, &spins);
	if (!tsc_khz)
		tsc_khz = 1;
	tsc_boot = start;
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
