// SPDX-License-Identifier: MIT
/*
 * User address spaces (mm/mm.c, mm/memory.c, mm/mmap.c), tested from the
 * kernel: each case builds an mm, faults its pages with handle_mm_fault()
 * as the page-fault handler would, and reads the PTEs through
 * pte_offset_map() and the pages through kmap_local_page(). The cases that
 * load the mm in CR3 (switch_mm(), preemption off) also read and write
 * the user addresses themselves, after faulting them in: the MMU must see
 * what the tables say, TLB flushes included. Every case ends with the
 * zones' free counts where they started.
 */
#include <arch/x86/pgtable.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <kernel/syscall.h>
#include <lib/err.h>
#include <lib/string.h>
#include <arch/x86/ptw_check.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/page_ref.h>
#include <mm/watermark.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/mman.h>
#include <arch/x86/trap_frame.h>
#include "mm/mm_internal.h"
#include "mm_test_util.h"

#define BASE		0x10000000U	/* a user address, 2 MiB aligned */
#define RW		(VM_READ | VM_WRITE)

extern const struct syscall_desc __start_syscalls[], __stop_syscalls[];

struct zone_counts {
	u32 free[MAX_NR_ZONES];
};

static void count_zones(struct zone_counts *c)
{
	for (u32 z = 0; z < MAX_NR_ZONES; z++)
		c->free[z] = zone_free_pages(&zones[z]);
}

static void expect_zones_back(struct ktest *t, const struct zone_counts *before)
{
	for (u32 z = 0; z < MAX_NR_ZONES; z++)
		KEXPECT_EQ(t, zone_free_pages(&zones[z]), before->free[z]);
}

/* The PTE of @addr in @mm, 0 when it has no page table. */
static pte_t read_pte(struct mm_struct *mm, u32 addr)
{
	pte_t *ptep = pte_offset_map(mm, addr);
	pte_t pte;

	if (!ptep)
		return 0;
	pte = *ptep;
	pte_unmap(ptep);
	return pte;
}

/* The page mapped at @addr in @mm, or NULL. */
static struct page *user_page(struct mm_struct *mm, u32 addr)
{
	pte_t pte = read_pte(mm, addr);

	return pte & _PAGE_PRESENT ?
		pfn_to_page((u32)(pte_phys(pte) >> PAGE_SHIFT)) : NULL;
}

/* Fill the page at @addr with bytes derived from @seed, or check them. */
static u8 pattern(u32 seed, u32 i)
{
	return (u8)((seed * 131 + i * 7 + (i >> 8)) ^ 0x5c);
}

static void fill_page(struct page *page, u32 seed)
{
	u8 *p = kmap_local_page(page);

	for (u32 i = 0; i < PAGE_SIZE; i++)
		p[i] = pattern(seed, i);
	kunmap_local(p);
}

/* The number of bytes of @page that differ from the pattern of @seed. */
static u32 page_differs(struct page *page, u32 seed)
{
	u8 *p = kmap_local_page(page);
	u32 bad = 0;

	for (u32 i = 0; i < PAGE_SIZE; i++)
		bad += p[i] != pattern(seed, i);
	kunmap_local(p);
	return bad;
}

static u32 nonzero_bytes(struct page *page)
{
	u8 *p = kmap_local_page(page);
	u32 bad = 0;

	for (u32 i = 0; i < PAGE_SIZE; i++)
		bad += p[i] != 0;
	kunmap_local(p);
	return bad;
}

static u32 nr_vmas(struct mm_struct *mm)
{
	struct list_head *pos;
	u32 n = 0;

	list_for_each(pos, &mm->vmas)
		n++;
	return n;
}

/* The @i-th VMA of @mm (from 0), or NULL. */
static struct vm_area *nth_vma(struct mm_struct *mm, u32 i)
{
	struct list_head *pos;

	list_for_each(pos, &mm->vmas)
		if (i-- == 0)
			return list_entry(pos, struct vm_area, list);
	return NULL;
}

static bool highmem_has_room(void)
{
	return zone_free_pages(&zones[ZONE_HIGHMEM]) > 64;
}

/* A freshly touched page is zeroed (the page it got was not: a freed
 * page is poisoned or holds its last owner's bytes), mapped user, writable
 * as its VMA, NX, and taken from HighMem when HighMem has pages. */
static void demand_zero_page(struct ktest *t)
{
	struct zone_counts before;
	struct mm_struct *mm;
	struct page *dirty[2], *page;
	u64 fills = mm_stats.zero_fills;
	const char *why = NULL;
	pte_t pte;

	count_zones(&before);
	/* The next two GFP_HIGHUSER pages: the page table and the page. */
	for (u32 i = 0; i < 2; i++) {
		dirty[i] = alloc_page(GFP_HIGHUSER);
		KASSERT_NOT_NULL(t, dirty[i]);
		fill_page(dirty[i], 1);
	}
	__free_page(dirty[1]);
	__free_page(dirty[0]);
	mm = mm_create();
	KASSERT_NOT_NULL(t, mm);
	KASSERT_EQ(t, mm_map(mm, BASE, 4 * PAGE_SIZE, RW), 0);
	KEXPECT_NULL(t, pte_offset_map(mm, BASE));	/* nothing yet */
	KEXPECT_EQ(t, handle_mm_fault(mm, BASE + 2 * PAGE_SIZE + 5, PF_USER, &why), 0);
	pte = read_pte(mm, BASE + 2 * PAGE_SIZE);
	page = user_page(mm, BASE + 2 * PAGE_SIZE);
	KASSERT_NOT_NULL(t, page);
	KEXPECT_EQ(t, nonzero_bytes(page), 0);
	KEXPECT_TRUE(t, pte & _PAGE_USER);
	KEXPECT_TRUE(t, pte & _PAGE_RW);
	KEXPECT_FALSE(t, pte & _PAGE_GLOBAL);
	KEXPECT_EQ(t, pte & _PAGE_NX, supported_pte_mask & _PAGE_NX);
	if (zones[ZONE_HIGHMEM].managed_pages)
		KEXPECT_TRUE(t, PageHighMem(page));
	KEXPECT_EQ(t, page_mapcount(page), 1);
	KEXPECT_EQ(t, page_ref_count(page), 1);
	KEXPECT_EQ(t, mm->rss, 1);
	KEXPECT_EQ(t, mm->rss_highmem, PageHighMem(page) ? 1 : 0);
	KEXPECT_EQ(t, mm_stats.zero_fills, fills + 1);
	/* The neighbours stay untouched. */
	KEXPECT_EQ(t, read_pte(mm, BASE + PAGE_SIZE), 0);
	KEXPECT_EQ(t, read_pte(mm, BASE + 3 * PAGE_SIZE), 0);
	mm_destroy(mm);
	expect_zones_back(t, &before);
}

