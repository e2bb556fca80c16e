// SPDX-License-Identifier: MIT
/*
 * Super blocks and mounts (fs/mount.h): the RAM filesystem at "/", the
 * table of mounted file systems, sync of all of them, and the monitor
 * command `mounts`. Mounting a device and unmounting it are in
 * fs/mount_dev.c.
 */
#include "fs/mount.h"
#include "fs/file_internal.h"
#include "fs/ramfs.h"
#include <kernel/monitor.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/syscall.h>
#include <lib/err.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/mount.h>

static struct super_block root_sb = {
	.dev = RAMFS_DEV,
	.inodes = LIST_HEAD_INIT(root_sb.inodes),
};

struct list_head mounts = LIST_HEAD_INIT(mounts);

struct inode *vfs_root(void)
{
	if (!root_sb.root && ramfs_fill_super(&root_sb))
		panic("vfs: no memory for the root directory");
	return root_sb.root;
}

/* The mount whose file system is @sb, or NULL. */
struct mount *mount_of_sb(struct super_block *sb)
{
	struct list_head *pos;

	list_for_each(pos, &mounts) {
		struct mount *m = list_entry(pos, struct mount, link);

		if (m->sb == sb)
			return m;
	}
	return NULL;
}

/* The mount on @inode, or NULL. */
static struct mount *mount_on(struct inode *inode)
{
	struct list_head *pos;

	list_for_each(pos, &mounts) {
		struct mount *m = list_entry(pos, struct mount, link);

		if (m->mountpoint == inode)
			return m;
	}
	return NULL;
}

bool is_mount_point(struct inode *inode)
{
	return mount_on(inode) != NULL;
}

struct inode *follow_mount(struct inode *inode)
{
	struct mount *m;

	while ((m = mount_on(inode))) {
		struct inode *root = igrab(m->sb->root);

		iput(inode);
		inode = root;
	}
	return inode;
}

struct inode *mount_point_of(struct super_block *sb)
{
	struct mount *m = mount_of_sb(sb);

	return m ? m->mountpoint : NULL;
}

int vfs_sync_all(void)
{
	struct list_head *pos;
	int err, e;

	BUG_ON(!mutex_is_locked_by_me(&fs_lock));
	err = sync_inodes(&root_sb);
	list_for_each(pos, &mounts) {
		e = sync_inodes(list_entry(pos, struct mount, link)->sb);
		if (e && !err)
			err = e;
	}
	return err;
}

/* sync(2): every file system written back; errors are not reported. */
static long sys_sync(void)
{
	mutex_lock(&fs_lock);
	vfs_sync_all();
	mutex_unlock(&fs_lock);
	return 0;
}
SYSCALL_DEFINE(__NR_sync, sync, sys_sync);

static int cmd_mounts(int argc, char **argv)
{
	struct list_head *pos;

	if (argc != 1)
		return MONITOR_USAGE;
	mutex_lock(&fs_lock);
	kprintf("/ ramfs rw (%u inodes)\n", ramfs_inodes);
	list_for_each(pos, &mounts) {
		struct mount *m = list_entry(pos, struct mount, link);
		struct list_head *i;
		u32 inodes = 0, pages = 0, dirty = 0;

		list_for_each(i, &m->sb->inodes) {
			struct inode *inode = list_entry(i, struct inode, sb_link);

			inodes++;
			pages += inode->mapping.nr_pages;
			dirty += inode->mapping.nr_dirty;
		}
		kprintf("%s %s %s %s (%u inodes in memory, %u page-cache "
			"pages, %u dirty)\n", m->dev_name, m->path, m->sb->type->name,
			sb_rdonly(m->sb) ? "ro" : "rw", inodes, pages, dirty);
	}
	mutex_unlock(&fs_lock);
	return 0;
}
MONITOR_COMMAND(mounts, cmd_mounts, "",
		"the mounted file systems: device, directory, type, flags, "
		"inodes and page-cache pages in memory");
