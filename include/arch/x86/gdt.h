/* SPDX-License-Identifier: MIT */
/*
 * Segments (gdt.c): per CPU, a flat GDT, the main TSS, the double-fault TSS
 * with its own stack, and GS based at the CPU's struct cpu_info.
 */
#ifndef HM386_ARCH_X86_GDT_H
#define HM386_ARCH_X86_GDT_H

#include <types.h>

#define GDT_KERNEL_CS	0x08
#define GDT_KERNEL_DS	0x10
#define GDT_TSS		0x18
#define GDT_DF_TSS	0x20
#define GDT_PERCPU	0x28	/* GS: this CPU's struct cpu_info */
#define GDT_USER_CS	0x33	/* ring 3 code, flat (index 6, RPL 3) */
#define GDT_USER_DS	0x3b	/* ring 3 data, flat (index 7, RPL 3) */
#define GDT_ENTRIES	8

/*
 * gdt_init - on the boot CPU: build CPU 0's GDT and TSSs, load them, reload
 * the segments (GS = &cpu_info[0]) and the task register.
 */
void gdt_init(void);

/*
 * gdt_init_ap - the same for AP @cpu, on that AP, once it runs on the
 * kernel's page tables (its double-fault task uses them).
 */
void gdt_init_ap(u32 cpu);

/* gdt_set_df_cr3 - the page tables every CPU's double-fault task switches to. */
void gdt_set_df_cr3(u32 cr3);

struct trap_frame;

/*
 * gdt_interrupted_frame - inside the double-fault task: the registers of the
 * code that faulted on this CPU, as the task switch saved them in its main
 * TSS.
 */
void gdt_interrupted_frame(struct trap_frame *tf);

#endif
