// SPDX-License-Identifier: MIT
/*
 * The buddy allocator of one zone; the contract is in include/mm/buddy.h.
 *
 * The buddy of the block of order k at pfn p is the block at p ^ (1 << k):
 * the other half of the block of order k + 1 that contains both. A block
 * going free merges with its buddy while the buddy is a free block of the
 * same order inside the same zone, so a PG_reserved page or a hole (neither
 * ever PG_buddy) stops the merge, and no block crosses a zone boundary.
 *
 * Free lists are stacks: a block goes free at the head of its list
 * (list_add) and allocations take the head, so the block freed last, the
 * most likely to be in the cache, is reused first.
 */
#include <kernel/lab.h>
#include <lib/printf.h>
#include <mm/buddy.h>

/*
 * What a page is to the allocator: of these, a free block's head has only
 * PG_buddy, its other pages none.
 */
#define BLOCK_STATE_FLAGS	(PG_buddy | PG_head | PG_reserved)

/* block_fits_zone - true when the block of @order at @pfn lies in the zone. */
static bool block_fits_zone(const struct zone *z, u32 pfn, u32 order)
{
	return zone_contains(z, pfn) && z->end_pfn - pfn >= order_pages(order);
}

/* free_list_push - put @page on free_area[@order] as a free block's head. */
LAB_STATIC void free_list_push(struct zone *z, struct page *page, u32 order)
{
	struct free_area *area = &z->free_area[order];

	page->flags |= PG_buddy;
	page->order = order;
	list_add(&page->lru, &area->free_list);
	area->nr_free++;
}

/* free_list_remove - take the free block headed by @page off its list. */
LAB_STATIC void free_list_remove(struct zone *z, struct page *page)
{
	list_del(&page->lru);
	z->free_area[page->order].nr_free--;
	page->flags &= ~PG_buddy;
	page->order = 0;
}

/*
 * free_block_insert - make the block of @order at @pfn (in the zone, on no
 * list, not counted in free_pages) free, merged with its free buddies as
 * far as they go. The single path by which pages become free.
 */
LAB_STATIC LAB_EXERCISE(3) void free_block_insert(struct zone *z, u32 pfn, u32 order)
{
	while (order < MAX_ORDER) {
		u32 buddy_pfn = pfn ^ order_pages(order);
		struct page *buddy;

		if (!zone_contains(z, buddy_pfn))
			break;
		buddy = pfn_to_page(buddy_pfn);
		if (!(buddy->flags & PG_buddy) || buddy->order != order)
			break;
		free_list_remove(z, buddy);
		pfn &= ~order_pages(order);
		order++;
	}
	free_list_push(z, pfn_to_page(pfn), order);
}

void buddy_zone_init(struct zone *z, const char *name, u32 start_pfn, u32 end_pfn)
{
	u32 order;

	spin_lock_init(&z->lock, name);
	z->name = name;
	z->start_pfn = start_pfn;
	z->end_pfn = end_pfn;
	z->present_pages = 0;
	z->managed_pages = 0;
	z->free_pages = 0;
	for (order = 0; order <= MAX_ORDER; order++) {
		INIT_LIST_HEAD(&z->free_area[order].free_list);
		z->free_area[order].nr_free = 0;
	}
	z->nr_alloc = 0;
	z->nr_free_calls = 0;
	z->nr_alloc_fail = 0;
}

/*
 * largest_block_order - the order of the largest block that starts at @pfn
 * (aligned to its size) and holds at most @count pages; @count > 0.
 */
static u32 largest_block_order(u32 pfn, u32 count)
{
	u32 order = MAX_ORDER;

	while (order > 0 && ((pfn & (order_pages(order) - 1)) ||
			     order_pages(order) > count))
		order--;
	return order;
}

void buddy_add_range(struct zone *z, u32 pfn, u32 count)
{
	u32 left = count;

	while (left) {
		u32 order = largest_block_order(pfn, left);

		free_block_insert(z, pfn, order);
		pfn += order_pages(order);
		left -= order_pages(order);
	}
	z->managed_pages += count;
	z->free_pages += count;
}

