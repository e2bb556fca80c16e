// SPDX-License-Identifier: MIT
/*
 * The user page tables and the faults that fill them (contract:
 * include/mm/mm.h). As Linux's i386 kernel with CONFIG_HIGHPTE:
 *
 *  - a page table (PTE page) comes from GFP_HIGHUSER, HighMem first, and is
 *    reached only between pte_offset_map() and pte_unmap(): a kmap_local
 *    mapping held while the table is walked, never page_address();
 *  - a first touch of anonymous memory gets a GFP_HIGHUSER page zeroed by
 *    clear_user_highpage() (do_anonymous_page());
 *  - fork() shares every page read-only (mm_fork()); a write fault copies
 *    it with copy_user_highpage() or, when the faulting process is its only
 *    mapper (page_mapcount() == 1), makes it writable again in place
 *    (do_wp_page()).
 *
 * Every user PTE holds a reference on its page and counts in its mapcount
 * (<mm/page_ref.h>). An mm's TLB entries are on the CPU that runs it
 * (include/mm/mm.h): a change to a loaded mm is flushed there, before a page
 * it no longer maps can be freed.
 */
#include <arch/x86/trap_frame.h>
#include <kernel/lab.h>
#include <kernel/panic.h>
#include <kernel/preempt.h>
#include <kernel/spinlock.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <lib/err.h>
#include <mm/page_ref.h>
#include "mm_internal.h"


struct mm_stats mm_stats;
gfp_t user_pte_gfp = GFP_HIGHUSER;

/* Guards mm_stats: faults and forks of processes on every CPU add to it
 * (i386 has no plain 64-bit atomic add). */
static DEFINE_SPINLOCK(mm_stats_lock);

LAB_STATIC void stat_add(u64 *counter)
{
	u32 flags;

	spin_lock_irqsave(&mm_stats_lock, flags);
	(*counter)++;
	spin_unlock_irqrestore(&mm_stats_lock, flags);
}

/* The page directory entry that covers user address @addr. */
LAB_STATIC u64 *pd_entry(struct mm_struct *mm, u32 addr)
{
	u64 *pd = lowmem_page_address(mm->pd[pdpt_index(addr)]);

	return &pd[pd_index(addr)];
}

/*
 * pd_next_present - the first 2 MiB region at or after the one holding
 * @addr, below @end, whose page directory entry in @mm is present: its
 * base address; @end (at most USER_STACK_TOP) when there is none. It
 * reads mm->pt_map, a bit per region, 32 regions a word: a walk of a
 * sparse address space (fork, exit, exec) costs little more than its page
 * tables, as Linux's walks of the VMAs do.
 */
LAB_STATIC u32 pd_next_present(struct mm_struct *mm, u32 addr, u32 end)
{
	u32 bit = addr / PMD_SIZE, stop;

	if (end > USER_STACK_TOP)
		end = USER_STACK_TOP;
	stop = ALIGN_UP(end, PMD_SIZE) / PMD_SIZE;
	while (bit < stop) {
		u32 word = mm->pt_map[bit / 32] >> (bit % 32);

		if (word) {
			bit += __builtin_ctz(word);
			return bit < stop ? bit * PMD_SIZE : end;
		}
		bit = (bit | 31) + 1;
	}
	return end;
}

/* A page table now covers (@on) or no longer covers the 2 MiB at @addr. */
static void pt_map_set(struct mm_struct *mm, u32 addr, bool on)
{
	u32 bit = addr / PMD_SIZE;

	if (on)
		mm->pt_map[bit / 32] |= 1U << (bit % 32);
	else
		mm->pt_map[bit / 32] &= ~(1U << (bit % 32));
}

LAB_STATIC struct page *pte_page(pte_t pte)
{
	return pfn_to_page((u32)(pte_phys(pte) >> PAGE_SHIFT));
}

pte_t *pte_offset_map(struct mm_struct *mm, u32 addr)
{
	u64 pde;

	if (addr >= USER_STACK_TOP)
		return NULL;
	pde = *pd_entry(mm, addr);
	if (!(pde & _PAGE_PRESENT))
		return NULL;
	return (pte_t *)kmap_local_page(pte_page(pde)) + pt_index(addr);
}

