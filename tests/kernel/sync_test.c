// SPDX-License-Identifier: MIT
/*
 * Spinlocks, wait queues, completions and mutexes with threads on every
 * online CPU, each checking contents (not just counts); and a stress test
 * of many threads doing kmap_local work with verification.
 */
#include <kernel/ktest.h>
#include <kernel/mutex.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/wait.h>
#include <lib/string.h>
#include <mm/highmem.h>

#define WORKERS		8
#define ITERATIONS	500	/* 4 vCPUs on 2 host cores: lock holders get descheduled */

static u32 online_cpus(void)
{
	u32 n = 0;

	for (u32 i = 0; i < NR_CPUS; i++)
		n += cpu_info[i].online;
	return n;
}

/* Run @fn(i) in WORKERS threads spread over the CPUs; join them all. */
static void run_workers(struct ktest *t, int (*fn)(void *), void *args, size_t size)
{
	struct task *th[WORKERS];

	for (u32 i = 0; i < WORKERS; i++) {
		th[i] = kthread_run(fn, (u8 *)args + i * size, -1, "worker");
		KASSERT_NOT_NULL(t, th[i]);
	}
	for (u32 i = 0; i < WORKERS; i++)
		KEXPECT_EQ(t, kthread_join(th[i]), 0);
}

/* A pair of words that must stay equal: the lock keeps writers apart. */
static DEFINE_SPINLOCK(pair_lock);
static volatile u32 pair[2];

static int spin_worker(void *arg)
{
	u32 bad = 0, flags;

	for (u32 i = 0; i < ITERATIONS; i++) {
		spin_lock_irqsave(&pair_lock, flags);
		assert_spin_locked(&pair_lock);
		bad += pair[0] != pair[1];
		pair[0]++;
		for (volatile int d = 0; d < 20; d++)
			;
		pair[1]++;
		spin_unlock_irqrestore(&pair_lock, flags);
	}
	return (int)bad;
}

static void spinlock_keeps_pairs_equal(struct ktest *t)
{
	static u32 dummy[WORKERS];

	pair[0] = pair[1] = 0;
	run_workers(t, spin_worker, dummy, sizeof(dummy[0]));
	KEXPECT_EQ(t, pair[0], WORKERS * ITERATIONS);
	KEXPECT_EQ(t, pair[1], WORKERS * ITERATIONS);
	KEXPECT_FALSE(t, spin_is_locked(&pair_lock));
	kprintf("    # %u workers on %u CPUs\n", WORKERS, online_cpus());
}

static void trylock_fails_while_held(struct ktest *t)
{
	DEFINE_SPINLOCK(l);

	KEXPECT_TRUE(t, spin_trylock(&l));
	KEXPECT_TRUE(t, spin_is_locked(&l));
	spin_unlock(&l);
	spin_lock(&l);
	KEXPECT_EQ(t, preempt_count() & PREEMPT_MASK, 1);
	spin_unlock(&l);
	KEXPECT_EQ(t, preempt_count(), 0);
}

/* A mutex-protected log: each holder appends its id twice, sleeping
 * in between; the log must show the pairs unbroken. */
static DEFINE_MUTEX(log_mutex);
static u32 mlog[WORKERS * 8 * 2];
static volatile u32 mlog_len;

static int mutex_worker(void *arg)
{
	u32 id = *(u32 *)arg;

	for (u32 i = 0; i < 8; i++) {
		mutex_lock(&log_mutex);
		mlog[mlog_len++] = id;
		yield();			/* others run; none may enter */
		mlog[mlog_len++] = id;
		mutex_unlock(&log_mutex);
	}
	return 0;
}

static void mutex_keeps_sections_whole(struct ktest *t)
{
	static u32 ids[WORKERS];

	mlog_len = 0;
	for (u32 i = 0; i < WORKERS; i++)
		ids[i] = i + 1;
	run_workers(t, mutex_worker, ids, sizeof(ids[0]));
	KASSERT_EQ(t, mlog_len, WORKERS * 8 * 2);
	for (u32 i = 0; i < mlog_len; i += 2)
		KEXPECT_EQ(t, mlog[i], mlog[i + 1]);
	KEXPECT_NULL(t, log_mutex.owner);
}

/* A token passed around a ring of threads through wait queues. */
static DECLARE_WAIT_QUEUE_HEAD(ring_wait);
static volatile u32 token, passes;

static int ring_worker(void *arg)
{
	u32 me = *(u32 *)arg;

	for (u32 round = 0; round < 20; round++) {
		wait_event(ring_wait, token == me);
		passes++;
		token = (me + 1) % WORKERS;
		wake_up(&ring_wait);
	}
	return 0;
}

static void wait_queue_passes_token(struct ktest *t)
{
	static u32 ids[WORKERS];

	token = 0;
	passes = 0;
	for (u32 i = 0; i < WORKERS; i++)
		ids[i] = i;
	run_workers(t, ring_worker, ids, sizeof(ids[0]));
	KEXPECT_EQ(t, passes, WORKERS * 20);
	KEXPECT_EQ(t, token, 0);
}

