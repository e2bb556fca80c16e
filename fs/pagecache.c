// SPDX-License-Identifier: MIT
/*
 * The page cache (fs/pagecache.h). Each mapping indexes its pages by page
 * number in a radix tree of 64-way nodes from lowmem (Linux's radix tree
 * before the XArray, without tags): a tree of height h covers page numbers
 * below 64^h, so a 4 GiB file needs four levels and the whole u32 range
 * (16 TiB of file) six, and a sparse file costs only the nodes on the
 * paths to its pages. The tree grows a level at the top when a page
 * beyond its reach comes, and each node goes back to the cache of nodes
 * when its last slot empties.
 *
 * pagecache_lock (a spinlock, interrupts off) guards every tree, every
 * mapping's counters, the list of mappings and the flags PG_uptodate,
 * PG_dirty and PG_locked of every page in the cache. Nothing sleeps under
 * it. A node is allocated under it (obj_alloc() never sleeps); the
 * allocator may then call the shrinker, which only trylocks it and gives
 * up, so the two never deadlock.
 */
#include "fs/objcache.h"
#include "fs/pagecache.h"
#include <kernel/panic.h>
#include <kernel/spinlock.h>
#include <kernel/wait.h>
#include <lib/err.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/mmzone.h>
#include <mm/page_ref.h>
#include <mm/shrinker.h>
#include <uapi/hm386/errno.h>

#define PC_SHIFT	6
#define PC_SLOTS	(1U << PC_SHIFT)
#define PC_HEIGHT_MAX	6		/* 6 * 6 bits >= 32 */
#define PC_BATCH	16		/* pages taken per walk of a tree */

/* A node: @height 1 holds pages, higher ones hold nodes of height - 1. */
struct pc_node {
	void *slots[PC_SLOTS];
	u32 count;			/* slots in use */
	u32 height;
};

struct pagecache_stats pagecache_stats;

static spinlock_t pagecache_lock = SPINLOCK_INIT("pagecache");
/* Every evictable mapping: the shrinker's list. */
static struct list_head mappings = LIST_HEAD_INIT(mappings);
static DECLARE_WAIT_QUEUE_HEAD(page_unlocked);
static struct obj_cache node_cache =
	OBJ_CACHE_INIT(node_cache, "pagecache node", struct pc_node);

/* The first page number a tree of @height cannot hold (0: all of u32). */
static u64 height_limit(u32 height)
{
	return height >= PC_HEIGHT_MAX ? (u64)1 << 32 : (u64)1 << (PC_SHIFT * height);
}

static u32 slot_of(const struct pc_node *node, u32 index)
{
	return (index >> (PC_SHIFT * (node->height - 1))) & (PC_SLOTS - 1);
}

/* The page at @index of @mapping, or NULL. pagecache_lock held. */
static struct page *tree_lookup(struct address_space *mapping, u32 index)
{
	struct pc_node *node = mapping->index_root;

	if (!node || index >= height_limit(node->height))
		return NULL;
	while (node->height > 1) {
		node = node->slots[slot_of(node, index)];
		if (!node)
			return NULL;
	}
	return node->slots[slot_of(node, index)];
}

static struct pc_node *node_new(u32 height)
{
	struct pc_node *node = obj_alloc(&node_cache);

	if (node)
		node->height = height;
	return node;
}

/* Put @page at @index (a free slot). 0 or -ENOMEM. pagecache_lock held. */
static int tree_insert(struct address_space *mapping, u32 index, struct page *page)
{
	struct pc_node *node = mapping->index_root, *child;

	if (!node) {
		node = node_new(1);
		if (!node)
			return -ENOMEM;
		mapping->index_root = node;
	}
	while (index >= height_limit(node->height)) {
		struct pc_node *top = node_new(node->height + 1);

		if (!top)
			return -ENOMEM;
		top->slots[0] = node;
		top->count = 1;
		mapping->index_root = node = top;
	}
	while (node->height > 1) {
		u32 slot = slot_of(node, index);

		child = node->slots[slot];
		if (!child) {
			child = node_new(node->height - 1);
			if (!child)
				return -ENOMEM;	/* the empty path stays */
			node->slots[slot] = child;
			node->count++;
		}
		node = child;
	}
	BUG_ON(node->slots[slot_of(node, index)]);
	node->slots[slot_of(node, index)] = page;
	node->count++;
	return 0;
}

