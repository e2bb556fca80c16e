// SPDX-License-Identifier: MIT
/*
 * kmap() and kunmap() on the pkmap pool: slots, counts and PTEs; the hit
 * path; a kmap() address used by another thread on another CPU; the lazy
 * flush when the cursor wraps, counted exactly; a stale TLB entry on
 * another CPU that only that flush removes; sleeping when every slot has a
 * user; and many threads on every CPU mapping at random with the contents
 * checked on every access.
 *
 * Each page the cases use carries a mark in every word, derived from its
 * pfn and the word's index, so a mapping that shows the wrong page (a
 * stale TLB entry, a wrong PTE) is caught by reading it. Every case starts
 * with kmap_flush_unused(): an empty pool, cursor wherever it was.
 * Cases that need HighMem skip on machines without enough of it.
 */
#define HM386_LEGACY_KMAP_USER	/* this file tests the deprecated kmap() itself */
#include <arch/x86/cpu.h>
#include <arch/x86/smp.h>
#include <arch/x86/trap.h>
#include <kernel/ktest.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/pkmap.h>
#include "mm/pkmap_internal.h"

#define POOL_PAGES	(16 * (192 + 8) + LAST_PKMAP)	/* for the stress test */
#define WORDS		(PAGE_SIZE / sizeof(u32))
#define REPLY_WORD	0x5ca1ab1eU
#define WAITERS		6
#define WAIT_LIMIT_MS	3000

static struct page *pages[POOL_PAGES];
static u32 nr_pages;
static u32 saved_irq_flags;

/* Word @i of page frame @pfn. */
static u32 mark(u32 pfn, u32 i)
{
	return (pfn * 0x9e3779b1U) ^ (i * 0x85ebca6bU) ^ 0x6b6b6b6bU;
}

static void fill_marks(struct page *page)
{
	u32 *w = kmap_local_page(page);

	for (u32 i = 0; i < WORDS; i++)
		w[i] = mark(page_to_pfn(page), i);
	kunmap_local(w);
}

/* The index of the first word of @w that is not @page's mark, or WORDS. */
static u32 first_bad_word(const u32 *w, const struct page *page)
{
	for (u32 i = 0; i < WORDS; i++)
		if (w[i] != mark(page_to_pfn(page), i))
			return i;
	return WORDS;
}

/* Give the case @n marked HighMem pages in pages[], or skip it. */
static void need_pages(struct ktest *t, u32 n)
{
	while (nr_pages < n) {
		struct page *page = alloc_page(GFP_HIGHUSER);

		if (page && !PageHighMem(page))
			__free_page(page);
		if (!page || !PageHighMem(page))
			ktest_skip(t, "not enough free HighMem pages");
		fill_marks(page);
		pages[nr_pages++] = page;
	}
}

/* Interrupts on (kmap() may sleep and the wrap flush needs them); a clean pool. */
static void pkmap_test_init(struct ktest *t)
{
	local_irq_save(saved_irq_flags);
	local_irq_enable();
	kmap_flush_unused();
}

static void pkmap_test_exit(struct ktest *t)
{
	char why[128];

	if (!pkmap_check(why, sizeof(why)))
		ktest_fail(t, __FILE__, __LINE__, "pool inconsistent: %s", why);
	while (nr_pages)
		__free_page(pages[--nr_pages]);
	local_irq_restore(saved_irq_flags);
}

static void lowmem_page_uses_the_direct_map(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct pkmap_stats before, after;
	void *addr;

	KASSERT_NOT_NULL(t, page);
	pkmap_stats_read(&before);
	addr = kmap(page);
	KEXPECT_EQ(t, (u32)addr, (u32)page_address(page));
	kunmap(page);
	pkmap_stats_read(&after);
	KEXPECT_EQ(t, after.maps, before.maps);
	KEXPECT_EQ(t, pkmap_users(), 0);
	__free_page(page);
}

