// SPDX-License-Identifier: MIT
/*
 * The RAM filesystem (fs/ramfs.h): inode and super block operations over
 * a tree of inodes in lowmem. The bytes of its files are in the page
 * cache (HighMem first), read and written by the generic paths.
 */
#include "fs/objcache.h"
#include "fs/ramfs.h"
#include <kernel/panic.h>
#include <lib/err.h>
#include <lib/string.h>
#include <mm/highmem.h>
#include <uapi/hm386/dirent.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/stat.h>

#define FIRST_COOKIE	2		/* after "." and ".." */

struct ramfs_inode {
	struct inode vfs;
	struct ramfs_inode *parent;	/* the directory holding it */
	struct list_head children;	/* a directory's entries, by cookie */
	struct list_head sibling;	/* on parent->children */
	u64 cookie;			/* its readdir position in parent */
	u64 next_cookie;		/* a directory's next entry's */
	char name[NAME_MAX + 1];
};

struct ramfs_info {
	u32 next_ino;
};

u32 ramfs_inodes;

static struct obj_cache inode_cache =
	OBJ_CACHE_INIT(inode_cache, "ramfs inode", struct ramfs_inode);
static struct obj_cache info_cache =
	OBJ_CACHE_INIT(info_cache, "ramfs info", struct ramfs_info);
static const struct inode_operations ramfs_iops;
static const struct super_operations ramfs_sops;

static struct ramfs_inode *RI(struct inode *inode)
{
	return container_of(inode, struct ramfs_inode, vfs);
}

static struct inode *ramfs_alloc_inode(struct super_block *sb)
{
	struct ramfs_inode *ri = obj_alloc(&inode_cache);

	if (!ri)
		return NULL;
	ramfs_inodes++;
	return &ri->vfs;
}

static void ramfs_free_inode(struct inode *inode)
{
	ramfs_inodes--;
	obj_free(&inode_cache, RI(inode));
}

/* A new inode of @sb with @mode, referenced, in no directory; NULL. */
static struct ramfs_inode *inode_new(struct super_block *sb, u32 mode)
{
	struct ramfs_info *info = sb->fs_info;
	struct inode *inode = ramfs_alloc_inode(sb);
	struct ramfs_inode *ri;

	if (!inode)
		return NULL;
	ri = RI(inode);
	inode_init(inode, sb, info->next_ino++);
	inode->mode = mode;
	inode->nlink = S_ISDIR(mode) ? 2 : 1;
	inode->iops = &ramfs_iops;
	INIT_LIST_HEAD(&ri->children);
	INIT_LIST_HEAD(&ri->sibling);
	ri->next_cookie = FIRST_COOKIE;
	return ri;
}

int ramfs_fill_super(struct super_block *sb)
{
	struct ramfs_info *info = obj_alloc(&info_cache);
	struct ramfs_inode *root;

	if (!info)
		return -ENOMEM;
	info->next_ino = 1;
	sb->fs_info = info;
	sb->ops = &ramfs_sops;
	root = inode_new(sb, S_IFDIR | 0755);
	if (!root) {
		obj_free(&info_cache, info);
		return -ENOMEM;
	}
	root->parent = root;
	sb->root = &root->vfs;
	return 0;
}

static struct ramfs_inode *find(struct inode *dir, const char *name)
{
	struct list_head *pos;

	list_for_each(pos, &RI(dir)->children) {
		struct ramfs_inode *child = list_entry(pos, struct ramfs_inode, sibling);

		if (!strcmp(child->name, name))
			return child;
	}
	return NULL;
}

static struct inode *ramfs_lookup(struct inode *dir, const char *name)
{
	struct ramfs_inode *ri;

	if (!strcmp(name, ".."))
		return igrab(&RI(dir)->parent->vfs);
	ri = find(dir, name);
	return ri ? igrab(&ri->vfs) : NULL;
}

/* Put @ri in @dir as @name, with the next cookie. */
static void attach(struct inode *dir, struct ramfs_inode *ri, const char *name)
{
	strlcpy(ri->name, name, sizeof(ri->name));
	ri->parent = RI(dir);
	ri->cookie = RI(dir)->next_cookie++;
	list_add_tail(&ri->sibling, &RI(dir)->children);
	if (S_ISDIR(ri->vfs.mode))
		dir->nlink++;
}