/* Clear @index below @node; returns true when @node became empty (the
 * caller frees it). pagecache_lock held. */
static bool node_delete(struct pc_node *node, u32 index)
{
	u32 slot = slot_of(node, index);

	if (!node->slots[slot])
		return false;
	if (node->height > 1) {
		struct pc_node *child = node->slots[slot];

		if (!node_delete(child, index))
			return false;
		obj_free(&node_cache, child);
	}
	node->slots[slot] = NULL;
	return --node->count == 0;
}

/*
 * Take @page out of its mapping (its cache reference is the caller's to
 * drop). pagecache_lock held.
 */
static void page_cache_remove(struct page *page)
{
	struct address_space *mapping = page->mapping;
	struct pc_node *root = mapping->index_root;

	if (node_delete(root, page->index)) {
		obj_free(&node_cache, root);
		mapping->index_root = NULL;
	}
	if (page->flags & PG_dirty) {
		mapping->nr_dirty--;
		pagecache_stats.dirty--;
	}
	page->flags &= ~(PG_dirty | PG_uptodate);
	page->mapping = NULL;
	mapping->nr_pages--;
	pagecache_stats.pages--;
	if (PageHighMem(page))
		pagecache_stats.highmem_pages--;
}

/*
 * Up to @max pages of @node's subtree (covering page numbers from @base)
 * at or after @start into @out, in index order, each with a reference;
 * only dirty ones when @dirty. Returns how many. pagecache_lock held.
 */
static u32 node_gather(struct pc_node *node, u64 base, u32 start, bool dirty,
		       struct page **out, u32 max)
{
	u32 shift = PC_SHIFT * (node->height - 1), n = 0;
	u32 first = start > base ? (u32)((start - base) >> shift) : 0;

	for (u32 slot = first; slot < PC_SLOTS && n < max; slot++) {
		u64 slot_base = base + ((u64)slot << shift);
		struct page *page;

		if (!node->slots[slot])
			continue;
		if (node->height > 1) {
			n += node_gather(node->slots[slot], slot_base, start,
					 dirty, out + n, max - n);
			continue;
		}
		page = node->slots[slot];
		if (dirty && !(page->flags & PG_dirty))
			continue;
		get_page(page);
		out[n++] = page;
	}
	return n;
}

/* A batch of pages of @mapping from @start on (see node_gather). */
static u32 gather(struct address_space *mapping, u32 start, bool dirty,
		  struct page **out, u32 max)
{
	u32 flags, n = 0;

	spin_lock_irqsave(&pagecache_lock, flags);
	if (mapping->index_root)
		n = node_gather(mapping->index_root, 0, start, dirty, out, max);
	spin_unlock_irqrestore(&pagecache_lock, flags);
	return n;
}

void mapping_init(struct address_space *mapping, struct inode *host,
		  const struct address_space_ops *a_ops, bool unevictable)
{
	u32 flags;

	mapping->host = host;
	mapping->a_ops = a_ops;
	mapping->index_root = NULL;
	mapping->nr_pages = 0;
	mapping->nr_dirty = 0;
	mapping->unevictable = unevictable;
	INIT_LIST_HEAD(&mapping->mappings);
	if (unevictable)
		return;
	spin_lock_irqsave(&pagecache_lock, flags);
	list_add_tail(&mapping->mappings, &mappings);
	spin_unlock_irqrestore(&pagecache_lock, flags);
}

