// SPDX-License-Identifier: MIT
/*
 * TLB shootdowns. The probe is the FIX_TLB_TEST fixmap slot: the APs read
 * through it (so their TLBs cache its translation), the boot CPU points its
 * PTE at another page, and the APs read again.
 *
 * Under QEMU's TCG each virtual CPU has its own software TLB that, like a
 * real one, keeps a translation until that CPU flushes it. So after a
 * local-only flush an AP really does keep reading the old page: the cases
 * check that first (otherwise they could not tell a working shootdown from
 * a missing one), then that flush_tlb_kernel_range() makes every AP see the
 * new page, with the counters to match: one IPI per other online CPU.
 *
 * Interrupts are on during the cases (the init hook makes sure, the exit
 * hook restores them), as the deadlock rule of tlbflush.h demands. With one
 * CPU the cases are skipped.
 */
#include <arch/x86/cpu.h>
#include <mm/fixmap.h>
#include <arch/x86/smp.h>
#include <arch/x86/tlbflush.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>

#define OLD_WORD	0x01d01d01U
#define NEW_WORD	0x0e30e30eU
#define BIG_RANGE_PAGES	(2 * TLB_FLUSH_ALL_THRESHOLD)

struct tlb_fixture {
	struct page *old_page, *new_page;
	u32 irq_flags;
};

static struct tlb_fixture fx;

static u32 probe_addr(void)
{
	return fix_to_virt(FIX_TLB_TEST);
}

/* Two pages, told apart by their first word; the probe maps the old one. */
static void tlbflush_test_init(struct ktest *t)
{
	local_irq_save(fx.irq_flags);
	local_irq_enable();
	if (num_online_cpus() < 2)
		ktest_skip(t, "needs two CPUs online");
	fx.old_page = alloc_page(GFP_KERNEL);
	fx.new_page = alloc_page(GFP_KERNEL);
	KASSERT_NOT_NULL(t, fx.old_page);
	KASSERT_NOT_NULL(t, fx.new_page);
	*(u32 *)page_address(fx.old_page) = OLD_WORD;
	*(u32 *)page_address(fx.new_page) = NEW_WORD;
	set_fixmap(FIX_TLB_TEST, page_to_phys(fx.old_page), PAGE_KERNEL);
	/* No CPU may still hold what an earlier case left in the slot. */
	flush_tlb_kernel_range(probe_addr(), probe_addr() + PAGE_SIZE);
}

static void tlbflush_test_exit(struct ktest *t)
{
	if (fx.old_page || fx.new_page) {
		clear_fixmap(FIX_TLB_TEST);
		if (num_online_cpus() > 1)
			flush_tlb_kernel_range(probe_addr(), probe_addr() + PAGE_SIZE);
	}
	if (fx.old_page)
		__free_page(fx.old_page);
	if (fx.new_page)
		__free_page(fx.new_page);
	fx.old_page = fx.new_page = NULL;
	local_irq_restore(fx.irq_flags);
}

static void read_probe(void *arg)
{
	*(u32 *)arg = *(volatile u32 *)probe_addr();
}

/* What CPU @cpu reads through the probe now. */
static u32 probe_on(u32 cpu)
{
	u32 word = 0;

	smp_call_function_single(cpu, read_probe, &word, true);
	return word;
}

/* Point the probe at the new page; flush only this CPU's TLB. */
static void repoint_probe_locally(void)
{
	set_pte(fixmap_pte(FIX_TLB_TEST),
		page_to_phys(fx.new_page) | page_prot(PAGE_KERNEL));
	flush_tlb_one_kernel(probe_addr());
}

static void flush_self(void *arg)
{
	flush_tlb_one_kernel(probe_addr());
}

/*
 * flush_tlb_one_kernel() is local on purpose: a CPU flushes what only it
 * can have cached (its kmap_local slots) without disturbing the others.
 * The price is shown here: the other CPUs read the old page until they
 * flush themselves.
 */
static void one_kernel_flush_is_local(struct ktest *t)
{
	u32 cpu;

	for_each_online_cpu(cpu)
		KASSERT_EQ(t, probe_on(cpu), OLD_WORD);
	repoint_probe_locally();
	KEXPECT_EQ(t, *(volatile u32 *)probe_addr(), NEW_WORD);
	for_each_online_cpu(cpu) {
		if (!cpu)
			continue;
		KEXPECT_EQ(t, probe_on(cpu), OLD_WORD);	/* stale, as it may be */
		smp_call_function_single(cpu, flush_self, NULL, true);
		KEXPECT_EQ(t, probe_on(cpu), NEW_WORD);
	}
}

/* The counters of every CPU, to compare before and after. */
static void snapshot(struct tlb_stats *s)
{
	for (u32 cpu = 0; cpu < NR_CPUS; cpu++)
		s[cpu] = cpu_info[cpu].tlb;
}

