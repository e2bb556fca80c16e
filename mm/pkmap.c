// SPDX-License-Identifier: MIT
/*
 * pkmap: the pool of slots behind the deprecated kmap() (Linux's kmap_high).
 *
 * LAST_PKMAP (512) slots in the one page table at PKMAP_BASE, shared by all
 * CPUs: a kmap() address is valid in every thread and on every CPU until
 * the matching kunmap(). pkmap_count[nr] says what slot nr is:
 *
 *   0   free, and no CPU's TLB can still hold a translation for it;
 *   1   mapped, with no user: some CPU's TLB may still hold it;
 *   n   mapped, with n - 1 users.
 *
 * kunmap() only drops a count to 1: the PTE stays and nothing is flushed.
 * A cursor walks the pool for a count-0 slot; each time it wraps round to
 * slot 0, every count-1 slot is cleared at once and ONE
 * flush_tlb_kernel_range() over the pool reaches all CPUs. That lazy flush
 * is what kmap() pays instead of a shootdown per kunmap(). A page that is
 * already mapped is found through a hash from page to slot and just gets
 * one more user; when every slot has a user, kmap() sleeps until a kunmap()
 * frees one.
 *
 * kmap_lock guards the counts, the cursor and the PTEs; pa_lock (taken with
 * interrupts off) guards the hash, which page_address() reads from any
 * context. The hash entries are static, one per slot: mapping allocates
 * nothing.
 */
#include <mm/paging.h>
#include <mm/memlayout.h>
#include <arch/x86/tlbflush.h>
#include <arch/x86/trap_frame.h>
#include <kernel/cmdline.h>
#include <kernel/context_check.h>
#include <kernel/monitor.h>
#include <kernel/lab.h>
#include <kernel/panic.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/wait.h>
#include <lib/printf.h>
#include "pkmap_internal.h"

#define PA_HASH_BITS	7		/* 128 buckets for 512 slots */
#define PA_HASH_MUL	0x9e3779b1U	/* golden-ratio multiplicative hash */

struct pkmap_slot {
	struct page *page;		/* what the slot maps, NULL when free */
	struct list_head hash;		/* in pa_hash[] while page is set */
	const char *file;		/* where kmap() last took the slot */
	int line;
	u32 pfn;			/* the page it last held */
};

LAB_STATIC u32 pkmap_count[LAST_PKMAP];
static struct pkmap_slot pkmap_slots[LAST_PKMAP];
LAB_STATIC pte_t *pkmap_page_table;
LAB_STATIC u32 last_pkmap_nr;
LAB_STATIC struct pkmap_stats pkmap_stat;
static DEFINE_SPINLOCK(kmap_lock);
static DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);

static struct list_head pa_hash[1U << PA_HASH_BITS];
static DEFINE_SPINLOCK(pa_lock);

#if CONFIG_KMAP_DEBUG
/* Fault injection: proves that the stale-TLB test can fail. */
LAB_STATIC bool pkmap_skip_wrap_flush;
KERNEL_PARAM(pkmap_skip_wrap_flush, KPARAM_BOOL, &pkmap_skip_wrap_flush,
	     "fault injection: skip the TLB flush when the pkmap pool wraps");
#endif

bool is_pkmap_addr(u32 addr)
{
	return addr >= PKMAP_BASE && addr < PKMAP_END;
}

static struct list_head *pa_bucket(const struct page *page)
{
	return &pa_hash[(page_to_pfn(page) * PA_HASH_MUL) >> (32 - PA_HASH_BITS)];
}

/* The slot that maps @page, or -1. pa_lock held. */
static int pa_lookup(const struct page *page)
{
	struct list_head *bucket = pa_bucket(page), *pos;

	list_for_each(pos, bucket) {
		struct pkmap_slot *s = list_entry(pos, struct pkmap_slot, hash);

		if (s->page == page)
			return s - pkmap_slots;
	}
	return -1;
}

/* Record that slot @nr maps @page (NULL: maps nothing any more). */
LAB_STATIC void set_slot_page(u32 nr, struct page *page)
{
	struct pkmap_slot *s = &pkmap_slots[nr];
	u32 flags;

	spin_lock_irqsave(&pa_lock, flags);
	if (s->page)
		list_del(&s->hash);
	s->page = page;
	if (page)
		list_add(&s->hash, pa_bucket(page));
	spin_unlock_irqrestore(&pa_lock, flags);
}