static void highmem_page_gets_a_pool_slot(struct ktest *t)
{
	struct pkmap_stats before, after;
	struct page *page;
	u32 *w, nr, word;

	need_pages(t, 1);
	page = pages[0];
	pkmap_stats_read(&before);
	w = kmap(page);
	nr = pkmap_nr((u32)w);
	KASSERT_TRUE(t, (u32)w >= PKMAP_BASE && (u32)w < PKMAP_END);
	KEXPECT_EQ(t, (u32)w & ~PAGE_MASK, 0);
	KEXPECT_EQ(t, nr, pkmap_cursor());
	KEXPECT_EQ(t, pkmap_slot_pte(nr), page_to_phys(page) | page_prot(kmap_prot));
	KEXPECT_EQ(t, pkmap_slot_count(nr), 2);		/* mapped, one user */
	KEXPECT_EQ(t, (u32)page_address(page), (u32)w);
	KEXPECT_TRUE(t, kmap_to_page(w) == page);
	KEXPECT_TRUE(t, is_kmap_addr(w));
	KEXPECT_EQ(t, first_bad_word(w, page), WORDS);
	w[7] = REPLY_WORD;
	memcpy_from_page(&word, page, 7 * sizeof(u32), sizeof(word));
	KEXPECT_EQ(t, word, REPLY_WORD);

	kunmap(page);
	/* Lazy: still mapped, no user, maybe in a TLB. */
	KEXPECT_EQ(t, pkmap_slot_count(nr), 1);
	KEXPECT_TRUE(t, pkmap_slot_pte(nr) & _PAGE_PRESENT);
	KEXPECT_EQ(t, (u32)page_address(page), (u32)w);

	kmap_flush_unused();
	KEXPECT_EQ(t, pkmap_slot_count(nr), 0);
	KEXPECT_EQ(t, pkmap_slot_pte(nr), 0);
	KEXPECT_NULL(t, page_address(page));
	pkmap_stats_read(&after);
	KEXPECT_EQ(t, after.maps - before.maps, 1);
	KEXPECT_EQ(t, after.new_slots - before.new_slots, 1);
	KEXPECT_EQ(t, after.hits - before.hits, 0);
	KEXPECT_EQ(t, after.global_flushes - before.global_flushes, 1);
	KEXPECT_EQ(t, after.pages_flushed - before.pages_flushed, 1);
}

static void mapped_page_is_a_hit(struct ktest *t)
{
	struct pkmap_stats before, after;
	void *a, *b, *c;
	pte_t pte;
	u32 nr;

	need_pages(t, 1);
	a = kmap(pages[0]);
	nr = pkmap_nr((u32)a);
	pte = pkmap_slot_pte(nr);
	pkmap_stats_read(&before);
	b = kmap(pages[0]);
	KEXPECT_EQ(t, (u32)b, (u32)a);
	KEXPECT_EQ(t, pkmap_slot_count(nr), 3);
	KEXPECT_EQ(t, pkmap_slot_pte(nr), pte);
	kunmap(pages[0]);
	kunmap(pages[0]);
	KEXPECT_EQ(t, pkmap_slot_count(nr), 1);
	/* A slot with no user still maps the page: mapping it again is a hit. */
	c = kmap(pages[0]);
	KEXPECT_EQ(t, (u32)c, (u32)a);
	kunmap(pages[0]);
	pkmap_stats_read(&after);
	KEXPECT_EQ(t, after.maps - before.maps, 2);
	KEXPECT_EQ(t, after.hits - before.hits, 2);
	KEXPECT_EQ(t, after.new_slots - before.new_slots, 0);
}

struct global_probe {
	struct page *page;
	u32 *addr;		/* the kmap() address handed over */
	u32 *again;		/* what the thread's own kmap() returned */
	u32 bad_word, cpu;
};

static int global_reader(void *arg)
{
	struct global_probe *p = arg;

	p->cpu = raw_smp_processor_id();	/* pinned: it cannot move */
	p->bad_word = first_bad_word(p->addr, p->page);
	p->addr[1] = REPLY_WORD;
	p->again = kmap(p->page);
	kunmap(p->page);
	return 0;
}

