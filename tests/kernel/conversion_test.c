// SPDX-License-Identifier: MIT
/*
 * The conversion lessons of Linux's highmem documentation, as paired tests:
 * code between kmap_atomic() and kunmap_atomic() may rely on what
 * kmap_atomic() disabled. Converted naively to kmap_local_page() it breaks;
 * converted correctly it asks for preemption or pagefaults to be disabled
 * itself.
 *
 * Lesson 1: a per-CPU counter updated inside the mapped section.
 * Lesson 2: a copy that relies on pagefaults being disabled: a fault on a
 *   user page not there yet fails the copy instead of being served.
 * Lesson 3: a kmap() address handed to another thread; and why the rule
 *   is a rule: a leaked kmap_local address is not always caught.
 *
 * The three correct conversions (bump_mapped_counter, copy_chunk_mapped,
 * read_word_in_thread) are lab 6's exercise (docs/labs/lab6.md).
 */
#define HM386_LEGACY_KMAP_USER	/* the "before" side uses kmap_atomic(), kmap() */
#include <arch/x86/extable.h>
#include <arch/x86/pgtable.h>
#include <arch/x86/smp.h>
#include <kernel/wait.h>
#include <arch/x86/tsc.h>
#include <arch/x86/uaccess.h>
#include <kernel/ktest.h>
#include <kernel/lab.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <mm/highmem.h>
#include <mm/mmzone.h>
#include "mm/kmap_local_internal.h"
#include "mm_test_util.h"

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
	kprintf("    # 2 threads x %u updates: counter %u, %d lost\n", ROUNDS,
		hits[0], (int)(2 * ROUNDS) - (int)hits[0]);
	return hits[0];
}

static void counter_exact_under_kmap_atomic(struct ktest *t)
{
	KEXPECT_EQ(t, run_updaters(t, LEGACY_ATOMIC, GFP_HIGHUSER), 2 * ROUNDS);
}