static struct completion go, done;
static volatile u32 started;

static int completion_worker(void *arg)
{
	wait_for_completion(&go);
	__atomic_fetch_add(&started, 1, __ATOMIC_SEQ_CST);
	complete(&done);
	return 0;
}

static void completions_release_each_waiter(struct ktest *t)
{
	static u32 dummy[WORKERS];
	struct task *th[WORKERS];

	init_completion(&go);
	init_completion(&done);
	started = 0;
	for (u32 i = 0; i < WORKERS; i++)
		th[i] = kthread_run(completion_worker, &dummy[i], -1, "waiter");
	yield();
	KEXPECT_EQ(t, started, 0);
	for (u32 i = 0; i < WORKERS; i++)
		complete(&go);
	for (u32 i = 0; i < WORKERS; i++)
		wait_for_completion(&done);
	KEXPECT_EQ(t, started, WORKERS);
	for (u32 i = 0; i < WORKERS; i++)
		kthread_join(th[i]);
}

/* Stress: every worker maps its own pages, nested, checks, on its CPU. */
struct kmap_job {
	struct page *pages[4];
	u32 bad, rounds;
};

static int kmap_worker(void *arg)
{
	struct kmap_job *job = arg;

	for (u32 r = 0; r < job->rounds; r++) {
		u32 *p[4];

		for (u32 i = 0; i < 4; i++) {
			p[i] = kmap_local_pfn(page_to_pfn(job->pages[i]));
			p[i][r % 1024] = page_to_pfn(job->pages[i]) + r;
		}
		if (r % 8 == 0)
			yield();
		for (u32 i = 0; i < 4; i++)
			job->bad += p[i][r % 1024] != page_to_pfn(job->pages[i]) + r;
		for (int i = 3; i >= 0; i--)
			kunmap_local(p[i]);
	}
	return 0;
}

static void kmap_stress_on_every_cpu(struct ktest *t)
{
	static struct kmap_job jobs[WORKERS];
	u64 before = nr_context_switches_with_kmaps;

	for (u32 w = 0; w < WORKERS; w++) {
		jobs[w].bad = 0;
		jobs[w].rounds = 400;
		for (u32 i = 0; i < 4; i++) {
			jobs[w].pages[i] = alloc_page(GFP_HIGHUSER);
			KASSERT_NOT_NULL(t, jobs[w].pages[i]);
		}
	}
	run_workers(t, kmap_worker, jobs, sizeof(jobs[0]));
	for (u32 w = 0; w < WORKERS; w++) {
		KEXPECT_EQ(t, jobs[w].bad, 0);
		for (u32 i = 0; i < 4; i++)
			__free_page(jobs[w].pages[i]);
	}
	kprintf("    # kmap stress: %u workers on %u CPUs, %llu switches with "
		"mappings held\n", WORKERS, online_cpus(),
		nr_context_switches_with_kmaps - before);
}

/* wait_event_timeout(): a condition nobody makes true times out after
 * the ticks asked for; one made true by another thread ends the wait
 * early, with true. */
static DECLARE_WAIT_QUEUE_HEAD(timed_wait);
static volatile u32 timed_flag;

static int timed_waker(void *arg)
{
	msleep(30);
	timed_flag = 1;
	wake_up(&timed_wait);
	return 0;
}

static void wait_event_timeout_times_out_or_wakes(struct ktest *t)
{
	struct task *th;
	u64 start = jiffies_now();
	bool ok;

	timed_flag = 0;
	ok = wait_event_timeout(timed_wait, timed_flag, 50);
	KEXPECT_FALSE(t, ok);
	KEXPECT_GE(t, jiffies_now() - start, 5);	/* 50 ms: 5 ticks */
	KEXPECT_LT(t, jiffies_now() - start, 50);

	th = kthread_run(timed_waker, NULL, -1, "waker");
	KASSERT_NOT_NULL(t, th);
	start = jiffies_now();
	ok = wait_event_timeout(timed_wait, timed_flag, 5000);
	KEXPECT_TRUE(t, ok);
	KEXPECT_LT(t, jiffies_now() - start, 100);	/* not the 5 s */
	KEXPECT_EQ(t, kthread_join(th), 0);
}

static struct ktest_case sync_cases[] = {
	KTEST_CASE(spinlock_keeps_pairs_equal),
	KTEST_CASE(trylock_fails_while_held),
	KTEST_CASE(mutex_keeps_sections_whole),
	KTEST_CASE(wait_queue_passes_token),
	KTEST_CASE(completions_release_each_waiter),
	KTEST_CASE(wait_event_timeout_times_out_or_wakes),
	KTEST_CASE(kmap_stress_on_every_cpu),
	{}
};
KTEST_SUITE(sync, sync_cases);