/* What kmap_local_page() cannot do: hand the address to another thread. */
static void address_is_shared_with_a_thread_on_another_cpu(struct ktest *t)
{
	struct global_probe p = { 0 };
	u32 cpu = num_online_cpus() > 1 ? 1 : 0, word;
	struct task *th;

	need_pages(t, 1);
	p.page = pages[0];
	p.addr = kmap(p.page);
	th = kthread_run(global_reader, &p, cpu, "kmap-reader");
	KASSERT_NOT_NULL(t, th);
	KEXPECT_EQ(t, kthread_join(th), 0);
	KEXPECT_EQ(t, p.cpu, cpu);
	KEXPECT_EQ(t, p.bad_word, WORDS);
	KEXPECT_EQ(t, (u32)p.again, (u32)p.addr);
	KEXPECT_EQ(t, p.addr[1], REPLY_WORD);
	kunmap(p.page);
	memcpy_from_page(&word, p.page, sizeof(u32), sizeof(word));
	KEXPECT_EQ(t, word, REPLY_WORD);
	if (cpu == 0)
		kprintf("    # one CPU online: the thread ran on CPU 0\n");
}

/*
 * N distinct pages mapped and unmapped one after another from a clean pool
 * whose cursor is at c: map k lands on slot (c + k) % 512, the cursor wraps
 * before each map k with (c + k) % 512 == 0, and each wrap clears and
 * flushes every slot used since the one before. One flush per wrap: the
 * pool's own counter says so, and so do the CPUs' TLB counters, which count
 * every flush_tlb_kernel_range() (a shootdown) and every IPI it sends.
 */
static void tlb_totals(struct tlb_stats *sum)
{
	u32 cpu;

	memset(sum, 0, sizeof(*sum));
	for_each_online_cpu(cpu) {
		sum->shootdowns += cpu_info[cpu].tlb.shootdowns;
		sum->ipis_sent += cpu_info[cpu].tlb.ipis_sent;
		sum->ipis_received += cpu_info[cpu].tlb.ipis_received;
	}
}

static void wrap_flushes_once_per_round(struct ktest *t)
{
	const u32 n = 2 * LAST_PKMAP + 40;
	struct pkmap_stats before, after;
	struct tlb_stats tlb_before, tlb_after;
	u32 c, wraps, flushed, flushes, others = num_online_cpus() - 1;

	need_pages(t, n);
	c = pkmap_cursor();
	pkmap_stats_read(&before);
	tlb_totals(&tlb_before);
	for (u32 k = 0; k < n; k++) {
		u32 *w = kmap(pages[k]);

		if (pkmap_nr((u32)w) != (c + k + 1) % LAST_PKMAP ||
		    first_bad_word(w, pages[k]) != WORDS) {
			KEXPECT_EQ(t, pkmap_nr((u32)w), (c + k + 1) % LAST_PKMAP);
			KEXPECT_EQ(t, first_bad_word(w, pages[k]), WORDS);
			kunmap(pages[k]);
			return;
		}
		kunmap(pages[k]);
	}
	tlb_totals(&tlb_after);
	pkmap_stats_read(&after);
	wraps = (c + n) / LAST_PKMAP;
	/* Each wrap clears the maps made before it: the last one at map k_last. */
	flushed = wraps * LAST_PKMAP - c - 1;
	/* From c = 511 the first wrap comes first, with nothing to flush. */
	flushes = wraps - (c == LAST_PKMAP - 1);
	KEXPECT_EQ(t, after.maps - before.maps, n);
	KEXPECT_EQ(t, after.new_slots - before.new_slots, n);
	KEXPECT_EQ(t, after.wraps - before.wraps, wraps);
	KEXPECT_EQ(t, after.global_flushes - before.global_flushes, flushes);
	KEXPECT_EQ(t, after.pages_flushed - before.pages_flushed, flushed);
	KEXPECT_EQ(t, tlb_after.shootdowns - tlb_before.shootdowns, flushes);
	KEXPECT_EQ(t, tlb_after.ipis_sent - tlb_before.ipis_sent, flushes * others);
	KEXPECT_EQ(t, tlb_after.ipis_received - tlb_before.ipis_received,
		   flushes * others);
	kprintf("    # %u maps from cursor %u: %u wraps, %u global flushes, %u "
		"slots flushed; %u shootdowns, %u IPIs\n", n, c,
		after.wraps - before.wraps,
		after.global_flushes - before.global_flushes,
		after.pages_flushed - before.pages_flushed,
		tlb_after.shootdowns - tlb_before.shootdowns,
		tlb_after.ipis_sent - tlb_before.ipis_sent);
	/* What `pkmap` shows: the counts since boot, the flush of the
	 * case's setup (pkmap_test_init()) and earlier kmap()s included. */
	kprintf("    # since boot, as pkmap counts them: %u wraps, %u global "
		"flushes, %u slots flushed\n", after.wraps, after.global_flushes,
		after.pages_flushed);
}

