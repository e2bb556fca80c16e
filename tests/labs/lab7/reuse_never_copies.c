// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 7 (tools/grade.py --check, tests/host/labs.mk):
 * do_wp_page() always reuses the page: it makes the PTE writable in place
 * without looking at who else maps it. After fork() the parent and the
 * child write into the same page (and the same stack): each sees the
 * other's bytes. user_mm.cow_after_fork finds the child's write in the
 * parent's page, and the user programs that check every byte of parents
 * and children fail (or their processes crash).
 */
#include <arch/x86/pgtable.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/page_ref.h>
#include <uapi/hm386/errno.h>

struct page *alloc_user_page(void);
pte_t mk_user_pte(struct page *page, u32 vm_flags, bool writable);
struct page *pte_page(pte_t pte);
void rss_account(struct mm_struct *mm, struct page *page, int delta);
void flush_user_page(struct mm_struct *mm, u32 addr);
void stat_add(u64 *counter);

int do_anonymous_page(struct mm_struct *mm, struct vm_area *vma, u32 addr,
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

int do_wp_page(struct mm_struct *mm, struct vm_area *vma, u32 addr,
	       pte_t *pte)
{
	set_pte(pte, *pte | _PAGE_RW);		/* wrong: shared pages too */
	stat_add(&mm_stats.cow_reuses);
	return 0;
}
