/* SPDX-License-Identifier: MIT */
/*
 * The buddy allocator of one zone (mm/buddy.c). Pure bookkeeping on struct
 * page and struct zone: no poisoning, no policy, no printing, so that it
 * compiles for the host and is tested there against a reference model. The
 * policy (which zone, GFP flags, debug panics) is mm/page_alloc.c, which
 * also takes the zone's lock (include/mm/mmzone.h): every function here
 * but buddy_zone_init() must be called with z->lock held, or, at boot and
 * in host tests, with no other CPU using the zone.
 *
 * A free block of order k is 2^k pages starting at a pfn aligned to 2^k; its
 * first page has PG_buddy and order k and sits on free_area[k]. An allocated
 * block's first page has PG_head and its order. Other pages carry neither.
 */
#ifndef HM386_MM_BUDDY_H
#define HM386_MM_BUDDY_H

#include <mm/mmzone.h>

/* order_pages - the number of pages in a block of @order. */
static inline u32 order_pages(u32 order)
{
	return 1U << order;
}

/* What buddy_free() found wrong; nothing was changed when it is not OK. */
enum buddy_error {
	BUDDY_OK = 0,
	BUDDY_ERESERVED,	/* the page is PG_reserved */
	BUDDY_EDOUBLE,		/* the page is already free */
	BUDDY_EORDER,		/* allocated with another order */
	BUDDY_ENOTHEAD,		/* not the first page of an allocation */
	BUDDY_EZONE,		/* the block is not inside this zone */
};

/* buddy_zone_init - an empty zone spanning [start_pfn, end_pfn), its lock
 * free. */
void buddy_zone_init(struct zone *z, const char *name, u32 start_pfn, u32 end_pfn);

/*
 * buddy_add_range - give the @count pages from @pfn (inside the zone, not
 * PG_reserved, not yet in any allocator) to the zone, as the largest aligned
 * blocks they form, merging with free neighbours. Counts them as managed
 * and free.
 */
void buddy_add_range(struct zone *z, u32 pfn, u32 count);

/*
 * buddy_alloc - a block of 2^@order pages (@order <= MAX_ORDER), taken from
 * the smallest free block that fits and split as needed; its first page is
 * returned with PG_head. NULL when the zone has no such block (the zone's
 * nr_alloc_fail is then counted).
 */
struct page *buddy_alloc(struct zone *z, u32 order);

/*
 * buddy_alloc_range - the same, from the free blocks that lie wholly in
 * page frames [@start_pfn, @end_pfn) (for __GFP_BELOW_4G and
 * __GFP_ABOVE_4G). A block never straddles 4 GiB: blocks are aligned to
 * their size, at most 4 MiB.
 */
struct page *buddy_alloc_range(struct zone *z, u32 order, u32 start_pfn,
			       u32 end_pfn);

/*
 * buddy_free - return the block of 2^@order pages at @page, merging it with
 * its free buddies up to MAX_ORDER. Returns BUDDY_OK, or what is wrong, in
 * which case nothing changed.
 */
enum buddy_error buddy_free(struct zone *z, struct page *page, u32 order);

/*
 * buddy_free_error - what buddy_free(@z, @page, @order) would find wrong,
 * BUDDY_OK if nothing; changes nothing. Lets the caller vet a free before
 * it touches the block's contents (poisoning).
 */
enum buddy_error buddy_free_error(const struct zone *z, const struct page *page,
				  u32 order);

/*
 * buddy_page_is_free - true when the page is inside a free block of the
 * zone (what a second free of it would find).
 */
bool buddy_page_is_free(const struct zone *z, const struct page *page);

/*
 * buddy_check - verify the zone's invariants: every block on free_area[k]
 * is aligned, inside the zone, PG_buddy with order k, not overlapping
 * another, no two free buddies of an order below MAX_ORDER are both free
 * (they would have merged), nr_free and free_pages match the lists. Returns
 * true when all hold; otherwise writes the first violation to @why.
 */
bool buddy_check(const struct zone *z, char *why, size_t size);

#endif
