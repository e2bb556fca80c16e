// SPDX-License-Identifier: MIT
/*
 * The RAM filesystem (fs/ramfs.h): a tree of inodes in lowmem whose file
 * bytes sit in page-cache pages, HighMem first. Every access to a file's
 * bytes maps its page with kmap_local_page() for the length of one copy.
 */
#include "fs/objcache.h"
#include "fs/ramfs.h"
#include <fs/file.h>
#include <kernel/panic.h>
#include <kernel/preempt.h>
#include <lib/err.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <uapi/hm386/stat.h>

DEFINE_MUTEX(fs_lock);
u32 ramfs_inodes;

static struct obj_cache inode_cache = OBJ_CACHE_INIT(inode_cache, "inode", struct inode);
static struct inode *root;
static u32 next_ino = 1;

static struct inode *inode_new(u32 mode)
{
	struct inode *inode = obj_alloc(&inode_cache);

	if (!inode)
		return NULL;
	inode->ino = next_ino++;
	inode->mode = mode;
	inode->nlink = S_ISDIR(mode) ? 2 : 1;
	INIT_LIST_HEAD(&inode->children);
	INIT_LIST_HEAD(&inode->sibling);
	ramfs_inodes++;
	return inode;
}

struct inode *ramfs_root(void)
{
	if (!root) {
		root = inode_new(S_IFDIR | 0755);
		if (!root)
			panic("ramfs: no memory for the root directory");
		root->parent = root;
	}
	return root;
}

struct inode *ramfs_find(struct inode *dir, const char *name)
{
	struct list_head *pos;

	if (!strcmp(name, "."))
		return dir;
	if (!strcmp(name, ".."))
		return dir->parent;
	list_for_each(pos, &dir->children) {
		struct inode *child = list_entry(pos, struct inode, sibling);

		if (!strcmp(child->name, name))
			return child;
	}
	return NULL;
}

/* Copy the component at @path (up to a slash or the end) into @name;
 * returns its length, or -ENAMETOOLONG. */
static int component(const char *path, char name[NAME_MAX + 1])
{
	u32 len = 0;

	while (path[len] && path[len] != '/') {
		if (len == NAME_MAX)
			return -ENAMETOOLONG;
		name[len] = path[len];
		len++;
	}
	name[len] = '\0';
	return len;
}

struct inode *ramfs_lookup_parent(const char *path, char name[NAME_MAX + 1])
{
	struct inode *dir = ramfs_root();

	if (strnlen(path, PATH_MAX) == PATH_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	name[0] = '\0';
	for (;;) {
		const char *next;
		int len;

		while (*path == '/')
			path++;
		len = component(path, name);
		if (len < 0)
			return ERR_PTR(len);
		next = path + len;
		while (*next == '/')
			next++;
		if (!*next)
			return dir;	/* @name is the last component */
		dir = ramfs_find(dir, name);
		if (!dir)
			return ERR_PTR(-ENOENT);
		if (!S_ISDIR(dir->mode))
			return ERR_PTR(-ENOTDIR);
		path = next;
	}
}

struct inode *ramfs_lookup(const char *path)
{
	char name[NAME_MAX + 1];
	struct inode *dir = ramfs_lookup_parent(path, name), *inode;
	u32 len = strlen(path);

	if (IS_ERR(dir))
		return dir;
	if (!name[0])
		return dir;
	if (!S_ISDIR(dir->mode))
		return ERR_PTR(-ENOTDIR);
	inode = ramfs_find(dir, name);
	if (!inode)
		return ERR_PTR(-ENOENT);
	if (len && path[len - 1] == '/' && !S_ISDIR(inode->mode))
		return ERR_PTR(-ENOTDIR);
	return inode;
}

struct inode *ramfs_create(struct inode *dir, const char *name, u32 mode)
{
	struct inode *inode;

