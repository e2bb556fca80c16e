/* SPDX-License-Identifier: MIT */
/*
 * Per-CPU data: one struct cpu_info per CPU, reached through the GS segment,
 * whose base each CPU sets to its own entry (arch/x86/gdt.c). %gs:0 holds
 * the entry's own address, so this_cpu() is one load.
 */
#ifndef HM386_KERNEL_PERCPU_H
#define HM386_KERNEL_PERCPU_H

#include <types.h>

struct task;

struct cpu_info {
	struct cpu_info *self;		/* must stay first: %gs:0 */
	u32 id;				/* 0 .. NR_CPUS - 1, the boot CPU is 0 */
	u32 apic_id;			/* the local APIC's id */
	bool online;			/* running kernel code */
	struct task *current_task;	/* the task running here */
	struct task *idle;		/* what runs when nothing else can */
	u64 nr_switches;		/* context switches on this CPU */
	u64 ticks;			/* timer interrupts on this CPU */
};

extern struct cpu_info cpu_info[];

/* this_cpu - the running CPU's entry. */
static inline struct cpu_info *this_cpu(void)
{
	struct cpu_info *cpu;

	__asm__ volatile("movl %%gs:0, %0" : "=r"(cpu));
	return cpu;
}

/* raw_smp_processor_id - the running CPU's number, unchecked. */
static inline u32 raw_smp_processor_id(void)
{
	return this_cpu()->id;
}

#endif
