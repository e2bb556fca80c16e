// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 3 (tools/grade.py --check, tests/host/labs.mk):
 * the stubs of labs/lab3/buddy.c, with free_block_insert() spelled
 * free_block_inset(). The kernel still calls free_block_insert(), which this
 * file does not define, so lab 3's kernel must not link, and the message
 * names free_block_insert().
 */
#include <mm/buddy.h>
#include <mm/gfp.h>
#include <mm/mmzone.h>

/* From mm/buddy.c: put @page on free_area[@order] as a free block's head. */
void free_list_push(struct zone *z, struct page *page, u32 order);
/* From mm/buddy.c: take the free block headed by @page off its list. */
void free_list_remove(struct zone *z, struct page *page);

/*
 * zonelist - the zones a request with @gfp may use, in the order to try
 * them, written to @list; returns how many. __GFP_DMA: only ZONE_DMA.
 * __GFP_HIGHMEM: ZONE_HIGHMEM first, then ZONE_NORMAL, then ZONE_DMA.
 * Otherwise ZONE_NORMAL, then ZONE_DMA: never HighMem, whose pages have no
 * kernel address.
 */
u32 zonelist(gfp_t gfp, u32 *list)
{
	u32 n = 0;

	if (gfp & __GFP_DMA) {
		list[n++] = ZONE_DMA;
		return n;
	}
	/* TODO: a request that may take HighMem (__GFP_HIGHMEM) tries it first. */
	list[n++] = ZONE_NORMAL;
	list[n++] = ZONE_DMA;
	return n;
}

/*
 * free_block_insert - make the block of @order at @pfn (in zone @z, on no
 * free list, not counted in free_pages) free, merged with its free buddies
 * as far as they go: while the buddy, the block at pfn ^ (1 << order), is
 * inside the zone and is the head of a free block (PG_buddy) of the same
 * order, take it off its list and continue with the merged block, one
 * order up, that starts at the lower of the two. Never above MAX_ORDER.
 */
void free_block_inset(struct zone *z, u32 pfn, u32 order)
{
	/*
	 * TODO: merge with the free buddies before pushing (zone_contains()
	 * and pfn_to_page() are in include/mm/mmzone.h and page.h).
	 */
	free_list_push(z, pfn_to_page(pfn), order);
}
