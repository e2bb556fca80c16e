/* SPDX-License-Identifier: MIT */
/*
 * The reference count and the map count of a page (struct page, in
 * <mm/page.h>), as Linux's get_page()/put_page() and page_mapcount().
 *
 * refcount counts who holds the page: alloc_pages() returns a block whose
 * head has refcount 1; get_page() adds a holder, put_page() drops one and
 * frees the block when none is left. A free page has refcount 0.
 *
 * mapcount counts the user page-table entries that map the page (mm/memory.c):
 * each such entry also holds a reference. A page shared copy-on-write after
 * fork() has mapcount 2 (or more); the write fault of the last mapper finds
 * mapcount 1 and may write to the page in place.
 *
 * Both counts change with atomic operations: two processes sharing a page
 * may fault on two CPUs at once.
 */
#ifndef HM386_MM_PAGE_REF_H
#define HM386_MM_PAGE_REF_H

#include <mm/page.h>

/* page_ref_count - the references held on @page now. */
static inline u32 page_ref_count(const struct page *page)
{
	return __atomic_load_n(&page->refcount, __ATOMIC_RELAXED);
}

/* get_page - take one more reference on @page, which must be held already. */
static inline void get_page(struct page *page)
{
	__atomic_fetch_add(&page->refcount, 1, __ATOMIC_RELAXED);
}

/*
 * put_page - drop a reference on @page (the head of an allocated block);
 * the last one frees the block with the order it was allocated with. A put
 * on a free page, or on a page still mapped when its last reference goes,
 * is a bug (a panic naming the pfn and the caller). Any context.
 */
void put_page(struct page *page);

/* page_mapcount - how many user page-table entries map @page. */
static inline u32 page_mapcount(const struct page *page)
{
	return __atomic_load_n(&page->mapcount, __ATOMIC_RELAXED);
}

/* page_add_map - a new user PTE maps @page: one more mapper, holding one
 * more reference (the first mapper takes over the allocation's reference:
 * pass @new_page true for a page just allocated). */
static inline void page_add_map(struct page *page, bool new_page)
{
	__atomic_fetch_add(&page->mapcount, 1, __ATOMIC_RELAXED);
	if (!new_page)
		get_page(page);
}

/* page_remove_map - a user PTE no longer maps @page: one mapper and its
 * reference less (which may free the page). */
static inline void page_remove_map(struct page *page)
{
	__atomic_fetch_sub(&page->mapcount, 1, __ATOMIC_RELAXED);
	put_page(page);
}

#endif
