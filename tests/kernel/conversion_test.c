// SPDX-License-Identifier: MIT
/*
 * The conversion lessons of Linux's highmem documentation, as paired tests:
 * code between kmap_atomic() and kunmap_atomic() may rely on what
 * kmap_atomic() disabled. Converted naively to kmap_local_page() it breaks;
 * converted correctly it asks for preemption or pagefaults to be disabled
 * itself.
 *
 * Lesson 1: a per-CPU counter updated inside the mapped section.
 * Lesson 2: a copy that relies on pagefaults being disabled.
 * Lesson 3: a kmap() address handed to another thread.
 *
 * The three correct conversions (bump_mapped_counter, copy_word_mapped,
 * read_word_in_thread) are lab 6's exercise (docs/labs/lab6.md).
 */
#define HM386_LEGACY_KMAP_USER	/* the "before" side uses kmap_atomic(), kmap() */
#include <arch/x86/extable.h>
#include <arch/x86/tsc.h>
#include <kernel/ktest.h>
#include <kernel/lab.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <mm/highmem.h>
#include <mm/mmzone.h>

enum style { LEGACY_ATOMIC, NAIVE_LOCAL, CORRECT_LOCAL };

#define ROUNDS 8

static u32 hits[NR_CPUS];

struct updater {
	enum style style;
	struct page *page;
};

/* Wait until this CPU's timer ticks: a preemption point is guaranteed. */
static void wait_for_tick(void)
{
	u64 tick = this_cpu()->ticks;

	while (this_cpu()->ticks == tick)
		__asm__ volatile("pause");
}

/* Read-modify-write of this CPU's counter, spanning a timer tick. */
LAB_STATIC void bump(void)
{
	u32 cpu = smp_processor_id();
	u32 v = hits[cpu];

	wait_for_tick();
	hits[cpu] = v + 1;
}

/*
 * bump_mapped_counter - lesson 1 converted: bump() with @page mapped, as the
 * kmap_atomic() version did, through kmap_local_page(), and no update lost.
 */
LAB_STATIC LAB_EXERCISE(6) void bump_mapped_counter(struct page *page)
{
	void *p = kmap_local_page(page);

	preempt_disable();		/* what kmap_atomic did */
	bump();
	preempt_enable();
	kunmap_local(p);
}

static int update_counter(void *arg)
{
	struct updater *u = arg;

	for (u32 i = 0; i < ROUNDS; i++) {
		void *p;

		switch (u->style) {
		case LEGACY_ATOMIC:
			p = kmap_atomic(u->page);	/* preemption off */
			bump();
			kunmap_atomic(p);
			break;
		case NAIVE_LOCAL:
			p = kmap_local_page(u->page);	/* preemption still on */
			bump();
			kunmap_local(p);
			break;
		case CORRECT_LOCAL:
			bump_mapped_counter(u->page);
			break;
		}
	}
	return 0;
}

/* Two threads on CPU 0 update CPU 0's counter; returns the final count. */
static u32 run_updaters(struct ktest *t, enum style style, gfp_t gfp)
{
	struct updater u[2];
	struct task *th[2];

	/* Run alone, the suite may start before the timer's first tick. */
	for (u32 ms = 0; ms < 1000 && !cpu_info[0].ticks; ms++)
		udelay(1000);
	if (!cpu_info[0].ticks)
		ktest_skip(t, "no timer ticks");
	hits[0] = 0;
	for (u32 i = 0; i < 2; i++) {
		u[i].style = style;
		u[i].page = alloc_page(gfp);
		KASSERT_NOT_NULL(t, u[i].page);
		th[i] = kthread_create(update_counter, &u[i], 0, "updater");
		KASSERT_NOT_NULL(t, th[i]);
	}
	for (u32 i = 0; i < 2; i++)
		wake_up_process(th[i]);
	for (u32 i = 0; i < 2; i++) {
		kthread_join(th[i]);
		__free_page(u[i].page);
	}
	return hits[0];
}

static void counter_exact_under_kmap_atomic(struct ktest *t)
{
	KEXPECT_EQ(t, run_updaters(t, LEGACY_ATOMIC, GFP_HIGHUSER), 2 * ROUNDS);
}

static void counter_wrong_after_naive_conversion(struct ktest *t)
{
	if (!zones[ZONE_HIGHMEM].free_pages)
		ktest_skip(t, "needs HighMem: a lowmem page trips the "
			   "smp_processor_id() check instead (death case)");
	/* The mapping pins the task to its CPU, but the other thread still
	 * runs on it between the read and the write: updates are lost. */
	KEXPECT_LT(t, run_updaters(t, NAIVE_LOCAL, GFP_HIGHUSER), 2 * ROUNDS);
}

static void counter_exact_after_correct_conversion(struct ktest *t)
{
	KEXPECT_EQ(t, run_updaters(t, CORRECT_LOCAL, GFP_HIGHUSER), 2 * ROUNDS);
}

/* A lowmem page takes no slot, so nothing pins the task: the debug check
 * in smp_processor_id() fires at the first update, timer or not. */
static void naive_conversion_of_lowmem_caught(struct ktest *t)
{
	struct updater u = { NAIVE_LOCAL, alloc_page(GFP_KERNEL) };

	update_counter(&u);
}

/* Lesson 2: a copy from a bad address inside the mapped section. */
#define BAD_ADDRESS ((const void *)0x10)