void pte_unmap(pte_t *pte)
{
	kunmap_local(pte);
}

u32 mm_pte_page_pfn(struct mm_struct *mm, u32 addr)
{
	u64 pde;

	if (addr >= USER_STACK_TOP)
		return 0;
	pde = *pd_entry(mm, addr);
	return pde & _PAGE_PRESENT ? (u32)(pte_phys(pde) >> PAGE_SHIFT) : 0;
}

/* A page table more (@delta 1) or less (-1) in @mm, and in the stats. */
static void pte_page_account(struct mm_struct *mm, struct page *pt, int delta)
{
	u32 flags;

	mm->nr_pte_pages += delta;
	if (!PageHighMem(pt))
		return;
	mm->nr_pte_pages_highmem += delta;
	spin_lock_irqsave(&mm_stats_lock, flags);
	mm_stats.pte_pages_highmem += delta;
	mm_stats.pte_pages_highmem_peak = MAX(mm_stats.pte_pages_highmem_peak,
					      mm_stats.pte_pages_highmem);
	spin_unlock_irqrestore(&mm_stats_lock, flags);
}

/* pte_alloc - make sure a page table covers @addr; 0 or -ENOMEM. */
LAB_STATIC int pte_alloc(struct mm_struct *mm, u32 addr)
{
	u64 *pde = pd_entry(mm, addr);
	struct page *pt;

	if (*pde & _PAGE_PRESENT)
		return 0;
	pt = alloc_page(user_pte_gfp | __GFP_ZERO);
	if (!pt)
		return -ENOMEM;
	/* The PTEs decide; the directory entry allows everything. */
	set_pte(pde, page_to_phys(pt) | _PAGE_PRESENT | _PAGE_RW | _PAGE_USER);
	pt_map_set(mm, addr, true);
	pte_page_account(mm, pt, 1);
	return 0;
}

/* A user PTE for @page in a VMA with @vm_flags: never global, NX unless
 * executable (when the CPU has NX), writable only when @writable. */
LAB_STATIC pte_t mk_user_pte(struct page *page, u32 vm_flags, bool writable)
{
	pte_t pte = page_to_phys(page) | _PAGE_PRESENT | _PAGE_USER;

	if (writable)
		pte |= _PAGE_RW;
	if (!(vm_flags & VM_EXEC))
		pte |= _PAGE_NX;
	return page_prot(pte);
}

/* @page mapped (@delta 1) or unmapped (-1) in @mm: its resident counts. */
LAB_STATIC void rss_account(struct mm_struct *mm, struct page *page, int delta)
{
	mm->rss += delta;
	if (PageHighMem(page))
		mm->rss_highmem += delta;
	if (page_to_pfn(page) >= PFN_4G)
		mm->rss_above_4g += delta;
}

/* A GFP_HIGHUSER page for user space, or NULL. */
LAB_STATIC struct page *alloc_user_page(void)
{
	struct page *page = NULL;

	/*
	 * With page tables kept below 4 GiB (ptw_check(): QEMU 7.2), user
	 * pages try above it first and leave the frames below it to the page
	 * tables, or 61 GiB would run out of page tables with 58 GiB free.
	 */
	if (user_pte_gfp & __GFP_BELOW_4G)
		page = alloc_page(GFP_HIGHUSER | __GFP_ABOVE_4G);
	if (!page)
		page = alloc_page(GFP_HIGHUSER);

	if (page && page_to_pfn(page) >= PFN_4G)
		stat_add(&mm_stats.user_pages_above_4g);
	return page;
}

LAB_STATIC void flush_user_page(struct mm_struct *mm, u32 addr)
{
	preempt_disable();
	if (mm_is_loaded(mm))
		flush_tlb_one_local(addr);
	preempt_enable();
}

static void flush_user_all(struct mm_struct *mm)
{
	preempt_disable();
	if (mm_is_loaded(mm))
		flush_tlb_local();
	preempt_enable();
}

