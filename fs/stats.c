// SPDX-License-Identifier: MIT
/*
 * Looking at the page cache: its counters for user space (hm386_fs_stats,
 * a call of hm386's own: Linux has none like it) and the monitor command
 * `pagecache [PATH]`, which shows where a file's bytes are: each
 * page-cache page, its frame, its zone and its state.
 */
#include <arch/x86/uaccess.h>
#include "fs/file_internal.h"
#include "fs/vfs.h"
#include <kernel/monitor.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/syscall.h>
#include <lib/err.h>
#include <mm/mmzone.h>
#include <mm/page_ref.h>
#include <uapi/hm386/stat.h>

struct fs_stats fs_stats;

static long sys_hm386_fs_stats(u64 __user *out)
{
	u64 v[4];

	mutex_lock(&fs_lock);
	v[0] = fs_stats.write_retries;
	v[1] = fs_stats.read_faults;
	v[2] = pagecache_stats.pages;
	v[3] = pagecache_stats.highmem_pages;
	mutex_unlock(&fs_lock);
	return copy_to_user(out, v, sizeof(v)) ? -EFAULT : 0;
}
SYSCALL_DEFINE(__NR_hm386_fs_stats, hm386_fs_stats, sys_hm386_fs_stats);

/* One line per page-cache page of @inode (the first @max). fs_lock held. */
static void show_pages(struct inode *inode, u32 max)
{
	u32 last = (u32)((inode->size + PAGE_SIZE - 1) >> PAGE_SHIFT), shown = 0;

	kprintf("inode %u: %llu bytes in %u page-cache pages (%u dirty)\n",
		inode->ino, inode->size, inode->mapping.nr_pages,
		inode->mapping.nr_dirty);
	for (u32 i = 0; i < last && shown < MIN(max, inode->mapping.nr_pages); i++) {
		struct page *page = find_get_page(&inode->mapping, i);

		if (!page)
			continue;
		kprintf("  page %4u  pfn 0x%06x  %-7s %s%s\n", i, page_to_pfn(page),
			zones[page_zonenum(page)].name,
			PageUptodate(page) ? "uptodate" : "",
			PageDirty(page) ? " dirty" : "");
		put_page(page);
		shown++;
	}
}

struct show_ctx {
	struct inode *dir;
};

/* filldir_t: one line per entry of a directory. fs_lock held. */
static bool show_entry(void *arg, const char *name, u32 len, u32 ino, u8 type,
		       u64 next)
{
	struct show_ctx *ctx = arg;
	struct inode *inode;

	if (is_dot_entry(name, len))
		return true;
	inode = ctx->dir->iops->lookup(ctx->dir, name);
	if (IS_ERR_OR_NULL(inode))
		return true;
	kprintf("  %-24s %s %10llu bytes %6u pages (%u dirty)\n", name,
		S_ISDIR(inode->mode) ? "dir " : S_ISREG(inode->mode) ? "file" : "node",
		inode->size, inode->mapping.nr_pages, inode->mapping.nr_dirty);
	iput(inode);
	return true;
}

static int cmd_pagecache(int argc, char **argv)
{
	const struct pagecache_stats *s = &pagecache_stats;
	struct inode *inode;

	if (argc > 2)
		return MONITOR_USAGE;
	mutex_lock(&fs_lock);
	kprintf("page cache: %llu pages (peak %llu), %llu in HighMem (peak %llu), "
		"%llu dirty; readpage %llu, writepage %llu, dropped by the "
		"shrinker %llu; write() retries %llu, read() faults %llu\n",
		s->pages, s->peak_pages, s->highmem_pages, s->peak_highmem_pages,
		s->dirty, s->reads, s->writebacks, s->dropped,
		fs_stats.write_retries, fs_stats.read_faults);
	inode = vfs_lookup(argc == 2 ? argv[1] : "/");
	if (IS_ERR(inode)) {
		kprintf("%s: error %ld\n", argv[1], -PTR_ERR(inode));
	} else if (S_ISDIR(inode->mode)) {
		struct show_ctx ctx = { inode };
		u64 pos = 0;

		inode->iops->readdir(inode, &pos, show_entry, &ctx);
	} else {
		show_pages(inode, 64);
	}
	if (!IS_ERR(inode))
		iput(inode);
	mutex_unlock(&fs_lock);
	return IS_ERR(inode) ? MONITOR_ERROR : 0;
}
MONITOR_COMMAND(pagecache, cmd_pagecache, "[PATH]",
		"the page cache's counters; a directory's files, or a file's "
		"pages with their frames, zones and state");
