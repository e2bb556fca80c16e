// SPDX-License-Identifier: MIT
/*
 * Looking at the page cache: its counters (struct fs_stats) for user space
 * (hm386_fs_stats, a call of hm386's own: Linux has none like it) and the
 * monitor command `pagecache [PATH]`, which shows where a file's bytes
 * are: each page-cache page, its frame and its zone.
 */
#include <arch/x86/uaccess.h>
#include "fs/file_internal.h"
#include "fs/ramfs.h"
#include <kernel/monitor.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/syscall.h>
#include <lib/err.h>
#include <mm/mmzone.h>
#include <uapi/hm386/stat.h>

struct fs_stats fs_stats;

static long sys_hm386_fs_stats(u64 __user *out)
{
	u64 v[4];

	BUILD_BUG_ON(sizeof(v) != sizeof(fs_stats));
	mutex_lock(&fs_lock);
	v[0] = fs_stats.write_retries;
	v[1] = fs_stats.read_faults;
	v[2] = fs_stats.page_cache_pages;
	v[3] = fs_stats.page_cache_highmem;
	mutex_unlock(&fs_lock);
	return copy_to_user(out, v, sizeof(v)) ? -EFAULT : 0;
}
SYSCALL_DEFINE(__NR_hm386_fs_stats, hm386_fs_stats, sys_hm386_fs_stats);

/* One line per page-cache page of @inode. fs_lock held. */
static void show_pages(const struct inode *inode)
{
	kprintf("%s: %llu bytes in %u page-cache pages\n", inode->name,
		inode->size, inode->nr_pages);
	for (u32 i = 0; inode->pages && i < FILE_PAGES_MAX; i++) {
		const struct page *page = inode->pages[i];

		if (page)
			kprintf("  page %4u  pfn 0x%06x  %s\n", i, page_to_pfn(page),
				zones[page_zonenum(page)].name);
	}
}

/* One line per entry of directory @dir. fs_lock held. */
static void show_dir(const struct inode *dir)
{
	struct list_head *pos;

	list_for_each(pos, &dir->children) {
		const struct inode *child = list_entry(pos, struct inode, sibling);
		u32 high = 0;

		for (u32 i = 0; child->pages && i < FILE_PAGES_MAX; i++)
			high += child->pages[i] && PageHighMem(child->pages[i]);
		kprintf("  %-24s %s %8llu bytes %4u pages (%u HighMem)\n",
			child->name, S_ISDIR(child->mode) ? "dir " : "file",
			child->size, child->nr_pages, high);
	}
}

static int cmd_pagecache(int argc, char **argv)
{
	struct inode *inode;

	if (argc > 2)
		return MONITOR_USAGE;
	mutex_lock(&fs_lock);
	kprintf("page cache: %llu pages, %llu in HighMem; write() retries "
		"%llu, read() faults %llu\n", fs_stats.page_cache_pages,
		fs_stats.page_cache_highmem, fs_stats.write_retries,
		fs_stats.read_faults);
	inode = ramfs_lookup(argc == 2 ? argv[1] : "/");
	if (IS_ERR(inode))
		kprintf("%s: error %ld\n", argv[1], -PTR_ERR(inode));
	else if (S_ISDIR(inode->mode))
		show_dir(inode);
	else
		show_pages(inode);
	mutex_unlock(&fs_lock);
	return IS_ERR(inode) ? MONITOR_ERROR : 0;
}
MONITOR_COMMAND(pagecache, cmd_pagecache, "[PATH]",
		"the page cache's counters; a directory's files, or a file's "
		"pages with their frames and zones");
