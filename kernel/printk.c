// SPDX-License-Identifier: MIT
/*
 * printk: format, prefix each new line with its boot timestamp, filter by
 * log level, and write to every console.
 */
#include <kernel/cmdline.h>
#include <kernel/console.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <lib/div64.h>
#include <lib/printf.h>
#include <lib/string.h>

#define PRINTK_BUF 512

static u32 console_loglevel = LOGLEVEL_DEFAULT;
KERNEL_PARAM(loglevel, KPARAM_UINT, &console_loglevel,
	     "print messages up to this level (0 emerg .. 7 debug)");

extern const struct console __start_consoles[], __stop_consoles[];

#define for_each_console(c) \
	for (const struct console *c = __start_consoles; c < __stop_consoles; c++)

static bool at_line_start = true;

/*
 * One CPU writes a message at a time, so lines from several CPUs do not
 * interleave (the host runner parses them). Interrupts are off while the
 * lock is held, so an interrupt handler's printk cannot deadlock on its own
 * CPU. A panic writes without the lock: the CPU that held it may never let
 * go.
 */
static DEFINE_SPINLOCK(console_spinlock);

static bool console_lock(u32 *flags)
{
	if (in_panic)
		return false;
	spin_lock_irqsave(&console_spinlock, *flags);
	return true;
}

static void console_unlock(bool locked, u32 flags)
{
	if (locked)
		spin_unlock_irqrestore(&console_spinlock, flags);
}

/* The log: the last LOG_BUF_SIZE bytes that reached the consoles. */
static char log_buf[LOG_BUF_SIZE];
static u64 log_total;		/* bytes ever logged; log_buf holds the tail */

void console_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		log_buf[(log_total + i) % LOG_BUF_SIZE] = s[i];
	log_total += len;
	for_each_console(c)
		c->write(s, len);
}

u64 log_read_tail(char *buf, u32 size)
{
	u32 n = size ? (u32)MIN((u64)size - 1, MIN(log_total, (u64)LOG_BUF_SIZE)) : 0;

	for (u32 i = 0; i < n; i++)
		buf[i] = log_buf[(log_total - n + i) % LOG_BUF_SIZE];
	if (size)
		buf[n] = '\0';
	return log_total;
}

void console_init(void)
{
	for_each_console(c)
		if (c->setup)
			c->setup();
}

/* "[    1.234567] " */
static void print_timestamp(void)
{
	char buf[32];
	u32 usec_rem;
	u64 usec = div_u64_rem(boot_time_ns(), 1000, &usec_rem);
	u32 usec_part;
	u64 sec = div_u64_rem(usec, 1000000, &usec_part);
	int n = snprintf(buf, sizeof(buf), "[%5llu.%06u] ", sec, usec_part);

	console_write(buf, n);
}

/* Write @s, starting each new line with a timestamp. */
static void emit_lines(const char *s, size_t len)
{
	while (len) {
		size_t chunk = 0;
		bool nl = false;

		while (chunk < len && !nl)
			nl = s[chunk++] == '\n';

		if (at_line_start)
			print_timestamp();
		console_write(s, chunk);
		at_line_start = nl;
		s += chunk;
		len -= chunk;
	}
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[PRINTK_BUF];
	u32 level = LOGLEVEL_DEFAULT;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	if (level <= console_loglevel) {
		u32 flags = 0;
		bool locked = console_lock(&flags);

		emit_lines(buf, n);
		console_unlock(locked, flags);
	}
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

int kprintf(const char *fmt, ...)
{
	char buf[PRINTK_BUF];
	bool locked;
	va_list ap;
	u32 flags = 0;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(buf))
		n = sizeof(buf) - 1;
	locked = console_lock(&flags);
	console_write(buf, n);
	if (n)
		at_line_start = buf[n - 1] == '\n';
	console_unlock(locked, flags);
	return n;
}
