// SPDX-License-Identifier: MIT
/*
 * The page allocator under concurrent use: one worker per online CPU (two
 * on one CPU, where they interleave through preemption), all allocating
 * and freeing blocks of mixed orders from every zone at once. Each block
 * is filled with its owner's pattern (HighMem pages through
 * kmap_local_page()) and verified word by word before it is freed, so a
 * block handed to two owners at once shows as a foreign pattern; at the
 * end every zone's free lists must pass buddy_check() and its counters
 * must match what the workers counted; so must the buddy lists once every
 * CPU's list of single pages is drained into them.
 */
#include <arch/x86/apic.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/wait.h>
#include <mm/buddy.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/pcp.h>

#define STRESS_OPS		4000	/* per worker: allocations and frees */
#define STRESS_SLOTS		12	/* blocks a worker holds at most */
#define STRESS_MAX_ORDER	2	/* blocks of 1, 2 or 4 pages */
#define STRESS_MIN_WORKERS	2
#define WORDS_PER_PAGE		(PAGE_SIZE / sizeof(u32))

struct stress_block {
	struct page *page;		/* NULL: the slot is empty */
	u32 order;
	u32 seed;			/* the owner's pattern for this block */
};

struct stress_worker {
	u32 id, cpu;
	u32 random;			/* xorshift32 state */
	u32 allocs[MAX_NR_ZONES];	/* blocks taken from each zone */
	u32 frees[MAX_NR_ZONES];	/* blocks given back to each zone */
	u32 alloc_failed;
	u32 bad_words;			/* words that did not hold the pattern */
	u32 bad_pfn, bad_word, bad_value, bad_expected;	/* the first one */
	struct stress_block held[STRESS_SLOTS];
};

static struct stress_worker workers[NR_CPUS * STRESS_MIN_WORKERS];
static struct completion stress_go, stress_done;

static const gfp_t stress_gfp[] = { GFP_DMA, GFP_KERNEL, GFP_HIGHUSER };

static u32 next_random(struct stress_worker *w)
{
	w->random ^= w->random << 13;
	w->random ^= w->random >> 17;
	w->random ^= w->random << 5;
	return w->random;
}

/* The word @i of a block sealed with @seed: owner, block and place in it. */
static u32 pattern(u32 seed, u32 i)
{
	return seed ^ (i * 0x9e3779b1U);
}

/* fill_or_check - write the block's pattern, or count the words that lack it. */
static void fill_or_check(struct stress_worker *w, const struct stress_block *b,
			  bool check)
{
	for (u32 p = 0; p < (1U << b->order); p++) {
		u32 *words = kmap_local_page(&b->page[p]);

		for (u32 i = 0; i < WORDS_PER_PAGE; i++) {
			u32 want = pattern(b->seed, p * WORDS_PER_PAGE + i);

			if (!check) {
				words[i] = want;
				continue;
			}
			if (words[i] == want)
				continue;
			if (!w->bad_words++) {
				w->bad_pfn = page_to_pfn(&b->page[p]);
				w->bad_word = i;
				w->bad_value = words[i];
				w->bad_expected = want;
			}
		}
		kunmap_local(words);
	}
}

static void stress_alloc(struct stress_worker *w, struct stress_block *b, u32 serial)
{
	gfp_t gfp = stress_gfp[next_random(w) % ARRAY_SIZE(stress_gfp)];
	u32 order = next_random(w) % (STRESS_MAX_ORDER + 1);

	b->page = alloc_pages(gfp, order);
	if (!b->page) {
		w->alloc_failed++;
		return;
	}
	b->order = order;
	b->seed = (w->id << 24) ^ (serial << 8) ^ page_to_pfn(b->page);
	w->allocs[page_zonenum(b->page)]++;
	fill_or_check(w, b, false);
}

static void stress_free(struct stress_worker *w, struct stress_block *b)
{
	fill_or_check(w, b, true);
	w->frees[page_zonenum(b->page)]++;
	__free_pages(b->page, b->order);
	b->page = NULL;
}

static int stress_worker_fn(void *arg)
{
	struct stress_worker *w = arg;

	wait_for_completion(&stress_go);
	for (u32 op = 0; op < STRESS_OPS; op++) {
		struct stress_block *b = &w->held[next_random(w) % STRESS_SLOTS];

		if (b->page)
			stress_free(w, b);
		else
			stress_alloc(w, b, op);
		if (op % 64 == 63)
			yield();
	}
	for (u32 s = 0; s < STRESS_SLOTS; s++)
		if (w->held[s].page)
			stress_free(w, &w->held[s]);
	complete(&stress_done);
	return 0;
}

struct zone_counts {
	u32 free_pages;
	u64 nr_alloc, nr_free_calls;
};

/*
 * The zones' free pages and the requests they served, whether from a CPU's
 * list or from the buddy lists (<mm/pcp.h>: zone_pcp_stats()). Read while
 * no one allocates.
 */
static void read_counts(struct zone_counts *c)
{
	for (u32 z = 0; z < MAX_NR_ZONES; z++) {
		struct pcp_stats pcp;
		u32 flags;

		zone_pcp_stats(&zones[z], &pcp);
		spin_lock_irqsave(&zones[z].lock, flags);
		c[z].free_pages = zones[z].free_pages + pcp.count;
		c[z].nr_alloc = zones[z].nr_alloc - pcp.nr_refilled + pcp.nr_alloc;
		c[z].nr_free_calls = zones[z].nr_free_calls - pcp.nr_returned +
				     pcp.nr_free;
		spin_unlock_irqrestore(&zones[z].lock, flags);
	}
}

