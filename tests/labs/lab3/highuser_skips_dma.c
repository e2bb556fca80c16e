// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 3 (tools/grade.py --check, tests/host/labs.mk):
 * zonelist() gives a __GFP_HIGHMEM request HighMem, then Normal, and stops
 * there: it never falls back to DMA, so a GFP_HIGHUSER allocation fails
 * while DMA still has free pages. The list it returns is one zone short;
 * page_alloc.highuser_prefers_highmem_then_normal drains HighMem and
 * Normal in turn and must fail.
 */
#include <mm/buddy.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>

void free_list_push(struct zone *z, struct page *page, u32 order);
void free_list_remove(struct zone *z, struct page *page);

u32 zonelist(gfp_t gfp, u32 *list)
{
	u32 n = 0;

	if (gfp & __GFP_DMA) {
		list[n++] = ZONE_DMA;
		return n;
	}
	if (gfp & __GFP_HIGHMEM) {
		list[n++] = ZONE_HIGHMEM;
		list[n++] = ZONE_NORMAL;
		return n;			/* wrong: DMA too */
	}
	list[n++] = ZONE_NORMAL;
	list[n++] = ZONE_DMA;
	return n;
}

void free_block_insert(struct zone *z, u32 pfn, u32 order)
{
	while (order < MAX_ORDER) {
		u32 buddy_pfn = pfn ^ (1U << order);
		struct page *buddy;

		if (!zone_contains(z, buddy_pfn))
			break;
		buddy = pfn_to_page(buddy_pfn);
		if (!(buddy->flags & PG_buddy) || buddy->order != order)
			break;
		free_list_remove(z, buddy);
		pfn &= ~(1U << order);
		order++;
	}
	free_list_push(z, pfn_to_page(pfn), order);
}
