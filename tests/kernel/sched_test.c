// SPDX-License-Identifier: MIT
/*
 * Threads and the scheduler: create, run, join; switching with kmap_local
 * mappings held (each task sees its own pages at the same slot addresses);
 * sleeping; the migration rule; and the misuses that must panic.
 */
#define HM386_LEGACY_KMAP_USER	/* the kmap_atomic() death case */
#include <arch/x86/cpu.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <kernel/wait.h>
#include <lib/string.h>
#include <mm/highmem.h>

static int return_42(void *arg)
{
	*(u32 *)arg = 0xc0ffee;
	return 42;
}

static void thread_runs_and_joins(struct ktest *t)
{
	u32 seen = 0;
	struct task *th = kthread_run(return_42, &seen, 0, "answer");

	KASSERT_NOT_NULL(t, th);
	KEXPECT_EQ(t, kthread_join(th), 42);
	KEXPECT_EQ(t, seen, 0xc0ffee);
}

#define LOG_MAX 64
static u32 order_log[LOG_MAX];
static u32 order_len;

static int log_and_yield(void *arg)
{
	for (u32 i = 0; i < 4; i++) {
		order_log[order_len++] = (u32)arg;
		yield();
	}
	return 0;
}

/*
 * A timer tick that preempts a thread between its log entry and its yield()
 * adds a switch of its own, and the order then shows the same thread twice:
 * a run that saw a tick on CPU 0 is repeated (it takes microseconds, a tick
 * comes every 10 ms).
 */
#define YIELD_TRIES	20

static void yield_alternates_threads(struct ktest *t)
{
	struct task *a, *b;
	u64 ticks;
	u32 tries = 0;

	do {
		ticks = cpu_info[0].ticks;
		order_len = 0;
		a = kthread_create(log_and_yield, (void *)1, 0, "log-a");
		b = kthread_create(log_and_yield, (void *)2, 0, "log-b");
		KASSERT_NOT_NULL(t, a);
		KASSERT_NOT_NULL(t, b);
		wake_up_process(a);
		wake_up_process(b);
		kthread_join(a);
		kthread_join(b);
	} while (cpu_info[0].ticks != ticks && ++tries < YIELD_TRIES);
	KASSERT_LT(t, tries, YIELD_TRIES);
	KASSERT_EQ(t, order_len, 8);
	/* Round robin: the two threads take turns. */
	for (u32 i = 1; i < order_len; i++)
		KEXPECT_NE(t, order_log[i], order_log[i - 1]);
}

/* A thread that holds three nested mappings of its own pages while it is
 * switched out again and again, and checks them after every switch. */
struct holder {
	struct page *pages[3];
	u32 *addrs[3];
	u32 rounds, bad;
	bool busy_wait;			/* let the timer preempt, or yield */
};

static int hold_mappings(void *arg)
{
	struct holder *h = arg;

	for (u32 i = 0; i < 3; i++) {
		h->addrs[i] = kmap_local_pfn(page_to_pfn(h->pages[i]));
		for (u32 w = 0; w < PAGE_SIZE / 4; w += 64)
			h->addrs[i][w] = page_to_pfn(h->pages[i]) ^ w;
	}
	for (u32 r = 0; r < h->rounds; r++) {
		if (h->busy_wait) {
			u64 tick = this_cpu()->ticks;

			while (this_cpu()->ticks == tick)
				cpu_relax();
		} else {
			yield();
		}
		for (u32 i = 0; i < 3; i++)
			for (u32 w = 0; w < PAGE_SIZE / 4; w += 64)
				h->bad += h->addrs[i][w] != (page_to_pfn(h->pages[i]) ^ w);
	}
	for (int i = 2; i >= 0; i--)
		kunmap_local(h->addrs[i]);
	return 0;
}

static void run_holders(struct ktest *t, bool busy_wait, u32 rounds)
{
	static struct holder h[3];
	struct task *th[3];
	u64 before = nr_context_switches_with_kmaps;

	for (u32 k = 0; k < 3; k++) {
		memset(&h[k], 0, sizeof(h[k]));
		h[k].rounds = rounds;
		h[k].busy_wait = busy_wait;
		for (u32 i = 0; i < 3; i++) {
			h[k].pages[i] = alloc_page(GFP_HIGHUSER);
			KASSERT_NOT_NULL(t, h[k].pages[i]);
		}
	}
	for (u32 k = 0; k < 3; k++)
		th[k] = kthread_create(hold_mappings, &h[k], 0, "holder");
	for (u32 k = 0; k < 3; k++)
		wake_up_process(th[k]);
	for (u32 k = 0; k < 3; k++)
		kthread_join(th[k]);
	for (u32 k = 0; k < 3; k++) {
		KEXPECT_EQ(t, h[k].bad, 0);
		for (u32 i = 0; i < 3; i++)
			__free_page(h[k].pages[i]);
	}
	/* The threads used the same slot addresses for different pages. */
	KEXPECT_EQ(t, (u32)h[0].addrs[1], (u32)h[1].addrs[1]);
	KEXPECT_NE(t, page_to_pfn(h[0].pages[1]), page_to_pfn(h[1].pages[1]));
	kprintf("    # %llu context switches with kmap_local mappings held\n",
		nr_context_switches_with_kmaps - before);
	KEXPECT_GE(t, nr_context_switches_with_kmaps - before, 3 * rounds);
}