/* The workers: one per online CPU, at least STRESS_MIN_WORKERS. */
static u32 place_workers(void)
{
	u32 n = 0;

	for (u32 cpu = 0; cpu < NR_CPUS; cpu++)
		if (cpu_info[cpu].online)
			workers[n++].cpu = cpu;
	while (n < STRESS_MIN_WORKERS)
		workers[n++].cpu = workers[0].cpu;
	return n;
}

static void report(u32 nr_workers, u32 nr_cpus, u64 ticks)
{
	u32 zone_allocs[MAX_NR_ZONES] = { 0 };

	kprintf("    # page_alloc stress: %u workers on %u CPUs, %u ms; "
		"allocations per worker:", nr_workers, nr_cpus,
		(u32)(ticks * 1000 / HZ));
	for (u32 i = 0; i < nr_workers; i++) {
		u32 sum = 0;

		for (u32 z = 0; z < MAX_NR_ZONES; z++) {
			sum += workers[i].allocs[z];
			zone_allocs[z] += workers[i].allocs[z];
		}
		kprintf(" %u", sum);
	}
	kprintf("\n    # page_alloc stress: by zone DMA %u, Normal %u, HighMem %u; "
		"corrupt words:", zone_allocs[ZONE_DMA], zone_allocs[ZONE_NORMAL],
		zone_allocs[ZONE_HIGHMEM]);
	for (u32 i = 0; i < nr_workers; i++)
		kprintf(" %u", workers[i].bad_words);
	kprintf("\n");
}

static void zones_stay_whole_under_concurrent_use(struct ktest *t)
{
	struct zone_counts before[MAX_NR_ZONES], after[MAX_NR_ZONES];
	struct task *th[ARRAY_SIZE(workers)];
	u32 n = place_workers(), nr_cpus = 0;
	u64 start;

	for (u32 cpu = 0; cpu < NR_CPUS; cpu++)
		nr_cpus += cpu_info[cpu].online;
	init_completion(&stress_go);
	init_completion(&stress_done);
	for (u32 i = 0; i < n; i++) {
		u32 cpu = workers[i].cpu;

		workers[i] = (struct stress_worker){
			.id = i + 1, .cpu = cpu, .random = 0x2545f491U * (i + 1) };
		th[i] = kthread_run(stress_worker_fn, &workers[i], (int)cpu,
				    "alloc-stress");
		KASSERT_NOT_NULL(t, th[i]);
	}
	/* The threads exist (their stacks are taken): from here on only the
	 * workers allocate until they are all done. */
	read_counts(before);
	start = jiffies_now();
	for (u32 i = 0; i < n; i++)
		complete(&stress_go);
	for (u32 i = 0; i < n; i++)
		wait_for_completion(&stress_done);
	read_counts(after);
	report(n, nr_cpus, jiffies_now() - start);
	for (u32 i = 0; i < n; i++)
		KEXPECT_EQ(t, kthread_join(th[i]), 0);

	for (u32 i = 0; i < n; i++) {
		struct stress_worker *w = &workers[i];

		KEXPECT_EQ(t, w->bad_words, 0);
		if (w->bad_words)
			kprintf("    # worker %u (CPU %u): pfn 0x%x word %u held "
				"0x%08x, its pattern 0x%08x\n", w->id, w->cpu,
				w->bad_pfn, w->bad_word, w->bad_value,
				w->bad_expected);
		KEXPECT_EQ(t, w->alloc_failed, 0);
	}
	for (u32 z = 0; z < MAX_NR_ZONES; z++) {
		u32 allocs = 0, frees = 0, free;
		char why[128] = "";
		bool whole;
		u32 flags;

		for (u32 i = 0; i < n; i++) {
			allocs += workers[i].allocs[z];
			frees += workers[i].frees[z];
		}
		KEXPECT_EQ(t, frees, allocs);
		KEXPECT_EQ(t, after[z].nr_alloc - before[z].nr_alloc, allocs);
		KEXPECT_EQ(t, after[z].nr_free_calls - before[z].nr_free_calls, frees);
		KEXPECT_EQ(t, after[z].free_pages, before[z].free_pages);
		if (zones[z].managed_pages)
			KEXPECT_GT(t, allocs, 0);	/* every zone was used */
		spin_lock_irqsave(&zones[z].lock, flags);
		whole = buddy_check(&zones[z], why, sizeof(why));
		spin_unlock_irqrestore(&zones[z].lock, flags);
		KEXPECT_TRUE(t, whole);
		if (!whole)
			kprintf("    # %s\n", why);
		free = zone_free_pages(&zones[z]);	/* the stacks came back */
		drain_zone_pages(&zones[z]);
		KEXPECT_EQ(t, zone_pcp_pages(&zones[z]), 0);
		KEXPECT_EQ(t, zones[z].free_pages, free);
		spin_lock_irqsave(&zones[z].lock, flags);
		whole = buddy_check(&zones[z], why, sizeof(why));
		spin_unlock_irqrestore(&zones[z].lock, flags);
		KEXPECT_TRUE(t, whole);
	}
}

static struct ktest_case page_alloc_smp_cases[] = {
	KTEST_CASE(zones_stay_whole_under_concurrent_use),
	{}
};
KTEST_SUITE(page_alloc_smp, page_alloc_smp_cases);
