/* SPDX-License-Identifier: MIT */
/*
 * The RAM filesystem (fs/ramfs.c), private to fs/ and its tests: inodes
 * that are at once their directory entry (no hard links: a name, a parent),
 * directories as lists of children, and regular files whose bytes live in
 * page-cache pages from GFP_HIGHUSER: HighMem first. The kernel reaches a
 * page-cache page only through kmap_local_page(), never page_address().
 *
 * One mutex, fs_lock, guards the whole tree, every inode's size and pages
 * and every link count (Linux has a lock per inode; a RAM filesystem whose
 * operations never wait for a device does well with one). It is a mutex:
 * copies to and from user space happen under it and may fault and sleep.
 */
#ifndef HM386_FS_RAMFS_H
#define HM386_FS_RAMFS_H

#include "fs/iter.h"
#include <kernel/mutex.h>
#include <lib/list.h>
#include <mm/page.h>
#include <types.h>

#define NAME_MAX	255			/* bytes of one path component */
#define PATH_MAX	4096			/* bytes of a path, NUL included */
#define FILE_PAGES_MAX	(PAGE_SIZE / sizeof(struct page *))	/* 1024 */
#define FILE_SIZE_MAX	((u64)FILE_PAGES_MAX * PAGE_SIZE)	/* 4 MiB */
/* hm386 has no umask(): files and directories that open() and mkdir()
 * create lose these permission bits, as under Linux's default umask. */
#define FS_UMASK	0022

struct inode {
	u32 ino;
	u32 mode;			/* S_IF* | permission bits */
	u32 nlink;			/* 0 once unlinked (1, or 2 + subdirs) */
	u32 opens;			/* struct files open on it */
	u64 size;
	u32 mtime;
	struct inode *parent;		/* the directory holding it */
	struct list_head children;	/* a directory's entries */
	struct list_head sibling;	/* on parent->children */
	struct page **pages;		/* page-cache index: one lowmem page of
					   FILE_PAGES_MAX slots, or NULL */
	u32 nr_pages;			/* slots in use */
	char name[NAME_MAX + 1];
};

extern struct mutex fs_lock;

/* ramfs_root - the root directory "/" (created at the first call). fs_lock
 * held. */
struct inode *ramfs_root(void);

/*
 * ramfs_lookup - the inode at @path, resolved from the root: "." and ".."
 * and repeated slashes understood, a trailing slash requires a directory.
 * ERR_PTR(-ENOENT, -ENOTDIR, -ENAMETOOLONG). fs_lock held.
 */
struct inode *ramfs_lookup(const char *path);

/*
 * ramfs_lookup_parent - resolve every component of @path but the last:
 * returns the directory and puts the last component in @name (NUL
 * terminated, at most NAME_MAX bytes). The last component is "" for "/",
 * and "." or ".." as given. ERR_PTR as ramfs_lookup(). fs_lock held.
 */
struct inode *ramfs_lookup_parent(const char *path, char name[NAME_MAX + 1]);

/* ramfs_find - the child @name of directory @dir, or NULL. fs_lock held. */
struct inode *ramfs_find(struct inode *dir, const char *name);

/*
 * ramfs_create - a new inode @name in @dir with @mode (S_IFREG or S_IFDIR,
 * and permissions): ERR_PTR(-EEXIST, -ENOMEM). fs_lock held.
 */
struct inode *ramfs_create(struct inode *dir, const char *name, u32 mode);

/*
 * ramfs_unlink - take @inode out of its directory (a directory must be
 * empty: -ENOTEMPTY). Its pages are freed now, or at its last close when
 * it is still open. fs_lock held.
 */
int ramfs_unlink(struct inode *inode);

/*
 * ramfs_rename - move @inode to @name in @dir, replacing what is there as
 * rename() does (-EISDIR, -ENOTDIR, -ENOTEMPTY, -EINVAL for a directory
 * moved under itself). fs_lock held.
 */
int ramfs_rename(struct inode *inode, struct inode *dir, const char *name);

/* ramfs_truncate - set @inode's size to @size, freeing the whole pages
 * past it and zeroing the tail of the last one. fs_lock held. */
void ramfs_truncate(struct inode *inode, u64 size);

/*
 * ramfs_read - copy up to @count bytes at @pos of regular file @inode to
 * @to, each page mapped with kmap_local_page(); the copy may fault on a
 * user buffer (pagefaults stay enabled). Returns bytes copied, or -EFAULT
 * when none could be. fs_lock held.
 */
long ramfs_read(struct inode *inode, struct fs_iter *to, u32 count, u64 pos);

/*
 * ramfs_write - copy @count bytes from @from to @pos of regular file
 * @inode, allocating pages (GFP_HIGHUSER | __GFP_ZERO) as needed, with
 * Linux's generic_perform_write() pattern: map, pagefault_disable(),
 * atomic copy, unmap; on a short copy fault the source in and retry.
 * Returns bytes written, or -ENOSPC, -EFBIG, -EFAULT when none were.
 * fs_lock held.
 */
long ramfs_write(struct inode *inode, struct fs_iter *from, u32 count, u64 pos);

/* ramfs_iget / ramfs_iput - an open file's hold on @inode: an unlinked
 * inode lives until its last ramfs_iput(). fs_lock held. */
void ramfs_iget(struct inode *inode);
void ramfs_iput(struct inode *inode);

/* Inodes alive now (the root included), for the tests. */
extern u32 ramfs_inodes;

#endif
