// SPDX-License-Identifier: MIT
/*
 * SMP bring-up: every CPU the firmware lists is online (the ACPI MADT and
 * the MP table, read independently, agree on how many there are), each has
 * its own cpu_info reached through its own GS, each runs code on request
 * (smp_call_function_single), takes its own local APIC timer ticks at about
 * HZ, and receives IPIs sent to all but the sender.
 *
 * These cases need interrupts on (the deadlock rule of smp.h): the suite's
 * init hook makes sure they are and its exit hook restores what it found,
 * even when a case fails. With one CPU the cases still run and check what
 * there is.
 */
#include <arch/x86/apic.h>
#include <arch/x86/cpu.h>
#include <arch/x86/mptable.h>
#include <arch/x86/smp.h>
#include <arch/x86/trap.h>
#include <arch/x86/tsc.h>
#include <kernel/ktest.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/string.h>

#define SMP_TEST_VECTOR		0xf1	/* free: below the APIC's own */
#define WAIT_LIMIT_NS		(2000ULL * 1000 * 1000)
#define CPUID_EDX_HTT		(1U << 28)	/* several logical CPUs per package */

static u32 saved_irq_flags;

static void smp_test_init(struct ktest *t)
{
	local_irq_save(saved_irq_flags);
	local_irq_enable();
}

static void smp_test_exit(struct ktest *t)
{
	set_interrupt_handler(SMP_TEST_VECTOR, NULL);
	local_irq_restore(saved_irq_flags);
}

static int smp_suite_init(void)
{
	return lapic_present() ? 0 : -1;	/* no APIC: skip the suite */
}

static void online_cpus_match_firmware(struct ktest *t)
{
	u32 cpu;

	KEXPECT_EQ(t, num_online_cpus(), smp_config.nr_cpus);
	for (cpu = 0; cpu < smp_config.nr_cpus; cpu++)
		KEXPECT_TRUE(t, cpu_online(cpu));
	for (; cpu < NR_CPUS; cpu++)
		KEXPECT_FALSE(t, cpu_online(cpu));
	/* Every usable CPU listed is numbered, up to NR_CPUS. */
	KEXPECT_TRUE(t, smp_config.boot_cpu_listed);
	KEXPECT_EQ(t, smp_config.nr_cpus, MIN(smp_config.nr_enabled, (u32)NR_CPUS));
	KEXPECT_EQ(t, smp_config.nr_dropped,
		   smp_config.nr_enabled - smp_config.nr_cpus);
}

static bool madt_lists(u32 apic_id)
{
	for (u32 i = 0; i < smp_config.nr_cpus; i++)
		if (smp_config.apic_ids[i] == apic_id)
			return true;
	return false;
}

/*
 * QEMU's firmware gives both tables, read here independently of each
 * other: they must list the same CPUs. SeaBIOS puts only the first logical
 * CPU of each package in the MP table when CPUID says the package has
 * several (HTT): then its CPUs must be among the MADT's.
 */
static void madt_and_mptable_agree(struct ktest *t)
{
	static struct smp_config mp;
	u32 a, b, c, d;

	if (strcmp(smp_config_source, "ACPI MADT"))
		ktest_skip(t, "the CPUs came from the MP table itself");
	smp_config_init(&mp, cpu_info[0].apic_id, NR_CPUS);
	if (mptable_find_smp_config(&mp) < 0)
		ktest_skip(t, "no MP table");
	cpuid(1, &a, &b, &c, &d);
	for (u32 i = 0; i < mp.nr_cpus; i++)
		KEXPECT_TRUE(t, madt_lists(mp.apic_ids[i]));
	if (d & CPUID_EDX_HTT) {
		KEXPECT_LE(t, mp.nr_enabled, smp_config.nr_enabled);
		return;
	}
	KEXPECT_EQ(t, mp.nr_enabled, smp_config.nr_enabled);
	KEXPECT_EQ(t, mp.nr_cpus, smp_config.nr_cpus);
	for (u32 i = 0; i < MIN(mp.nr_cpus, smp_config.nr_cpus); i++)
		KEXPECT_EQ(t, mp.apic_ids[i], smp_config.apic_ids[i]);
}

static void cpu_info_distinct(struct ktest *t)
{
	u32 cpu, other;

	for_each_online_cpu(cpu) {
		const struct cpu_info *ci = &cpu_info[cpu];

		KEXPECT_EQ(t, (u32)ci->self, (u32)ci);
		KEXPECT_EQ(t, ci->id, cpu);
		KEXPECT_NE(t, ci->stack_base, 0);
		if (cpu)
			KEXPECT_EQ(t, ci->stack_size, SMP_AP_STACK_SIZE);
		for_each_online_cpu(other)
			if (other != cpu)
				KEXPECT_NE(t, ci->apic_id, cpu_info[other].apic_id);
	}
	KEXPECT_EQ(t, cpu_info[0].apic_id, lapic_id());
	KEXPECT_EQ(t, (u32)this_cpu(), (u32)&cpu_info[0]);
}

