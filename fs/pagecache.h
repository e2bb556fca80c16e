/* SPDX-License-Identifier: MIT */
/*
 * The page cache (fs/pagecache.c), private to fs/ and its tests: each
 * inode's bytes in pages from GFP_HIGHUSER (HighMem first), found by page
 * number. The kernel reaches a page-cache page only with kmap_local_page()
 * (or kmap() where a mapping must outlive a sleep on another thread's
 * behalf), never with page_address(): most of them have no kernel address.
 *
 * A page in the cache has mapping and index set (struct page, <mm/page.h>),
 * holds one reference for the cache, and one more for each caller of
 * find_get_page()/read_mapping_page()/grab_cache_page() until put_page().
 * PG_uptodate: its bytes are the file's. PG_dirty: they are newer than the
 * disk; writeback (filemap_write_and_wait(), sync, unmount) writes them
 * with the mapping's writepage and clears it. PG_locked: I/O on the page
 * is in flight; lock_page() waits for it.
 *
 * Locking: the page cache's own spinlock guards every mapping's index and
 * counters and the page flags above; fs_lock (fs/vfs.h) is never needed
 * to find, add or drop a page, so the shrinker works while a task that
 * holds fs_lock allocates.
 *
 * Clean, unlocked pages that nobody but the cache holds are dropped under
 * memory pressure (a SHRINKER, <mm/shrinker.h>) and read again on the next
 * access; a RAM filesystem's mapping (no backing store) marks itself
 * unevictable and keeps every page.
 */
#ifndef HM386_FS_PAGECACHE_H
#define HM386_FS_PAGECACHE_H

#include <lib/list.h>
#include <mm/page.h>
#include <types.h>

struct address_space;
struct inode;

/*
 * How a mapping's pages meet its backing store. readpage fills a locked,
 * not-uptodate @page (zeroes past the end of the file, holes) and returns
 * 0 or -EIO; writepage writes a locked, dirty @page back and returns 0 or
 * -EIO. Both may sleep. NULL ops: a mapping with no backing store.
 */
struct address_space_ops {
	int (*readpage)(struct address_space *mapping, struct page *page);
	int (*writepage)(struct address_space *mapping, struct page *page);
	/* prepare_write - before bytes [@from, @to) of @page are written by
	 * the generic write path: give them a place on the disk (ext2
	 * allocates its blocks here, so that a full disk is -ENOSPC from
	 * write(), not a lost page at writeback). 0 or -errno. Optional. */
	int (*prepare_write)(struct address_space *mapping, struct page *page,
			     u32 from, u32 to);
};

struct address_space {
	struct inode *host;
	const struct address_space_ops *a_ops;
	void *index_root;		/* the page index (pagecache.c's own) */
	u32 nr_pages;			/* pages in the cache now */
	u32 nr_dirty;
	bool unevictable;		/* no backing store: never dropped */
	struct list_head mappings;	/* on the list the shrinker walks */
};

/* mapping_init - an empty mapping of @host with @a_ops. */
void mapping_init(struct address_space *mapping, struct inode *host,
		  const struct address_space_ops *a_ops, bool unevictable);

/* mapping_destroy - drop every page of @mapping (written back or not: the
 * caller did what had to be done) and take it off the shrinker's list,
 * before its inode is freed. iput() calls it. May sleep. */
void mapping_destroy(struct address_space *mapping);

/* A page-cache page's state, read without the lock (a hint unless the
 * caller holds the page locked). */
static inline bool PageUptodate(const struct page *page)
{
	return __atomic_load_n(&page->flags, __ATOMIC_ACQUIRE) & PG_uptodate;
}

static inline bool PageDirty(const struct page *page)
{
	return __atomic_load_n(&page->flags, __ATOMIC_ACQUIRE) & PG_dirty;
}

/*
 * find_get_page - the cached page @index of @mapping with a reference
 * taken, or NULL (not cached). Does not read. May sleep.
 */
struct page *find_get_page(struct address_space *mapping, u32 index);

/*
 * read_mapping_page - page @index of @mapping, uptodate, with a reference
 * taken: from the cache, or allocated (GFP_HIGHUSER), added and read with
 * readpage. ERR_PTR(-ENOMEM, -EIO). May sleep.
 */
struct page *read_mapping_page(struct address_space *mapping, u32 index);

/*
 * grab_cache_page - page @index of @mapping for a write that may not cover
 * all of it: from the cache or allocated and added, with a reference
 * taken. @whole: the write covers the whole page, so a new page is zeroed
 * instead of read. ERR_PTR(-ENOMEM, -EIO). May sleep.
 */
struct page *grab_cache_page(struct address_space *mapping, u32 index, bool whole);

/* set_page_uptodate - @page (locked) now holds the file's bytes (a page
 * that a write covered whole). */
void set_page_uptodate(struct page *page);

/* set_page_dirty - @page (in a mapping, uptodate) holds bytes newer than
 * the disk. */
void set_page_dirty(struct page *page);

/* lock_page / unlock_page - PG_locked, sleeping while another holds it. */
void lock_page(struct page *page);
void unlock_page(struct page *page);

/*
 * filemap_write_and_wait - write every dirty page of @mapping back with
 * its writepage, in index order. Returns 0, or the first -EIO (the other
 * pages are still written; a page that failed stays dirty). May sleep.
 */
int filemap_write_and_wait(struct address_space *mapping);

/*
 * truncate_inode_pages - drop the pages of @mapping from page @start on
 * (dirty or not: their bytes are past the new end), waiting for their I/O.
 * The caller zeroes the tail of the page that holds the new end. May sleep.
 */
void truncate_inode_pages(struct address_space *mapping, u32 start);

/* The page cache's counters (also in struct fs_stats, <fs/file.h>). */
struct pagecache_stats {
	u64 pages, highmem_pages, peak_pages, peak_highmem_pages;
	u64 dirty;
	u64 reads, writebacks;		/* readpage / writepage calls */
	u64 dropped;			/* clean pages given back to mm */
};
extern struct pagecache_stats pagecache_stats;

#endif
