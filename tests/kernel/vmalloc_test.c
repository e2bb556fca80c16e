// SPDX-License-Identifier: MIT
/*
 * vmalloc memory is HighMem when there is some: a thread runs, sleeps and
 * exits on a stack whose frames (read from its PTEs) are HighMem, and its
 * exit gives them back; what is written through a vmalloc address is what
 * kmap_local_page() of the backing page shows, and the other way round.
 * Without HighMem (128M) the pages must come from Normal instead.
 */
#include <arch/x86/pgtable.h>
#include <mm/paging.h>
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <mm/buddy.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/vmalloc.h>
#include "mm_test_util.h"

#define AREA_PAGES	3
#define MARKER_WORDS	256
#define STACK_EXIT_CODE	0x57ac
#define WORDS_PER_PAGE	(PAGE_SIZE / sizeof(u32))

/* The zone that @n pages of GFP_HIGHUSER come from now: HighMem first. */
static enum zone_type expected_zone(u32 n)
{
	return zone_free_pages(&zones[ZONE_HIGHMEM]) >= n ? ZONE_HIGHMEM : ZONE_NORMAL;
}

/*
 * The page mapped at vmalloc address @va, read from the kernel page table,
 * checked against vmalloc_to_page() and against the zone @want: HighMem
 * frames lie at or above max_low_pfn, Normal ones below.
 */
static struct page *expect_backing(struct ktest *t, u32 va, enum zone_type want)
{
	pte_t *pte = kernel_pte_lookup(va);
	struct page *page;
	u32 pfn;

	KASSERT_NOT_NULL(t, pte);
	KASSERT_TRUE(t, *pte & _PAGE_PRESENT);
	pfn = (u32)(pte_phys(*pte) >> PAGE_SHIFT);
	page = pfn_to_page(pfn);
	KEXPECT_TRUE(t, vmalloc_to_page((void *)va) == page);
	KEXPECT_EQ(t, page_zonenum(page), want);
	if (want == ZONE_HIGHMEM)
		KEXPECT_GE(t, pfn, max_low_pfn);
	else
		KEXPECT_LT(t, pfn, max_low_pfn);
	return page;
}

struct stack_probe {
	u32 marker_addr;		/* where the thread's marker lived */
	u32 bad_words;			/* marker words changed across the sleep */
	u64 slept_ticks;
};

/* Keeps a marker on its stack across a yield and a sleep, then checks it. */
static int stack_probe_fn(void *arg)
{
	struct stack_probe *p = arg;
	volatile u32 marker[MARKER_WORDS];
	u64 start;

	for (u32 i = 0; i < MARKER_WORDS; i++)
		marker[i] = 0x5eed0000U + i * 0x01010101U;
	p->marker_addr = (u32)marker;
	yield();
	start = jiffies_now();
	msleep(30);
	p->slept_ticks = jiffies_now() - start;
	yield();
	for (u32 i = 0; i < MARKER_WORDS; i++)
		p->bad_words += marker[i] != 0x5eed0000U + i * 0x01010101U;
	return STACK_EXIT_CODE;
}

static void thread_runs_on_highmem_stack(struct ktest *t)
{
	enum zone_type want = expected_zone(THREAD_STACK_PAGES);
	u32 free_before = zone_free_pages(&zones[want]);
	struct page *pages[THREAD_STACK_PAGES];
	struct stack_probe probe = { 0 };
	u32 stack_bottom, stack_top;
	struct task *th;

	th = kthread_create(stack_probe_fn, &probe, -1, "highstack");
	KASSERT_NOT_NULL(t, th);
	stack_bottom = th->stack_bottom;
	stack_top = th->stack_top;
	for (u32 i = 0; i < THREAD_STACK_PAGES; i++)
		pages[i] = expect_backing(t, stack_bottom + i * PAGE_SIZE, want);
	if (want == ZONE_HIGHMEM)	/* Normal also gave the struct task */
		KEXPECT_EQ(t, zone_free_pages(&zones[want]), free_before - THREAD_STACK_PAGES);

	wake_up_process(th);
	KEXPECT_EQ(t, kthread_join(th), STACK_EXIT_CODE);
	KEXPECT_EQ(t, probe.bad_words, 0);
	KEXPECT_GE(t, probe.slept_ticks, 2);	/* it slept: switched out and back */
	KEXPECT_GE(t, probe.marker_addr, stack_bottom);
	KEXPECT_LT(t, probe.marker_addr, stack_top);

	/* Joined: the stack's frames are back in their zone. */
	for (u32 i = 0; i < THREAD_STACK_PAGES; i++)
		KEXPECT_TRUE(t, page_is_free(pages[i]));
	if (want == ZONE_HIGHMEM)
		KEXPECT_EQ(t, zone_free_pages(&zones[want]), free_before);
}