void mapping_destroy(struct address_space *mapping)
{
	u32 flags;

	truncate_inode_pages(mapping, 0);
	BUG_ON(mapping->nr_pages || mapping->index_root);
	spin_lock_irqsave(&pagecache_lock, flags);
	list_del(&mapping->mappings);
	INIT_LIST_HEAD(&mapping->mappings);
	spin_unlock_irqrestore(&pagecache_lock, flags);
}

struct page *find_get_page(struct address_space *mapping, u32 index)
{
	struct page *page;
	u32 flags;

	spin_lock_irqsave(&pagecache_lock, flags);
	page = tree_lookup(mapping, index);
	if (page)
		get_page(page);
	spin_unlock_irqrestore(&pagecache_lock, flags);
	return page;
}

static bool page_is_locked(const struct page *page)
{
	return __atomic_load_n(&page->flags, __ATOMIC_ACQUIRE) & PG_locked;
}

void lock_page(struct page *page)
{
	for (;;) {
		u32 flags;
		bool taken;

		spin_lock_irqsave(&pagecache_lock, flags);
		taken = !(page->flags & PG_locked);
		page->flags |= PG_locked;
		spin_unlock_irqrestore(&pagecache_lock, flags);
		if (taken)
			return;
		wait_event(page_unlocked, !page_is_locked(page));
	}
}

void unlock_page(struct page *page)
{
	u32 flags;

	spin_lock_irqsave(&pagecache_lock, flags);
	BUG_ON(!(page->flags & PG_locked));
	page->flags &= ~PG_locked;
	spin_unlock_irqrestore(&pagecache_lock, flags);
	wake_up(&page_unlocked);
}

/* Set or clear page flag @bit under the cache's lock. */
static void page_flag(struct page *page, u32 bit, bool set)
{
	u32 flags;

	spin_lock_irqsave(&pagecache_lock, flags);
	if (set)
		page->flags |= bit;
	else
		page->flags &= ~bit;
	spin_unlock_irqrestore(&pagecache_lock, flags);
}

/* One more in 64-bit counter @counter of pagecache_stats. */
static void count_event(u64 *counter)
{
	u32 flags;

	spin_lock_irqsave(&pagecache_lock, flags);
	(*counter)++;
	spin_unlock_irqrestore(&pagecache_lock, flags);
}

void set_page_uptodate(struct page *page)
{
	page_flag(page, PG_uptodate, true);
}

/*
 * A new page for @index of @mapping, locked, with the cache's reference
 * and the caller's: the one found there instead when another task added
 * it first (then not locked: the caller looks at its state). Returns the
 * page and sets *@added, or ERR_PTR(-ENOMEM).
 */
static struct page *add_new_page(struct address_space *mapping, u32 index, bool *added)
{
	struct page *page = alloc_page(GFP_HIGHUSER), *found;
	u32 flags;
	int err = 0;

	if (!page)
		return ERR_PTR(-ENOMEM);
	spin_lock_irqsave(&pagecache_lock, flags);
	found = tree_lookup(mapping, index);
	if (found) {
		get_page(found);
	} else {
		err = tree_insert(mapping, index, page);
		if (!err) {
			page->flags |= PG_locked;
			page->mapping = mapping;
			page->index = index;
			get_page(page);		/* the cache's */
			mapping->nr_pages++;
			pagecache_stats.pages++;
			if (PageHighMem(page))
				pagecache_stats.highmem_pages++;
			pagecache_stats.peak_pages = MAX(pagecache_stats.peak_pages,
							 pagecache_stats.pages);
			pagecache_stats.peak_highmem_pages =
				MAX(pagecache_stats.peak_highmem_pages,
				    pagecache_stats.highmem_pages);
		}
	}
	spin_unlock_irqrestore(&pagecache_lock, flags);
	if (found || err)
		__free_page(page);
	*added = !found && !err;
	return err ? ERR_PTR(err) : found ? found : page;
}