/* Take @ri out of its directory; @gone: it has no name left (nlink 0). */
static void detach(struct ramfs_inode *ri, bool gone)
{
	list_del(&ri->sibling);
	INIT_LIST_HEAD(&ri->sibling);
	if (S_ISDIR(ri->vfs.mode))
		ri->parent->vfs.nlink--;
	if (gone)
		ri->vfs.nlink = 0;
}

/* A new @mode inode @name in @dir, referenced: ERR_PTR(-EEXIST, -ENOENT,
 * -ENOMEM). */
static struct inode *make(struct inode *dir, const char *name, u32 mode)
{
	struct ramfs_inode *ri;

	if (!dir->nlink)
		return ERR_PTR(-ENOENT);	/* a removed directory */
	if (find(dir, name))
		return ERR_PTR(-EEXIST);
	ri = inode_new(dir->sb, mode);
	if (!ri)
		return ERR_PTR(-ENOMEM);
	attach(dir, ri, name);
	return &ri->vfs;
}

static struct inode *ramfs_create(struct inode *dir, const char *name, u32 mode)
{
	return make(dir, name, S_IFREG | (mode & 07777));
}

static int ramfs_mkdir(struct inode *dir, const char *name, u32 mode)
{
	struct inode *inode = make(dir, name, S_IFDIR | (mode & 07777));

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	iput(inode);
	return 0;
}

int ramfs_mknod(struct inode *dir, const char *name, u32 mode, u32 rdev)
{
	struct inode *inode = make(dir, name, mode);

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	inode->rdev = rdev;
	iput(inode);
	return 0;
}

static int ramfs_rmdir(struct inode *dir, const char *name, struct inode *victim)
{
	if (!list_empty(&RI(victim)->children))
		return -ENOTEMPTY;
	detach(RI(victim), true);
	return 0;
}

static int ramfs_unlink(struct inode *dir, const char *name, struct inode *victim)
{
	detach(RI(victim), true);
	return 0;
}

/* True when @dir is @inode or lies below it. */
static bool is_under(struct ramfs_inode *dir, struct ramfs_inode *inode)
{
	for (;;) {
		if (dir == inode)
			return true;
		if (dir->parent == dir)
			return false;
		dir = dir->parent;
	}
}

static int ramfs_rename(struct inode *old_dir, const char *old_name,
			struct inode *victim, struct inode *new_dir,
			const char *new_name, struct inode *target)
{
	if (S_ISDIR(victim->mode) && is_under(RI(new_dir), RI(victim)))
		return -EINVAL;
	if (target)
		detach(RI(target), true);
	detach(RI(victim), false);
	attach(new_dir, RI(victim), new_name);
	return 0;
}

static u8 dirent_type(u32 mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return DT_DIR;
	case S_IFREG:
		return DT_REG;
	case S_IFBLK:
		return DT_BLK;
	case S_IFCHR:
		return DT_CHR;
	default:
		return DT_UNKNOWN;
	}
}

static int ramfs_readdir(struct inode *dir, u64 *pos, filldir_t emit, void *ctx)
{
	struct list_head *it;

	if (*pos == 0) {
		if (!emit(ctx, ".", 1, dir->ino, DT_DIR, 1))
			return 0;
		*pos = 1;
	}
	if (*pos == 1) {
		if (!emit(ctx, "..", 2, RI(dir)->parent->vfs.ino, DT_DIR, FIRST_COOKIE))
			return 0;
		*pos = FIRST_COOKIE;
	}
	list_for_each(it, &RI(dir)->children) {
		struct ramfs_inode *child = list_entry(it, struct ramfs_inode, sibling);

		if (child->cookie < *pos)
			continue;
		if (!emit(ctx, child->name, strlen(child->name), child->vfs.ino,
			  dirent_type(child->vfs.mode), child->cookie + 1))
			return 0;
		*pos = child->cookie + 1;
	}
	return 0;
}

static int ramfs_setsize(struct inode *inode, u64 size)
{
	truncate_pagecache(inode, size);
	return 0;
}

static const struct inode_operations ramfs_iops = {
	.lookup = ramfs_lookup, .create = ramfs_create, .mkdir = ramfs_mkdir,
	.rmdir = ramfs_rmdir, .unlink = ramfs_unlink, .rename = ramfs_rename,
	.readdir = ramfs_readdir, .setsize = ramfs_setsize,
};

static const struct super_operations ramfs_sops = {
	.alloc_inode = ramfs_alloc_inode, .free_inode = ramfs_free_inode,
};