/* What a CPU says about itself when asked to run record_self(). */
struct self_report {
	u32 cpu;		/* smp_processor_id() there */
	u32 apic_id;		/* its local APIC's id register */
	u32 self;		/* this_cpu() */
	bool in_interrupt;
	bool irqs_off;
};

static void record_self(void *arg)
{
	struct self_report *r = arg;

	r->cpu = smp_processor_id();
	r->apic_id = lapic_id();
	r->self = (u32)this_cpu();
	r->in_interrupt = in_interrupt();
	r->irqs_off = irqs_disabled();
}

static void call_runs_on_each_cpu(struct ktest *t)
{
	u32 cpu;

	for_each_online_cpu(cpu) {
		struct self_report r = { .cpu = ~0U };
		u32 ipis = cpu_info[cpu].call_function_ipis;

		KASSERT_EQ(t, smp_call_function_single(cpu, record_self, &r, true), 0);
		KEXPECT_EQ(t, r.cpu, cpu);
		KEXPECT_EQ(t, r.apic_id, cpu_info[cpu].apic_id);
		KEXPECT_EQ(t, r.self, (u32)&cpu_info[cpu]);
		KEXPECT_TRUE(t, r.irqs_off);
		if (cpu) {
			KEXPECT_TRUE(t, r.in_interrupt);
			KEXPECT_EQ(t, cpu_info[cpu].call_function_ipis, ipis + 1);
		}
	}
	KEXPECT_EQ(t, smp_call_function_single(NR_CPUS, record_self, NULL, true), -1);
}

/* The call returns once started: the caller can hand the CPU a flag. */
static void spin_until_released(void *arg)
{
	volatile u32 *flag = arg;

	*flag = 1;
	while (*flag != 2)
		cpu_relax();
	*flag = 3;
}

static void call_without_wait_returns_early(struct ktest *t)
{
	volatile u32 flag = 0;
	u64 start;

	if (num_online_cpus() < 2)
		ktest_skip(t, "needs a second CPU");
	KASSERT_EQ(t, smp_call_function_single(1, spin_until_released,
					       (void *)&flag, false), 0);
	start = boot_time_ns();
	while (flag != 1 && boot_time_ns() - start < WAIT_LIMIT_NS)
		cpu_relax();
	KEXPECT_EQ(t, flag, 1);		/* CPU 1 runs it while we go on */
	flag = 2;
	while (flag != 3 && boot_time_ns() - start < WAIT_LIMIT_NS)
		cpu_relax();
	KEXPECT_EQ(t, flag, 3);
}

/* Wait until every online CPU's timer count passed @base[cpu] by @ticks. */
static bool ticks_advanced(const u64 *base, u32 ticks)
{
	u64 start = boot_time_ns();
	u32 cpu;

	for (;;) {
		bool all = true;

		for_each_online_cpu(cpu)
			if (cpu_info[cpu].apic_timer_irqs < base[cpu] + ticks)
				all = false;
		if (all)
			return true;
		if (boot_time_ns() - start > WAIT_LIMIT_NS)
			return false;
		cpu_relax();
	}
}

static void timer_ticks_on_every_cpu(struct ktest *t)
{
	u64 base[NR_CPUS];
	u32 cpu;

	for_each_online_cpu(cpu)
		base[cpu] = cpu_info[cpu].apic_timer_irqs;
	KEXPECT_TRUE(t, ticks_advanced(base, 3));
	for_each_online_cpu(cpu)
		KEXPECT_GE(t, cpu_info[cpu].apic_timer_irqs, base[cpu] + 3);
}

/* What a CPU's timer registers say, read on that CPU. */
struct timer_setup {
	u32 lvt, initial;
};

static void read_timer_setup(void *arg)
{
	struct timer_setup *ts = arg;

	ts->lvt = lapic_read(APIC_LVT_TIMER);
	ts->initial = lapic_read(APIC_TIMER_INIT);
}

static void timer_programmed_on_every_cpu(struct ktest *t)
{
	u32 cpu;

	KASSERT_GT(t, lapic_timer_count_per_tick, 0);
	for_each_online_cpu(cpu) {
		struct timer_setup ts = { 0 };

		KASSERT_EQ(t, smp_call_function_single(cpu, read_timer_setup, &ts, true), 0);
		KEXPECT_EQ(t, ts.lvt & 0xff, LOCAL_TIMER_VECTOR);
		KEXPECT_TRUE(t, ts.lvt & APIC_LVT_TIMER_PERIODIC);
		KEXPECT_FALSE(t, ts.lvt & APIC_LVT_MASKED);
		KEXPECT_EQ(t, ts.initial, lapic_timer_count_per_tick);
	}
}

