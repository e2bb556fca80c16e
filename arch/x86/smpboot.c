// SPDX-License-Identifier: MIT
/*
 * Bringing up the other CPUs (APs).
 *
 * smp_init() on the boot CPU: the firmware's list of CPUs (ACPI MADT, else
 * the MP table, else the boot CPU alone), the boot CPU's local APIC and
 * timer, then one AP at a time: a 16 KiB stack, the trampoline's parameters,
 * INIT, 10 ms, STARTUP, 200 us, STARTUP, 200 us (the SDM's and MP spec's
 * sequence), and up to SMP_AP_ONLINE_TIMEOUT_MS for the AP to say it is
 * online. An AP that does not is reported, sent INIT again so that it
 * stops wherever it was, and left offline.
 *
 * The AP runs boot/trampoline.asm (real mode -> protected mode -> PAE paging
 * on a temporary PDPT that identity-maps only the trampoline page), then
 * ap_start() below on the kernel's own page tables: its GDT, TSS and GS,
 * the shared IDT, its APIC and timer, online, and cpu_idle_entry() with
 * interrupts still off.
 */
#include <arch/x86/acpi.h>
#include <arch/x86/apic.h>
#include <arch/x86/cpu.h>
#include <arch/x86/gdt.h>
#include <arch/x86/mptable.h>
#include <arch/x86/pgtable.h>
#include <mm/paging.h>
#include <arch/x86/smp.h>
#include <arch/x86/tlbflush.h>
#include <arch/x86/tsc.h>
#include <boot/bootinfo.h>
#include <kernel/monitor.h>
#include <kernel/panic.h>
#include <kernel/sched.h>
#include <kernel/printk.h>
#include <kernel/sched_hooks.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>

#define INIT_DEASSERT_WAIT_US	10000	/* INIT, then 10 ms before STARTUP */
#define STARTUP_WAIT_US		200	/* after each STARTUP IPI */
#define ONLINE_POLL_US		100

/* boot/trampoline.asm's parameter block (TP_* there): keep in step. */
struct trampoline_params {
	u64 pdpt[PTRS_PER_PDPT];	/* TP_PDPT: 32-byte aligned in the page */
	u32 cr4;			/* TP_CR4 */
	u32 efer_nx;			/* TP_EFER_NX */
	u32 stack_top;			/* TP_STACK */
	u32 entry;			/* TP_ENTRY: ap_start */
	u32 cpu;			/* TP_CPU: struct cpu_info * */
	u32 progress;			/* TP_PROGRESS: written by the AP */
};

/* How far an AP got (progress), for the report of one that did not come up. */
enum {
	TRAMPOLINE_NOT_STARTED,
	TRAMPOLINE_REAL_MODE,
	TRAMPOLINE_PROTECTED_MODE,
	TRAMPOLINE_PAGING,
	TRAMPOLINE_KERNEL,		/* in ap_start() */
};

static const char *const progress_names[] = {
	"nothing: it never ran the trampoline", "real mode",
	"protected mode", "paging on", "ap_start()",
};

extern const char trampoline_start[], trampoline_end[], trampoline_params[];
extern char boot_stack_bottom[], boot_stack_top[];

struct smp_config smp_config;
const char *smp_config_source = "none";

/* The IDT as the boot CPU loaded it: every AP loads the same one. */
static struct {
	u16 limit;
	u32 base;
} __packed idt_desc;

/* The copied trampoline's parameter block (direct map), during bring-up. */
static struct trampoline_params *tramp;

static void set_progress(u32 step)
{
	__atomic_store_n(&tramp->progress, step, __ATOMIC_RELEASE);
}

/*
 * The first C code of an AP, on its own stack, still on the trampoline's
 * page tables. Prints nothing (the console has no lock yet).
 */
static void __noreturn __used ap_start(struct cpu_info *cpu)
{
	write_cr3(__pa(kernel_pdpt));	/* off the trampoline's tables */
	gdt_init_ap(cpu->id);		/* GS = cpu: this_cpu() works */
	__asm__ volatile("lidt %0" : : "m"(idt_desc));
	set_progress(TRAMPOLINE_KERNEL);
	lapic_init_ap();
	__atomic_store_n(&cpu->online, true, __ATOMIC_RELEASE);
	cpu_idle_entry();
}

/* Is [phys, phys + PAGE_SIZE) usable RAM in the sanitized memory map? */
static bool page_is_usable_ram(u32 phys)
{
	for (u32 i = 0; i < boot_info.mmap_count; i++) {
		const struct mem_region *r = &boot_info.mmap[i];

		if (r->type == MEM_USABLE && r->base <= phys &&
		    r->base + r->len >= (u64)phys + PAGE_SIZE)
			return true;
	}
	return false;
}

