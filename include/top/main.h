/* SPDX-License-Identifier: MIT */
/* kmain, the table of contents of hm386 (top/main.c). */
#ifndef HM386_TOP_MAIN_H
#define HM386_TOP_MAIN_H

#include <types.h>

/* kmain - the C entry point, called by entry.asm on the boot stack. */
void __noreturn kmain(u32 magic, u32 info_phys);

#endif