/* The slot that maps @page, or -1. */
static int slot_of_page(const struct page *page)
{
	u32 flags;
	int nr;

	spin_lock_irqsave(&pa_lock, flags);
	nr = pa_lookup(page);
	spin_unlock_irqrestore(&pa_lock, flags);
	return nr;
}

void *pkmap_page_address(const struct page *page)
{
	int nr = slot_of_page(page);

	return nr < 0 ? NULL : (void *)pkmap_addr(nr);
}

/*
 * Clear every mapped slot without users and flush the pool from every
 * CPU's TLB, once (unless the fault injection pkmap_skip_wrap_flush skips
 * the flush). kmap_lock held, interrupts on (the shootdown waits for the
 * other CPUs).
 */
LAB_STATIC LAB_EXERCISE(5) void flush_all_zero_pkmaps(void)
{
	u32 cleared = 0;

	for (u32 nr = 0; nr < LAST_PKMAP; nr++) {
		if (pkmap_count[nr] != 1)
			continue;
		BUG_ON(!(pkmap_page_table[nr] & _PAGE_PRESENT));
		pkmap_count[nr] = 0;
		pte_clear(&pkmap_page_table[nr]);
		set_slot_page(nr, NULL);
		cleared++;
	}
	if (!cleared)
		return;
	pkmap_stat.pages_flushed += cleared;
	if (pkmap_skip_wrap_flush)
		return;
	pkmap_stat.global_flushes++;
	flush_tlb_kernel_range(PKMAP_BASE, PKMAP_END);
}

/* Sleep until a kunmap() frees a slot. kmap_lock held, dropped meanwhile. */
static void pkmap_wait_for_slot(void)
{
	struct wait_entry we = { NULL, { NULL, NULL } };

	pkmap_stat.waits++;
	prepare_to_wait(&pkmap_map_wait, &we);
	spin_unlock(&kmap_lock);
	schedule();
	finish_wait(&pkmap_map_wait, &we);
	spin_lock(&kmap_lock);
}

/*
 * Move the cursor to the next count-0 slot and return it, or -1 when a
 * whole round of the pool found every slot taken. Each time the cursor
 * wraps round to slot 0 the pool is cleared and flushed, and the round
 * starts again there. kmap_lock held.
 */
LAB_STATIC LAB_EXERCISE(5) int pkmap_scan(void)
{
	for (u32 scanned = 0; scanned < LAST_PKMAP; scanned++) {
		last_pkmap_nr = (last_pkmap_nr + 1) % LAST_PKMAP;
		if (last_pkmap_nr == 0) {
			pkmap_stat.wraps++;
			flush_all_zero_pkmaps();
			scanned = 0;
		}
		if (pkmap_count[last_pkmap_nr] == 0)
			return last_pkmap_nr;
	}
	return -1;
}

/*
 * Give @page a slot: the next count-0 slot after the cursor (pkmap_scan).
 * Sleeps while every slot has a user; another thread may have mapped @page
 * meanwhile, and that slot is returned instead. kmap_lock held.
 */
static u32 map_new_virtual(struct page *page, const char *file, int line)
{
	int nr;

	assert_spin_locked(&kmap_lock);
	while ((nr = pkmap_scan()) < 0) {
		pkmap_wait_for_slot();
		nr = slot_of_page(page);
		if (nr >= 0) {
			pkmap_stat.hits++;
			return nr;
		}
	}

	if (pkmap_page_table[nr] & _PAGE_PRESENT)
		panic("pkmap slot %d has count 0 but is still mapped (pte 0x%llx)",
		      nr, pkmap_page_table[nr]);
	set_pte(&pkmap_page_table[nr], page_to_phys(page) | page_prot(kmap_prot));
	pkmap_count[nr] = 1;
	set_slot_page(nr, page);
	pkmap_slots[nr].file = file;
	pkmap_slots[nr].line = line;
	pkmap_slots[nr].pfn = page_to_pfn(page);
	pkmap_stat.new_slots++;
	return nr;
}

static void no_kmap_in_interrupt(const char *fn, const char *file, int line)
{
	if (in_interrupt())
		panic("%s() at %s:%d in interrupt context: kmap() may sleep and "
		      "kunmap() pairs with it; use kmap_local_page()", fn, file, line);
}

