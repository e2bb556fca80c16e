/* SPDX-License-Identifier: MIT */
/*
 * printk: formatted kernel messages on every console (COM1, and VGA text
 * mode when present), with a log level and a boot timestamp:
 *
 *	[    0.012345] hm386: 3 CPUs
 *
 * A message starts with an optional KERN_* level; messages above the
 * `loglevel=` parameter (default LOGLEVEL_INFO) are not printed. Formats are
 * those of lib/vsprintf.c.
 */
#ifndef HM386_KERNEL_PRINTK_H
#define HM386_KERNEL_PRINTK_H

#include <types.h>

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"

#define LOGLEVEL_ERR		3
#define LOGLEVEL_WARNING	4
#define LOGLEVEL_INFO		6
#define LOGLEVEL_DEBUG		7
#define LOGLEVEL_DEFAULT	LOGLEVEL_INFO

/* printk - print a timestamped line (or part of one) at its log level. */
int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);

/*
 * kprintf - print exactly what the format says: no level, no timestamp.
 * For machine-read output (KTAP) and for continuing a line.
 */
int kprintf(const char *fmt, ...) __printf(1, 2);

#define pr_err(fmt, ...)	printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG fmt, ##__VA_ARGS__)

/* console_write - raw bytes to every console (<kernel/console.h>), and to
 * the log ("\n" becomes CR LF on COM1). */
void console_write(const char *s, size_t len);

/* console_init - run every console's setup: the VGA mirror starts when the
 * machine has VGA text mode. After cmdline_init() (`vga=off`). */
void console_init(void);

#define LOG_BUF_SIZE	16384	/* a power of two: the index wraps cheaply */

/*
 * log_read_tail - the last bytes written to the consoles, up to @size - 1,
 * NUL-terminated, into @buf. Returns how many bytes were ever written, so a
 * caller can tell whether anything was printed between two calls.
 */
u64 log_read_tail(char *buf, u32 size);

/* boot_time_ns - nanoseconds since the TSC was calibrated (0 before). */
u64 boot_time_ns(void);

#endif