/*
 * The timer's rate, measured again against the TSC: count-down steps over
 * RATE_WINDOW_US, within one period (a window that took twice as long, or
 * saw the counter reload, is retried), median of RATE_SAMPLES. Each counter
 * read sits between two TSC reads and is taken again when they are far
 * apart (the virtual CPU lost the host meanwhile), and counting steps
 * rather than interrupts makes lost ticks irrelevant: a busy host cannot
 * fail this case.
 */
#define RATE_WINDOW_US	2000
#define RATE_SAMPLES	5
#define RATE_ATTEMPTS	100
#define RATE_BRACKET_US	20

/* The counter, read between two TSC reads at most RATE_BRACKET_US apart. */
static bool timer_sample(u32 *count, u64 *tsc)
{
	u64 limit = (u64)tsc_khz * RATE_BRACKET_US / 1000;

	for (u32 attempt = 0; attempt < RATE_ATTEMPTS; attempt++) {
		u64 before = rdtsc();
		u32 c = lapic_read(APIC_TIMER_CURRENT);
		u64 after = rdtsc();

		if (after - before <= limit) {
			*count = c;
			*tsc = before + (after - before) / 2;
			return true;
		}
	}
	return false;
}

static u32 timer_steps_per_second(void)
{
	for (u32 attempt = 0; attempt < RATE_ATTEMPTS; attempt++) {
		u32 c0, c1;
		u64 t0, t1;

		if (!timer_sample(&c0, &t0))
			continue;
		udelay(RATE_WINDOW_US);
		/* Shorter than a period (10 ms): c1 < c0 unless it reloaded. */
		if (!timer_sample(&c1, &t1) || c1 >= c0 ||
		    t1 - t0 > (u64)tsc_khz * 2 * RATE_WINDOW_US / 1000)
			continue;
		return (u32)((u64)(c0 - c1) * tsc_khz * 1000 / (t1 - t0));
	}
	return 0;		/* it never counted down: not running */
}

static void timer_rate_matches_hz(struct ktest *t)
{
	u32 samples[RATE_SAMPLES], per_second, flags;

	if (!tsc_khz)
		ktest_skip(t, "no TSC to measure against");
	local_irq_save(flags);
	for (u32 i = 0; i < RATE_SAMPLES; i++) {
		u32 v = timer_steps_per_second(), j = i;

		for (; j > 0 && samples[j - 1] > v; j--)	/* insertion sort */
			samples[j] = samples[j - 1];
		samples[j] = v;
	}
	local_irq_restore(flags);
	per_second = samples[RATE_SAMPLES / 2];
	KEXPECT_GE(t, (u64)lapic_timer_count_per_tick * HZ, (u64)per_second * 9 / 10);
	KEXPECT_LE(t, (u64)lapic_timer_count_per_tick * HZ, (u64)per_second * 11 / 10);
}

static u32 test_vector_hits[NR_CPUS];

static void count_test_vector(struct trap_frame *tf)
{
	__atomic_add_fetch(&test_vector_hits[smp_processor_id()], 1, __ATOMIC_RELAXED);
	lapic_eoi();
}

static void ipi_all_but_self_reaches_each_ap(struct ktest *t)
{
	u64 start;
	u32 cpu, expected = num_online_cpus() - 1, got;

	for (cpu = 0; cpu < NR_CPUS; cpu++)
		test_vector_hits[cpu] = 0;
	set_interrupt_handler(SMP_TEST_VECTOR, count_test_vector);
	send_ipi_all_but_self(SMP_TEST_VECTOR);
	start = boot_time_ns();
	do {
		got = 0;
		for_each_online_cpu(cpu)
			got += __atomic_load_n(&test_vector_hits[cpu], __ATOMIC_ACQUIRE);
	} while (got < expected && boot_time_ns() - start < WAIT_LIMIT_NS);
	udelay(10000);		/* a duplicate would have arrived by now */
	KEXPECT_EQ(t, test_vector_hits[0], 0);
	for_each_online_cpu(cpu)
		if (cpu)
			KEXPECT_EQ(t, test_vector_hits[cpu], 1);
}

static void call_with_irqs_off_panics(struct ktest *t)
{
	struct self_report r;

	cli();
	smp_call_function_single(1, record_self, &r, true);
}

static struct ktest_case smp_cases[] = {
	KTEST_CASE(online_cpus_match_firmware),
	KTEST_CASE(madt_and_mptable_agree),
	KTEST_CASE(cpu_info_distinct),
	KTEST_CASE(call_runs_on_each_cpu),
	KTEST_CASE(call_without_wait_returns_early),
	KTEST_CASE(timer_ticks_on_every_cpu),
	KTEST_CASE(timer_programmed_on_every_cpu),
	KTEST_CASE(timer_rate_matches_hz),
	KTEST_CASE(ipi_all_but_self_reaches_each_ap),
	KTEST_DEATH_CASE(call_with_irqs_off_panics,
			 "smp_call_function_single(CPU 1) with interrupts disabled"),
	{}
};
KTEST_SUITE_FULL(smp, smp_cases, smp_suite_init, smp_test_init, smp_test_exit);
