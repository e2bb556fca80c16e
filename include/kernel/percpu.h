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

/* TLB flushing on one CPU (arch/x86/tlbflush.c, printed by tlb_report()). */
struct tlb_stats {
	u32 ipis_sent;			/* TLB_FLUSH_VECTOR IPIs it sent */
	u32 ipis_received;		/* ... it handled */
	u32 flush_one;			/* single pages flushed (invlpg) */
	u32 flush_all;			/* whole-TLB flushes, global pages included */
	u32 shootdowns;			/* flush_tlb_kernel_range() calls made here */
};

struct cpu_info {
	struct cpu_info *self;		/* must stay first: %gs:0 */
	u32 id;				/* 0 .. NR_CPUS - 1, the boot CPU is 0 */
	u32 apic_id;			/* the local APIC's id */
	bool online;			/* running kernel code */
	struct task *current_task;	/* the task running here */
	struct task *idle;		/* what runs when nothing else can */
	u64 nr_switches;		/* context switches on this CPU */
	u64 ticks;			/* timer interrupts on this CPU */
	/* Bring-up and interrupts (arch/x86/smpboot.c, apic.c, tlbflush.c) */
	u32 stack_base;			/* lowest byte of the stack it came up on */
	u32 stack_size;			/* its size (APs: SMP_AP_STACK_SIZE) */
	u64 apic_timer_irqs;		/* local APIC timer interrupts taken */
	u32 call_function_ipis;		/* smp_call_function_single() requests run */
	struct tlb_stats tlb;
	/* kmap_local's slots here (mm/kmap_local.c): slot 0's address;
	 * slot i lies i pages below. */
	u32 kmap_vaddr0;
};

extern struct cpu_info cpu_info[];

/* this_cpu - the running CPU's entry. */
static inline struct cpu_info *this_cpu(void)
{
	struct cpu_info *cpu;

	__asm__ volatile("movl %%gs:0, %0" : "=r"(cpu));
	return cpu;
}

/*
 * this_cpu_read - a 32-bit field of the running CPU's entry: one load
 * through %gs. Volatile: a task that migrates runs on another CPU after
 * the call that moved it, so no read may be reused across code.
 */
#define this_cpu_read(field) ({						\
	__typeof__(((struct cpu_info *)0)->field) __val;		\
	_Static_assert(sizeof(__val) == 4, "this_cpu_read: 32-bit fields");	\
	__asm__ volatile("movl %%gs:%c1, %0" : "=r"(__val)		\
			 : "i"(__builtin_offsetof(struct cpu_info, field)));	\
	__val;								\
})

/* raw_smp_processor_id - the running CPU's number, unchecked. */
static inline u32 raw_smp_processor_id(void)
{
	return this_cpu_read(id);
}

#endif