	if (!S_ISDIR(dir->mode))
		return ERR_PTR(-ENOTDIR);
	if (!dir->nlink)
		return ERR_PTR(-ENOENT);	/* a removed directory */
	if (ramfs_find(dir, name))
		return ERR_PTR(-EEXIST);
	if (strlen(name) > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	inode = inode_new(mode);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	strlcpy(inode->name, name, sizeof(inode->name));
	inode->parent = dir;
	list_add_tail(&inode->sibling, &dir->children);
	if (S_ISDIR(mode))
		dir->nlink++;
	return inode;
}

/* Free the page-cache pages of index slots [@first, end). */
static void free_pages_from(struct inode *inode, u32 first)
{
	for (u32 i = first; inode->pages && i < FILE_PAGES_MAX; i++) {
		struct page *page = inode->pages[i];

		if (!page)
			continue;
		inode->pages[i] = NULL;
		inode->nr_pages--;
		fs_stats.page_cache_pages--;
		if (PageHighMem(page))
			fs_stats.page_cache_highmem--;
		__free_page(page);
	}
	if (inode->pages && !inode->nr_pages) {
		free_pages((u32)inode->pages, 0);
		inode->pages = NULL;
	}
}

void ramfs_truncate(struct inode *inode, u64 size)
{
	u32 keep = (u32)(ALIGN_UP(size, PAGE_SIZE) >> PAGE_SHIFT);
	u32 tail = (u32)(size & (PAGE_SIZE - 1));

	free_pages_from(inode, keep);
	/* Bytes past the new end read as zero if the file grows again. */
	if (tail && inode->pages && inode->pages[keep - 1])
		memzero_page(inode->pages[keep - 1], tail, PAGE_SIZE - tail);
	inode->size = size;
}

/* An inode with no name and no open file is gone. */
static void inode_maybe_free(struct inode *inode)
{
	if (inode->nlink || inode->opens)
		return;
	free_pages_from(inode, 0);
	ramfs_inodes--;
	obj_free(&inode_cache, inode);
}

/* Take @inode out of its directory's list. */
static void detach(struct inode *inode)
{
	list_del(&inode->sibling);
	INIT_LIST_HEAD(&inode->sibling);
	if (S_ISDIR(inode->mode))
		inode->parent->nlink--;
}

int ramfs_unlink(struct inode *inode)
{
	if (inode == root)
		return -EBUSY;
	if (S_ISDIR(inode->mode) && !list_empty(&inode->children))
		return -ENOTEMPTY;
	detach(inode);
	inode->nlink = 0;
	inode_maybe_free(inode);
	return 0;
}

/* True when @dir is @inode or lies below it. */
static bool is_under(struct inode *dir, struct inode *inode)
{
	for (;;) {
		if (dir == inode)
			return true;
		if (dir == root)
			return false;
		dir = dir->parent;
	}
}

int ramfs_rename(struct inode *inode, struct inode *dir, const char *name)
{
	struct inode *old;
	int err;

	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	if (strlen(name) > NAME_MAX)
		return -ENAMETOOLONG;
	if (inode == root || !strcmp(name, ".") || !strcmp(name, ".."))
		return -EBUSY;
	if (S_ISDIR(inode->mode) && is_under(dir, inode))
		return -EINVAL;
	old = ramfs_find(dir, name);
	if (old == inode)
		return 0;
	if (old) {
		if (S_ISDIR(inode->mode) && !S_ISDIR(old->mode))
			return -ENOTDIR;
		if (!S_ISDIR(inode->mode) && S_ISDIR(old->mode))
			return -EISDIR;
		err = ramfs_unlink(old);
		if (err)
			return err;
	}
	detach(inode);
	strlcpy(inode->name, name, sizeof(inode->name));
	inode->parent = dir;
	list_add_tail(&inode->sibling, &dir->children);
	if (S_ISDIR(inode->mode))
		dir->nlink++;
	return 0;
}

void ramfs_iget(struct inode *inode)
{
	inode->opens++;
}

void ramfs_iput(struct inode *inode)
{
	BUG_ON(!inode->opens);
	inode->opens--;
	inode_maybe_free(inode);
}

/* The page at index @idx of @inode, allocated (zeroed) when @create; NULL
 * when absent, or when memory is short. */
static struct page *page_cache_get(struct inode *inode, u32 idx, bool create)
{
	struct page *page;

	if (!inode->pages) {
		if (!create)
			return NULL;
		inode->pages = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 0);
		if (!inode->pages)
			return NULL;
	}
	page = inode->pages[idx];
	if (page || !create)
		return page;
	page = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	if (!page) {
		if (!inode->nr_pages) {
			free_pages((u32)inode->pages, 0);
			inode->pages = NULL;
		}
		return NULL;
	}
	inode->pages[idx] = page;
	inode->nr_pages++;
	fs_stats.page_cache_pages++;
	if (PageHighMem(page))
		fs_stats.page_cache_highmem++;
	return page;
}

long ramfs_read(struct inode *inode, struct fs_iter *to, u32 count, u64 pos)
{
	u32 done = 0;

	if (pos >= inode->size)
		return 0;
	count = (u32)MIN((u64)count, inode->size - pos);
	while (done < count) {
		u32 off = (u32)(pos & (PAGE_SIZE - 1));
		u32 chunk = MIN(count - done, PAGE_SIZE - off);
		struct page *page = page_cache_get(inode, (u32)(pos >> PAGE_SHIFT), false);
		u32 left;

		if (!page) {
			left = fs_iter_zero(to, chunk);	/* a hole */
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
		}
		done += chunk - left;
		pos += chunk - left;
		if (left)
			break;
	}
	return done ? (long)done : (count ? -EFAULT : 0);
}

long ramfs_write(struct inode *inode, struct fs_iter *from, u32 count, u64 pos)
{
	u32 done = 0;

	if (pos >= FILE_SIZE_MAX)
		return count ? -EFBIG : 0;
	count = (u32)MIN((u64)count, FILE_SIZE_MAX - pos);
	while (done < count) {
		u32 off = (u32)(pos & (PAGE_SIZE - 1));
		u32 chunk = MIN(count - done, PAGE_SIZE - off);
		struct page *page = page_cache_get(inode, (u32)(pos >> PAGE_SHIFT), true);
		u32 left;
		u8 *addr;

		if (!page)
			return done ? (long)done : -ENOSPC;
		/*
		 * Linux's generic_perform_write(): with the page mapped, a
		 * fault on the user buffer must not be served (in Linux the
		 * page is locked, and the fault could need it), so copy with
		 * pagefaults disabled; kmap_atomic() used to disable them for
		 * its callers, kmap_local_page() does not.
		 */
		addr = kmap_local_page(page);
		pagefault_disable();
		left = fs_iter_from_atomic(from, addr + off, chunk);
		pagefault_enable();
		kunmap_local(addr);
		done += chunk - left;
		pos += chunk - left;
		if (pos > inode->size)
			inode->size = pos;
		if (left) {
			/* Unmapped now: fault the source in, and go again. */
			fs_stats.write_retries++;
			if (fs_iter_fault_in(from, left) == left)
				return done ? (long)done : -EFAULT;
		}
	}
	return done;
}
