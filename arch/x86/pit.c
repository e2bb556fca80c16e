// SPDX-License-Identifier: MIT
/*
 * PIT channel 2 as a stopwatch. The channel is gated on (it drives only the
 * PC speaker, which stays off), loaded with a count in mode 0, and read
 * back with the latch command while it counts down: no interrupt is
 * needed, so it works before any interrupt is set up.
 *
 * Each end of a window reads the clock being measured between two latched
 * PIT counts, and is taken again when those two are far apart: a virtual
 * CPU can lose the host CPU for milliseconds at any point (QEMU's clocks
 * keep running meanwhile), and a window whose ends were read late would be
 * wrong by that much. The elapsed PIT ticks between the two ends give the
 * window's true length. The count wraps after 0 in mode 0 (the CPU may be
 * away for a whole 55 ms turn), but the channel's output stays high from
 * the first 0 on: a window that saw it go high is measured again. A
 * measurement is the median of PIT_WINDOWS windows.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/pit.h>
#include <kernel/panic.h>

#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PIT_CMD_CH2_ONESHOT 0xb0	/* channel 2, lo/hi byte, mode 0 */
#define PIT_CMD_CH2_LATCH 0x80		/* channel 2, latch the count */
#define PORT_B		0x61
#define PORTB_GATE2	0x01
#define PORTB_SPEAKER	0x02
#define PORTB_OUT2	0x20		/* channel 2 reached 0 (mode 0) */
#define PIT_WINDOWS	3
#define PIT_BRACKET_TICKS 30		/* about 25 us between the two latches */
#define PIT_BRACKET_MAX	480		/* about 400 us: a loaded host's best */
#define PIT_TRIES	1000		/* for a tight bracket, or a whole window */
#define PIT_TRIES_PER_BRACKET 100	/* then the bracket doubles */
#define PIT_SPIN_LIMIT	1000000		/* reads of a count that never moves */

/* Channel 2's current count (it counts down). */
static u32 pit_count(void)
{
	u32 lo, hi;

	outb(PIT_CMD, PIT_CMD_CH2_LATCH);
	lo = inb(PIT_CH2);
	hi = inb(PIT_CH2);
	return hi << 8 | lo;
}

/*
 * @read() between two PIT counts at most PIT_BRACKET_TICKS apart: *@count
 * is their middle. On a host so loaded that no try is that tight (each
 * port access may wait for the host CPU), the bracket allowed doubles every
 * PIT_TRIES_PER_BRACKET tries, up to PIT_BRACKET_MAX: a wider bracket is a
 * less exact end, never a failed calibration. False when no try was
 * tight enough, or when the counter passed 0 in between.
 */
static bool pit_sample(u64 (*read)(void), u32 *count, u64 *value)
{
	for (u32 i = 0; i < PIT_TRIES; i++) {
		u32 bracket = PIT_BRACKET_TICKS << (i / PIT_TRIES_PER_BRACKET);
		u32 before = pit_count();
		u64 v = read();
		u32 after = pit_count();

		if (bracket > PIT_BRACKET_MAX)
			bracket = PIT_BRACKET_MAX;
		if (after <= before && before - after <= bracket) {
			*count = (before + after) / 2;
			*value = v;
			return true;
		}
	}
	return false;
}

/*
 * One window of about @latch PIT ticks: how far @read advanced, scaled to
 * exactly @latch ticks. 0 when the PIT does not count or no window could
 * be measured cleanly.
 */
static u64 pit_window(u32 latch, u64 (*read)(void), u64 *start)
{
	u32 c0, c1, spins;
	u64 v0, v1;

	for (u32 i = 0; i < PIT_TRIES; i++) {
		outb(PIT_CMD, PIT_CMD_CH2_ONESHOT);	/* output low */
		outb(PIT_CH2, latch & 0xff);
		outb(PIT_CH2, latch >> 8);
		if (!pit_sample(read, &c0, &v0))
			continue;
		/*
		 * Most of the window, leaving room for a tight end sample. A
		 * CPU away past 0 finds the count wrapped to the top (OUT2
		 * high): the window is measured again, not waited out for a
		 * whole turn, which the spin limit would take for a PIT that
		 * does not count.
		 */
		for (spins = 0; pit_count() > latch / 4; spins++) {
			if (inb(PORT_B) & PORTB_OUT2)
				break;
			if (spins > PIT_SPIN_LIMIT)
				return 0;	/* the PIT does not count */
		}
		if (!pit_sample(read, &c1, &v1) || c1 >= c0 ||
		    (inb(PORT_B) & PORTB_OUT2))
			continue;		/* it passed 0: away too long */
		*start = v0;
		return (v1 - v0) * latch / (c0 - c1);
	}
	return 0;
}

u64 pit_measure(u32 ms, u64 (*read)(void), u64 *start)
{
	u64 samples[PIT_WINDOWS], first_start = 0, ignored;
	u8 portb;

	BUG_ON(ms == 0 || ms > PIT_MEASURE_MAX_MS);
	portb = inb(PORT_B);
	outb(PORT_B, (portb & ~PORTB_SPEAKER) | PORTB_GATE2);
	for (u32 i = 0; i < PIT_WINDOWS; i++) {
		u64 v = pit_window(PIT_HZ * ms / 1000, read, i ? &ignored : &first_start);
		u32 j = i;

		if (!v) {
			outb(PORT_B, portb);
			return 0;	/* no PIT: no point in trying again */
		}
		for (; j > 0 && samples[j - 1] > v; j--)	/* insertion sort */
			samples[j] = samples[j - 1];
		samples[j] = v;
	}
	outb(PORT_B, portb);
	*start = first_start;
	return samples[PIT_WINDOWS / 2];
}