static u32 via_vmalloc(u32 i) { return 0xa110c000U ^ (i * 0x9e3779b1U); }
static u32 via_kmap(u32 i) { return 0x6b6d6170U + i; }

static void contents_agree_with_kmap_local(struct ktest *t)
{
	enum zone_type want = expected_zone(AREA_PAGES);
	u32 free_before = zone_free_pages(&zones[want]);
	struct page *pages[AREA_PAGES];
	u32 *area = vmalloc_guarded(AREA_PAGES);

	KASSERT_NOT_NULL(t, area);
	for (u32 i = 0; i < AREA_PAGES * WORDS_PER_PAGE; i++)
		area[i] = via_vmalloc(i);
	for (u32 p = 0; p < AREA_PAGES; p++) {
		u32 *words;
		u32 bad = 0;

		pages[p] = expect_backing(t, (u32)area + p * PAGE_SIZE, want);
		words = kmap_local_page(pages[p]);
		for (u32 i = 0; i < WORDS_PER_PAGE; i++) {
			bad += words[i] != via_vmalloc(p * WORDS_PER_PAGE + i);
			words[i] = via_kmap(p * WORDS_PER_PAGE + i);
		}
		kunmap_local(words);
		KEXPECT_EQ(t, bad, 0);
	}
	for (u32 p = 0; p < AREA_PAGES; p++) {
		u32 bad = 0;

		for (u32 i = 0; i < WORDS_PER_PAGE; i++)
			bad += area[p * WORDS_PER_PAGE + i] !=
			       via_kmap(p * WORDS_PER_PAGE + i);
		KEXPECT_EQ(t, bad, 0);
	}
	if (want == ZONE_HIGHMEM)
		KEXPECT_EQ(t, zone_free_pages(&zones[want]), free_before - AREA_PAGES);

	vfree_guarded(area, AREA_PAGES);
	KEXPECT_NULL(t, vmalloc_to_page(area));
	for (u32 p = 0; p < AREA_PAGES; p++)
		KEXPECT_TRUE(t, page_is_free(pages[p]));
	if (want == ZONE_HIGHMEM)
		KEXPECT_EQ(t, zone_free_pages(&zones[want]), free_before);
}

/*
 * After vfree_guarded() the area's translations are gone from the TLB too:
 * a read through an address this CPU had just used faults. Without the
 * flush the stale entry would still reach the freed page, and the case
 * would return instead of panicking.
 */
static void read_after_vfree_faults(struct ktest *t)
{
	u32 *mapped = vmalloc_guarded(1);
	volatile u32 *area = mapped;

	KASSERT_NOT_NULL(t, mapped);
	area[0] = 0x5eed;
	KEXPECT_EQ(t, area[0], 0x5eed);		/* the TLB has the entry now */
	vfree_guarded(mapped, 1);
	(void)area[0];
}

static struct ktest_case vmalloc_cases[] = {
	KTEST_CASE(thread_runs_on_highmem_stack),
	KTEST_CASE(contents_agree_with_kmap_local),
	KTEST_DEATH_CASE(read_after_vfree_faults, "not-present read in kernel mode"),
	{}
};
KTEST_SUITE(vmalloc, vmalloc_cases);
