// SPDX-License-Identifier: MIT
/*
 * The loader's messages: on the firmware console and on COM1. Firmware
 * such as OVMF already copies its console to a serial terminal; then the
 * messages go to the console only, or they would show twice on the serial
 * line.
 */
#include "loader.h"

#define COM1		0x3f8
#define UART_LSR	5		/* line status register */
#define UART_LSR_THRE	0x20		/* transmitter holding register empty */
#define MESSAGE_MAX	512		/* characters of one message */

static bool console_has_serial;

static void outb(u16 port, u8 value)
{
	asm volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static u8 inb(u16 port)
{
	u8 value;

	asm volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
		;
	outb(COM1, c);
}

void serial_print(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			serial_putc('\r');
		serial_putc(*s);
	}
}

/* Whether the device path list @path (of @size bytes) has a UART node. */
static bool path_has_uart(const u8 *path, UINTN size)
{
	UINTN offset = 0;

	while (size - offset >= sizeof(EFI_DEVICE_PATH)) {
		const EFI_DEVICE_PATH *node = (const void *)(path + offset);
		UINTN len = node->Length[0] | node->Length[1] << 8;

		if (node->Type == MESSAGING_DEVICE_PATH &&
		    node->SubType == MSG_UART_DP)
			return true;
		if (len < sizeof(EFI_DEVICE_PATH) || len > size - offset)
			return false;
		offset += len;
	}
	return false;
}

void console_init(void)
{
	UINTN size = 0;
	u8 *conout = LibGetVariableAndSize(L"ConOut", &EfiGlobalVariable,
					   &size);

	if (conout) {
		console_has_serial = path_has_uart(conout, size);
		FreePool(conout);
	}
	if (console_has_serial)
		return;
	outb(COM1 + 1, 0x00);		/* no interrupts */
	outb(COM1 + 3, 0x80);		/* divisor latch */
	outb(COM1 + 0, 0x01);		/* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);		/* 8N1 */
	outb(COM1 + 2, 0xc7);		/* FIFO on, cleared */
}

void loader_print(const CHAR16 *fmt, ...)
{
	CHAR16 text[MESSAGE_MAX];
	char ascii[MESSAGE_MAX];
	va_list args;
	UINTN i;

	va_start(args, fmt);
	VSPrint(text, sizeof(text), fmt, args);
	va_end(args);
	Print(L"%s", text);
	if (console_has_serial)
		return;
	for (i = 0; i < MESSAGE_MAX - 1 && text[i]; i++)
		ascii[i] = text[i] < 0x80 ? (char)text[i] : '?';
	ascii[i] = '\0';
	serial_print(ascii);
}