struct page *buddy_alloc_range(struct zone *z, u32 order, u32 start_pfn,
			       u32 end_pfn)
{
	struct list_head *pos;
	struct page *page;
	u32 found;

	if (order > MAX_ORDER)
		goto fail;
	/* The smallest block that fits and lies wholly in the range (the
	 * first of its list when the range is everything). */
	for (found = order; found <= MAX_ORDER; found++) {
		list_for_each(pos, &z->free_area[found].free_list) {
			u32 pfn = page_to_pfn(list_entry(pos, struct page, lru));

			if (pfn >= start_pfn && pfn + order_pages(found) <= end_pfn)
				goto take;
		}
	}
	goto fail;
take:
	page = list_entry(pos, struct page, lru);
	free_list_remove(z, page);
	/* Keep the lower half each time, give back the upper one. */
	while (found > order) {
		found--;
		free_list_push(z, page + order_pages(found), found);
	}
	page->flags |= PG_head;
	page->order = order;
	z->free_pages -= order_pages(order);
	z->nr_alloc++;
	return page;

fail:
	z->nr_alloc_fail++;
	return NULL;
}

struct page *buddy_alloc(struct zone *z, u32 order)
{
	return buddy_alloc_range(z, order, 0, ~0U);
}

bool buddy_page_is_free(const struct zone *z, const struct page *page)
{
	u32 pfn = page_to_pfn(page);
	u32 order;

	/*
	 * A free block of order k holding pfn starts at pfn rounded down to
	 * 2^k. Rounding down to a smaller power finds a page of that block
	 * which is its head only when its order is at least that power.
	 */
	for (order = 0; order <= MAX_ORDER; order++) {
		u32 head_pfn = pfn & ~(order_pages(order) - 1);
		const struct page *head;

		if (!zone_contains(z, head_pfn))
			break;		/* larger orders round further down */
		head = pfn_to_page(head_pfn);
		if ((head->flags & PG_buddy) && head->order >= order)
			return true;
	}
	return false;
}

enum buddy_error buddy_free_error(const struct zone *z, const struct page *page,
				  u32 order)
{
	u32 pfn = page_to_pfn(page);

	/* An order above MAX_ORDER is no allocation's: BUDDY_EORDER, below. */
	if (!zone_contains(z, pfn) ||
	    (order <= MAX_ORDER && !block_fits_zone(z, pfn, order)))
		return BUDDY_EZONE;
	if (page->flags & PG_reserved)
		return BUDDY_ERESERVED;
	if (buddy_page_is_free(z, page))
		return BUDDY_EDOUBLE;
	if (!(page->flags & PG_head))
		return BUDDY_ENOTHEAD;
	if (page->order != order || order > MAX_ORDER)
		return BUDDY_EORDER;
	return BUDDY_OK;
}

enum buddy_error buddy_free(struct zone *z, struct page *page, u32 order)
{
	enum buddy_error err = buddy_free_error(z, page, order);

	if (err)
		return err;
	page->flags &= ~PG_head;
	page->order = 0;
	free_block_insert(z, page_to_pfn(page), order);
	z->free_pages += order_pages(order);
	z->nr_free_calls++;
	return BUDDY_OK;
}

/* check_failed - write the reason to @why (if there is room) and say false. */
static bool __printf(3, 4) check_failed(char *why, size_t size,
					const char *fmt, ...)
{
	va_list ap;

	if (why && size) {
		va_start(ap, fmt);
		vsnprintf(why, size, fmt, ap);
		va_end(ap);
	}
	return false;
}

/*
 * check_free_lists - walk each free list, at most one entry per page of
 * the span (a longer list is corrupt or cyclic), and check every entry's
 * links, place and flags, nr_free and the sum against free_pages. Stores
 * the number of blocks on all lists in *@nr_blocks.
 */