/* A fault no VMA allows is a segfault with its reason; nothing is mapped. */
static void bad_faults_are_efault(struct ktest *t)
{
	struct zone_counts before;
	struct mm_struct *mm;
	const char *why = NULL;

	count_zones(&before);
	mm = mm_create();
	KASSERT_NOT_NULL(t, mm);
	KASSERT_EQ(t, mm_map(mm, BASE, PAGE_SIZE, VM_READ), 0);
	KASSERT_EQ(t, mm_map(mm, BASE + 2 * PAGE_SIZE, PAGE_SIZE, 0), 0);
	KEXPECT_EQ(t, handle_mm_fault(mm, BASE + PAGE_SIZE, PF_USER, &why), -EFAULT);
	KEXPECT_STREQ(t, why, "no mapping");
	KEXPECT_EQ(t, handle_mm_fault(mm, 0, PF_USER, &why), -EFAULT);
	KEXPECT_EQ(t, handle_mm_fault(mm, BASE, PF_USER | PF_WRITE, &why), -EFAULT);
	KEXPECT_STREQ(t, why, "write to a read-only mapping");
	KEXPECT_EQ(t, handle_mm_fault(mm, BASE, PF_USER | PF_INSTR, &why), -EFAULT);
	KEXPECT_STREQ(t, why, "execute of a non-executable mapping");
	KEXPECT_EQ(t, handle_mm_fault(mm, BASE + 2 * PAGE_SIZE, PF_USER, &why), -EFAULT);
	KEXPECT_STREQ(t, why, "access to a PROT_NONE mapping");
	KEXPECT_EQ(t, handle_mm_fault(mm, USER_STACK_TOP, PF_USER, &why), -EFAULT);
	KEXPECT_EQ(t, mm->rss, 0);
	KEXPECT_EQ(t, mm->nr_pte_pages, 0);
	/* A read of the read-only VMA is fine, and maps read-only. */
	KEXPECT_EQ(t, handle_mm_fault(mm, BASE, PF_USER, &why), 0);
	KEXPECT_FALSE(t, read_pte(mm, BASE) & _PAGE_RW);
	mm_destroy(mm);
	expect_zones_back(t, &before);
}

/* Pages in three 2 MiB regions: three page tables, in HighMem when it
 * exists, each reached through pte_offset_map(). */
static void page_tables_in_highmem(struct ktest *t)
{
	struct zone_counts before;
	struct mm_struct *mm;
	u32 pfn[3];
	u32 peak;

	count_zones(&before);
	mm = mm_create();
	KASSERT_NOT_NULL(t, mm);
	KASSERT_EQ(t, mm_map(mm, BASE, 3 * PMD_SIZE, RW), 0);
	for (u32 i = 0; i < 3; i++)
		KEXPECT_EQ(t, handle_mm_fault(mm, BASE + i * PMD_SIZE + 0x3000,
					      PF_USER | PF_WRITE, NULL), 0);
	KEXPECT_EQ(t, mm->nr_pte_pages, 3);
	peak = mm_stats.pte_pages_highmem_peak;
	for (u32 i = 0; i < 3; i++) {
		pfn[i] = mm_pte_page_pfn(mm, BASE + i * PMD_SIZE);
		KEXPECT_NE(t, pfn[i], 0);
		if (highmem_has_room())
			KEXPECT_GE(t, pfn[i], max_low_pfn);
		KEXPECT_TRUE(t, read_pte(mm, BASE + i * PMD_SIZE + 0x3000) & _PAGE_PRESENT);
		KEXPECT_FALSE(t, read_pte(mm, BASE + i * PMD_SIZE) & _PAGE_PRESENT);
	}
	KEXPECT_NE(t, pfn[0], pfn[1]);
	KEXPECT_NE(t, pfn[1], pfn[2]);
	if (highmem_has_room()) {
		KEXPECT_EQ(t, mm->nr_pte_pages_highmem, 3);
		KEXPECT_GE(t, peak, 3);
		KEXPECT_GE(t, mm_stats.pte_pages_highmem, 3);
	}
	mm_destroy(mm);
	expect_zones_back(t, &before);
}

/*
 * fork copies every page table (mm_fork(), lab 8): the child gets a PTE
 * page of its own, in HighMem when HighMem has room, for each 2 MiB region
 * where the parent has one and none elsewhere; each of its 512 entries
 * equals the parent's, every present page write-protected in both with a
 * mapper and a reference more; and fork leaves no kmap_local mapping of a
 * page table behind.
 */
