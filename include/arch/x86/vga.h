/* SPDX-License-Identifier: MIT */
/* The VGA text-mode console mirror (arch/x86/vga.c). */
#ifndef HM386_ARCH_X86_VGA_H
#define HM386_ARCH_X86_VGA_H

#include <types.h>

/* vga_probe - true when the BIOS reports a colour text mode. */
bool vga_probe(void);

/* vga_init - clear the screen and start mirroring. */
void vga_init(void);

/* vga_write - draw @len bytes; nothing before vga_init(). */
void vga_write(const char *s, size_t len);

/* vga_active - true once vga_init() has run. */
bool vga_active(void);

/* vga_cursor_row - the row the next character goes to (0 = top). */
u32 vga_cursor_row(void);

/* vga_row_text - the characters of screen row @row into @buf (NUL-ended,
 * trailing blanks kept). */
void vga_row_text(u32 row, char *buf, size_t size);

#endif