static void shootdown_reaches_every_cpu(struct ktest *t)
{
	struct tlb_stats before[NR_CPUS], after[NR_CPUS];
	u32 cpu, others = num_online_cpus() - 1;

	for_each_online_cpu(cpu)
		KASSERT_EQ(t, probe_on(cpu), OLD_WORD);
	repoint_probe_locally();
	/* Their TLBs hold the old translation: without a shootdown, stale. */
	for_each_online_cpu(cpu)
		if (cpu)
			KASSERT_EQ(t, probe_on(cpu), OLD_WORD);

	snapshot(before);
	flush_tlb_kernel_range(probe_addr(), probe_addr() + PAGE_SIZE);
	snapshot(after);
	for_each_online_cpu(cpu)
		KEXPECT_EQ(t, probe_on(cpu), NEW_WORD);

	KEXPECT_EQ(t, after[0].shootdowns - before[0].shootdowns, 1);
	KEXPECT_EQ(t, after[0].ipis_sent - before[0].ipis_sent, others);
	KEXPECT_EQ(t, after[0].ipis_received - before[0].ipis_received, 0);
	KEXPECT_EQ(t, after[0].flush_one - before[0].flush_one, 1);
	for_each_online_cpu(cpu) {
		if (!cpu)
			continue;
		KEXPECT_EQ(t, after[cpu].ipis_received - before[cpu].ipis_received, 1);
		KEXPECT_EQ(t, after[cpu].flush_one - before[cpu].flush_one, 1);
		KEXPECT_EQ(t, after[cpu].ipis_sent - before[cpu].ipis_sent, 0);
	}
}

/* Above the threshold every CPU drops its whole TLB instead, once. */
static void big_range_flushes_everything(struct ktest *t)
{
	struct tlb_stats before[NR_CPUS], after[NR_CPUS];
	u32 start = probe_addr() - (BIG_RANGE_PAGES - 1) * PAGE_SIZE, cpu;

	for_each_online_cpu(cpu)
		KASSERT_EQ(t, probe_on(cpu), OLD_WORD);
	repoint_probe_locally();

	snapshot(before);
	flush_tlb_kernel_range(start, probe_addr() + PAGE_SIZE);
	snapshot(after);
	for_each_online_cpu(cpu) {
		KEXPECT_EQ(t, probe_on(cpu), NEW_WORD);
		KEXPECT_EQ(t, after[cpu].flush_all - before[cpu].flush_all, 1);
		KEXPECT_EQ(t, after[cpu].flush_one - before[cpu].flush_one, 0);
	}
	KEXPECT_EQ(t, after[0].ipis_sent - before[0].ipis_sent,
		   num_online_cpus() - 1);
}

/* Up to the threshold, one invlpg per page on every CPU. */
static void small_range_flushes_page_by_page(struct ktest *t)
{
	struct tlb_stats before[NR_CPUS], after[NR_CPUS];
	u32 start = probe_addr() - (TLB_FLUSH_ALL_THRESHOLD - 1) * PAGE_SIZE, cpu;

	snapshot(before);
	flush_tlb_kernel_range(start, probe_addr() + PAGE_SIZE);
	snapshot(after);
	for_each_online_cpu(cpu) {
		KEXPECT_EQ(t, after[cpu].flush_one - before[cpu].flush_one,
			   TLB_FLUSH_ALL_THRESHOLD);
		KEXPECT_EQ(t, after[cpu].flush_all - before[cpu].flush_all, 0);
	}
}

static void report_names_every_cpu(struct ktest *t)
{
	static char tail[2048];
	char line[32];
	u32 cpu;

	tlb_report();
	log_read_tail(tail, sizeof(tail));
	for_each_online_cpu(cpu) {
		snprintf(line, sizeof(line), "TLB: CPU %u: ", cpu);
		KEXPECT_NOT_NULL(t, strstr(tail, line));
	}
}

static void shootdown_with_irqs_off_panics(struct ktest *t)
{
	cli();
	flush_tlb_kernel_range(probe_addr(), probe_addr() + PAGE_SIZE);
}

static struct ktest_case tlbflush_cases[] = {
	KTEST_CASE(one_kernel_flush_is_local),
	KTEST_CASE(shootdown_reaches_every_cpu),
	KTEST_CASE(big_range_flushes_everything),
	KTEST_CASE(small_range_flushes_page_by_page),
	KTEST_CASE(report_names_every_cpu),
	KTEST_DEATH_CASE(shootdown_with_irqs_off_panics,
			 "with interrupts disabled and other CPUs online"),
	{}
};
KTEST_SUITE_FULL(tlbflush, tlbflush_cases, NULL, tlbflush_test_init,
		 tlbflush_test_exit);