static void fork_copies_every_page_table(struct ktest *t)
{
	/* Both ends of region 0, a page of region 1, none in region 2, a
	 * read-only page of region 3: three page tables. */
	static const u32 touched[] = {
		0, PMD_SIZE - PAGE_SIZE, PMD_SIZE + 5 * PAGE_SIZE,
		3 * PMD_SIZE + 100 * PAGE_SIZE,
	};
	static const u32 regions[] = { 0, 1, 3 };
	struct zone_counts before;
	struct mm_struct *parent, *child;
	u32 depth, present = 0, writable = 0, differ = 0;

	count_zones(&before);
	parent = mm_create();
	KASSERT_NOT_NULL(t, parent);
	KASSERT_EQ(t, mm_map(parent, BASE, 3 * PMD_SIZE, RW), 0);
	KASSERT_EQ(t, mm_map(parent, BASE + 3 * PMD_SIZE, PMD_SIZE, VM_READ), 0);
	for (u32 i = 0; i < 3; i++) {
		KASSERT_EQ(t, handle_mm_fault(parent, BASE + touched[i],
					      PF_USER | PF_WRITE, NULL), 0);
		fill_page(user_page(parent, BASE + touched[i]), 20 + i);
	}
	KASSERT_EQ(t, handle_mm_fault(parent, BASE + touched[3], PF_USER, NULL), 0);
	KASSERT_EQ(t, parent->nr_pte_pages, 3);
	depth = kmap_local_depth();
	child = mm_fork(parent);
	/* Every pte_offset_map() of the copy had its pte_unmap(). */
	KEXPECT_EQ(t, kmap_local_depth(), depth);
	KASSERT_NOT_NULL(t, child);
	KEXPECT_EQ(t, child->nr_pte_pages, 3);
	KEXPECT_EQ(t, child->rss, 4);
	KEXPECT_EQ(t, mm_pte_page_pfn(child, BASE + 2 * PMD_SIZE), 0);
	if (highmem_has_room())
		KEXPECT_EQ(t, child->nr_pte_pages_highmem, 3);
	for (u32 r = 0; r < ARRAY_SIZE(regions); r++) {
		u32 base = BASE + regions[r] * PMD_SIZE;
		u32 theirs = mm_pte_page_pfn(parent, base);
		u32 ours = mm_pte_page_pfn(child, base);
		pte_t *spte, *dpte;

		KEXPECT_NE(t, ours, 0);
		KEXPECT_NE(t, ours, theirs);
		if (highmem_has_room())
			KEXPECT_GE(t, ours, max_low_pfn);
		if (!ours)
			continue;
		spte = pte_offset_map(parent, base);
		dpte = pte_offset_map(child, base);
		for (u32 i = 0; i < PTRS_PER_PTE; i++) {
			differ += spte[i] != dpte[i];
			present += !!(dpte[i] & _PAGE_PRESENT);
			writable += !!(spte[i] & _PAGE_RW) + !!(dpte[i] & _PAGE_RW);
		}
		pte_unmap(dpte);
		pte_unmap(spte);
	}
	KEXPECT_EQ(t, differ, 0);
	KEXPECT_EQ(t, present, 4);
	KEXPECT_EQ(t, writable, 0);
	for (u32 i = 0; i < ARRAY_SIZE(touched); i++) {
		struct page *page = user_page(child, BASE + touched[i]);

		KASSERT_NOT_NULL(t, page);
		KEXPECT_TRUE(t, page == user_page(parent, BASE + touched[i]));
		KEXPECT_EQ(t, page_mapcount(page), 2);
		KEXPECT_EQ(t, page_ref_count(page), 2);
		if (i < 3)
			KEXPECT_EQ(t, page_differs(page, 20 + i), 0);
		else
			KEXPECT_EQ(t, nonzero_bytes(page), 0);
	}
	mm_destroy(child);
	for (u32 i = 0; i < ARRAY_SIZE(touched); i++)
		KEXPECT_EQ(t, page_mapcount(user_page(parent, BASE + touched[i])), 1);
	mm_destroy(parent);
	expect_zones_back(t, &before);
}

/*
 * fork: every page shared read-only with mapcount 2; a write fault in the
 * child copies (the parent's bytes stay), then the parent, last mapper,
 * reuses its page in place. Destroying both gives every page back.
 */
