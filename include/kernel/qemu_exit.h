/* SPDX-License-Identifier: MIT */
/*
 * Leaving QEMU with a status the host runner understands. Writing v to the
 * isa-debug-exit port (0xf4) makes QEMU exit with (v << 1) | 1, so only odd
 * statuses exist. On hardware without the device the write does nothing and
 * the caller halts. docs/testing.md has the same table.
 */
#ifndef HM386_KERNEL_QEMU_EXIT_H
#define HM386_KERNEL_QEMU_EXIT_H

#include <types.h>

#define QEMU_EXIT_PORT		0xf4

enum qemu_exit_code {
	QEMU_EXIT_PASS = 16,	/* status 33: every selected test passed */
	QEMU_EXIT_FAIL = 17,	/* status 35: a test failed */
	QEMU_EXIT_PANIC = 18,	/* status 37: kernel panic or fatal exception */
	QEMU_EXIT_NOPAE = 19,	/* status 39: the CPU cannot run hm386 (entry.asm) */
};

/* qemu_exit - leave QEMU with @code; halts forever if QEMU did not exit. */
void __noreturn qemu_exit(enum qemu_exit_code code);

/* halt_forever - interrupts off, hlt in a loop. Never returns. */
void __noreturn halt_forever(void);

#endif