struct remote_read {
	const volatile u32 *addr;
	u32 word;
};

static void read_first_word(void *arg)
{
	struct remote_read *r = arg;

	r->word = r->addr[0];
}

/*
 * CPU 1 reads page X through slot S and so caches S -> X in its TLB. X is
 * kunmap()ed (count 1: still mapped, nothing flushed). CPU 0 then maps 511
 * other pages: the cursor wraps, and S goes to page Y. CPU 1 reads through
 * S again and must see Y: only the global flush at the wrap removed its
 * entry. `pkmap_skip_wrap_flush=on` skips that flush, and the runner checks
 * that this case then fails.
 */
static void stale_tlb_entry_is_flushed_at_wrap(struct ktest *t)
{
	struct page *x, *y;
	struct remote_read r;
	void *xaddr, *yaddr;

	if (num_online_cpus() < 2)
		ktest_skip(t, "needs two CPUs online");
	need_pages(t, LAST_PKMAP + 1);
	x = pages[LAST_PKMAP - 1];
	y = pages[LAST_PKMAP];
	xaddr = kmap(x);
	r.addr = xaddr;
	KASSERT_EQ(t, smp_call_function_single(1, read_first_word, &r, true), 0);
	KASSERT_EQ(t, r.word, mark(page_to_pfn(x), 0));
	kunmap(x);

	for (u32 k = 0; k < LAST_PKMAP - 1; k++) {
		kmap(pages[k]);
		kunmap(pages[k]);
	}
	yaddr = kmap(y);
	KASSERT_EQ(t, (u32)yaddr, (u32)xaddr);	/* slot S again, now for Y */
	r.addr = yaddr;
	KEXPECT_EQ(t, smp_call_function_single(1, read_first_word, &r, true), 0);
	if (r.word == mark(page_to_pfn(x), 0))
		ktest_fail(t, __FILE__, __LINE__, "CPU 1 read page X's word 0x%08x "
			   "through 0x%08x, which now maps page Y: a stale TLB entry "
			   "survived the wrap", r.word, (u32)yaddr);
	else
		KEXPECT_EQ(t, r.word, mark(page_to_pfn(y), 0));
	kunmap(y);
}

struct waiter {
	struct page *page;
	u32 bad_word;
};

static volatile u32 waiters_done;

static int exhaustion_waiter(void *arg)
{
	struct waiter *w = arg;
	u32 *addr = kmap(w->page);

	w->bad_word = first_bad_word(addr, w->page);
	kunmap(w->page);
	__atomic_add_fetch(&waiters_done, 1, __ATOMIC_SEQ_CST);
	return 0;
}

/* Poll @value until it reaches @want or WAIT_LIMIT_MS pass; its last value. */
static u32 wait_for_count(const volatile u32 *value, u32 want)
{
	for (u32 ms = 0; *value < want && ms < WAIT_LIMIT_MS; ms += 5)
		msleep(5);
	return *value;
}

/*
 * The case holds all 512 slots; WAITERS threads then kmap() other pages
 * and must sleep (counted, none finishes). The case kunmap()s a few
 * holders: every waiter must wake, map its page and see its contents.
 */