static void cow_after_fork(struct ktest *t)
{
	struct zone_counts before;
	struct mm_struct *parent, *child;
	struct page *shared[4], *copy;
	u64 copies = mm_stats.cow_copies, reuses = mm_stats.cow_reuses;

	count_zones(&before);
	parent = mm_create();
	KASSERT_NOT_NULL(t, parent);
	KASSERT_EQ(t, mm_map(parent, BASE, 4 * PAGE_SIZE, RW), 0);
	for (u32 i = 0; i < 4; i++) {
		KASSERT_EQ(t, handle_mm_fault(parent, BASE + i * PAGE_SIZE,
					      PF_USER | PF_WRITE, NULL), 0);
		fill_page(user_page(parent, BASE + i * PAGE_SIZE), 10 + i);
	}
	child = mm_fork(parent);
	KASSERT_NOT_NULL(t, child);
	KEXPECT_EQ(t, nr_vmas(child), 1);
	KEXPECT_EQ(t, child->rss, 4);
	for (u32 i = 0; i < 4; i++) {
		u32 addr = BASE + i * PAGE_SIZE;

		shared[i] = user_page(parent, addr);
		KEXPECT_TRUE(t, shared[i] == user_page(child, addr));
		KEXPECT_FALSE(t, read_pte(parent, addr) & _PAGE_RW);
		KEXPECT_FALSE(t, read_pte(child, addr) & _PAGE_RW);
		KEXPECT_EQ(t, page_mapcount(shared[i]), 2);
		KEXPECT_EQ(t, page_ref_count(shared[i]), 2);
	}
	/* The child writes page 1: a copy with the parent's bytes. */
	KEXPECT_EQ(t, handle_mm_fault(child, BASE + PAGE_SIZE + 8,
				      PF_USER | PF_WRITE | PF_PROT, NULL), 0);
	copy = user_page(child, BASE + PAGE_SIZE);
	KASSERT_NOT_NULL(t, copy);
	KEXPECT_TRUE(t, copy != shared[1]);
	KEXPECT_TRUE(t, read_pte(child, BASE + PAGE_SIZE) & _PAGE_RW);
	KEXPECT_EQ(t, page_differs(copy, 11), 0);
	KEXPECT_EQ(t, mm_stats.cow_copies, copies + 1);
	fill_page(copy, 99);
	KEXPECT_EQ(t, page_differs(shared[1], 11), 0);
	KEXPECT_EQ(t, page_mapcount(shared[1]), 1);
	KEXPECT_EQ(t, page_mapcount(copy), 1);
	/* The parent, now its only mapper, writes page 1 in place. */
	KEXPECT_EQ(t, handle_mm_fault(parent, BASE + PAGE_SIZE,
				      PF_USER | PF_WRITE | PF_PROT, NULL), 0);
	KEXPECT_TRUE(t, user_page(parent, BASE + PAGE_SIZE) == shared[1]);
	KEXPECT_TRUE(t, read_pte(parent, BASE + PAGE_SIZE) & _PAGE_RW);
	KEXPECT_EQ(t, mm_stats.cow_reuses, reuses + 1);
	KEXPECT_EQ(t, page_differs(shared[1], 11), 0);
	/* Page 2: the parent copies this time, the child reuses. */
	KEXPECT_EQ(t, handle_mm_fault(parent, BASE + 2 * PAGE_SIZE,
				      PF_USER | PF_WRITE | PF_PROT, NULL), 0);
	KEXPECT_TRUE(t, user_page(parent, BASE + 2 * PAGE_SIZE) != shared[2]);
	KEXPECT_EQ(t, page_differs(user_page(parent, BASE + 2 * PAGE_SIZE), 12), 0);
	KEXPECT_EQ(t, handle_mm_fault(child, BASE + 2 * PAGE_SIZE,
				      PF_USER | PF_WRITE | PF_PROT, NULL), 0);
	KEXPECT_TRUE(t, user_page(child, BASE + 2 * PAGE_SIZE) == shared[2]);
	/* The child goes first: pages 0 and 3 live on in the parent. */
	mm_destroy(child);
	KEXPECT_EQ(t, page_mapcount(shared[0]), 1);
	KEXPECT_EQ(t, page_differs(shared[0], 10), 0);
	KEXPECT_EQ(t, page_differs(shared[3], 13), 0);
	mm_destroy(parent);
	expect_zones_back(t, &before);
}

/*
 * The same through the MMU: the mm loaded in CR3, the user addresses read
 * and written by the CPU after each fault is resolved. After the child's
 * COW fault its reads must find its copy, not the parent's page that its
 * TLB still held from the read before (the fault must flush it), and its
 * writes must stay in its copy; the parent, last mapper, then writes its
 * page in place.
 */
static void cow_through_the_mmu(struct ktest *t)
{
	struct zone_counts before;
	struct mm_struct *parent, *child;
	volatile u32 *word = (volatile u32 *)(BASE + 0x10);
	u32 seen_child, seen_copy, seen_parent, seen_reused, seen_after;

	count_zones(&before);
	parent = mm_create();
	KASSERT_NOT_NULL(t, parent);
	KASSERT_EQ(t, mm_map(parent, BASE, PAGE_SIZE, RW), 0);
	preempt_disable();
	switch_mm(parent);
	handle_mm_fault(parent, BASE, PF_USER | PF_WRITE, NULL);
	*word = 0x11111111;
	child = mm_fork(parent);
	switch_mm(child);
	seen_child = child ? *word : 0;		/* caches the read-only PTE */
	if (child) {
		handle_mm_fault(child, BASE, PF_USER | PF_WRITE | PF_PROT, NULL);
		/* The parent's page changes: the child has its copy now. */
		memcpy_to_page(user_page(parent, BASE), 0x10, &(u32){ 0x55555555 }, 4);
	}
	seen_copy = *word;
	*word = 0x22222222;
	switch_mm(parent);
	seen_parent = *word;		/* caches the read-only PTE */
	/* The parent is the last mapper now: it reuses its page in place. */
	handle_mm_fault(parent, BASE, PF_USER | PF_WRITE | PF_PROT, NULL);
	*word = 0x33333333;
	seen_reused = *word;
	switch_mm(child);
	seen_after = *word;
	switch_mm(NULL);
	preempt_enable();
	KASSERT_NOT_NULL(t, child);
	KEXPECT_EQ(t, seen_child, 0x11111111);
	KEXPECT_EQ(t, seen_copy, 0x11111111);
	KEXPECT_EQ(t, seen_parent, 0x55555555);
	KEXPECT_EQ(t, seen_reused, 0x33333333);
	KEXPECT_EQ(t, seen_after, 0x22222222);
	mm_destroy(child);
	mm_destroy(parent);
	expect_zones_back(t, &before);
}

/* munmap and mprotect in the middle of a VMA split it; the unmapped pages
 * go back to their zone; protections show in the PTEs; restoring them
 * merges the VMAs again. */
