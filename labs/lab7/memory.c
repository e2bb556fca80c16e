// SPDX-License-Identifier: MIT
/*
 * Lab 7: user memory in HighMem (docs/labs/lab7.md).
 *
 * In the lab-7 kernel (`make lab 7`) the two functions below replace their
 * namesakes in mm/memory.c: the two page faults of anonymous user memory.
 * handle_mm_fault() calls do_anonymous_page() for the first touch of a
 * page, and do_wp_page() for a write to a page that fork() left shared
 * and read-only.
 *
 * As given, they compile and the kernel boots, but both are wrong: a new
 * page reaches user space with whatever its last owner left in it, and a
 * write after fork() goes to the page the other process still maps. Fix
 * the TODOs, then `make grade 7`.
 */
#include <arch/x86/pgtable.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/page_ref.h>
#include <uapi/hm386/errno.h>

/* From mm/memory.c (static there, visible to a lab build): */
/* A GFP_HIGHUSER page for user space (HighMem first), or NULL. */
struct page *alloc_user_page(void);
/* The user PTE of @page in a VMA with @vm_flags, writable when @writable. */
pte_t mk_user_pte(struct page *page, u32 vm_flags, bool writable);
/* The page a present PTE maps. */
struct page *pte_page(pte_t pte);
/* @page mapped (@delta 1) or unmapped (-1) in @mm: its resident counts. */
void rss_account(struct mm_struct *mm, struct page *page, int delta);
/* Flush user address @addr of @mm from this CPU's TLB if @mm is loaded. */
void flush_user_page(struct mm_struct *mm, u32 addr);
/* Add one to a counter of mm_stats (<mm/mm.h>). */
void stat_add(u64 *counter);

/*
 * do_anonymous_page - the first touch of user address @addr (page aligned)
 * in @vma of @mm, whose PTE @pte (mapped by the caller) is not present:
 * a new GFP_HIGHUSER page (alloc_user_page(), HighMem first), zeroed with
 * clear_user_highpage() (it may be a HighMem page: no kernel address but
 * a kmap_local one), its first mapper (page_add_map(), taking over the
 * allocation's reference), mapped by a user PTE that is writable when the
 * VMA is (mk_user_pte()); @mm's resident counts and mm_stats.zero_fills
 * count it. 0, or -ENOMEM with nothing changed.
 */
int do_anonymous_page(struct mm_struct *mm, struct vm_area *vma, u32 addr,
		      pte_t *pte)
{
	struct page *page = alloc_user_page();

	if (!page)
		return -ENOMEM;
	/*
	 * TODO: the page holds what its last owner wrote (or the allocator's
	 * poison): zero it before user space can read it.
	 */
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
 * 0, or -ENOMEM with nothing changed.
 */
int do_wp_page(struct mm_struct *mm, struct vm_area *vma, u32 addr,
	       pte_t *pte)
{
	/*
	 * TODO: this makes the page writable for @mm whoever else maps it.
	 * Reuse it only when @mm is its one mapper; otherwise copy it.
	 */
	set_pte(pte, *pte | _PAGE_RW);
	stat_add(&mm_stats.cow_reuses);
	return 0;
}
