// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 8 (tools/grade.py --check, tests/host/labs.mk):
 * copy_page_range() unmaps the parent's page table first, then the
 * child's: not the reverse of the order it mapped them in. kmap_local
 * slots are a stack, and only the top one may go: the kernel panics at the
 * first fork ("kunmap_local() ... out of order"), naming both mappings.
 */
#include <arch/x86/pgtable.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/page_ref.h>
#include <uapi/hm386/errno.h>

u64 *pd_entry(struct mm_struct *mm, u32 addr);
int pte_alloc(struct mm_struct *mm, u32 addr);
struct page *pte_page(pte_t pte);
void rss_account(struct mm_struct *mm, struct page *page, int delta);

void copy_pte_table(struct mm_struct *dst, pte_t *spte, pte_t *dpte)
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

int copy_page_range(struct mm_struct *dst, struct mm_struct *src)
{
	for (u32 addr = 0; addr < USER_STACK_TOP; addr += PMD_SIZE) {
		pte_t *spte, *dpte;

		if (!(*pd_entry(src, addr) & _PAGE_PRESENT))
			continue;
		if (pte_alloc(dst, addr))
			return -ENOMEM;
		spte = pte_offset_map(src, addr);
		dpte = pte_offset_map(dst, addr);
		copy_pte_table(dst, spte, dpte);
		pte_unmap(spte);		/* wrong: dpte is on top */
		pte_unmap(dpte);
	}
	return 0;
}