static void mappings_survive_yield(struct ktest *t)
{
	run_holders(t, false, 1000);
}

static void mappings_survive_preemption(struct ktest *t)
{
	u64 tick = this_cpu()->ticks;

	for (u32 spin = 0; spin < 20000000 && this_cpu()->ticks == tick; spin++)
		cpu_relax();
	if (this_cpu()->ticks == tick)
		ktest_skip(t, "no timer ticks on this CPU");
	run_holders(t, true, 30);
}

static void msleep_sleeps(struct ktest *t)
{
	u64 start = jiffies_now();

	if (this_cpu()->ticks == 0)
		ktest_skip(t, "no timer ticks");
	msleep(50);
	KEXPECT_GE(t, jiffies_now() - start, 5);
}

static void migration_refused_while_mapped(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u32 *p;
	u32 home = raw_smp_processor_id(), other = home ? 0 : 1;

	KASSERT_NOT_NULL(t, page);
	if (!cpu_info[other].online)
		ktest_skip(t, "one CPU");
	p = kmap_local_pfn(page_to_pfn(page));
	KEXPECT_EQ(t, migrate_to(other), -1);
	KEXPECT_EQ(t, raw_smp_processor_id(), home);
	kunmap_local(p);
	KEXPECT_EQ(t, migrate_to(other), 0);
	KEXPECT_EQ(t, raw_smp_processor_id(), other);
	KEXPECT_EQ(t, migrate_to(home), 0);
	KEXPECT_EQ(t, raw_smp_processor_id(), home);
	__free_page(page);
}

/* Death cases. */
static struct completion mapped, never;
static u32 *shared_pointer;

static int map_and_wait(void *arg)
{
	shared_pointer = kmap_local_pfn(page_to_pfn(arg));
	shared_pointer[0] = 7;
	complete(&mapped);
	wait_for_completion(&never);	/* holds the mapping, asleep */
	return 0;
}

static void cross_task_use_diagnosed(struct ktest *t)
{
	init_completion(&mapped);
	init_completion(&never);
	kthread_run(map_and_wait, alloc_page(GFP_HIGHUSER), raw_smp_processor_id(), "owner");
	wait_for_completion(&mapped);
	KEXPECT_EQ(t, shared_pointer[0], 7);	/* the bug: not our mapping */
}

static void sleep_in_kmap_atomic_caught(struct ktest *t)
{
	void *p = kmap_atomic(alloc_page(GFP_HIGHUSER));

	msleep(1);
	kunmap_atomic(p);
}

static int exit_mapped(void *arg)
{
	kmap_local_pfn(page_to_pfn(arg));
	return 0;
}

static void exit_with_mapping_panics(struct ktest *t)
{
	kthread_join(kthread_run(exit_mapped, alloc_page(GFP_HIGHUSER), 0, "leaker"));
}

static u32 __attribute__((noinline)) deep(u32 n)
{
	volatile u8 frame[512];

	frame[0] = (u8)n;
	return n ? deep(n - 1) + frame[0] : 0;
}

static int overflow(void *arg)
{
	return (int)deep(100000);
}

static void thread_stack_overflow_diagnosed(struct ktest *t)
{
	kthread_join(kthread_run(overflow, NULL, 0, "deep"));
}

static struct ktest_case sched_cases[] = {
	KTEST_CASE(thread_runs_and_joins),
	KTEST_CASE(yield_alternates_threads),
	KTEST_CASE(mappings_survive_yield),
	KTEST_CASE(mappings_survive_preemption),
	KTEST_CASE(msleep_sleeps),
	KTEST_CASE(migration_refused_while_mapped),
	KTEST_DEATH_CASE(cross_task_use_diagnosed,
			 "is mapped by task owner"),
	KTEST_DEATH_CASE(sleep_in_kmap_atomic_caught,
			 "BUG: sleeping function called from invalid context"),
	KTEST_DEATH_CASE(exit_with_mapping_panics,
			 "task leaker"),
	KTEST_DEATH_CASE(thread_stack_overflow_diagnosed,
			 "kernel stack overflow: task deep"),
	{}
};
KTEST_SUITE(sched, sched_cases);
