// SPDX-License-Identifier: MIT
/*
 * The generic read and write paths of regular files (fs/vfs.h), over the
 * page cache (fs/pagecache.h), for every file system: each page is mapped
 * with kmap_local_page() for the length of one copy. The write follows
 * Linux's generic_perform_write(): the copy from the user runs with page
 * faults disabled while the page is mapped and locked (a fault there could
 * need the very page, in Linux; here it would sleep with the page locked),
 * and a short copy is retried after the source was faulted in, unmapped.
 */
#include <fs/file.h>
#include "fs/vfs.h"
#include <kernel/preempt.h>
#include <lib/err.h>
#include <mm/highmem.h>
#include <mm/page_ref.h>
#include <uapi/hm386/errno.h>

long generic_file_read(struct inode *inode, struct fs_iter *to, u32 count, u64 pos)
{
	struct address_space *mapping = &inode->mapping;
	bool backed = mapping->a_ops && mapping->a_ops->readpage;
	u32 done = 0;

	if (pos >= inode->size)
		return 0;
	count = (u32)MIN((u64)count, inode->size - pos);
	while (done < count) {
		u32 off = (u32)(pos & (PAGE_SIZE - 1));
		u32 chunk = MIN(count - done, PAGE_SIZE - off);
		u32 index = (u32)(pos >> PAGE_SHIFT);
		struct page *page;
		u32 left;

		/* With no backing store, a page not in the cache is a hole. */
		page = backed ? read_mapping_page(mapping, index) :
				find_get_page(mapping, index);
		if (IS_ERR(page))
			return done ? (long)done : PTR_ERR(page);
		if (!page) {
			left = fs_iter_zero(to, chunk);
		} else {
			u8 *addr = kmap_local_page(page);

			/*
			 * The mapping stays while the copy faults the user
			 * buffer in and sleeps: kmap_local_page() allows it.
			 * Trying first with pagefaults disabled only counts
			 * the reads that do fault (fs_stats.read_faults).
			 */
			pagefault_disable();
			left = fs_iter_to_atomic(to, addr + off, chunk);
			pagefault_enable();
			if (left) {
				fs_stats.read_faults++;
				left = fs_iter_to(to, addr + off + chunk - left, left);
			}
			kunmap_local(addr);
			put_page(page);
		}
		done += chunk - left;
		pos += chunk - left;
		if (left)
			break;
	}
	return done ? (long)done : (count ? -EFAULT : 0);
}

/* Copy @chunk bytes from @from to @off in locked @page with page faults
 * disabled; returns the bytes NOT copied. A page not uptodate (new, to be
 * covered whole) takes all or nothing: its other bytes are not the file's. */
static u32 copy_into_page(struct page *page, u32 off, struct fs_iter *from, u32 chunk)
{
	u8 *addr = kmap_local_page(page);
	u32 left;

	pagefault_disable();
	left = fs_iter_from_atomic(from, addr + off, chunk);
	pagefault_enable();
	kunmap_local(addr);
	if (left && !PageUptodate(page)) {
		from->done -= chunk - left;	/* undo: copy again whole */
		left = chunk;
	}
	return left;
}

long generic_file_write(struct inode *inode, struct fs_iter *from, u32 count, u64 pos)
{
	struct address_space *mapping = &inode->mapping;
	u32 done = 0;

	if (pos >= FILE_SIZE_MAX)
		return count ? -EFBIG : 0;
	count = (u32)MIN((u64)count, FILE_SIZE_MAX - pos);
	while (done < count) {
		u32 off = (u32)(pos & (PAGE_SIZE - 1));
		u32 chunk = MIN(count - done, PAGE_SIZE - off);
		u64 page_start = pos - off;
		/* Read first only what the write leaves of a page that holds
		 * bytes of the file. */
		bool whole = chunk == PAGE_SIZE || page_start >= inode->size;
		u32 index = (u32)(pos >> PAGE_SHIFT), left;
		struct page *page = grab_cache_page(mapping, index, whole);
		int err = 0;

		if (IS_ERR(page)) {
			err = PTR_ERR(page) == -ENOMEM ? -ENOSPC : PTR_ERR(page);
			return done ? (long)done : err;
		}
		lock_page(page);
		if (mapping->a_ops && mapping->a_ops->prepare_write)
			err = mapping->a_ops->prepare_write(mapping, page, off,
							    off + chunk);
		left = err ? chunk : copy_into_page(page, off, from, chunk);
		if (left < chunk) {
			if (!PageUptodate(page))
				set_page_uptodate(page);	/* covered whole */
			set_page_dirty(page);
		}
		unlock_page(page);
		put_page(page);
		if (err)
			return done ? (long)done : err;
		done += chunk - left;
		pos += chunk - left;
		if (pos > inode->size) {
			inode->size = pos;
			mark_inode_dirty(inode);
		}
		if (left) {
			/* Unmapped now: fault the source in, and go again. */
			fs_stats.write_retries++;
			if (fs_iter_fault_in(from, left) == left)
				return done ? (long)done : -EFAULT;
		}
	}
	return done;
}

void truncate_pagecache(struct inode *inode, u64 size)
{
	u32 keep = (u32)(ALIGN_UP(size, PAGE_SIZE) >> PAGE_SHIFT);
	u32 tail = (u32)(size & (PAGE_SIZE - 1));
	struct page *page;

	truncate_inode_pages(&inode->mapping, keep);
	/* Bytes past the new end read as zero if the file grows again. */
	if (tail && (page = find_get_page(&inode->mapping, keep - 1))) {
		lock_page(page);
		memzero_page(page, tail, PAGE_SIZE - tail);
		set_page_dirty(page);
		unlock_page(page);
		put_page(page);
	}
	inode->size = size;
	mark_inode_dirty(inode);
}
