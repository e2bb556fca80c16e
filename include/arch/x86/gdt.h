/* SPDX-License-Identifier: MIT */
/* Segments: a flat GDT, the main TSS and the double-fault TSS (gdt.c). */
#ifndef HM386_ARCH_X86_GDT_H
#define HM386_ARCH_X86_GDT_H

#include <types.h>

#define GDT_KERNEL_CS	0x08
#define GDT_KERNEL_DS	0x10
#define GDT_TSS		0x18
#define GDT_DF_TSS	0x20
#define GDT_PERCPU	0x28	/* GS: this CPU's struct cpu_info */
#define GDT_ENTRIES	6

/* gdt_init - load the flat GDT, reload segments, load the task register. */
void gdt_init(void);

/* gdt_set_df_cr3 - the page tables the double-fault task switches to. */
void gdt_set_df_cr3(u32 cr3);

struct trap_frame;

/*
 * gdt_interrupted_frame - inside the double-fault task: the registers of the
 * code that faulted, as the task switch saved them in the main TSS.
 */
void gdt_interrupted_frame(struct trap_frame *tf);

#endif