static void full_pool_sleeps_until_kunmap(struct ktest *t)
{
	static struct waiter w[WAITERS];
	struct pkmap_stats before, mid, after;
	struct task *th[WAITERS];
	u32 released = 0;

	need_pages(t, LAST_PKMAP + WAITERS);
	for (u32 i = 0; i < LAST_PKMAP; i++)
		kmap(pages[i]);
	KEXPECT_EQ(t, pkmap_users(), LAST_PKMAP);
	waiters_done = 0;
	pkmap_stats_read(&before);
	for (u32 i = 0; i < WAITERS; i++) {
		w[i] = (struct waiter){ pages[LAST_PKMAP + i], 0 };
		th[i] = kthread_run(exhaustion_waiter, &w[i], -1, "kmap-waiter");
		KASSERT_NOT_NULL(t, th[i]);
	}
	for (u32 ms = 0; ms < WAIT_LIMIT_MS; ms += 5) {
		pkmap_stats_read(&mid);
		if (mid.waits - before.waits >= WAITERS)
			break;
		msleep(5);
	}
	KEXPECT_GE(t, mid.waits - before.waits, WAITERS);
	KEXPECT_EQ(t, waiters_done, 0);

	/* Free two slots: the waiters take turns with them. */
	for (; released < 2; released++)
		kunmap(pages[released]);
	KEXPECT_EQ(t, wait_for_count(&waiters_done, WAITERS), WAITERS);
	for (; released < LAST_PKMAP; released++)
		kunmap(pages[released]);
	if (waiters_done != WAITERS) {
		/* Lost wake-ups: wake them by hand, or the joins hang. */
		msleep(100);
		if (waiters_done != WAITERS)
			pkmap_drop_users();
	}
	for (u32 i = 0; i < WAITERS; i++) {
		KEXPECT_EQ(t, kthread_join(th[i]), 0);
		KEXPECT_EQ(t, w[i].bad_word, WORDS);
	}
	pkmap_stats_read(&after);
	KEXPECT_GE(t, after.wakeups - before.wakeups, 1);
	KEXPECT_EQ(t, after.maps - before.maps, WAITERS);
	kprintf("    # %u waiters: %u waits, %u wake-ups\n", WAITERS,
		after.waits - before.waits, after.wakeups - before.wakeups);
}

/*
 * Stress: STRESS_THREADS_PER_CPU threads per CPU map and unmap pages at
 * random (kunmap() in any order), each holding at most STRESS_HOLD. Each
 * thread maps mostly the pages of a slice of its own in turn, sometimes a
 * random page of anyone's slice (a kmap() hit on another thread's mapping);
 * those pages keep their marks and are read on every access. Each thread
 * also writes its own pages through kmap() and reads them back after they
 * were unmapped and mapped again, maybe in another slot.
 *
 * Two rounds: a long one with the whole pool for the threads, then a short
 * one under pressure, where the case holds all but threads * (STRESS_HOLD -
 * 1) + 1 slots. The threads at their limits then want more slots than are
 * left and sleep in kmap(); but sleepers, each holding at most STRESS_HOLD -
 * 1 while it waits for one more, can never hold every slot: no deadlock.
 * Under pressure nearly every wrap frees a few slots only, so nearly every
 * few maps cost a global flush: the round is short because shootdowns are
 * slow with 4 virtual CPUs on 2 host cores.
 */
#define STRESS_THREADS_PER_CPU	4
#define STRESS_HOLD		24
#define STRESS_OPS		400
#define STRESS_PRESSURE_OPS	100
#define STRESS_YIELD_EVERY	8
#define STRESS_SLICE		192
#define STRESS_OWN		8
#define STRESS_MAX_THREADS	16

struct stress_thread {
	u32 rng, first, next, threads;	/* its slice: pages[first...] */
	u32 ops, unmap_one_in;	/* the odds of unmapping when it may map */
	struct page *own[STRESS_OWN];
	u32 own_value[STRESS_OWN];
	u32 errors, maps;
};

static u32 stress_rand(struct stress_thread *s)
{
	s->rng ^= s->rng << 13;
	s->rng ^= s->rng >> 17;
	s->rng ^= s->rng << 5;
	return s->rng;
}

/* Check a mapped page: a shared page's marks, or an own page's value. */
static bool stress_page_ok(struct stress_thread *s, struct page *page, u32 *addr)
{
	for (u32 i = 0; i < STRESS_OWN; i++)
		if (s->own[i] == page)
			return addr[0] == s->own_value[i] &&
			       addr[WORDS - 1] == ~s->own_value[i];
	return addr[0] == mark(page_to_pfn(page), 0) &&
	       addr[WORDS / 2] == mark(page_to_pfn(page), WORDS / 2) &&
	       addr[WORDS - 1] == mark(page_to_pfn(page), WORDS - 1);
}

