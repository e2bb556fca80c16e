// SPDX-License-Identifier: MIT
/*
 * Lab 8: page tables in HighMem (docs/labs/lab8.md).
 *
 * In the lab-8 kernel (`make lab 8`) the two functions below replace their
 * namesakes in mm/memory.c: fork()'s copy of the page tables. mm_fork()
 * calls copy_page_range() once the child has the parent's VMAs;
 * copy_page_range() calls copy_pte_table() for each page table.
 *
 * As given, they compile and the kernel boots, but the child gets empty
 * page tables: after fork() it has the parent's mappings and none of its
 * pages. Fix the TODOs, then `make grade 8`.
 */
#include <arch/x86/pgtable.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/page_ref.h>
#include <uapi/hm386/errno.h>

/* From mm/memory.c (static there, visible to a lab build): */
/* The page directory entry of @mm that covers user address @addr. */
u64 *pd_entry(struct mm_struct *mm, u32 addr);
/* The base of the first 2 MiB region at or after the one holding @addr,
 * below @end, that has a page table in @mm; @end when none has. */
u32 pd_next_present(struct mm_struct *mm, u32 addr, u32 end);
/* Give @mm a page table for the 2 MiB around @addr if it has none:
 * 0, or -ENOMEM. */
int pte_alloc(struct mm_struct *mm, u32 addr);
/* The page a present PTE maps. */
struct page *pte_page(pte_t pte);
/* @page mapped (@delta 1) or unmapped (-1) in @mm: its resident counts. */
void rss_account(struct mm_struct *mm, struct page *page, int delta);

/*
 * copy_pte_table - share the present pages of one page table of fork()'s
 * parent with the child: @spte and @dpte are the parent's and the child's
 * page tables for the same 2 MiB (PTRS_PER_PTE entries each, both mapped
 * by the caller, the child's empty). Each present parent PTE loses
 * _PAGE_RW (the parent's TLB is flushed by the caller) and is copied into
 * the child's table; its page gains a mapper and a reference
 * (page_add_map()) and counts in @dst's resident counts (rss_account()).
 * Entries that are not present stay empty.
 */
void copy_pte_table(struct mm_struct *dst, pte_t *spte, pte_t *dpte)
{
	/* TODO: share each present entry of @spte, write-protected. */
}

/*
 * copy_page_range - give @dst (fork()'s child, with no page table yet) a
 * copy-on-write copy of every user page table of @src (the parent): for
 * each 2 MiB region below USER_STACK_TOP that has a page table in @src
 * (its page directory entry, pd_entry(), is present), a new one in @dst
 * (pte_alloc()); then both PTE pages are mapped at once, nested
 * (pte_offset_map() of @src's, then of @dst's: user page tables are
 * HighMem pages, reached through kmap_local slots), copy_pte_table()
 * fills the child's, and they are unmapped in reverse order
 * (pte_unmap() of @dst's first). Regions without a table get none.
 * 0, or -ENOMEM when a page table cannot be had: the tables copied so far
 * stay, for the caller's mm_destroy().
 */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src)
{
	for (u32 addr = pd_next_present(src, 0, USER_STACK_TOP);
	     addr < USER_STACK_TOP;
	     addr = pd_next_present(src, addr + PMD_SIZE, USER_STACK_TOP)) {
		if (pte_alloc(dst, addr))
			return -ENOMEM;
		/*
		 * TODO: map the two page tables, let copy_pte_table() copy
		 * the entries, unmap them.
		 */
	}
	return 0;
}
