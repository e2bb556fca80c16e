// SPDX-License-Identifier: MIT
/*
 * COM1 output. Polled, no interrupts: printk must work from any context,
 * including a panic in an exception handler.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/serial.h>
#include <kernel/console.h>

#define COM1		0x3f8
#define UART_DATA	0
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define LCR_DLAB	0x80
#define LCR_8N1		0x03
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20
#define UART_CLOCK	115200
#define BAUD		115200
/*
 * DEC private mode 7, auto-wrap, on (ESC [ ? 7 h). SeaBIOS turns it off
 * before the kernel starts, so the terminal behind COM1 would cut every
 * line at its width: the kmap diagnoses and the monitor's tables are
 * longer. A terminal that does not know the sequence ignores it; the test
 * runner strips escapes from serial logs.
 */
#define VT_AUTOWRAP_ON	"\033[?7h"

void serial_init(void)
{
	u16 divisor = UART_CLOCK / BAUD;

	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DATA, divisor & 0xff);
	outb(COM1 + UART_IER, divisor >> 8);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, 0xc7);	/* FIFO on, both cleared, 14-byte */
	outb(COM1 + UART_MCR, 0x03);	/* DTR, RTS */
	serial_write(VT_AUTOWRAP_ON, sizeof(VT_AUTOWRAP_ON) - 1);
}

static void serial_putc(char c)
{
	/* Bounded wait: a missing UART reads 0xff, a stuck one must not hang. */
	for (int spin = 0; spin < 100000; spin++)
		if (inb(COM1 + UART_LSR) & LSR_THR_EMPTY)
			break;
	outb(COM1 + UART_DATA, (u8)c);
}

void serial_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

int serial_getc(void)
{
	if (!(inb(COM1 + UART_LSR) & LSR_DATA_READY))
		return -1;
	return inb(COM1 + UART_DATA);
}

CONSOLE(serial, serial_write, NULL);