void *__kmap(struct page *page, const char *file, int line)
{
	int nr;

	no_kmap_in_interrupt("kmap", file, line);
	__might_sleep(file, line);
	if (!PageHighMem(page))
		return page_address(page);

	spin_lock(&kmap_lock);
	pkmap_stat.maps++;
	nr = slot_of_page(page);
	if (nr >= 0)
		pkmap_stat.hits++;
	else
		nr = map_new_virtual(page, file, line);
	pkmap_count[nr]++;
	BUG_ON(pkmap_count[nr] < 2);
	spin_unlock(&kmap_lock);
	return (void *)pkmap_addr(nr);
}

void __kunmap(struct page *page, const char *file, int line)
{
	bool wake = false;
	int nr;

	no_kmap_in_interrupt("kunmap", file, line);
	if (!PageHighMem(page))
		return;

	spin_lock(&kmap_lock);
	nr = slot_of_page(page);
	if (nr < 0)
		panic("kunmap() at %s:%d of pfn 0x%x, which kmap() has not mapped "
		      "(unbalanced kunmap, or the wrong page)", file, line,
		      page_to_pfn(page));
	if (pkmap_count[nr] == 1)
		panic("kunmap() at %s:%d of pfn 0x%x: pkmap slot %d (0x%08x) has no "
		      "kmap() user left, and its count would drop to 0 without a "
		      "TLB flush (unbalanced kunmap)", file, line, page_to_pfn(page),
		      nr, pkmap_addr(nr));
	if (--pkmap_count[nr] == 1 && waitqueue_active(&pkmap_map_wait)) {
		pkmap_stat.wakeups++;
		wake = true;
	}
	spin_unlock(&kmap_lock);
	if (wake)
		wake_up(&pkmap_map_wait);
}

void kmap_flush_unused(void)
{
	might_sleep();
	spin_lock(&kmap_lock);
	flush_all_zero_pkmaps();
	spin_unlock(&kmap_lock);
}

struct page *pkmap_to_page(u32 addr)
{
	pte_t pte = pkmap_page_table[pkmap_nr(addr)];

	if (!(pte & _PAGE_PRESENT))
		panic("kmap_to_page(0x%08x): the pkmap slot is not mapped", addr);
	return pfn_to_page((u32)(pte_phys(pte) >> PAGE_SHIFT));
}

void pkmap_fault_diagnose(u32 addr, const struct trap_frame *tf)
{
	const struct pkmap_slot *s;
	char what[96];
	u32 nr;

	if (!is_pkmap_addr(addr))
		return;
	nr = pkmap_nr(addr);
	s = &pkmap_slots[nr];
	pf_describe(tf->error_code, what, sizeof(what));
	if (!s->file)
		panic("page fault at 0x%08x (%s): pkmap slot %u was never mapped",
		      addr, what, nr);
	if (pkmap_count[nr] == 0)
		panic("use after kunmap(): 0x%08x (%s) is pkmap slot %u, cleared "
		      "by a pool flush (a wrap or kmap_flush_unused()); it last held "
		      "pfn 0x%x, mapped by kmap() at %s:%d", addr, what, nr, s->pfn,
		      s->file, s->line);
	panic("page fault on mapped pkmap slot %u (0x%08x, pfn 0x%x, count %u, "
	      "mapped at %s:%d): %s", nr, addr, s->pfn, pkmap_count[nr], s->file,
	      s->line, what);
}

void pkmap_stats_read(struct pkmap_stats *out)
{
	spin_lock(&kmap_lock);
	*out = pkmap_stat;
	spin_unlock(&kmap_lock);
}

u32 pkmap_slot_count(u32 nr)
{
	return pkmap_count[nr];
}

pte_t pkmap_slot_pte(u32 nr)
{
	return pkmap_page_table[nr];
}

u32 pkmap_cursor(void)
{
	return last_pkmap_nr;
}

u32 pkmap_users(void)
{
	u32 n = 0;

	for (u32 nr = 0; nr < LAST_PKMAP; nr++)
		n += pkmap_count[nr] > 1;
	return n;
}

void pkmap_drop_users(void)
{
	spin_lock(&kmap_lock);
	for (u32 nr = 0; nr < LAST_PKMAP; nr++)
		if (pkmap_count[nr] > 1)
			pkmap_count[nr] = 1;
	spin_unlock(&kmap_lock);
	wake_up(&pkmap_map_wait);
}
/* kmap() users are the kernel's, not a task's: a kmap() address may be
 * handed to another thread, which kunmap()s it after its mapper exited. */
