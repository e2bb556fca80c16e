/* SPDX-License-Identifier: MIT */
/*
 * The x86 instructions C code needs (port I/O, control registers, MSRs,
 * CPUID, TSC) and the CPU feature flags found at boot (arch/x86/cpu.c).
 */
#ifndef HM386_ARCH_X86_CPU_H
#define HM386_ARCH_X86_CPU_H

#include <arch/x86/layout.h>
#include <types.h>

#define X86_CR0_WP	(1U << 16)
#define X86_CR0_PG	(1U << 31)
#define X86_CR4_PSE	(1U << 4)
#define X86_CR4_PAE	(1U << 5)
#define X86_CR4_PGE	(1U << 7)
#define X86_EFLAGS_TF	(1U << 8)	/* trap flag: #DB after each instruction */
#define X86_EFLAGS_IF	(1U << 9)

#define MSR_EFER	0xC0000080
#define EFER_NXE	(1ULL << 11)

static inline void outb(u16 port, u8 v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outw(u16 port, u16 v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline u16 inw(u16 port)
{
	u16 v;

	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outl(u16 port, u32 v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline u32 inl(u16 port)
{
	u32 v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* insw, outsw - move @count 16-bit words between port @port and @buf
 * (rep insw/outsw: a disk's data register, PIO). */
static inline void insw(u16 port, void *buf, u32 count)
{
	__asm__ volatile("rep insw"
			 : "+D"(buf), "+c"(count) : "d"(port) : "memory");
}

static inline void outsw(u16 port, const void *buf, u32 count)
{
	__asm__ volatile("rep outsw"
			 : "+S"(buf), "+c"(count) : "d"(port) : "memory");
}

static inline void io_wait(void)
{
	outb(0x80, 0);
}

#define DEFINE_CR_ACCESSORS(n)						\
static inline u32 read_cr##n(void)					\
{									\
	u32 v;								\
	__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));		\
	return v;							\
}									\
static inline void write_cr##n(u32 v)					\
{									\
	__asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory");	\
}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ volatile("cpuid"
			 : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			 : "a"(leaf), "c"(0));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline u32 read_eflags(void)
{
	u32 f;

	__asm__ volatile("pushfl; popl %0" : "=r"(f));
	return f;
}

static inline void write_eflags(u32 f)
{
	__asm__ volatile("pushl %0; popfl" : : "r"(f) : "memory", "cc");
}

static inline void cli(void) { __asm__ volatile("cli" : : : "memory"); }
static inline void sti(void) { __asm__ volatile("sti" : : : "memory"); }
static inline void hlt(void) { __asm__ volatile("hlt" : : : "memory"); }
static inline void cpu_relax(void) { __asm__ volatile("pause" : : : "memory"); }

/* smp_mb - a full memory barrier: no load passes an earlier store. */
#define smp_mb() __asm__ volatile("lock; addl $0, (%%esp)" : : : "memory")

/* Interrupt state of this CPU. */
static inline bool irqs_disabled(void)
{
	return !(read_eflags() & X86_EFLAGS_IF);
}

static inline void local_irq_enable(void) { sti(); }
static inline void local_irq_disable(void) { cli(); }

/* local_irq_save - disable interrupts, return the old EFLAGS for _restore. */
static inline u32 local_irq_save_flags(void)
{
	u32 flags = read_eflags();

	cli();
	return flags;
}
#define local_irq_save(flags) ((flags) = local_irq_save_flags())

/* local_irq_restore - interrupts on again if they were on at _save. */
static inline void local_irq_restore(u32 flags)
{
	if (flags & X86_EFLAGS_IF)
		sti();
}

/* The CPU features hm386 looks at, filled by cpu_detect(). */
struct cpu_features {
	char vendor[13];
	u32 family, model, stepping;
	bool pae, nx, pge, pse, pse36, apic, tsc, msr;
	u32 phys_bits;		/* MAXPHYADDR: physical address width */
	bool nx_used;		/* EFER.NXE set and NX bits honoured */
	bool pge_used;		/* CR4.PGE set and kernel mappings global */
};

extern struct cpu_features boot_cpu;

/*
 * phys_addr_limit - the first physical address this kernel cannot map: the
 * PAE limit of 64 GiB, or less when the CPU has fewer address bits.
 */
static inline u64 phys_addr_limit(void)
{
	u64 cpu_limit = 1ULL << boot_cpu.phys_bits;

	return cpu_limit < PHYS_LIMIT ? cpu_limit : PHYS_LIMIT;
}

#endif