/* TRAMPOLINE_PHYS if usable, else the first usable page below 640 KiB. */
static u32 trampoline_page(void)
{
	if (page_is_usable_ram(TRAMPOLINE_PHYS))
		return TRAMPOLINE_PHYS;
	for (u32 pa = PAGE_SIZE; pa < TRAMPOLINE_PHYS_LIMIT; pa += PAGE_SIZE)
		if (page_is_usable_ram(pa))
			return pa;
	return 0;
}

/*
 * Copy the trampoline to @phys and build its temporary tables: a page
 * directory for 0-1 GiB whose page table maps only @phys at @phys (two
 * pages from the allocator, returned in *@tables), and the kernel's
 * 1-4 GiB as they are. Returns false when memory is short.
 */
static bool trampoline_setup(u32 phys, struct page **tables)
{
	u32 size = trampoline_end - trampoline_start;
	u64 *pd, *pt;

	BUG_ON(size > PAGE_SIZE);
	BUG_ON(kernel_pdpt[0] & _PAGE_PRESENT);	/* nothing below 1 GiB */
	*tables = alloc_pages(GFP_KERNEL | __GFP_ZERO, 1);
	if (!*tables)
		return false;
	pd = page_address(*tables);
	pt = pd + PTRS_PER_PD;
	pd[0] = __pa(pt) | _PAGE_PRESENT | _PAGE_RW;
	pt[pt_index(phys)] = phys | _PAGE_PRESENT | _PAGE_RW;

	memcpy(__va(phys), trampoline_start, size);
	tramp = __va(phys + (u32)(trampoline_params - trampoline_start));
	tramp->pdpt[0] = __pa(pd) | _PAGE_PRESENT;
	for (u32 i = 1; i < PTRS_PER_PDPT; i++)
		tramp->pdpt[i] = kernel_pdpt[i];
	tramp->cr4 = read_cr4();
	tramp->efer_nx = boot_cpu.nx_used;
	tramp->entry = (u32)ap_start;
	__asm__ volatile("sidt %0" : "=m"(idt_desc));
	return true;
}

/* Wait up to SMP_AP_ONLINE_TIMEOUT_MS for @cpu to report online. */
static bool wait_online(u32 cpu)
{
	for (u32 waited = 0; waited < SMP_AP_ONLINE_TIMEOUT_MS * 1000;
	     waited += ONLINE_POLL_US) {
		if (cpu_online(cpu))
			return true;
		udelay(ONLINE_POLL_US);
	}
	return cpu_online(cpu);
}

/* Start AP @cpu through the trampoline at @phys; true when it came up. */
static bool start_ap(u32 cpu, u32 phys)
{
	struct cpu_info *ci = &cpu_info[cpu];
	u32 stack = __get_free_pages(GFP_KERNEL, SMP_AP_STACK_ORDER);
	u32 progress;

	if (!stack) {
		pr_warn("SMP: CPU %u: no memory for its stack\n", cpu);
		return false;
	}
	ci->stack_base = stack;
	ci->stack_size = SMP_AP_STACK_SIZE;
	tramp->stack_top = stack + SMP_AP_STACK_SIZE;
	tramp->cpu = (u32)ci;
	set_progress(TRAMPOLINE_NOT_STARTED);

	if (!apic_send_init(ci->apic_id))
		goto stuck;
	udelay(INIT_DEASSERT_WAIT_US);
	for (u32 i = 0; i < 2; i++) {
		if (!apic_send_startup(ci->apic_id, phys >> PAGE_SHIFT))
			goto stuck;
		udelay(STARTUP_WAIT_US);
	}
	if (wait_online(cpu))
		return true;

	progress = __atomic_load_n(&tramp->progress, __ATOMIC_ACQUIRE);
	pr_warn("SMP: CPU %u (APIC id %u) did not come up within %u ms; it "
		"reached %s\n", cpu, ci->apic_id, SMP_AP_ONLINE_TIMEOUT_MS,
		progress < ARRAY_SIZE(progress_names) ? progress_names[progress] : "?");
	goto park;
stuck:
	pr_warn("SMP: CPU %u (APIC id %u): the local APIC did not send the "
		"start-up IPIs\n", cpu, ci->apic_id);
park:
	/* INIT stops it wherever it is (even just after saying online). */
	apic_send_init(ci->apic_id);
	__atomic_store_n(&ci->online, false, __ATOMIC_RELEASE);
	free_pages(stack, SMP_AP_STACK_ORDER);
	ci->stack_base = ci->stack_size = 0;
	return false;
}

