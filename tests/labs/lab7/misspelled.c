// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 7 (tools/grade.py --check, tests/host/labs.mk):
 * right code, but do_wp_page() is spelled do_wp_pgae(). The kernel still
 * calls do_wp_page(), which this file does not define, so lab 7's kernel
 * must not link, and the message names do_wp_page().
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

int do_wp_pgae(struct mm_struct *mm, struct vm_area *vma, u32 addr,
	       pte_t *pte)
{
	struct page *old = pte_page(*pte), *new;

	if (page_mapcount(old) == 1) {
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
	flush_user_page(mm, addr);
	rss_account(mm, old, -1);
	rss_account(mm, new, 1);
	page_remove_map(old);
	stat_add(&mm_stats.cow_copies);
	return 0;
}
