// SPDX-License-Identifier: MIT
/*
 * A flat GDT per CPU: kernel code and data over the whole 4 GiB, user (ring
 * 3) code and data over the same 4 GiB (paging's U/S bit, not segments,
 * keeps user code out of the kernel's GiB, as in Linux), the main TSS (its
 * esp0: where ring 3 enters the kernel), a second TSS for the double fault, and the per-CPU segment whose
 * base is that CPU's struct cpu_info (GS). A double fault (typically a
 * stack overflow: the CPU could not push the frame of a page fault) runs as
 * a task switch to its own stack, so it is reported instead of becoming a
 * triple fault and a silent reset.
 *
 * Every CPU needs its own copy of all of it: the GS base differs, a TSS
 * descriptor is marked busy while its CPU runs in it, and two CPUs double
 * faulting at once need two stacks.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/gdt.h>
#include <arch/x86/trap.h>
#include <kernel/percpu.h>
#include <kernel/smp.h>
#include <lib/string.h>

struct tss {
	u16 link, _r0;
	u32 esp0;
	u16 ss0, _r1;
	u32 esp1;
	u16 ss1, _r2;
	u32 esp2;
	u16 ss2, _r3;
	u32 cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
	u16 es, _r4, cs, _r5, ss, _r6, ds, _r7, fs, _r8, gs, _r9, ldt, _r10;
	u16 trap, iomap_base;
} __packed;

struct gdt_ptr {
	u16 limit;
	u32 base;
} __packed;

#define DF_STACK_SIZE 8192

/* One CPU's descriptor tables. */
struct cpu_segments {
	u64 gdt[GDT_ENTRIES];
	struct tss main_tss;		/* loaded in TR: saves a double fault's victim */
	struct tss df_tss;		/* the double-fault task */
} __aligned(8);

static struct cpu_segments cpu_segments[NR_CPUS];
static u8 df_stacks[NR_CPUS][DF_STACK_SIZE] __aligned(16);
static u32 df_cr3;			/* the tables every double-fault task uses */

extern void double_fault_task(void);	/* traps.c */

static u64 gdt_entry(u32 base, u32 limit, u8 access, u8 flags)
{
	return (u64)(limit & 0xffff) |
	       ((u64)(base & 0xffffff) << 16) |
	       ((u64)access << 40) |
	       ((u64)((limit >> 16) & 0xf) << 48) |
	       ((u64)(flags & 0xf) << 52) |
	       ((u64)(base >> 24) << 56);
}

#define ACCESS_CODE	0x9a	/* present, ring 0, code, readable */
#define ACCESS_DATA	0x92	/* present, ring 0, data, writable */
#define ACCESS_USER_CODE 0xfa	/* present, ring 3, code, readable */
#define ACCESS_USER_DATA 0xf2	/* present, ring 3, data, writable */
#define ACCESS_TSS	0x89	/* present, ring 0, 32-bit available TSS */
#define FLAGS_4K_32	0xc	/* 4 KiB granularity, 32-bit */

void gdt_set_df_cr3(u32 cr3)
{
	df_cr3 = cr3;
	for (u32 cpu = 0; cpu < NR_CPUS; cpu++)
		cpu_segments[cpu].df_tss.cr3 = cr3;
}

/* Fill CPU @cpu's GDT and TSSs. */
static void gdt_setup(u32 cpu)
{
	struct cpu_segments *seg = &cpu_segments[cpu];
	u64 *gdt = seg->gdt;
	struct tss *df_tss = &seg->df_tss;

	gdt[0] = 0;
	gdt[GDT_KERNEL_CS / 8] = gdt_entry(0, 0xfffff, ACCESS_CODE, FLAGS_4K_32);
	gdt[GDT_KERNEL_DS / 8] = gdt_entry(0, 0xfffff, ACCESS_DATA, FLAGS_4K_32);
	gdt[GDT_TSS / 8] = gdt_entry((u32)&seg->main_tss,
				     sizeof(seg->main_tss) - 1, ACCESS_TSS, 0);
	gdt[GDT_DF_TSS / 8] = gdt_entry((u32)df_tss, sizeof(*df_tss) - 1,
					ACCESS_TSS, 0);
	gdt[GDT_USER_CS / 8] = gdt_entry(0, 0xfffff, ACCESS_USER_CODE, FLAGS_4K_32);
	gdt[GDT_USER_DS / 8] = gdt_entry(0, 0xfffff, ACCESS_USER_DATA, FLAGS_4K_32);
	gdt[GDT_PERCPU / 8] = gdt_entry((u32)&cpu_info[cpu],
					sizeof(cpu_info[cpu]) - 1, ACCESS_DATA, 0);

	memset(&seg->main_tss, 0, sizeof(seg->main_tss));
	seg->main_tss.ss0 = GDT_KERNEL_DS;
	seg->main_tss.iomap_base = sizeof(seg->main_tss);

	memset(df_tss, 0, sizeof(*df_tss));
	df_tss->eip = (u32)double_fault_task;
	df_tss->esp = (u32)df_stacks[cpu] + DF_STACK_SIZE;
	df_tss->cs = GDT_KERNEL_CS;
	df_tss->ds = df_tss->es = df_tss->fs = df_tss->ss = GDT_KERNEL_DS;
	df_tss->gs = GDT_PERCPU;	/* this CPU's GDT: this_cpu() works there */
	df_tss->eflags = 0x2;		/* interrupts off */
	df_tss->cr3 = df_cr3;
	df_tss->iomap_base = sizeof(*df_tss);
}

/* Load CPU @cpu's GDT on this CPU: segments reloaded, TR loaded. */
static void gdt_load(u32 cpu)
{
	struct gdt_ptr ptr = { sizeof(cpu_segments[cpu].gdt) - 1,
			       (u32)cpu_segments[cpu].gdt };

	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\n\t"
			 "mov %2, %%ax\n\t"
			 "mov %%ax, %%ds\n\t"
			 "mov %%ax, %%es\n\t"
			 "mov %%ax, %%fs\n\t"
			 "mov %%ax, %%ss\n\t"
			 "mov %w4, %%gs\n\t"
			 "ltr %w3"
			 : : "m"(ptr), "i"(GDT_KERNEL_CS), "i"(GDT_KERNEL_DS),
			   "r"(GDT_TSS), "r"(GDT_PERCPU) : "eax", "memory");
}

void gdt_set_kernel_stack(u32 esp0)
{
	cpu_segments[raw_smp_processor_id()].main_tss.esp0 = esp0;
}

void gdt_init(void)
{
	df_cr3 = read_cr3();
	gdt_setup(0);
	gdt_load(0);
}

void gdt_init_ap(u32 cpu)
{
	gdt_setup(cpu);
	gdt_load(cpu);
}

void gdt_interrupted_frame(struct trap_frame *tf)
{
	const struct tss *main_tss = &cpu_segments[raw_smp_processor_id()].main_tss;

	tf->eip = main_tss->eip;
	tf->eflags = main_tss->eflags;
	tf->cs = main_tss->cs;
	tf->eax = main_tss->eax;
	tf->ebx = main_tss->ebx;
	tf->ecx = main_tss->ecx;
	tf->edx = main_tss->edx;
	tf->esi = main_tss->esi;
	tf->edi = main_tss->edi;
	tf->ebp = main_tss->ebp;
	tf->esp_at_pushad = main_tss->esp;	/* see trap_frame_esp() */
	tf->ds = main_tss->ds;
	tf->es = main_tss->es;
	tf->fs = main_tss->fs;
	tf->gs = main_tss->gs;
}
