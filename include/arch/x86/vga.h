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

#endif
