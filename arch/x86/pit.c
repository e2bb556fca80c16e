// SPDX-License-Identifier: MIT
/*
 * PIT channel 2 as a one-shot stopwatch: gate the channel on (it drives
 * only the PC speaker, which stays off), load a count in mode 0, and spin
 * until its output goes high. Reading the output through port 0x61 needs
 * no interrupt, so it works before any interrupt is set up.
 *
 * A virtual CPU can lose the host CPU for milliseconds between the reads
 * that bracket a window (QEMU's clocks keep running meanwhile), which
 * stretches or shrinks that one window. So each measurement takes
 * PIT_SAMPLES windows and keeps the median.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/pit.h>
#include <kernel/panic.h>

#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PIT_CMD_CH2_ONESHOT 0xb0	/* channel 2, lo/hi byte, mode 0 */
#define PORT_B		0x61
#define PORTB_GATE2	0x01
#define PORTB_SPEAKER	0x02
#define PORTB_OUT2	0x20
#define PIT_SPIN_LIMIT	100000000	/* port reads before giving up */
#define PIT_SAMPLES	5

/* One window of @latch PIT ticks; 0 when the PIT never expired. */
static u64 pit_window(u32 latch, u64 (*read)(void), u64 *start)
{
	u32 spins = 0;
	u64 first, last;
	u8 portb;

	portb = inb(PORT_B);
	outb(PORT_B, (portb & ~PORTB_SPEAKER) | PORTB_GATE2);
	outb(PIT_CMD, PIT_CMD_CH2_ONESHOT);
	outb(PIT_CH2, latch & 0xff);
	outb(PIT_CH2, latch >> 8);
	first = read();
	while (!(inb(PORT_B) & PORTB_OUT2) && ++spins < PIT_SPIN_LIMIT)
		;
	last = read();
	outb(PORT_B, portb);

	*start = first;
	return spins < PIT_SPIN_LIMIT ? last - first : 0;
}

u64 pit_measure(u32 ms, u64 (*read)(void), u64 *start)
{
	u64 samples[PIT_SAMPLES], first_start = 0;

	BUG_ON(ms == 0 || ms > PIT_MEASURE_MAX_MS);
	for (u32 i = 0; i < PIT_SAMPLES; i++) {
		u64 v = pit_window(PIT_HZ * ms / 1000, read, i ? start : &first_start);
		u32 j = i;

		if (!v)
			return 0;	/* no PIT: no point in trying again */
		for (; j > 0 && samples[j - 1] > v; j--)	/* insertion sort */
			samples[j] = samples[j - 1];
		samples[j] = v;
	}
	*start = first_start;
	return samples[PIT_SAMPLES / 2];
}
