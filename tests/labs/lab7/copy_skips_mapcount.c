// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 7 (tools/grade.py --check, tests/host/labs.mk):
 * do_wp_page() copies every time, also when the faulting process is the
 * page's last mapper (page_mapcount() 1). Every byte is right, but each
 * write after a fork costs a page and a copy more than it should, and the
 * old page is freed at once. user_mm.cow_after_fork expects the last
 * mapper to keep its page (same pfn, cow_reuses + 1), and user.fork_cow
 * expects reuses.
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
	struct page *old = pte_page(*pte), *new;

	/* wrong: no reuse when page_mapcount(old) == 1 */
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