/* Fill locked @page with the file's bytes (zeroes when there is no
 * backing store). 0 or -EIO; the page stays locked. */
static int fill_page(struct address_space *mapping, struct page *page)
{
	int err;

	if (!mapping->a_ops || !mapping->a_ops->readpage) {
		clear_highpage(page);
		page_flag(page, PG_uptodate, true);
		return 0;
	}
	count_event(&pagecache_stats.reads);
	err = mapping->a_ops->readpage(mapping, page);
	if (!err)
		page_flag(page, PG_uptodate, true);
	return err;
}

/* Drop @page (locked, referenced by the caller) from @mapping if it is
 * still there (after a failed read, or a truncate); unlocks it and drops
 * the caller's reference and the cache's. */
static void discard_page(struct address_space *mapping, struct page *page)
{
	u32 flags;
	bool in_cache;

	spin_lock_irqsave(&pagecache_lock, flags);
	in_cache = page->mapping == mapping;
	if (in_cache)
		page_cache_remove(page);
	spin_unlock_irqrestore(&pagecache_lock, flags);
	unlock_page(page);
	if (in_cache)
		put_page(page);
	put_page(page);
}

struct page *read_mapping_page(struct address_space *mapping, u32 index)
{
	for (;;) {
		struct page *page = find_get_page(mapping, index);
		bool added = false;
		int err;

		if (!page) {
			page = add_new_page(mapping, index, &added);
			if (IS_ERR(page))
				return page;
		}
		if (!added) {
			if (PageUptodate(page))
				return page;
			lock_page(page);
			if (page->mapping != mapping) {	/* dropped meanwhile */
				unlock_page(page);
				put_page(page);
				continue;
			}
			if (PageUptodate(page)) {
				unlock_page(page);
				return page;
			}
		}
		err = fill_page(mapping, page);
		if (err) {
			discard_page(mapping, page);
			return ERR_PTR(err);
		}
		unlock_page(page);
		return page;
	}
}

struct page *grab_cache_page(struct address_space *mapping, u32 index, bool whole)
{
	struct page *page;
	bool added;
	int err;

	for (;;) {
		page = find_get_page(mapping, index);
		if (!page || whole || PageUptodate(page))
			break;
		/* Left by a write that copied nothing: read it now. */
		lock_page(page);
		err = page->mapping != mapping ? -EAGAIN :
		      PageUptodate(page) ? 0 : fill_page(mapping, page);
		unlock_page(page);
		if (!err)
			return page;
		put_page(page);
		if (err != -EAGAIN)
			return ERR_PTR(err);
	}
	if (page)
		return page;
	page = add_new_page(mapping, index, &added);
	if (IS_ERR(page) || !added)
		return page;
	if (whole || !mapping->a_ops || !mapping->a_ops->readpage) {
		/* Not uptodate with a backing store: the write must fill it. */
		err = 0;
		clear_highpage(page);
		if (!mapping->a_ops || !mapping->a_ops->readpage)
			page_flag(page, PG_uptodate, true);
	} else {
		err = fill_page(mapping, page);
	}
	if (err) {
		discard_page(mapping, page);
		return ERR_PTR(err);
	}
	unlock_page(page);
	return page;
}

void set_page_dirty(struct page *page)
{
	struct address_space *mapping = page->mapping;
	u32 flags;

	if (!mapping || !mapping->a_ops || !mapping->a_ops->writepage)
		return;			/* nowhere to write it: never dirty */
	spin_lock_irqsave(&pagecache_lock, flags);
	if (!(page->flags & PG_dirty) && page->mapping) {
		page->flags |= PG_dirty;
		mapping->nr_dirty++;
		pagecache_stats.dirty++;
	}
	spin_unlock_irqrestore(&pagecache_lock, flags);
}