static void unmap_and_protect_split_vmas(struct ktest *t)
{
	struct zone_counts before;
	struct mm_struct *mm;
	struct page *gone;
	const char *why;

	count_zones(&before);
	mm = mm_create();
	KASSERT_NOT_NULL(t, mm);
	KASSERT_EQ(t, mm_map(mm, BASE, 8 * PAGE_SIZE, RW), 0);
	for (u32 i = 0; i < 8; i++)
		KASSERT_EQ(t, handle_mm_fault(mm, BASE + i * PAGE_SIZE,
					      PF_USER | PF_WRITE, NULL), 0);
	gone = user_page(mm, BASE + 3 * PAGE_SIZE);
	KEXPECT_EQ(t, mm_unmap(mm, BASE + 3 * PAGE_SIZE, 2 * PAGE_SIZE - 100), 0);
	KASSERT_EQ(t, nr_vmas(mm), 2);
	KEXPECT_EQ(t, nth_vma(mm, 0)->end, BASE + 3 * PAGE_SIZE);
	KEXPECT_EQ(t, nth_vma(mm, 1)->start, BASE + 5 * PAGE_SIZE);
	KEXPECT_EQ(t, read_pte(mm, BASE + 3 * PAGE_SIZE), 0);
	KEXPECT_EQ(t, read_pte(mm, BASE + 4 * PAGE_SIZE), 0);
	KEXPECT_TRUE(t, page_is_free(gone));
	KEXPECT_EQ(t, mm->rss, 6);
	KEXPECT_EQ(t, handle_mm_fault(mm, BASE + 4 * PAGE_SIZE, PF_USER, &why), -EFAULT);

	KEXPECT_EQ(t, mm_protect(mm, BASE + PAGE_SIZE, PAGE_SIZE, VM_READ), 0);
	KASSERT_EQ(t, nr_vmas(mm), 4);
	KEXPECT_EQ(t, nth_vma(mm, 1)->start, BASE + PAGE_SIZE);
	KEXPECT_EQ(t, nth_vma(mm, 1)->end, BASE + 2 * PAGE_SIZE);
	KEXPECT_EQ(t, nth_vma(mm, 1)->flags, VM_READ);
	KEXPECT_FALSE(t, read_pte(mm, BASE + PAGE_SIZE) & _PAGE_RW);
	KEXPECT_TRUE(t, read_pte(mm, BASE + PAGE_SIZE) & _PAGE_PRESENT);
	KEXPECT_TRUE(t, read_pte(mm, BASE) & _PAGE_RW);
	KEXPECT_TRUE(t, read_pte(mm, BASE + 2 * PAGE_SIZE) & _PAGE_RW);
	KEXPECT_EQ(t, handle_mm_fault(mm, BASE + PAGE_SIZE, PF_USER | PF_WRITE | PF_PROT,
				      &why), -EFAULT);
	/* A hole in the range: -ENOMEM, nothing changed. */
	KEXPECT_EQ(t, mm_protect(mm, BASE, 8 * PAGE_SIZE, VM_READ), -ENOMEM);
	KEXPECT_TRUE(t, read_pte(mm, BASE) & _PAGE_RW);
	KEXPECT_EQ(t, mm_protect(mm, BASE + PAGE_SIZE, PAGE_SIZE, RW), 0);
	KASSERT_EQ(t, nr_vmas(mm), 2);
	KEXPECT_EQ(t, nth_vma(mm, 0)->end, BASE + 3 * PAGE_SIZE);
	KEXPECT_TRUE(t, read_pte(mm, BASE + PAGE_SIZE) & _PAGE_RW);
	/* Unmapping everything frees the page table too. */
	KEXPECT_EQ(t, mm_unmap(mm, BASE, 8 * PAGE_SIZE), 0);
	KEXPECT_EQ(t, nr_vmas(mm), 0);
	KEXPECT_EQ(t, mm->rss, 0);
	KEXPECT_EQ(t, mm->nr_pte_pages, 0);
	KEXPECT_EQ(t, mm_unmap(mm, BASE + 1, PAGE_SIZE), -EINVAL);
	mm_destroy(mm);
	expect_zones_back(t, &before);
}

/* mprotect of a page shared copy-on-write keeps it read-only: a write
 * still copies, the other process's bytes stay. */
static void protect_keeps_cow_readonly(struct ktest *t)
{
	struct zone_counts before;
	struct mm_struct *parent, *child;
	struct page *shared;

	count_zones(&before);
	parent = mm_create();
	KASSERT_NOT_NULL(t, parent);
	KASSERT_EQ(t, mm_map(parent, BASE, PAGE_SIZE, RW), 0);
	KASSERT_EQ(t, handle_mm_fault(parent, BASE, PF_USER | PF_WRITE, NULL), 0);
	shared = user_page(parent, BASE);
	fill_page(shared, 7);
	child = mm_fork(parent);
	KASSERT_NOT_NULL(t, child);
	KEXPECT_EQ(t, mm_protect(parent, BASE, PAGE_SIZE, VM_READ), 0);
	KEXPECT_EQ(t, mm_protect(parent, BASE, PAGE_SIZE, RW), 0);
	KEXPECT_FALSE(t, read_pte(parent, BASE) & _PAGE_RW);
	KEXPECT_EQ(t, handle_mm_fault(parent, BASE, PF_USER | PF_WRITE | PF_PROT, NULL), 0);
	KEXPECT_TRUE(t, user_page(parent, BASE) != shared);
	fill_page(user_page(parent, BASE), 8);
	KEXPECT_EQ(t, page_differs(shared, 7), 0);
	KEXPECT_TRUE(t, user_page(child, BASE) == shared);
	mm_destroy(parent);
	mm_destroy(child);
	expect_zones_back(t, &before);
}

/* brk as Linux's: brk(0) answers the break, growing maps a heap VMA,
 * shrinking frees its pages, a grow into another mapping keeps the old
 * break. mmap2 of anonymous private memory goes top down below
 * USER_MMAP_TOP, and says no to what hm386 does not map. */
