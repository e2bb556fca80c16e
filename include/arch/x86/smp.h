/* SPDX-License-Identifier: MIT */
/*
 * Symmetric multiprocessing on x86: finding the CPUs in the firmware's
 * tables (acpi.c, mptable.c), starting them (smpboot.c, boot/trampoline.asm)
 * and running a function on another CPU (smpcall.c). docs/smp.md tells the
 * whole story.
 *
 * CPU numbers: 0 is the boot CPU; the others are numbered in the order the
 * firmware lists them, up to NR_CPUS; cpu_info[n] (kernel/percpu.h) holds
 * each one's APIC id and whether it is online.
 */
#ifndef HM386_ARCH_X86_SMP_H
#define HM386_ARCH_X86_SMP_H

#include <config.h>
#include <arch/x86/layout.h>
#include <types.h>

/*
 * The real-mode page an AP starts in (STARTUP IPI vector = page number),
 * when the memory map says it is usable RAM; otherwise the first usable
 * page below 640 KiB. The first 1 MiB never goes to the page allocator.
 */
#define TRAMPOLINE_PHYS		0x8000U
#define TRAMPOLINE_PHYS_LIMIT	0xa0000U

/* Each AP's first stack, which its idle task keeps (alloc_pages order 2). */
#define SMP_AP_STACK_ORDER	2
#define SMP_AP_STACK_SIZE	(PAGE_SIZE << SMP_AP_STACK_ORDER)

/* How long the boot CPU waits for one AP to report online. */
#define SMP_AP_ONLINE_TIMEOUT_MS	1000

#define SMP_MAX_IOAPICS		8

/* An I/O APIC the firmware listed (recorded for a later step). */
struct ioapic_desc {
	u32 id;
	u32 phys;		/* its registers' physical address */
	u32 gsi_base;		/* the first global interrupt it serves */
};

/*
 * What a firmware table says about the machine's interrupt controllers, as
 * acpi_parse_madt() or mptable_parse() fill it. Pure data: the parsers
 * also run on the host (tests/host/test_acpi.c).
 */
struct smp_config {
	u32 max_cpus;		/* the most CPUs to number (NR_CPUS) */
	u32 nr_cpus;		/* CPUs numbered: apic_ids[0 .. nr_cpus - 1] */
	u32 apic_ids[NR_CPUS];	/* [0] is always the boot CPU */
	bool boot_cpu_listed;	/* the table listed the boot CPU's APIC id */
	u32 nr_enabled;		/* distinct usable CPUs listed, numbered or not */
	u32 nr_disabled;	/* CPUs listed as disabled or with a bad id */
	u32 nr_dropped;		/* usable CPUs beyond max_cpus: not numbered */
	u32 nr_duplicates;	/* entries repeating an APIC id */
	u32 lapic_phys;		/* the local APICs' physical address */
	u32 nr_ioapics;
	struct ioapic_desc ioapics[SMP_MAX_IOAPICS];
	u32 nr_ioapics_dropped;	/* beyond SMP_MAX_IOAPICS */
};

/*
 * smp_config_init - an empty configuration whose CPU 0 is the boot CPU
 * (@boot_apic_id), numbering at most @max_cpus (1 .. NR_CPUS) CPUs.
 */
void smp_config_init(struct smp_config *cfg, u32 boot_apic_id, u32 max_cpus);

/*
 * smp_config_add_cpu - record a processor entry: counted as disabled unless
 * @usable; the boot CPU's id marks it listed; a repeated id is counted as a
 * duplicate; a new CPU gets the next number, or is counted as dropped when
 * max_cpus are numbered.
 */
void smp_config_add_cpu(struct smp_config *cfg, u32 apic_id, bool usable);

/* smp_config_add_ioapic - record an I/O APIC (or count it as dropped). */
void smp_config_add_ioapic(struct smp_config *cfg, u32 id, u32 phys, u32 gsi_base);

#ifndef HM386_HOST
#include <kernel/percpu.h>
#include <kernel/smp.h>

/* What smp_init() found, and in which table ("ACPI MADT", "MP table", ...). */
extern struct smp_config smp_config;
extern const char *smp_config_source;

/*
 * smp_init - on the boot CPU, once, after free_boot_memory() (it allocates
 * the AP stacks): find the CPUs, enable the boot CPU's local APIC and
 * timer (ticks arrive once it enables interrupts), then start every other
 * CPU and wait for each to report online (SMP_AP_ONLINE_TIMEOUT_MS each).
 * A CPU that does not come up is reported and parked, never fatal. Leaves
 * interrupts off. Prints one line per CPU and "SMP: N of M CPUs online".
 */
void smp_init(void);

/*
 * smp_call_function_single - run @fn(@arg) on CPU @cpu, in interrupt
 * context there (CALL_FUNCTION_VECTOR), and return once it has finished
 * (@wait) or once it has started (!@wait: @arg must then outlive the call).
 * On the calling CPU itself, @fn runs at once with interrupts off. Returns
 * 0, or -1 when @cpu is not online.
 *
 * Call it with interrupts enabled when other CPUs are online: the caller
 * spins until the target answers, and two CPUs calling each other with
 * interrupts off would wait forever. A call with interrupts off panics.
 * @fn runs with interrupts off and the IPI already acknowledged; it may
 * enable them briefly (then other IPIs can nest), and must not sleep.
 */
int smp_call_function_single(u32 cpu, void (*fn)(void *arg), void *arg, bool wait);

/* smp_call_init - install the CALL_FUNCTION_VECTOR and RESCHEDULE_VECTOR
 * handlers (smp_init()). */
void smp_call_init(void);
#endif /* !HM386_HOST */

#endif