/*
 * The next page to map: mostly the next of its slice in turn (so that it
 * rarely maps a page it already holds: it is then short of slots, not of
 * hits), sometimes an own page, or a random one of anyone's slice.
 */
static struct page *stress_pick(struct stress_thread *s)
{
	u32 r = stress_rand(s), i = r >> 8;

	switch (r % 16) {
	case 0:
		return s->own[i % STRESS_OWN];
	case 1:
		return pages[i % (s->threads * STRESS_SLICE)];
	default:
		return pages[s->first + s->next++ % STRESS_SLICE];
	}
}

static int stress_worker(void *arg)
{
	struct stress_thread *s = arg;
	struct page *held[STRESS_HOLD];
	u32 *addr[STRESS_HOLD], n = 0;

	for (u32 op = 0; op < s->ops || n; op++) {
		if (op % STRESS_YIELD_EVERY == 0)
			yield();	/* the threads of a CPU interleave */
		if (op < s->ops && n < STRESS_HOLD && stress_rand(s) % s->unmap_one_in) {
			held[n] = stress_pick(s);
			addr[n] = kmap(held[n]);
			s->maps++;
			for (u32 i = 0; i < STRESS_OWN; i++) {
				if (s->own[i] != held[n])
					continue;
				s->own_value[i] = stress_rand(s);
				addr[n][0] = s->own_value[i];
				addr[n][WORDS - 1] = ~s->own_value[i];
			}
			s->errors += !stress_page_ok(s, held[n], addr[n]);
			n++;
		} else if (n) {
			u32 i = stress_rand(s) % n;

			s->errors += !stress_page_ok(s, held[i], addr[i]);
			kunmap(held[i]);
			held[i] = held[--n];
			addr[i] = addr[n];
		}
	}
	return 0;
}

/* One round of @ops per thread while the case holds @keep slots; a thread
 * below its limit unmaps one time in @unmap_one_in, and otherwise maps. */
static void stress_round(struct ktest *t, u32 threads, u32 keep, u32 ops,
			 u32 unmap_one_in)
{
	static struct stress_thread st[STRESS_MAX_THREADS];
	struct task *th[STRESS_MAX_THREADS];
	u32 own_base = threads * STRESS_SLICE;
	u32 keep_base = own_base + threads * STRESS_OWN;
	u32 errors = 0, maps = 0, bad_kept = 0;
	struct pkmap_stats before, after;
	char why[128];

	for (u32 i = 0; i < keep; i++)
		kmap(pages[keep_base + i]);
	pkmap_stats_read(&before);
	for (u32 i = 0; i < threads; i++) {
		st[i] = (struct stress_thread){ .rng = 0x2545f491U * (i + 1 + keep),
			.first = i * STRESS_SLICE, .threads = threads, .ops = ops,
			.unmap_one_in = unmap_one_in };
		for (u32 k = 0; k < STRESS_OWN; k++) {
			struct page *own = pages[own_base + i * STRESS_OWN + k];

			st[i].own[k] = own;
			st[i].own_value[k] = mark(page_to_pfn(own), k);
			/* An own page's last word holds ~value from now on. */
			memcpy_to_page(own, PAGE_SIZE - sizeof(u32),
				       &(u32){ ~st[i].own_value[k] }, sizeof(u32));
			memcpy_to_page(own, 0, &st[i].own_value[k], sizeof(u32));
		}
		th[i] = kthread_run(stress_worker, &st[i], -1, "kmap-stress");
		KASSERT_NOT_NULL(t, th[i]);
	}
	for (u32 i = 0; i < threads; i++) {
		KEXPECT_EQ(t, kthread_join(th[i]), 0);
		errors += st[i].errors;
		maps += st[i].maps;
	}
	pkmap_stats_read(&after);
	for (u32 i = 0; i < keep; i++) {
		struct page *page = pages[keep_base + i];

		bad_kept += first_bad_word(page_address(page), page) != WORDS;
		kunmap(page);
	}
	KEXPECT_EQ(t, errors, 0);
	KEXPECT_EQ(t, bad_kept, 0);
	KEXPECT_EQ(t, after.maps - before.maps, maps);
	KEXPECT_EQ(t, (after.hits - before.hits) + (after.new_slots - before.new_slots),
		   maps);
	KEXPECT_LE(t, after.global_flushes - before.global_flushes,
		   after.wraps - before.wraps);
	KEXPECT_EQ(t, pkmap_users(), 0);	/* every count back to 0 or 1 */
	KEXPECT_TRUE(t, pkmap_check(why, sizeof(why)));
	kprintf("    # %u threads on %u CPUs, %u slots kept by the case: %u kmap() "
		"(%u hits, %u new slots), %u waits, %u wake-ups, %u wraps, %u "
		"global flushes, %u slots flushed\n", threads, num_online_cpus(),
		keep, maps, after.hits - before.hits,
		after.new_slots - before.new_slots, after.waits - before.waits,
		after.wakeups - before.wakeups, after.wraps - before.wraps,
		after.global_flushes - before.global_flushes,
		after.pages_flushed - before.pages_flushed);
}