static void copy_fails_cleanly_under_kmap_atomic(struct ktest *t)
{
	u32 word;
	struct page *page = alloc_page(GFP_HIGHUSER);
	void *p = kmap_atomic(page);

	KEXPECT_EQ(t, __copy_from_kernel_inatomic(&word, BAD_ADDRESS, 4), -EFAULT);
	kunmap_atomic(p);
	__free_page(page);
}

/*
 * copy_word_mapped - lesson 2 converted: with @page mapped, copy a word
 * from @src, which may fault, into *@word. Returns 0, or -EFAULT when @src
 * cannot be read: never a page-fault panic.
 */
LAB_STATIC LAB_EXERCISE(6) int copy_word_mapped(struct page *page, u32 *word,
						const void *src)
{
	void *p = kmap_local_page(page);
	int ret;

	pagefault_disable();			/* what kmap_atomic did */
	ret = __copy_from_kernel_inatomic(word, src, sizeof(*word));
	pagefault_enable();
	kunmap_local(p);
	return ret;
}

static void copy_fails_cleanly_after_correct_conversion(struct ktest *t)
{
	u32 word;
	struct page *page = alloc_page(GFP_HIGHUSER);

	KASSERT_NOT_NULL(t, page);
	KEXPECT_EQ(t, copy_word_mapped(page, &word, BAD_ADDRESS), -EFAULT);
	__free_page(page);
}

static void copy_panics_after_naive_conversion(struct ktest *t)
{
	u32 word;
	void *p = kmap_local_page(alloc_page(GFP_HIGHUSER));

	__copy_from_kernel_inatomic(&word, BAD_ADDRESS, 4);
	kunmap_local(p);
}

/*
 * Lesson 3: a kmap() address may be used by another thread; a
 * kmap_local_page() address may not (the slot is this thread's, and is
 * taken down whenever it is switched out). The correct conversion hands
 * over the page, and the other thread maps it itself.
 */
#define HANDOVER_WORD	0x4a4d4150U

struct handover {
	struct page *page;
	const u32 *addr;
	u32 word;
};

static int read_handed_address(void *arg)
{
	struct handover *h = arg;

	h->word = h->addr[0];
	return 0;
}

static int map_handed_page(void *arg)
{
	struct handover *h = arg;
	const u32 *p = kmap_local_page(h->page);

	h->word = p[0];
	kunmap_local(p);
	return 0;
}

/* A HighMem page holding HANDOVER_WORD; @fn runs in a thread on this CPU. */
static void hand_over(struct ktest *t, struct handover *h, int (*fn)(void *))
{
	struct task *th = kthread_run(fn, h, current->cpu, "handover");

	KASSERT_NOT_NULL(t, th);
	KEXPECT_EQ(t, kthread_join(th), 0);
}

static struct page *handover_page(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	KASSERT_NOT_NULL(t, page);
	memcpy_to_page(page, 0, &(u32){ HANDOVER_WORD }, sizeof(u32));
	return page;
}

static void shared_address_works_under_kmap(struct ktest *t)
{
	struct handover h = { handover_page(t), NULL, 0 };

	h.addr = kmap(h.page);
	hand_over(t, &h, read_handed_address);
	kunmap(h.page);
	KEXPECT_EQ(t, h.word, HANDOVER_WORD);
	__free_page(h.page);
}

static void shared_address_after_naive_conversion_caught(struct ktest *t)
{
	struct handover h = { handover_page(t), NULL, 0 };

	h.addr = kmap_local_page(h.page);
	hand_over(t, &h, read_handed_address);
	kunmap_local(h.addr);
}

/*
 * read_word_in_thread - lesson 3 converted: the first word of @page, as a
 * thread on this CPU reads it. The kmap() version handed the thread an
 * address; a kmap_local_page() address may not leave its thread, so the
 * page is handed over and the thread maps it itself.
 */
LAB_STATIC LAB_EXERCISE(6) u32 read_word_in_thread(struct page *page)
{
	struct handover h = { page, NULL, 0 };
	struct task *th = kthread_run(map_handed_page, &h, current->cpu,
				      "handover");

	if (!th || kthread_join(th))
		return 0;
	return h.word;
}

static void page_handed_over_after_correct_conversion(struct ktest *t)
{
	struct page *page = handover_page(t);

	KEXPECT_EQ(t, read_word_in_thread(page), HANDOVER_WORD);
	__free_page(page);
}

static struct ktest_case conversion_cases[] = {
	KTEST_CASE(counter_exact_under_kmap_atomic),
	KTEST_CASE(counter_wrong_after_naive_conversion),
	KTEST_CASE(counter_exact_after_correct_conversion),
	KTEST_DEATH_CASE(naive_conversion_of_lowmem_caught,
			 "BUG: using smp_processor_id() in preemptible code"),
	KTEST_CASE(copy_fails_cleanly_under_kmap_atomic),
	KTEST_CASE(copy_fails_cleanly_after_correct_conversion),
	KTEST_DEATH_CASE(copy_panics_after_naive_conversion,
			 "page fault at 0x00000010: not-present read"),
	KTEST_CASE(shared_address_works_under_kmap),
	KTEST_DEATH_CASE(shared_address_after_naive_conversion_caught,
			 "kmap_local_page() mappings are thread-local"),
	KTEST_CASE(page_handed_over_after_correct_conversion),
	{}
};
KTEST_SUITE(conversion, conversion_cases);