/* Clear PG_dirty of @page (locked) if set; true when it was. */
static bool clear_page_dirty(struct page *page)
{
	u32 flags;
	bool was;

	spin_lock_irqsave(&pagecache_lock, flags);
	was = page->flags & PG_dirty;
	if (was) {
		page->flags &= ~PG_dirty;
		page->mapping->nr_dirty--;
		pagecache_stats.dirty--;
	}
	spin_unlock_irqrestore(&pagecache_lock, flags);
	return was;
}

int filemap_write_and_wait(struct address_space *mapping)
{
	struct page *batch[PC_BATCH];
	u32 next = 0, n;
	int first_err = 0;

	if (!mapping->a_ops || !mapping->a_ops->writepage)
		return 0;
	do {
		n = gather(mapping, next, true, batch, PC_BATCH);
		for (u32 i = 0; i < n; i++) {
			struct page *page = batch[i];
			int err = 0;

			lock_page(page);
			if (page->mapping == mapping && clear_page_dirty(page)) {
				count_event(&pagecache_stats.writebacks);
				err = mapping->a_ops->writepage(mapping, page);
				if (err) {
					set_page_dirty(page);
					if (!first_err)
						first_err = err;
				}
			}
			next = page->index + 1;
			unlock_page(page);
			put_page(page);
		}
	} while (n == PC_BATCH && next);
	return first_err;
}

void truncate_inode_pages(struct address_space *mapping, u32 start)
{
	struct page *batch[PC_BATCH];
	u32 n;

	while ((n = gather(mapping, start, false, batch, PC_BATCH))) {
		for (u32 i = 0; i < n; i++) {
			struct page *page = batch[i];

			lock_page(page);	/* waits for its I/O */
			discard_page(mapping, page);
		}
	}
}

/* True when the shrinker may drop @page: no I/O, nothing newer than the
 * disk, no holder but the cache, in a zone of @zone_mask. Lock held. */
static bool droppable(const struct page *page, u32 zone_mask)
{
	return !(page->flags & (PG_dirty | PG_locked)) && page_ref_count(page) == 1 &&
	       !page_mapcount(page) && (zone_mask & (1U << page_zonenum(page)));
}

/* Up to @max droppable pages of @node's subtree into @out. Lock held. */
static u32 node_victims(struct pc_node *node, u32 zone_mask, struct page **out, u32 max)
{
	u32 n = 0;

	for (u32 slot = 0; slot < PC_SLOTS && n < max; slot++) {
		struct page *page = node->slots[slot];

		if (!page)
			continue;
		if (node->height > 1)
			n += node_victims(node->slots[slot], zone_mask, out + n, max - n);
		else if (droppable(page, zone_mask))
			out[n++] = page;
	}
	return n;
}

/*
 * The shrinker: drop up to @nr clean, unlocked pages that only the cache
 * holds, in zones of @zone_mask, from the evictable mappings, oldest
 * mapping first. Trylock: the allocation may come from under our lock.
 */
static u32 pagecache_shrink(u32 zone_mask, u32 nr)
{
	struct page *victims[PC_BATCH];
	struct list_head *pos;
	u32 flags, freed = 0;

	local_irq_save(flags);
	if (!spin_trylock(&pagecache_lock)) {
		local_irq_restore(flags);
		return 0;
	}
	list_for_each(pos, &mappings) {
		struct address_space *mapping =
			list_entry(pos, struct address_space, mappings);
		u32 n;

		if (mapping->nr_pages == mapping->nr_dirty)
			continue;	/* nothing clean to drop */
		do {
			n = 0;
			if (mapping->index_root)
				n = node_victims(mapping->index_root, zone_mask, victims,
						 MIN(nr - freed, PC_BATCH));
			for (u32 i = 0; i < n; i++) {
				page_cache_remove(victims[i]);
				put_page(victims[i]);
			}
			freed += n;
		} while (n && freed < nr);
		if (freed >= nr)
			break;
	}
	pagecache_stats.dropped += freed;
	spin_unlock_irqrestore(&pagecache_lock, flags);
	return freed;
}
SHRINKER(pagecache, pagecache_shrink);