/*
 * do_anonymous_page - the first touch of user address @addr (page aligned)
 * in @vma of @mm, whose PTE @pte (mapped by the caller) is not present:
 * a new GFP_HIGHUSER page (alloc_user_page(), HighMem first), zeroed with
 * clear_user_highpage() (it may be a HighMem page: no kernel address but
 * a kmap_local one), its first mapper (page_add_map(), taking over the
 * allocation's reference), mapped by a user PTE that is writable when the
 * VMA is (mk_user_pte()); @mm's resident counts and mm_stats.zero_fills
 * count it. 0, or -ENOMEM with nothing changed. Lab 7's exercise.
 */
LAB_STATIC LAB_EXERCISE(7) int do_anonymous_page(struct mm_struct *mm,
						 struct vm_area *vma, u32 addr,
						 pte_t *pte)
{
	struct page *page = alloc_user_page();

	if (!page)
		return -ENOMEM;
	clear_user_highpage(page, addr);
	page_add_map(page, true);
	set_pte(pte, mk_user_pte(page, vma->flags, vma->flags & VM_WRITE));
	rss_account(mm, page, 1);
	stat_add(&mm_stats.zero_fills);
	return 0;
}

/*
 * do_wp_page - a write to user address @addr (page aligned) of @vma, a
 * writable VMA of @mm, whose PTE @pte (mapped by the caller) is present
 * but read-only: the page is shared copy-on-write since a fork.
 *  - When @mm is its only mapper left (page_mapcount() 1), the page is
 *    @mm's alone: its PTE becomes writable in place (mm_stats.cow_reuses).
 *  - Otherwise a new GFP_HIGHUSER page gets a copy of it
 *    (copy_user_highpage()) and replaces it in @pte, writable; the old
 *    page's TLB entry is flushed (flush_user_page()) before @mm gives up
 *    its mapping of it (page_remove_map()), which may free it; the
 *    resident counts follow (mm_stats.cow_copies).
 * 0, or -ENOMEM with nothing changed. Lab 7's exercise.
 */
LAB_STATIC LAB_EXERCISE(7) int do_wp_page(struct mm_struct *mm,
					  struct vm_area *vma, u32 addr,
					  pte_t *pte)
{
	struct page *old = pte_page(*pte), *new;

	if (page_mapcount(old) == 1) {
		/* Its other mappers are gone: the page is ours alone. */
		set_pte(pte, *pte | _PAGE_RW);
		stat_add(&mm_stats.cow_reuses);
		return 0;
	}
	new = alloc_user_page();
	if (!new)
		return -ENOMEM;
	copy_user_highpage(new, old, addr);
	page_add_map(new, true);
	set_pte(pte, mk_user_pte(new, vma->flags, true));
	flush_user_page(mm, addr);	/* before old may be freed */
	rss_account(mm, old, -1);
	rss_account(mm, new, 1);
	page_remove_map(old);
	stat_add(&mm_stats.cow_copies);
	return 0;
}

static int segv(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -EFAULT;
}

