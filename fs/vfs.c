// SPDX-License-Identifier: MIT
/*
 * The VFS's inodes and names (fs/vfs.h): the inode cache of each super
 * block (iget/iput), and the path walk, which crosses mount points both
 * ways (fs/mount.h).
 */
#include "fs/mount.h"
#include "fs/vfs.h"
#include <kernel/panic.h>
#include <lib/err.h>
#include <lib/string.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/mount.h>
#include <uapi/hm386/stat.h>

DEFINE_MUTEX(fs_lock);

void inode_init(struct inode *inode, struct super_block *sb, u32 ino)
{
	inode->ino = ino;
	inode->sb = sb;
	inode->refs = 1;
	mapping_init(&inode->mapping, inode, NULL, true);
	list_add_tail(&inode->sb_link, &sb->inodes);
}

struct inode *iget(struct super_block *sb, u32 ino)
{
	struct list_head *pos;
	struct inode *inode;
	int err;

	BUG_ON(!mutex_is_locked_by_me(&fs_lock));
	list_for_each(pos, &sb->inodes) {
		inode = list_entry(pos, struct inode, sb_link);
		if (inode->ino == ino)
			return igrab(inode);
	}
	if (!sb->ops->read_inode)
		return ERR_PTR(-ENOENT);	/* every inode is in memory */
	inode = sb->ops->alloc_inode(sb);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode_init(inode, sb, ino);
	err = sb->ops->read_inode(inode);
	if (err) {
		/* Freed, not evicted (the disk's inode stays as it is). */
		mapping_destroy(&inode->mapping);
		list_del(&inode->sb_link);
		sb->ops->free_inode(inode);
		return ERR_PTR(err);
	}
	return inode;
}

/* Also on an inode in memory with no reference (the RAM filesystem's,
 * found by its lookup): it stays until its last iput(). */
struct inode *igrab(struct inode *inode)
{
	inode->refs++;
	return inode;
}

void mark_inode_dirty(struct inode *inode)
{
	inode->dirty = true;
}

/* Write @inode's pages and fields back. 0 or the first error. */
static int write_inode_now(struct inode *inode)
{
	int err = filemap_write_and_wait(&inode->mapping), err2 = 0;

	if (inode->dirty && inode->sb->ops->write_inode) {
		err2 = inode->sb->ops->write_inode(inode);
		if (!err2)
			inode->dirty = false;
	}
	return err ? err : err2;
}

/* The inode leaves memory: evicted from the disk first when unlinked. */
static void inode_free(struct inode *inode)
{
	struct super_block *sb = inode->sb;

	if (inode->nlink)
		write_inode_now(inode);
	mapping_destroy(&inode->mapping);
	if (!inode->nlink && sb->ops->evict_inode)
		sb->ops->evict_inode(inode);
	list_del(&inode->sb_link);
	sb->ops->free_inode(inode);
}

void iput(struct inode *inode)
{
	BUG_ON(!mutex_is_locked_by_me(&fs_lock));
	if (!inode->refs)
		panic("iput: inode %u has no reference left", inode->ino);
	if (--inode->refs)
		return;
	/* A file system that cannot read an inode back keeps it linked. */
	if (inode->nlink && !inode->sb->ops->read_inode)
		return;
	inode_free(inode);
}

void forget_inodes(struct super_block *sb)
{
	while (!list_empty(&sb->inodes)) {
		struct inode *inode = list_first_entry(&sb->inodes, struct inode,
						       sb_link);

		inode->refs = 0;
		inode_free(inode);
	}
}

int sync_inodes(struct super_block *sb)
{
	struct list_head *pos;
	int err = 0, e;

	list_for_each(pos, &sb->inodes) {
		e = write_inode_now(list_entry(pos, struct inode, sb_link));
		if (e && !err)
			err = e;
	}
	if (!(sb->flags & MS_RDONLY) && sb->ops->sync_fs) {
		e = sb->ops->sync_fs(sb);
		if (e && !err)
			err = e;
	}
	return err;
}

int vfs_fsync(struct inode *inode)
{
	int err = write_inode_now(inode), e = 0;

	if (!(inode->sb->flags & MS_RDONLY) && inode->sb->ops->sync_fs)
		e = inode->sb->ops->sync_fs(inode->sb);
	return err ? err : e;
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

/*
 * One step of a walk: the inode @name in directory @dir (referenced;
 * the caller keeps its reference), with a reference taken: "." is @dir,
 * ".." of a mounted root leaves through its mount point, and a mount
 * point is replaced by the root mounted on it. ERR_PTR(-ENOENT, -ENOTDIR,
 * -EIO).
 */
struct inode *walk_component(struct inode *dir, const char *name)
{
	struct inode *next;

	if (!S_ISDIR(dir->mode))
		return ERR_PTR(-ENOTDIR);
	if (!strcmp(name, "."))
		return igrab(dir);
	if (!strcmp(name, "..")) {
		while (dir == dir->sb->root) {
			struct inode *mountpoint = mount_point_of(dir->sb);

			if (!mountpoint)
				return igrab(dir);	/* "/.." is "/" */
			dir = mountpoint;
		}
		next = dir->iops->lookup(dir, "..");
		return next ? next : ERR_PTR(-ENOENT);
	}
	next = dir->iops->lookup(dir, name);
	if (!next)
		return ERR_PTR(-ENOENT);
	if (IS_ERR(next))
		return next;
	return follow_mount(next);
}

struct inode *vfs_lookup_parent(const char *path, char name[NAME_MAX + 1])
{
	struct inode *dir = igrab(vfs_root());

	if (strnlen(path, PATH_MAX) == PATH_MAX) {
		iput(dir);
		return ERR_PTR(-ENAMETOOLONG);
	}
	name[0] = '\0';
	for (;;) {
		struct inode *next;
		const char *rest;
		int len;

		while (*path == '/')
			path++;
		len = component(path, name);
		if (len < 0) {
			iput(dir);
			return ERR_PTR(len);
		}
		rest = path + len;
		while (*rest == '/')
			rest++;
		if (!*rest)
			return dir;	/* @name is the last component */
		next = walk_component(dir, name);
		iput(dir);
		if (IS_ERR(next))
			return next;
		if (!S_ISDIR(next->mode)) {
			iput(next);
			return ERR_PTR(-ENOTDIR);
		}
		dir = next;
		path = rest;
	}
}

struct inode *vfs_lookup(const char *path)
{
	char name[NAME_MAX + 1];
	struct inode *dir = vfs_lookup_parent(path, name), *inode;
	u32 len = strlen(path);

	if (IS_ERR(dir) || !name[0])
		return dir;
	inode = walk_component(dir, name);
	iput(dir);
	if (!IS_ERR(inode) && len && path[len - 1] == '/' && !S_ISDIR(inode->mode)) {
		iput(inode);
		return ERR_PTR(-ENOTDIR);
	}
	return inode;
}