static void brk_and_mmap(struct ktest *t)
{
	struct zone_counts before;
	struct mm_struct *mm;
	const u32 heap = 0x08100000;
	long a, b;

	count_zones(&before);
	mm = mm_create();
	KASSERT_NOT_NULL(t, mm);
	mm->start_brk = mm->brk = heap;
	KEXPECT_EQ(t, mm_brk(mm, 0), heap);
	KEXPECT_EQ(t, mm_brk(mm, heap + 3 * PAGE_SIZE + 100), heap + 3 * PAGE_SIZE + 100);
	KASSERT_NOT_NULL(t, mm_find_vma(mm, heap + 3 * PAGE_SIZE));
	KEXPECT_EQ(t, mm_find_vma(mm, heap)->flags, VM_READ | VM_WRITE | VM_HEAP);
	KEXPECT_NULL(t, mm_find_vma(mm, heap + 4 * PAGE_SIZE));
	for (u32 i = 0; i < 4; i++)
		KEXPECT_EQ(t, handle_mm_fault(mm, heap + i * PAGE_SIZE, PF_USER | PF_WRITE, NULL), 0);
	KEXPECT_EQ(t, mm->rss, 4);
	KEXPECT_EQ(t, mm_brk(mm, heap + PAGE_SIZE), heap + PAGE_SIZE);
	KEXPECT_EQ(t, mm->rss, 1);
	KEXPECT_NULL(t, mm_find_vma(mm, heap + PAGE_SIZE));
	KEXPECT_EQ(t, mm_brk(mm, heap - 1), heap + PAGE_SIZE);	/* below start */
	KASSERT_EQ(t, mm_map(mm, heap + 8 * PAGE_SIZE, PAGE_SIZE, VM_READ), 0);
	KEXPECT_EQ(t, mm_brk(mm, heap + 8 * PAGE_SIZE), heap + PAGE_SIZE);
	KEXPECT_EQ(t, mm_brk(mm, heap + 7 * PAGE_SIZE), heap + 7 * PAGE_SIZE);
	KEXPECT_EQ(t, nr_vmas(mm), 2);		/* the heap merged as it grew */

	a = mm_mmap(mm, 0, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS);
	KEXPECT_EQ(t, a, (long)(USER_MMAP_TOP - 3 * PAGE_SIZE));
	b = mm_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS);
	KEXPECT_EQ(t, b, a - (long)PAGE_SIZE);
	KEXPECT_EQ(t, nr_vmas(mm), 3);		/* merged with the first */
	KEXPECT_EQ(t, mm_find_vma(mm, (u32)b)->end, USER_MMAP_TOP);
	KEXPECT_EQ(t, handle_mm_fault(mm, (u32)a, PF_USER | PF_WRITE, NULL), 0);
	/* MAP_FIXED over it replaces the page. */
	KEXPECT_EQ(t, mm_mmap(mm, (u32)a, PAGE_SIZE, PROT_READ,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED), a);
	KEXPECT_EQ(t, read_pte(mm, (u32)a), 0);
	KEXPECT_EQ(t, mm_find_vma(mm, (u32)a)->flags, VM_READ);
	/* A free hint is taken as it is. */
	KEXPECT_EQ(t, mm_mmap(mm, 0x20000000, PAGE_SIZE, PROT_READ,
			      MAP_PRIVATE | MAP_ANONYMOUS), 0x20000000);
	KEXPECT_EQ(t, mm_mmap(mm, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE), -ENODEV);
	KEXPECT_EQ(t, mm_mmap(mm, 0, PAGE_SIZE, PROT_READ, MAP_SHARED | MAP_ANONYMOUS),
		   -EINVAL);
	KEXPECT_EQ(t, mm_mmap(mm, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS), -EINVAL);
	KEXPECT_EQ(t, mm_mmap(mm, 0, PAGE_SIZE, 0x10, MAP_PRIVATE | MAP_ANONYMOUS), -EINVAL);
	KEXPECT_EQ(t, mm_mmap(mm, BASE + 1, PAGE_SIZE, PROT_READ,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED), -EINVAL);
	KEXPECT_EQ(t, mm_mmap(mm, 0x1000, PAGE_SIZE, PROT_READ,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED), -EPERM);
	KEXPECT_EQ(t, mm_mmap(mm, 0, 0xfffff000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS),
		   -ENOMEM);
	mm_destroy(mm);
	expect_zones_back(t, &before);
}

/* mm_get_user_page() as exec uses it on an mm that is not loaded: the page
 * faulted in and held; a write to a page shared after fork copies it
 * first; what the VMAs forbid is -EFAULT. */
static void get_user_page_holds_it(struct ktest *t)
{
	struct zone_counts before;
	struct mm_struct *mm, *child;
	struct page *page, *shared;

	count_zones(&before);
	mm = mm_create();
	KASSERT_NOT_NULL(t, mm);
	KASSERT_EQ(t, mm_map(mm, BASE, PAGE_SIZE, RW), 0);
	KASSERT_EQ(t, mm_map(mm, BASE + PAGE_SIZE, PAGE_SIZE, VM_READ), 0);
	page = mm_get_user_page(mm, BASE + 5, true);
	KASSERT_FALSE(t, IS_ERR_OR_NULL(page));
	KEXPECT_TRUE(t, page == user_page(mm, BASE));
	KEXPECT_EQ(t, page_ref_count(page), 2);
	KEXPECT_EQ(t, page_mapcount(page), 1);
	fill_page(page, 3);
	put_page(page);
	KEXPECT_EQ(t, page_ref_count(page), 1);
	KEXPECT_EQ(t, PTR_ERR(mm_get_user_page(mm, BASE + PAGE_SIZE, true)), -EFAULT);
	KEXPECT_EQ(t, PTR_ERR(mm_get_user_page(mm, BASE + 2 * PAGE_SIZE, false)), -EFAULT);
	shared = mm_get_user_page(mm, BASE + PAGE_SIZE, false);
	KASSERT_FALSE(t, IS_ERR_OR_NULL(shared));
	put_page(shared);
	child = mm_fork(mm);
	KASSERT_NOT_NULL(t, child);
	page = mm_get_user_page(child, BASE, true);
	KASSERT_FALSE(t, IS_ERR_OR_NULL(page));
	KEXPECT_TRUE(t, page != user_page(mm, BASE));
	KEXPECT_EQ(t, page_differs(page, 3), 0);
	put_page(page);
	mm_destroy(child);
	mm_destroy(mm);
	expect_zones_back(t, &before);
}

