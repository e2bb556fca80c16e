// SPDX-License-Identifier: MIT
/*
 * TLB shootdowns for kernel mappings.
 *
 * One request slot for the whole machine, guarded by a spinlock: the
 * range, and a mask of the CPUs that have yet to flush it. The initiator
 * flushes its own TLB, takes the lock, fills the slot, sends
 * TLB_FLUSH_VECTOR to each other online CPU and spins until the mask is
 * empty; each target's handler flushes the range and clears its bit. Lock
 * and spin both happen with interrupts on, so that a CPU waiting here
 * still answers the shootdown of the CPU it waits for. Counters in
 * cpu_info[].tlb say what each CPU did.
 */
#include <arch/x86/apic.h>
#include <arch/x86/cpu.h>
#include <arch/x86/pgtable.h>
#include <arch/x86/smp.h>
#include <arch/x86/tlbflush.h>
#include <arch/x86/trap.h>
#include <arch/x86/tsc.h>
#include <kernel/monitor.h>
#include <kernel/panic.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>

#define SHOOTDOWN_TIMEOUT_US	(10 * 1000 * 1000)	/* then it is a bug */

static struct {
	spinlock_t lock;	/* one shootdown at a time */
	u32 start, end;		/* page-aligned, end exclusive (0: 4 GiB) */
	u32 waiting;		/* CPUs (bit n = CPU n) yet to flush */
} flush_request = { .lock = SPINLOCK_INIT("tlb_flush_request") };

/* This CPU's counter @field, safe against its own interrupt handlers. */
#define tlb_count(field, n) \
	__atomic_add_fetch(&this_cpu()->tlb.field, (n), __ATOMIC_RELAXED)

void flush_tlb_one_kernel(u32 addr)
{
	flush_tlb_one_local(addr & PAGE_MASK);
	tlb_count(flush_one, 1);
}

void flush_tlb_all_local(void)
{
	u32 cr4 = read_cr4();

	if (cr4 & X86_CR4_PGE) {
		write_cr4(cr4 & ~X86_CR4_PGE);	/* drops global entries too */
		write_cr4(cr4);
	} else {
		write_cr3(read_cr3());
	}
	tlb_count(flush_all, 1);
}

/* [start, end) page-aligned; end 0 means the top of the address space. */
static void flush_range_local(u32 start, u32 end)
{
	u32 pages = (end - start) >> PAGE_SHIFT;

	if (pages > TLB_FLUSH_ALL_THRESHOLD || (end == 0 && start == 0)) {
		flush_tlb_all_local();
		return;
	}
	for (u32 i = 0; i < pages; i++)
		flush_tlb_one_local(start + i * PAGE_SIZE);
	tlb_count(flush_one, pages);
}

static void tlb_flush_interrupt(struct trap_frame *tf)
{
	u32 start = flush_request.start, end = flush_request.end;

	tlb_count(ipis_received, 1);
	flush_range_local(start, end);
	__atomic_and_fetch(&flush_request.waiting, ~(1U << smp_processor_id()),
			   __ATOMIC_RELEASE);
	lapic_eoi();
}

void tlbflush_init(void)
{
	BUILD_BUG_ON(NR_CPUS > 32);		/* flush_request.waiting */
	set_interrupt_handler(TLB_FLUSH_VECTOR, tlb_flush_interrupt);
}

/* The online CPUs other than @self, as a mask. */
static u32 other_online_cpus(u32 self)
{
	u32 cpu, mask = 0;

	for_each_online_cpu(cpu)
		if (cpu != self)
			mask |= 1U << cpu;
	return mask;
}

void flush_tlb_kernel_range(u32 start, u32 end)
{
	u32 self, targets, waited = 0, cpu;

	start &= PAGE_MASK;
	end = ALIGN_UP(end, PAGE_SIZE);		/* 0 when it wraps: the top */
	BUG_ON(end && end <= start);
	preempt_disable();
	self = smp_processor_id();
	targets = other_online_cpus(self);
	if (targets && irqs_disabled())
		panic("flush_tlb_kernel_range(0x%08x, 0x%08x) with interrupts "
		      "disabled and other CPUs online (mask 0x%x): it waits for "
		      "them, and a CPU shooting at this one meanwhile would wait "
		      "forever", start, end, targets);
	tlb_count(shootdowns, 1);
	flush_range_local(start, end);
	if (!targets) {
		preempt_enable();
		return;
	}

	spin_lock(&flush_request.lock);
	flush_request.start = start;
	flush_request.end = end;
	__atomic_store_n(&flush_request.waiting, targets, __ATOMIC_RELEASE);
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		if (!(targets & (1U << cpu)))
			continue;
		send_ipi(cpu, TLB_FLUSH_VECTOR);
		tlb_count(ipis_sent, 1);
	}
	while (__atomic_load_n(&flush_request.waiting, __ATOMIC_ACQUIRE)) {
		if (++waited > SHOOTDOWN_TIMEOUT_US)
			panic("TLB shootdown 0x%08x-0x%08x: CPUs 0x%x did not flush "
			      "within %u s", start, end, flush_request.waiting,
			      SHOOTDOWN_TIMEOUT_US / 1000000);
		udelay(1);
	}
	spin_unlock(&flush_request.lock);
	preempt_enable();
}

void tlb_report(void)
{
	u32 cpu;

	for_each_online_cpu(cpu) {
		const struct tlb_stats *s = &cpu_info[cpu].tlb;

		pr_info("TLB: CPU %u: %u shootdowns, %u IPIs sent, %u received, "
			"%u page flushes, %u full flushes\n", cpu, s->shootdowns,
			s->ipis_sent, s->ipis_received, s->flush_one, s->flush_all);
	}
}

static int cmd_tlb(int argc, char **argv)
{
	if (argc != 1)
		return MONITOR_USAGE;
	tlb_report();
	return 0;
}
MONITOR_COMMAND(tlb, cmd_tlb, "",
		"each CPU's TLB flush and shootdown counters");