static bool check_free_lists(const struct zone *z, u32 *nr_blocks,
			     char *why, size_t size)
{
	u32 span = z->end_pfn - z->start_pfn;
	u64 free_pages = 0;
	u32 order;

	*nr_blocks = 0;
	for (order = 0; order <= MAX_ORDER; order++) {
		const struct list_head *head = &z->free_area[order].free_list;
		const struct list_head *prev = head, *pos;
		u32 nr = 0;

		for (pos = head->next; pos != head; prev = pos, pos = pos->next) {
			const struct page *page;
			u32 pfn;

			if (!pos || pos->prev != prev)
				return check_failed(why, size,
					"%s: free_area[%u] entry %u has broken links",
					z->name, order, nr);
			if (++nr > span)
				return check_failed(why, size,
					"%s: free_area[%u] has more entries than the zone has pages",
					z->name, order);
			page = list_entry(pos, struct page, lru);
			pfn = page_to_pfn(page);
			if (!zone_contains(z, pfn) || pfn_to_page(pfn) != page)
				return check_failed(why, size,
					"%s: free_area[%u] holds a page outside the zone",
					z->name, order);
			if (pfn & (order_pages(order) - 1))
				return check_failed(why, size,
					"%s: free block 0x%x of order %u is misaligned",
					z->name, pfn, order);
			if (!block_fits_zone(z, pfn, order))
				return check_failed(why, size,
					"%s: free block 0x%x of order %u crosses the zone end",
					z->name, pfn, order);
			if ((page->flags & BLOCK_STATE_FLAGS) != PG_buddy)
				return check_failed(why, size,
					"%s: free block 0x%x has flags 0x%x",
					z->name, pfn, page->flags);
			if (page->order != order)
				return check_failed(why, size,
					"%s: free block 0x%x of order %u is on free_area[%u]",
					z->name, pfn, page->order, order);
		}
		if (nr != z->free_area[order].nr_free)
			return check_failed(why, size,
				"%s: free_area[%u] has %u blocks, nr_free says %u",
				z->name, order, nr, z->free_area[order].nr_free);
		*nr_blocks += nr;
		free_pages += (u64)nr << order;
	}
	if (free_pages != z->free_pages)
		return check_failed(why, size,
			"%s: the free lists hold %llu pages, free_pages says %u",
			z->name, (unsigned long long)free_pages, z->free_pages);
	if (z->free_pages > z->managed_pages)
		return check_failed(why, size,
			"%s: free_pages %u exceeds managed_pages %u",
			z->name, z->free_pages, z->managed_pages);
	return true;
}

/*
 * check_free_blocks - scan the span once, in pfn order: free blocks must
 * not overlap (aligned blocks either nest or are disjoint, so an overlap
 * shows as a head inside the block before it), hold no PG_head or
 * PG_reserved page, and not have a free buddy of their order. The PG_buddy
 * heads found must be the @nr_blocks on the lists.
 */
static bool check_free_blocks(const struct zone *z, u32 nr_blocks,
			      char *why, size_t size)
{
	u32 block_end = z->start_pfn;	/* past the last free block seen */
	u32 nr_heads = 0;
	u32 pfn;

	for (pfn = z->start_pfn; pfn < z->end_pfn; pfn++) {
		const struct page *page = pfn_to_page(pfn);
		u32 buddy_pfn;

		if (pfn < block_end && (page->flags & BLOCK_STATE_FLAGS))
			return check_failed(why, size,
				"%s: page 0x%x (flags 0x%x) lies inside a free block",
				z->name, pfn, page->flags);
		if (!(page->flags & PG_buddy))
			continue;
		nr_heads++;
		if (page->order > MAX_ORDER)
			return check_failed(why, size,
				"%s: free block 0x%x has order %u",
				z->name, pfn, page->order);
		block_end = pfn + order_pages(page->order);
		if (page->order == MAX_ORDER)
			continue;
		buddy_pfn = pfn ^ order_pages(page->order);
		if (zone_contains(z, buddy_pfn) &&
		    (pfn_to_page(buddy_pfn)->flags & PG_buddy) &&
		    pfn_to_page(buddy_pfn)->order == page->order)
			return check_failed(why, size,
				"%s: free buddies 0x%x and 0x%x of order %u are not merged",
				z->name, pfn, buddy_pfn, page->order);
	}
	if (nr_heads != nr_blocks)
		return check_failed(why, size,
			"%s: %u pages are PG_buddy, the free lists hold %u",
			z->name, nr_heads, nr_blocks);
	return true;
}

bool buddy_check(const struct zone *z, char *why, size_t size)
{
	u32 nr_blocks;

	if (z->end_pfn < z->start_pfn)
		return check_failed(why, size, "%s: the span ends before it starts",
				    z->name);
	return check_free_lists(z, &nr_blocks, why, size) &&
	       check_free_blocks(z, nr_blocks, why, size);
}