static void counter_wrong_after_naive_conversion(struct ktest *t)
{
	if (!zone_free_pages(&zones[ZONE_HIGHMEM]))
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

/*
 * Lesson 2: what pagefault_disable() changes. Not whether a bad address
 * panics: a kernel fault at a listed instruction is fixed up in any
 * context, as in Linux, so a copy from a bad address fails with -EFAULT
 * after any conversion. What changes is a fault that would be served: on
 * a user page that is valid but not there yet, with pagefaults disabled,
 * the handler does not serve it (serving may sleep) and the copy fails
 * short; with them enabled it is served, and the copy completes.
 *
 * The code converted here is the write path's atomic step (Linux's
 * generic_perform_write(), fs/filemap.c's generic_file_write()): copy user bytes into
 * a page-cache page while holding it. In Linux the page is locked, and a
 * fault on the source could need that very page (write() from a mapping of
 * the same file): the step must not serve a fault. Its caller handles the
 * short copy: it lets go of the page, faults the source in with nothing
 * held (fault_in_readable()), and copies again (fs_stats.write_retries).
 * kmap_atomic() disabled pagefaults for the step; kmap_local_page() does
 * not, so the converted step must ask for it.
 */
#define BAD_ADDRESS	((const void *)0x10)
#define USER_BASE	0x10000000U	/* two pages: the first present */
#define CHUNK		64		/* bytes per step */
#define CHUNK_OFFSET	100		/* where the step writes in the page */
#define PRESENT_PART	24		/* the chunk's bytes in the first page */
#define USER_SRC	(USER_BASE + PAGE_SIZE - PRESENT_PART)
#define DEST_SENTINEL	0x3c

typedef unsigned long (*copy_step_t)(struct page *page, u32 offset,
				     const void __user *src, unsigned long n);

/* The step as it was: kmap_atomic() disabled pagefaults. */
static unsigned long copy_step_under_kmap_atomic(struct page *page, u32 offset,
						 const void __user *src,
						 unsigned long n)
{
	u8 *p = kmap_atomic(page);
	unsigned long left = __copy_from_user_inatomic(p + offset, src, n);

	kunmap_atomic(p);
	return left;
}

/* The step converted by swapping the calls: pagefaults stay enabled. */
static unsigned long copy_step_naive(struct page *page, u32 offset,
				     const void __user *src, unsigned long n)
{
	u8 *p = kmap_local_page(page);
	unsigned long left = __copy_from_user_inatomic(p + offset, src, n);

	kunmap_local(p);
	return left;
}

/*
 * copy_chunk_mapped - lesson 2 converted: with @page mapped, copy @n bytes
 * from user @src to @page at @offset, serving no page fault (the caller
 * holds @page: a fault could need it). Returns the bytes not copied: a
 * short copy stops at the first page of @src that is not there, having
 * copied exactly the bytes before it; the caller faults the rest in and
 * calls again.
 */
LAB_STATIC LAB_EXERCISE(6) unsigned long copy_chunk_mapped(struct page *page,
							   u32 offset,
							   const void __user *src,
							   unsigned long n)
{
	u8 *p = kmap_local_page(page);
	unsigned long left;

	pagefault_disable();		/* what kmap_atomic did */
	left = __copy_from_user_inatomic(p + offset, src, n);
	pagefault_enable();
	kunmap_local(p);
	return left;
}

/* The source byte @i of the chunk: a pattern in the present page, zero in
 * the demand-zero page after it. */
static u8 source_byte(u32 i)
{
	return i < PRESENT_PART ? (u8)(0xa0 + i) : 0;
}

/*
 * A process address space with the chunk's source at USER_SRC: its first
 * PRESENT_PART bytes (a pattern) in a page that is there, the rest in a
 * page that is valid but not there yet. And a HighMem page, @dest, full of
 * DEST_SENTINEL.
 */
static void step_setup(struct ktest *t, struct test_mm *tm, struct page **dest)
{
	u8 pattern[PRESENT_PART];

	for (u32 i = 0; i < PRESENT_PART; i++)
		pattern[i] = source_byte(i);
	*dest = alloc_page(GFP_HIGHUSER);
	KASSERT_NOT_NULL(t, *dest);
	memset_page(*dest, 0, DEST_SENTINEL, PAGE_SIZE);
	KASSERT_EQ(t, test_mm_enter(tm, USER_BASE, 2 * PAGE_SIZE,
				    VM_READ | VM_WRITE), 0);
	KEXPECT_EQ(t, copy_to_user((void __user *)USER_SRC, pattern,
				   PRESENT_PART), 0);
	KEXPECT_FALSE(t, user_page_present(tm->mm, USER_BASE + PAGE_SIZE));
}

static void step_teardown(struct test_mm *tm, struct page *dest)
{
	test_mm_leave(tm);
	__free_page(dest);
}

/* How many of @dest's chunk bytes, from @from, hold the source's bytes;
 * and whether everything else of the page still holds the sentinel. */
static u32 chunk_bytes_copied(struct page *dest, u32 from, bool *rest_untouched)
{
	const u8 *p = kmap_local_page(dest);
	u32 n = from;

	while (n < CHUNK && p[CHUNK_OFFSET + n] == source_byte(n))
		n++;
	*rest_untouched = true;
	for (u32 i = 0; i < PAGE_SIZE; i++) {
		bool in_copied = i >= CHUNK_OFFSET && i < CHUNK_OFFSET + n;

		if (!in_copied && p[i] != DEST_SENTINEL)
			*rest_untouched = false;
	}
	kunmap_local(p);
	return n;
}

/*
 * One step of @step on the chunk: it must copy exactly the present part and
 * stop at the absent page without serving the fault (the page is still not
 * there). Then the caller's fallback, the write path's: fault the rest in
 * with nothing mapped, and step again; the chunk is then whole.
 */
static void expect_step_stops_short(struct ktest *t, copy_step_t step)
{
	struct test_mm tm;
	struct page *dest;
	unsigned long left;
	bool untouched;
	u32 done;

	step_setup(t, &tm, &dest);
	left = step(dest, CHUNK_OFFSET, (const void __user *)USER_SRC, CHUNK);
	KEXPECT_EQ(t, left, CHUNK - PRESENT_PART);
	KEXPECT_FALSE(t, pagefault_disabled());
	KEXPECT_FALSE(t, user_page_present(tm.mm, USER_BASE + PAGE_SIZE));
	KEXPECT_EQ(t, tm.mm->rss, 1);
	KEXPECT_EQ(t, chunk_bytes_copied(dest, 0, &untouched), PRESENT_PART);
	KEXPECT_TRUE(t, untouched);
	/* The fallback: nothing mapped, fault the rest in, step again. */
	done = CHUNK - (u32)left;
	KEXPECT_EQ(t, fault_in_readable((const char __user *)USER_SRC + done,
					left), 0);
	KEXPECT_TRUE(t, user_page_present(tm.mm, USER_BASE + PAGE_SIZE));
	KEXPECT_EQ(t, step(dest, CHUNK_OFFSET + done,
			   (const void __user *)(USER_SRC + done), left), 0);
	KEXPECT_EQ(t, chunk_bytes_copied(dest, 0, &untouched), CHUNK);
	KEXPECT_TRUE(t, untouched);
	step_teardown(&tm, dest);
}

static void absent_source_stops_copy_under_kmap_atomic(struct ktest *t)
{
	expect_step_stops_short(t, copy_step_under_kmap_atomic);
}

/* The naive step completes: the fault was served with the page held. In
 * Linux, with the page locked, that is the write path's deadlock. */
static void absent_source_served_after_naive_conversion(struct ktest *t)
{
	struct test_mm tm;
	struct page *dest;
	bool untouched;

	step_setup(t, &tm, &dest);
	KEXPECT_EQ(t, copy_step_naive(dest, CHUNK_OFFSET,
				      (const void __user *)USER_SRC, CHUNK), 0);
	KEXPECT_TRUE(t, user_page_present(tm.mm, USER_BASE + PAGE_SIZE));
	KEXPECT_EQ(t, tm.mm->rss, 2);
	KEXPECT_EQ(t, chunk_bytes_copied(dest, 0, &untouched), CHUNK);
	step_teardown(&tm, dest);
}

static void absent_source_stops_copy_after_correct_conversion(struct ktest *t)
{
	expect_step_stops_short(t, copy_chunk_mapped);
}

/* What did not change: a bad address fails the copy after any conversion,
 * pagefaults disabled or not; the fixup does not depend on them. */
static void bad_address_fails_after_any_conversion(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u32 word = 0x5a5a5a5a;
	void *p;

	KASSERT_NOT_NULL(t, page);
	p = kmap_atomic(page);
	KEXPECT_EQ(t, __copy_from_kernel_inatomic(&word, BAD_ADDRESS, 4), -EFAULT);
	kunmap_atomic(p);
	p = kmap_local_page(page);
	KEXPECT_EQ(t, __copy_from_kernel_inatomic(&word, BAD_ADDRESS, 4), -EFAULT);
	kunmap_local(p);
	KEXPECT_EQ(t, word, 0x5a5a5a5a);
	__free_page(page);
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

/* Run @fn(@arg) in a thread on this CPU and wait for it to return 0. */
static void hand_over(struct ktest *t, void *arg, int (*fn)(void *))
{
	struct task *th = kthread_run(fn, arg, current->cpu, "handover");

	KASSERT_NOT_NULL(t, th);
	KEXPECT_EQ(t, kthread_join(th), 0);
}

/*
 * A HighMem page (if there is one) whose first word is @word, written
 * through the pkmap pool: not through the kmap_local slots under test.
 */
static struct page *page_holding(struct ktest *t, u32 word)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	u32 *p;

	KASSERT_NOT_NULL(t, page);
	p = kmap(page);
	p[0] = word;
	kunmap(page);
	return page;
}

static struct page *handover_page(struct ktest *t)
{
	return page_holding(t, HANDOVER_WORD);
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

/* LAB_SOLUTION(6) begin */
/* What read_word_in_thread() hands to its thread: the page, not an address. */
struct page_reader {
	struct page *page;	/* the thread maps it itself */
	u32 word;		/* its first word, as the thread read it */
};

/* The thread of read_word_in_thread(): map the page, read, unmap. */
static int map_and_read_word(void *arg)
{
	struct page_reader *r = arg;
	const u32 *p = kmap_local_page(r->page);

	r->word = p[0];
	kunmap_local(p);
	return 0;
}
/* LAB_SOLUTION(6) end */

/*
 * read_word_in_thread - lesson 3 converted: the first word of @page, as a
 * thread on this CPU reads it.
 */
LAB_STATIC LAB_EXERCISE(6) u32 read_word_in_thread(struct page *page)
{
	/* A kmap_local_page() address may not leave its thread: hand over
	 * the page, and the thread maps it itself. */
	struct page_reader r = { page, 0 };
	struct task *th = kthread_run(map_and_read_word, &r, current->cpu,
				      "handover");

	if (!th || kthread_join(th))
		return 0;
	return r.word;
}

static void page_handed_over_after_correct_conversion(struct ktest *t)
{
	struct page *page = handover_page(t);

	KEXPECT_EQ(t, read_word_in_thread(page), HANDOVER_WORD);
	__free_page(page);
}

/*
 * Why the rule is a rule: the death case above is caught only because the
 * slot is empty when the other task uses the address. Slots are reused.
 * Task A maps page X, keeps the pointer and unmaps; task B, on the same
 * CPU, maps page Y at the same depth, so in the same slot, and reads
 * through A's pointer: it gets Y's bytes, without a fault. Nothing can
 * catch this; only the rule prevents it.
 */
#define ALIAS_WORD_X	0x58585858U	/* "XXXX" */
#define ALIAS_WORD_Y	0x59595959U	/* "YYYY" */

struct alias {
	struct page *x, *y;
	const u32 *leaked;	/* task A's address of X, kept after the unmap */
	const u32 *own;		/* task B's address of Y */
	u32 word;		/* what task B read through @leaked */
};

static int map_x_and_leak(void *arg)
{
	struct alias *a = arg;
	const u32 *p = kmap_local_page(a->x);

	a->leaked = p;		/* the bug: the address outlives the mapping */
	kunmap_local(p);
	return 0;
}

static int map_y_and_read_leaked(void *arg)
{
	struct alias *a = arg;
	const u32 *p = kmap_local_page(a->y);

	a->own = p;
	a->word = a->leaked[0];
	kunmap_local(p);
	return 0;
}

/* True if kmap_local_page(@page) takes a slot (HighMem, or force-map). */
static bool takes_a_slot(struct page *page)
{
	return PageHighMem(page) || kmap_force_map;
}

static void leaked_address_silently_reads_another_page(struct ktest *t)
{
	struct alias a = { page_holding(t, ALIAS_WORD_X),
			   page_holding(t, ALIAS_WORD_Y), NULL, NULL, 0 };
	bool slots = takes_a_slot(a.x) && takes_a_slot(a.y);

	if (slots) {
		hand_over(t, &a, map_x_and_leak);	/* task A, depth 1 */
		hand_over(t, &a, map_y_and_read_leaked);	/* task B, depth 1 */
	}
	__free_page(a.x);
	__free_page(a.y);
	if (!slots)
		ktest_skip(t, "needs HighMem or kmap_force_map=on: lowmem "
			   "takes no slot");
	KEXPECT_EQ(t, (u32)a.own, (u32)a.leaked);	/* one slot, two tasks */
	KEXPECT_NE(t, a.word, ALIAS_WORD_X);
	KEXPECT_EQ(t, a.word, ALIAS_WORD_Y);	/* B's page, read silently */
}

/*
 * When the slot is empty at the use, the fault is diagnosed, but the task
 * the diagnosis names is the slot's holder now, which need not be the one
 * that leaked the address: here task A leaked it, and task "holder" maps
 * page Y in the same slot and sleeps, so its slot is taken down.
 */
static struct completion holder_mapped, holder_never;

static int map_y_and_sleep(void *arg)
{
	struct alias *a = arg;

	a->own = kmap_local_page(a->y);
	complete(&holder_mapped);
	wait_for_completion(&holder_never);	/* holds the mapping, asleep */
	return 0;
}

static void leaked_address_diagnosis_names_the_holder(struct ktest *t)
{
	struct alias a = { page_holding(t, ALIAS_WORD_X),
			   page_holding(t, ALIAS_WORD_Y), NULL, NULL, 0 };

	init_completion(&holder_mapped);
	init_completion(&holder_never);
	hand_over(t, &a, map_x_and_leak);			/* task A */
	kthread_run(map_y_and_sleep, &a, current->cpu, "holder");
	wait_for_completion(&holder_mapped);
	a.word = *(volatile const u32 *)a.leaked;	/* names "holder", not A */
}

/*
 * Nor are slots private to their CPU: the fixmap page table is shared by
 * all CPUs, as in Linux. While this task holds a mapping (and spins in
 * smp_call_function_single(), so it is not switched out), another CPU
 * reads the page through the address without a fault.
 */
struct remote_read {
	const u32 *addr;
	u32 word;
};

static void read_and_forget(void *arg)
{
	struct remote_read *r = arg;

	r->word = r->addr[0];
	/* kunmap_local() flushes only the owner's TLB: drop this CPU's entry. */
	flush_tlb_one_local((u32)r->addr);
}

static void live_slot_read_from_another_cpu(struct ktest *t)
{
	struct page *page = handover_page(t);
	struct remote_read r = { NULL, 0 };
	u32 other, cpu;

	if (num_online_cpus() < 2 || !takes_a_slot(page)) {
		__free_page(page);
		ktest_skip(t, num_online_cpus() < 2 ?
			   "one CPU online: no other CPU to read the slot" :
			   "needs HighMem or kmap_force_map=on: lowmem "
			   "takes no slot");
	}
	r.addr = kmap_local_page(page);		/* pins this task to its CPU */
	other = current->cpu;
	for_each_online_cpu(cpu)
		if (cpu != current->cpu)
			other = cpu;
	KEXPECT_TRUE(t, is_kmap_addr(r.addr));
	KEXPECT_EQ(t, smp_call_function_single(other, read_and_forget, &r, true), 0);
	KEXPECT_EQ(t, r.word, HANDOVER_WORD);	/* no fault: the page's word */
	kunmap_local(r.addr);
	__free_page(page);
}

static struct ktest_case conversion_cases[] = {
	KTEST_CASE(counter_exact_under_kmap_atomic),
	KTEST_CASE(counter_wrong_after_naive_conversion),
	KTEST_CASE(counter_exact_after_correct_conversion),
	KTEST_DEATH_CASE(naive_conversion_of_lowmem_caught,
			 "BUG: using smp_processor_id() in preemptible code"),
	KTEST_CASE(absent_source_stops_copy_under_kmap_atomic),
	KTEST_CASE(absent_source_served_after_naive_conversion),
	KTEST_CASE(absent_source_stops_copy_after_correct_conversion),
	KTEST_CASE(bad_address_fails_after_any_conversion),
	KTEST_CASE(shared_address_works_under_kmap),
	KTEST_DEATH_CASE(shared_address_after_naive_conversion_caught,
			 "kmap_local_page() mappings are thread-local"),
	KTEST_CASE(page_handed_over_after_correct_conversion),
	KTEST_CASE(leaked_address_silently_reads_another_page),
	KTEST_DEATH_CASE(leaked_address_diagnosis_names_the_holder,
			 "Task holder holds it now; the pointer may have been "
			 "leaked by another task"),
	KTEST_CASE(live_slot_read_from_another_cpu),
	{}
};
KTEST_SUITE(conversion, conversion_cases);