static const struct syscall_desc *find_syscall(u32 nr)
{
	for (const struct syscall_desc *d = __start_syscalls; d < __stop_syscalls; d++)
		if (d->nr == nr)
			return d;
	return NULL;
}

/* brk, mmap2, munmap and mprotect are registered under Linux's numbers and
 * work on the calling task's mm (current->mm, set here for the test). */
static void syscalls_use_current_mm(struct ktest *t)
{
	const struct syscall_desc *brk = find_syscall(__NR_brk);
	const struct syscall_desc *mmap2 = find_syscall(__NR_mmap2);
	const struct syscall_desc *munmap = find_syscall(__NR_munmap);
	const struct syscall_desc *mprotect = find_syscall(__NR_mprotect);
	struct zone_counts before;
	struct mm_struct *mm, *saved = current->mm;
	long addr, ret[6];

	KASSERT_NOT_NULL(t, brk);
	KASSERT_NOT_NULL(t, mmap2);
	KASSERT_NOT_NULL(t, munmap);
	KASSERT_NOT_NULL(t, mprotect);
	KEXPECT_STREQ(t, mmap2->name, "mmap2");
	count_zones(&before);
	mm = mm_create();
	KASSERT_NOT_NULL(t, mm);
	mm->start_brk = mm->brk = 0x08200000;
	preempt_disable();	/* a task switch must not load mm */
	current->mm = mm;
	ret[0] = brk->fn(0, 0, 0, 0, 0, 0);
	ret[1] = brk->fn(0x08200000 + 2 * PAGE_SIZE, 0, 0, 0, 0, 0);
	addr = mmap2->fn(0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, (u32)-1, 0);
	ret[2] = mprotect->fn((u32)addr, PAGE_SIZE, PROT_READ, 0, 0, 0);
	ret[3] = mprotect->fn((u32)addr, PAGE_SIZE, 0x100, 0, 0, 0);
	ret[4] = munmap->fn((u32)addr + PAGE_SIZE, PAGE_SIZE, 0, 0, 0, 0);
	ret[5] = munmap->fn((u32)addr + 1, PAGE_SIZE, 0, 0, 0, 0);
	current->mm = saved;
	preempt_enable();
	KEXPECT_EQ(t, ret[0], 0x08200000);
	KEXPECT_EQ(t, ret[1], 0x08200000 + 2 * PAGE_SIZE);
	KEXPECT_EQ(t, mm->brk, 0x08200000 + 2 * PAGE_SIZE);
	KEXPECT_EQ(t, addr, (long)(USER_MMAP_TOP - 2 * PAGE_SIZE));
	KEXPECT_EQ(t, ret[2], 0);
	KEXPECT_EQ(t, mm_find_vma(mm, (u32)addr)->flags, VM_READ);
	KEXPECT_EQ(t, ret[3], -EINVAL);
	KEXPECT_EQ(t, ret[4], 0);
	KEXPECT_NULL(t, mm_find_vma(mm, (u32)addr + PAGE_SIZE));
	KEXPECT_EQ(t, ret[5], -EINVAL);
	mm_destroy(mm);
	expect_zones_back(t, &before);
}

/*
 * Filling HighMem and then faulting user pages: they come from Normal only
 * while Normal keeps its min watermark plus its reserve against HighMem
 * users, then the fault fails with -ENOMEM; GFP_KERNEL still gets Normal's
 * pages. (HighMem and DMA are taken beforehand, Normal down to 64 pages
 * above what it keeps, so that the faults are few.)
 */
static void user_faults_leave_normal_its_reserve(struct ktest *t)
{
	struct zone *normal = &zones[ZONE_NORMAL], *dma = &zones[ZONE_DMA];
	struct held h = HELD_INIT(h);
	struct zone_counts before;
	struct mm_struct *mm;
	u32 keep, faulted = 0, from_normal = 0;
	const char *why = NULL;
	struct page *page;
	bool saved = page_poisoning;
	int ret;

	if (!zones[ZONE_HIGHMEM].managed_pages)
		ktest_skip(t, "no HighMem (boot with more than ~900 MiB or highmem=)");
	keep = normal->watermark_min + normal->lowmem_reserve[ZONE_HIGHMEM];
	if (zone_free_pages(normal) < keep + 64)
		ktest_skip(t, "Normal is already down to its reserve");
	count_zones(&before);
	mm = mm_create();
	KASSERT_NOT_NULL(t, mm);
	KASSERT_EQ(t, mm_map(mm, BASE, 64 * PMD_SIZE, RW), 0);
	page_poisoning = false;
	drain_zone(&h, GFP_HIGHUSER, &zones[ZONE_HIGHMEM]);
	drain_zone(&h, GFP_DMA, dma);
	for (int order = MAX_ORDER; order >= 0; order--)
		while (zone_free_pages(normal) >= keep + 64 + (1U << order) &&
		       (page = alloc_pages(GFP_KERNEL, order)) != NULL)
			hold(&h, page);
	KEXPECT_EQ(t, zone_free_pages(normal), keep + 64);
	for (ret = 0; !ret && faulted < 1024; faulted++) {
		ret = handle_mm_fault(mm, BASE + faulted * PAGE_SIZE,
				      PF_USER | PF_WRITE, &why);
		page = ret ? NULL : user_page(mm, BASE + faulted * PAGE_SIZE);
		from_normal += page && page_zonenum(page) == ZONE_NORMAL;
	}
	KEXPECT_EQ(t, ret, -ENOMEM);
	KEXPECT_STREQ(t, why, "out of memory");
	KEXPECT_EQ(t, zone_free_pages(normal), keep);
	/* 64 pages, less the page tables taken from Normal too. */
	KEXPECT_EQ(t, from_normal + mm->nr_pte_pages, 64);
	KEXPECT_EQ(t, mm->rss, from_normal);
	page = alloc_page(GFP_KERNEL);
	KEXPECT_NOT_NULL(t, page);
	if (page)
		__free_page(page);
	mm_destroy(mm);
	release_all(&h, 4);
	page_poisoning = saved;
	expect_zones_back(t, &before);
}

