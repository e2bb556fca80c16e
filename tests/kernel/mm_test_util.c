// SPDX-License-Identifier: MIT
/* Shared helpers of the memory self-tests; see mm_test_util.h. */
#include <arch/x86/pgtable.h>
#include <kernel/spinlock.h>
#include <lib/list.h>
#include <mm/buddy.h>
#include <uapi/hm386/errno.h>
#include "mm_test_util.h"


void hold(struct held *h, struct page *page)
{
	list_add_tail(&page->lru, &h->list);
	h->blocks++;
	h->pages += 1U << page->order;
}

/* Free every held block, in @passes rounds picked by a hash of the pfn:
 * an order unrelated to the order of allocation. No poisoning: these are
 * whole zones, and poisoning has tests of its own. */
void release_all(struct held *h, u32 passes)
{
	bool saved = page_poisoning;

	page_poisoning = false;
	for (u32 pass = 0; pass < passes; pass++) {
		struct list_head *pos = h->list.next;

		while (pos != &h->list) {
			struct page *page = list_entry(pos, struct page, lru);

			pos = pos->next;
			if (((page_to_pfn(page) * 2654435761U) >> 29) % passes != pass)
				continue;
			list_del(&page->lru);
			__free_pages(page, page->order);
		}
	}
	INIT_LIST_HEAD(&h->list);
	h->blocks = h->pages = 0;
	page_poisoning = saved;
}

/* Take blocks with @gfp, largest first, while they come from zone @z. */
void drain_zone(struct held *h, gfp_t gfp, const struct zone *z)
{
	for (int order = MAX_ORDER; order >= 0; order--) {
		while (zone_free_pages(z)) {
			struct page *page = alloc_pages(gfp, order);

			if (!page)
				break;
			if (page_zone(page) != z) {
				__free_pages(page, order);
				break;
			}
			hold(h, page);
		}
	}
}


bool page_is_free(struct page *page)
{
	struct zone *z = page_zone(page);
	u32 flags;
	bool free;

	spin_lock_irqsave(&z->lock, flags);
	free = buddy_page_is_free(z, page) || (page->flags & PG_pcp);
	spin_unlock_irqrestore(&z->lock, flags);
	return free;
}

int test_mm_enter(struct test_mm *tm, u32 base, u32 len, u32 flags)
{
	int err;

	tm->mm = mm_create();
	if (!tm->mm)
		return -ENOMEM;
	err = mm_map(tm->mm, base, len, flags);
	if (err) {
		mm_destroy(tm->mm);
		return err;
	}
	tm->saved = use_mm(tm->mm);
	return 0;
}

void test_mm_leave(struct test_mm *tm)
{
	use_mm(tm->saved);
	mm_destroy(tm->mm);
}

bool user_page_present(struct mm_struct *mm, u32 addr)
{
	pte_t *ptep = pte_offset_map(mm, addr);
	bool present;

	if (!ptep)
		return false;
	present = *ptep & _PAGE_PRESENT;
	pte_unmap(ptep);
	return present;
}