CONTEXT_CHECK(pkmap, CONTEXT_GLOBAL, "pkmap slots with kmap() users",
	      pkmap_users, pkmap_drop_users);

bool pkmap_check(char *why, size_t size)
{
	bool ok = true;

	spin_lock(&kmap_lock);
	for (u32 nr = 0; nr < LAST_PKMAP && ok; nr++) {
		pte_t pte = pkmap_page_table[nr];
		struct page *page = pkmap_slots[nr].page;

		if (pkmap_count[nr] == 0 && (pte || page)) {
			snprintf(why, size, "slot %u: count 0 but pte 0x%llx, page %p",
				 nr, pte, page);
			ok = false;
		} else if (pkmap_count[nr] && (!(pte & _PAGE_PRESENT) || !page ||
			   pte_phys(pte) != page_to_phys(page) ||
			   slot_of_page(page) != (int)nr)) {
			snprintf(why, size, "slot %u: count %u but pte 0x%llx and "
				 "hash entry %p disagree", nr, pkmap_count[nr], pte, page);
			ok = false;
		}
	}
	spin_unlock(&kmap_lock);
	return ok;
}

void pkmap_report(void)
{
	struct pkmap_stats s;
	u32 mapped = 0;

	pkmap_stats_read(&s);
	for (u32 nr = 0; nr < LAST_PKMAP; nr++)
		mapped += pkmap_count[nr] != 0;
	pr_info("pkmap: %u slots at 0x%08x-0x%08x, %u mapped, %u with users; "
		"kmap() %u (hits %u, new slots %u), waits %u, wraps %u, global "
		"flushes %u, pages flushed %u\n", LAST_PKMAP, (u32)PKMAP_BASE,
		(u32)PKMAP_END - 1, mapped, pkmap_users(), s.maps, s.hits, s.new_slots,
		s.waits, s.wraps, s.global_flushes, s.pages_flushed);
}

void kmap_init(void)
{
	BUILD_BUG_ON(LAST_PKMAP != PTRS_PER_PTE);	/* one page table */
	for (u32 i = 0; i < ARRAY_SIZE(pa_hash); i++)
		INIT_LIST_HEAD(&pa_hash[i]);
	pkmap_page_table = kernel_pte_alloc(PKMAP_BASE);
	if (!pkmap_page_table)
		panic("kmap_init: no lowmem page for the pkmap page table");
	if (pkmap_skip_wrap_flush)
		pr_warn("pkmap: FAULT INJECTION pkmap_skip_wrap_flush=on: the pool "
			"wraps without a TLB flush; stale mappings will be seen\n");
}

static int cmd_pkmap(int argc, char **argv)
{
	struct pkmap_stats s;
	u32 mapped = 0;

	if (argc != 1)
		return MONITOR_USAGE;
	pkmap_stats_read(&s);
	kprintf("pkmap pool: %u slots at 0x%08x-0x%08x, cursor at slot %u\n",
		LAST_PKMAP, (u32)PKMAP_BASE, (u32)PKMAP_END - 1, pkmap_cursor());
	kprintf("slot  address     count  pfn       users  last kmap() at\n");
	for (u32 nr = 0; nr < LAST_PKMAP; nr++) {
		u32 count = pkmap_slot_count(nr);
		pte_t pte = pkmap_slot_pte(nr);

		if (!count)
			continue;
		mapped++;
		kprintf("%4u  0x%08x  %5u  0x%06llx  %5u  %s:%d\n", nr,
			pkmap_addr(nr), count, pte_phys(pte) >> PAGE_SHIFT,
			count - 1, pkmap_slots[nr].file, pkmap_slots[nr].line);
	}
	kprintf("%u slot%s mapped (count 1: unused, flushed at the next wrap), "
		"%u with users\n", mapped, plural(mapped), pkmap_users());
	kprintf("kmap() %u: hits %u, new slots %u; waits %u, wakeups %u; wraps "
		"%u, global flushes %u, pages flushed %u\n", s.maps, s.hits,
		s.new_slots, s.waits, s.wakeups, s.wraps, s.global_flushes,
		s.pages_flushed);
	return 0;
}
MONITOR_COMMAND(pkmap, cmd_pkmap, "",
		"the pkmap pool: live slots with counts and pages, the counters");