/* With RAM above 4 GiB, a user page and its page table there: counted,
 * zeroed and reached through kmap_local like any other. */
static void user_pages_above_4g(struct ktest *t)
{
	struct held h = HELD_INIT(h), high = HELD_INIT(high);
	struct zone_counts before;
	struct mm_struct *mm;
	struct page *page;
	struct list_head *pos;
	u64 above = mm_stats.user_pages_above_4g;
	bool saved = page_poisoning;

	if (max_pfn <= PFN_4G)
		ktest_skip(t, "no RAM above 4 GiB (boot with -m 4G or more)");
	count_zones(&before);
	mm = mm_create();
	KASSERT_NOT_NULL(t, mm);
	KASSERT_EQ(t, mm_map(mm, BASE, PAGE_SIZE, RW), 0);
	/* Keep HighMem's pages below 4 GiB; give back those above. */
	page_poisoning = false;
	drain_zone(&h, GFP_HIGHUSER, &zones[ZONE_HIGHMEM]);
	for (pos = h.list.next; pos != &h.list;) {
		page = list_entry(pos, struct page, lru);
		pos = pos->next;
		if (page_to_pfn(page) >= PFN_4G) {
			list_del(&page->lru);
			hold(&high, page);
		}
	}
	release_all(&high, 1);
	page_poisoning = saved;
	KEXPECT_EQ(t, handle_mm_fault(mm, BASE, PF_USER | PF_WRITE, NULL), 0);
	page = user_page(mm, BASE);
	KASSERT_NOT_NULL(t, page);
	KEXPECT_GE(t, page_to_pfn(page), PFN_4G);
	/* Its page table too, unless the CPU cannot walk it there. */
	if (ptw_above_4g_ok)
		KEXPECT_GE(t, mm_pte_page_pfn(mm, BASE), PFN_4G);
	else
		KEXPECT_LT(t, mm_pte_page_pfn(mm, BASE), PFN_4G);
	KEXPECT_EQ(t, nonzero_bytes(page), 0);
	KEXPECT_EQ(t, mm->rss_above_4g, 1);
	KEXPECT_EQ(t, mm_stats.user_pages_above_4g, above + 1);
	mm_destroy(mm);
	release_all(&h, 4);
	expect_zones_back(t, &before);
}

/*
 * User page tables where the CPU can walk them (arch/x86/ptw_check.c):
 * with HighMem below 4 GiB all taken, a page table comes from above 4 GiB
 * when the CPU walks tables there, and from below 4 GiB (Normal) when it
 * cannot (QEMU 7.2's qemu-system-i386); the probe's answer is what the CPU
 * really does, or the user tests would hang on their first fault.
 */
static void page_tables_where_the_cpu_walks_them(struct ktest *t)
{
	struct held h = HELD_INIT(h), high = HELD_INIT(high);
	struct zone_counts before;
	struct mm_struct *mm;
	struct list_head *pos;
	struct page *page;
	bool saved = page_poisoning;
	u32 above = 0;

	if (max_pfn <= PFN_4G)
		ktest_skip(t, "no RAM above 4 GiB (boot with -m 4G or more)");
	count_zones(&before);
	mm = mm_create();
	KASSERT_NOT_NULL(t, mm);
	KASSERT_EQ(t, mm_map(mm, BASE, 16 * PMD_SIZE, RW), 0);
	/* Hold HighMem below 4 GiB; give back what is above. */
	page_poisoning = false;
	drain_zone(&h, GFP_HIGHUSER, &zones[ZONE_HIGHMEM]);
	for (pos = h.list.next; pos != &h.list;) {
		page = list_entry(pos, struct page, lru);
		pos = pos->next;
		if (page_to_pfn(page) >= PFN_4G) {
			list_del(&page->lru);
			hold(&high, page);
		}
	}
	release_all(&high, 1);
	page_poisoning = saved;
	for (u32 i = 0; i < 16; i++) {
		KEXPECT_EQ(t, handle_mm_fault(mm, BASE + i * PMD_SIZE,
					      PF_USER | PF_WRITE, NULL), 0);
		above += mm_pte_page_pfn(mm, BASE + i * PMD_SIZE) >= PFN_4G;
	}
	KEXPECT_EQ(t, above, ptw_above_4g_ok ? 16 : 0);
	kprintf("    # the CPU %s walk page tables above 4 GiB: %u of 16 "
		"are above it\n", ptw_above_4g_ok ? "does" : "does not", above);
	mm_destroy(mm);
	release_all(&h, 4);
	expect_zones_back(t, &before);
}

static struct ktest_case user_mm_cases[] = {
	KTEST_CASE(demand_zero_page),
	KTEST_CASE(bad_faults_are_efault),
	KTEST_CASE(page_tables_in_highmem),
	KTEST_CASE(fork_copies_every_page_table),
	KTEST_CASE(cow_after_fork),
	KTEST_CASE(cow_through_the_mmu),
	KTEST_CASE(unmap_and_protect_split_vmas),
	KTEST_CASE(protect_keeps_cow_readonly),
	KTEST_CASE(brk_and_mmap),
	KTEST_CASE(get_user_page_holds_it),
	KTEST_CASE(syscalls_use_current_mm),
	KTEST_CASE(user_faults_leave_normal_its_reserve),
	KTEST_CASE(user_pages_above_4g),
	KTEST_CASE(page_tables_where_the_cpu_walks_them),
	{}
};
KTEST_SUITE(user_mm, user_mm_cases);