/* Number the CPUs of smp_config in cpu_info[]. */
static void number_cpus(void)
{
	for (u32 cpu = 0; cpu < smp_config.nr_cpus; cpu++) {
		cpu_info[cpu].self = &cpu_info[cpu];
		cpu_info[cpu].id = cpu;
		cpu_info[cpu].apic_id = smp_config.apic_ids[cpu];
	}
}

/* The firmware's CPU list, best source first. */
static void find_cpus(u32 boot_apic_id)
{
	smp_config_init(&smp_config, boot_apic_id, NR_CPUS);
	if (acpi_find_smp_config(&smp_config) == 0) {
		smp_config_source = "ACPI MADT";
		return;
	}
	smp_config_init(&smp_config, boot_apic_id, NR_CPUS);
	if (mptable_find_smp_config(&smp_config) == 0) {
		smp_config_source = "MP table";
		return;
	}
	smp_config_init(&smp_config, boot_apic_id, NR_CPUS);
	smp_config_source = "none";
	pr_warn("SMP: no ACPI MADT and no MP table: running on the boot CPU only\n");
}

static void start_aps(void)
{
	struct page *tables;
	u32 phys = trampoline_page();

	if (!phys) {
		pr_warn("SMP: no usable page below 640 KiB for the AP trampoline: "
			"running on the boot CPU only\n");
		return;
	}
	if (!trampoline_setup(phys, &tables)) {
		pr_warn("SMP: no memory for the trampoline's page tables: running "
			"on the boot CPU only\n");
		return;
	}
	pr_info("SMP: AP trampoline at 0x%05x\n", phys);
	for (u32 cpu = 1; cpu < smp_config.nr_cpus; cpu++)
		start_ap(cpu, phys);
	/* Every AP is on kernel_pdpt or parked: the identity page can go. */
	__free_pages(tables, 1);
	tramp = NULL;
}

static void smp_report(void)
{
	for (u32 cpu = 0; cpu < smp_config.nr_cpus; cpu++)
		pr_info("SMP: CPU %u: APIC id %u, %s%s\n", cpu,
			cpu_info[cpu].apic_id,
			cpu_online(cpu) ? "online" : "offline",
			cpu ? "" : " (boot CPU)");
	if (smp_config.nr_dropped)
		pr_warn("SMP: %u more CPU(s) listed beyond NR_CPUS=%u: ignored\n",
			smp_config.nr_dropped, NR_CPUS);
	if (!smp_config.boot_cpu_listed && smp_config.nr_enabled)
		pr_warn("SMP: the boot CPU (APIC id %u) is not in the %s\n",
			cpu_info[0].apic_id, smp_config_source);
	pr_info("SMP: %u of %u CPUs online (%s)\n", num_online_cpus(),
		smp_config.nr_cpus, smp_config_source);
}

void smp_init(void)
{
	u32 boot_apic_id, apic_phys;

	cpu_info[0].stack_base = (u32)boot_stack_bottom;
	cpu_info[0].stack_size = boot_stack_top - boot_stack_bottom;
	if (!lapic_init_boot()) {
		smp_config_init(&smp_config, 0, 1);
		smp_report();
		return;
	}
	boot_apic_id = lapic_id();
	cpu_info[0].apic_id = boot_apic_id;
	find_cpus(boot_apic_id);
	apic_phys = (u32)rdmsr(MSR_IA32_APIC_BASE) & APIC_BASE_ADDR_MASK;
	if (smp_config.lapic_phys && smp_config.lapic_phys != apic_phys)
		pr_warn("SMP: the %s puts the local APICs at 0x%08x; this CPU's "
			"is at 0x%08x\n", smp_config_source, smp_config.lapic_phys,
			apic_phys);
	number_cpus();
	smp_call_init();
	tlbflush_init();
	if (smp_config.nr_cpus > 1)
		start_aps();
	smp_report();
}

static int cmd_cpus(int argc, char **argv)
{
	if (argc != 1)
		return MONITOR_USAGE;
	kprintf("cpu  apic  state    running          switches      ticks  "
		"timer irqs\n");
	for (u32 cpu = 0; cpu < MAX(smp_config.nr_cpus, 1U); cpu++) {
		const struct cpu_info *c = &cpu_info[cpu];

		kprintf("%3u  %4u  %-7s  %-16s %8llu %10llu  %10llu\n", cpu,
			c->apic_id, cpu_online(cpu) ? "online" : "offline",
			c->current_task ? c->current_task->name : "-",
			c->nr_switches, c->ticks, c->apic_timer_irqs);
	}
	kprintf("%u of %u CPUs online (%s)\n", num_online_cpus(),
		MAX(smp_config.nr_cpus, 1U), smp_config_source);
	return 0;
}
MONITOR_COMMAND(cpus, cmd_cpus, "",
		"the CPUs: APIC ids, online, what runs, switches, ticks");
