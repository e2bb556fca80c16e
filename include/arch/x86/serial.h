/* SPDX-License-Identifier: MIT */
/* COM1, a 16550 UART at 0x3f8, 115200 8N1, polled (arch/x86/serial.c). */
#ifndef HM386_ARCH_X86_SERIAL_H
#define HM386_ARCH_X86_SERIAL_H

#include <types.h>

/* serial_init - program COM1 and turn line wrap back on in the terminal
 * behind it (SeaBIOS turns it off); safe to call again. */
void serial_init(void);

/* serial_write - send @len bytes, "\n" as CR LF; waits for the UART. */
void serial_write(const char *s, size_t len);

/* serial_getc - a received byte, or -1 when none is waiting. */
int serial_getc(void);

#endif
