/* SPDX-License-Identifier: MIT */
/*
 * Consoles: where printk's bytes go. Each device registers itself beside
 * its driver, through a linker section, and printk writes every message
 * to every console:
 *
 *	CONSOLE(serial, serial_write, NULL);
 *
 * @write must drop what it cannot show yet (a screen not set up), since
 * printk calls it from the first message on; console_init() runs each
 * @setup once, early in kmain, to probe and start its device or leave it
 * off. Both may run in any context, a panic's included.
 */
#ifndef HM386_KERNEL_CONSOLE_H
#define HM386_KERNEL_CONSOLE_H

#include <types.h>

struct console {
	const char *name;
	void (*write)(const char *s, size_t len);
	void (*setup)(void);	/* or NULL: ready as soon as kmain starts */
};

#define CONSOLE(cname, cwrite, csetup)					\
	static const struct console __console_##cname			\
	__used __section(".consoles") __aligned(4) = {			\
		.name = #cname, .write = cwrite, .setup = csetup }

#endif
