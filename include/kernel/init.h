/* SPDX-License-Identifier: MIT */
/* kmain and the early init steps it calls, in order (kernel/main.c). */
#ifndef HM386_KERNEL_INIT_H
#define HM386_KERNEL_INIT_H

#include <types.h>

/* kmain - the C entry point, called by entry.asm on the boot stack. */
void __noreturn kmain(u32 magic, u32 info_phys);

#endif