int handle_mm_fault(struct mm_struct *mm, u32 addr, u32 error_code,
		    const char **why)
{
	struct vm_area *vma = mm_find_vma(mm, addr);
	pte_t *pte;
	int ret = 0;

	if (!vma)
		return segv(why, "no mapping");
	if ((error_code & PF_WRITE) && !(vma->flags & VM_WRITE))
		return segv(why, "write to a read-only mapping");
	if ((error_code & PF_INSTR) && !(vma->flags & VM_EXEC))
		return segv(why, "execute of a non-executable mapping");
	if (!(vma->flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return segv(why, "access to a PROT_NONE mapping");
	addr &= PAGE_MASK;
	if (pte_alloc(mm, addr))
		goto oom;
	pte = pte_offset_map(mm, addr);
	if (!(*pte & _PAGE_PRESENT))
		ret = do_anonymous_page(mm, vma, addr, pte);
	else if ((error_code & PF_WRITE) && !(*pte & _PAGE_RW))
		ret = do_wp_page(mm, vma, addr, pte);
	/* Otherwise already resolved: a stale TLB entry, flushed below. */
	pte_unmap(pte);
	if (ret)
		goto oom;
	flush_user_page(mm, addr);
	return 0;
oom:
	if (why)
		*why = "out of memory";
	return -ENOMEM;
}

struct page *mm_get_user_page(struct mm_struct *mm, u32 addr, bool write)
{
	struct page *page = NULL;
	pte_t *pte;
	int err;

	err = handle_mm_fault(mm, addr, PF_USER | (write ? PF_WRITE : 0), NULL);
	if (err)
		return ERR_PTR(err);
	pte = pte_offset_map(mm, addr);
	if (pte && (*pte & _PAGE_PRESENT) && (!write || (*pte & _PAGE_RW))) {
		page = pte_page(*pte);
		get_page(page);
	}
	if (pte)
		pte_unmap(pte);
	/* handle_mm_fault() said yes: the page is there, as asked. */
	BUG_ON(!page);
	return page;
}

/*
 * for_each_present_pte - call @fn for every present PTE of @mm in [@start,
 * @end) (page aligned), address order, each page table mapped while its
 * entries are visited. @fn may map pages itself (nested) and free pages.
 */
static void for_each_present_pte(struct mm_struct *mm, u32 start, u32 end,
				 void (*fn)(struct mm_struct *mm, u32 addr,
					    pte_t *pte, void *arg), void *arg)
{
	u32 addr = start;

	while (addr < end && addr < USER_STACK_TOP) {
		u32 base = pd_next_present(mm, addr, end), next;
		pte_t *pte;

		if (base >= end)
			break;
		addr = MAX(addr, base);
		next = base + PMD_SIZE;
		pte = pte_offset_map(mm, addr);

		if (!next || next > end)
			next = end;
		if (pte) {
			for (u32 a = addr; a < next; a += PAGE_SIZE)
				if (pte[pt_index(a) - pt_index(addr)] & _PAGE_PRESENT)
					fn(mm, a, &pte[pt_index(a) - pt_index(addr)], arg);
			pte_unmap(pte);
		}
		addr = next;
	}
}

static void zap_pte(struct mm_struct *mm, u32 addr, pte_t *pte, void *arg)
{
	struct page *page = pte_page(*pte);

	pte_clear(pte);
	flush_user_page(mm, addr);
	rss_account(mm, page, -1);
	page_remove_map(page);
}

void zap_user_range(struct mm_struct *mm, u32 start, u32 end)
{
	for_each_present_pte(mm, start, end, zap_pte, NULL);
}

/* True when a VMA of @mm meets [start, end). */
static bool vma_meets(struct mm_struct *mm, u32 start, u32 end)
{
	struct list_head *pos;

	list_for_each(pos, &mm->vmas) {
		struct vm_area *vma = list_entry(pos, struct vm_area, list);

		if (vma->start < end && vma->end > start)
			return true;
	}
	return false;
}

void free_pte_tables(struct mm_struct *mm, u32 start, u32 end)
{
	for (u32 base = pd_next_present(mm, start, end); base < end &&
	     base < USER_STACK_TOP; base = pd_next_present(mm, base + PMD_SIZE, end)) {
		u64 *pde = pd_entry(mm, base);
		struct page *pt;

		if (vma_meets(mm, base, base + PMD_SIZE))
			continue;
		pt = pte_page(*pde);
		pte_clear(pde);
		pt_map_set(mm, base, false);
		flush_user_all(mm);	/* cached directory entries too */
		pte_page_account(mm, pt, -1);
		__free_page(pt);
	}
}

static void protect_pte(struct mm_struct *mm, u32 addr, pte_t *pte, void *arg)
{
	u32 flags = *(u32 *)arg;
	struct page *page = pte_page(*pte);

	set_pte(pte, mk_user_pte(page, flags, (flags & VM_WRITE) &&
				 page_mapcount(page) == 1));
}

void change_protection(struct mm_struct *mm, u32 start, u32 end, u32 flags)
{
	for_each_present_pte(mm, start, end, protect_pte, &flags);
	flush_user_all(mm);
}

struct page_visit {
	void (*fn)(u32 addr, pte_t pte, void *arg);
	void *arg;
};

static void visit_pte(struct mm_struct *mm, u32 addr, pte_t *pte, void *arg)
{
	struct page_visit *v = arg;

	v->fn(addr, *pte, v->arg);
}

void mm_for_each_page(struct mm_struct *mm,
		      void (*fn)(u32 addr, pte_t pte, void *arg), void *arg)
{
	struct page_visit v = { fn, arg };

	for_each_present_pte(mm, 0, USER_STACK_TOP, visit_pte, &v);
}

/*
 * copy_pte_table - share the present pages of one page table of fork()'s
 * parent with the child: @spte and @dpte are the parent's and the child's
 * page tables for the same 2 MiB (PTRS_PER_PTE entries each, both mapped
 * by the caller, the child's empty). Each present parent PTE loses
 * _PAGE_RW (the parent's TLB is flushed by the caller) and is copied into
 * the child's table; its page gains a mapper and a reference
 * (page_add_map()) and counts in @dst's resident counts (rss_account()).
 * Entries that are not present stay empty. Lab 8's exercise.
 */
LAB_STATIC LAB_EXERCISE(8) void copy_pte_table(struct mm_struct *dst,
					       pte_t *spte, pte_t *dpte)
{
	for (u32 i = 0; i < PTRS_PER_PTE; i++) {
		pte_t pte = spte[i];
		struct page *page;

		if (!(pte & _PAGE_PRESENT))
			continue;
		page = pte_page(pte);
		if (pte & _PAGE_RW) {
			pte &= ~_PAGE_RW;
			set_pte(&spte[i], pte);
		}
		page_add_map(page, false);
		set_pte(&dpte[i], pte);
		rss_account(dst, page, 1);
	}
}

/*
 * copy_page_range - give @dst (fork()'s child, with no page table yet) a
 * copy-on-write copy of every user page table of @src (the parent): for
 * each 2 MiB region below USER_STACK_TOP that has a page table in @src
 * (its page directory entry, pd_entry(), is present: pd_next_present()
 * finds the next such region), a new one in @dst
 * (pte_alloc()); then both PTE pages are mapped at once, nested
 * (pte_offset_map() of @src's, then of @dst's: user page tables are
 * HighMem pages, reached through kmap_local slots), copy_pte_table()
 * fills the child's, and they are unmapped in reverse order
 * (pte_unmap() of @dst's first). Regions without a table get none.
 * 0, or -ENOMEM when a page table cannot be had: the tables copied so far
 * stay, for the caller's mm_destroy(). Lab 8's exercise.
 */
LAB_STATIC LAB_EXERCISE(8) int copy_page_range(struct mm_struct *dst,
					       struct mm_struct *src)
{
	for (u32 addr = pd_next_present(src, 0, USER_STACK_TOP);
	     addr < USER_STACK_TOP;
	     addr = pd_next_present(src, addr + PMD_SIZE, USER_STACK_TOP)) {
		pte_t *spte, *dpte;

		if (pte_alloc(dst, addr))
			return -ENOMEM;
		spte = pte_offset_map(src, addr);
		dpte = pte_offset_map(dst, addr);
		copy_pte_table(dst, spte, dpte);
		pte_unmap(dpte);
		pte_unmap(spte);
	}
	return 0;
}

struct mm_struct *mm_fork(struct mm_struct *src)
{
	struct mm_struct *dst = mm_create();

	if (!dst)
		return NULL;
	if (vmas_copy(dst, src))
		goto fail;
	dst->start_brk = src->start_brk;
	dst->brk = src->brk;
	dst->start_stack = src->start_stack;
	if (copy_page_range(dst, src))
		goto fail;
	flush_user_all(src);	/* its writable PTEs became read-only */
	return dst;
fail:
	flush_user_all(src);	/* pages already write-protected */
	mm_destroy(dst);
	return NULL;
}