static void smp_stress_random_kmap_kunmap(struct ktest *t)
{
	u32 threads = MIN(STRESS_THREADS_PER_CPU * num_online_cpus(),
			  STRESS_MAX_THREADS);
	u32 keep = LAST_PKMAP - 1 - threads * (STRESS_HOLD - 1);

	need_pages(t, threads * (STRESS_SLICE + STRESS_OWN) + keep);
	stress_round(t, threads, 0, STRESS_OPS, 4);
	/* Threads that stay at their limits: the pool runs out. */
	stress_round(t, threads, keep, STRESS_PRESSURE_OPS, 32);
}

/* Death tests: each misuse stops the kernel with one precise message. */

static void kmap_page(void *page)
{
	kmap(page);
}

static void kunmap_page(void *page)
{
	kunmap((struct page *)page);
}

static void kmap_in_interrupt_panics(struct ktest *t)
{
	need_pages(t, 1);
	run_in_interrupt(kmap_page, pages[0]);
}

static void kunmap_in_interrupt_panics(struct ktest *t)
{
	need_pages(t, 1);
	kmap(pages[0]);
	run_in_interrupt(kunmap_page, pages[0]);
}

static void kunmap_of_unmapped_page_panics(struct ktest *t)
{
	need_pages(t, 1);
	kunmap(pages[0]);
}

static void kunmap_without_user_panics(struct ktest *t)
{
	need_pages(t, 1);
	kmap(pages[0]);
	kunmap(pages[0]);
	kunmap(pages[0]);
}

static void use_after_kunmap_and_wrap_diagnosed(struct ktest *t)
{
	volatile u32 *addr;

	need_pages(t, 1);
	addr = kmap(pages[0]);
	kunmap(pages[0]);
	kmap_flush_unused();
	(void)addr[0];
}

static struct ktest_case pkmap_cases[] = {
	KTEST_CASE(lowmem_page_uses_the_direct_map),
	KTEST_CASE(highmem_page_gets_a_pool_slot),
	KTEST_CASE(mapped_page_is_a_hit),
	KTEST_CASE(address_is_shared_with_a_thread_on_another_cpu),
	KTEST_CASE(wrap_flushes_once_per_round),
	KTEST_CASE(stale_tlb_entry_is_flushed_at_wrap),
	KTEST_CASE(full_pool_sleeps_until_kunmap),
	KTEST_CASE(smp_stress_random_kmap_kunmap),
	KTEST_DEATH_CASE(kmap_in_interrupt_panics, "kmap() at tests/kernel/pkmap_test.c"),
	KTEST_DEATH_CASE(kunmap_in_interrupt_panics, "kunmap() at tests/kernel/pkmap_test.c"),
	KTEST_DEATH_CASE(kunmap_of_unmapped_page_panics, "which kmap() has not mapped"),
	KTEST_DEATH_CASE(kunmap_without_user_panics, "has no kmap() user left"),
	KTEST_DEATH_CASE(use_after_kunmap_and_wrap_diagnosed, "use after kunmap(): 0x"),
	{}
};

KTEST_SUITE_FULL(pkmap, pkmap_cases, NULL, pkmap_test_init, pkmap_test_exit);
