// SPDX-License-Identifier: MIT
/*
 * Mounting a file system from a block device and unmounting it
 * (vfs_mount, vfs_umount in fs/vfs.h), the system calls mount(2) and
 * umount2(2), and the boot parameters root=, rootfstype=, ro and rw,
 * which mount a disk at /mnt before PID 1 starts.
 */
#include <arch/x86/uaccess.h>
#include <block/blkdev.h>
#include <fs/vfs_boot.h>
#include "fs/file_internal.h"
#include "fs/mount.h"
#include "fs/objcache.h"
#include <kernel/cmdline.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/syscall.h>
#include <lib/err.h>
#include <lib/string.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/mount.h>
#include <uapi/hm386/stat.h>

#define FSTYPE_MAX	16		/* bytes of mount(2)'s type, NUL included */
/* Linux's old mount(2) magic in the top half of the flags, ignored. */
#define MS_MGC_MSK	0xffff0000U
#define MS_MGC_VAL	0xc0ed0000U
#define ROOT_MOUNT_DIR	"/mnt"

extern const struct file_system_type __start_filesystems[], __stop_filesystems[];

static struct obj_cache sb_cache =
	OBJ_CACHE_INIT(sb_cache, "super_block", struct super_block);
static struct obj_cache mount_cache = OBJ_CACHE_INIT(mount_cache, "mount", struct mount);

/* The file system type called @name, or NULL. */
static const struct file_system_type *find_type(const char *name)
{
	for (const struct file_system_type *t = __start_filesystems;
	     t < __stop_filesystems; t++)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

/* The block device node @path names: the device, or ERR_PTR(-ENOENT,
 * -ENOTBLK, -ENXIO (no such device), -EBUSY (mounted already)). */
static struct block_device *device_at(const char *path)
{
	struct inode *node = vfs_lookup(path);
	struct block_device *bdev;
	struct list_head *pos;
	bool blk;

	if (IS_ERR(node))
		return (void *)node;
	blk = S_ISBLK(node->mode);
	bdev = blk ? blkdev_get_by_devt(node->rdev) : NULL;
	iput(node);		/* @node may be gone now (a disk's inode) */
	if (!bdev)
		return ERR_PTR(blk ? -ENXIO : -ENOTBLK);
	list_for_each(pos, &mounts)
		if (list_entry(pos, struct mount, link)->sb->bdev == bdev)
			return ERR_PTR(-EBUSY);
	return bdev;
}

int vfs_mount(const char *dev_path, const char *dir_path, const char *type, u32 flags)
{
	const struct file_system_type *fstype;
	struct block_device *bdev;
	struct super_block *sb = NULL;
	struct mount *m = NULL;
	struct inode *dir;
	int err;

	if (flags & ~MS_RDONLY)
		return -EINVAL;
	mutex_lock(&fs_lock);
	dir = vfs_lookup(dir_path);
	if (IS_ERR(dir)) {
		err = PTR_ERR(dir);
		goto out;
	}
	fstype = find_type(type);
	bdev = device_at(dev_path);
	if (!S_ISDIR(dir->mode))
		err = -ENOTDIR;
	else if (dir == dir->sb->root)	/* "/", or a mount point already */
		err = -EBUSY;
	else if (!fstype)
		err = -ENODEV;
	else if (IS_ERR(bdev))
		err = PTR_ERR(bdev);
	else
		err = 0;
	if (!err) {
		sb = obj_alloc(&sb_cache);
		m = obj_alloc(&mount_cache);
		err = sb && m ? 0 : -ENOMEM;
	}
	if (!err) {
		sb->type = fstype;
		sb->bdev = bdev;
		sb->dev = bdev->devt;
		sb->flags = flags;
		INIT_LIST_HEAD(&sb->inodes);
		err = fstype->mount(sb);
	}
	if (err) {
		obj_free(&sb_cache, sb);
		obj_free(&mount_cache, m);
		iput(dir);
		goto out;
	}
	m->sb = sb;
	m->mountpoint = dir;		/* the lookup's reference is the mount's */
	strlcpy(m->dev_name, bdev->name, sizeof(m->dev_name));
	strlcpy(m->path, dir_path, sizeof(m->path));
	list_add_tail(&m->link, &mounts);
	pr_info("vfs: %s mounted on %s (%s, %s)\n", bdev->name, dir_path, type,
		flags & MS_RDONLY ? "read-only" : "read-write");
out:
	mutex_unlock(&fs_lock);
	return err;
}

/* True when something holds an inode of @sb but the mount (an open file,
 * a file system mounted on one of its directories). */
static bool sb_busy(struct super_block *sb)
{
	struct list_head *pos;

	list_for_each(pos, &sb->inodes) {
		struct inode *inode = list_entry(pos, struct inode, sb_link);

		if (inode->refs > (inode == sb->root ? 1U : 0U))
			return true;
	}
	list_for_each(pos, &mounts)
		if (list_entry(pos, struct mount, link)->mountpoint->sb == sb)
			return true;
	return false;
}

/* Unmount @m: write everything back, forget its inodes, free it. A busy
 * file system stays mounted: -EBUSY. fs_lock held. */
static int umount_locked(struct mount *m)
{
	struct super_block *sb = m->sb;
	int err;

	if (sb_busy(sb))
		return -EBUSY;
	err = sync_inodes(sb);
	if (err)
		pr_warn("vfs: %s: write-back error %d at unmount\n", m->dev_name, err);
	forget_inodes(sb);		/* the root too: the mount's reference */
	if (sb->ops->put_super)
		sb->ops->put_super(sb);
	list_del(&m->link);
	iput(m->mountpoint);
	pr_info("vfs: %s unmounted from %s\n", m->dev_name, m->path);
	obj_free(&mount_cache, m);
	obj_free(&sb_cache, sb);
	return 0;
}

int vfs_umount(const char *dir_path)
{
	struct super_block *sb;
	struct inode *root;
	struct mount *m;
	int err;

	mutex_lock(&fs_lock);
	root = vfs_lookup(dir_path);
	if (IS_ERR(root)) {
		err = PTR_ERR(root);
		goto out;
	}
	sb = root->sb;
	m = mount_of_sb(sb);
	iput(root);
	if (root != sb->root || !m)
		err = -EINVAL;		/* not a mount point */
	else
		err = umount_locked(m);
out:
	mutex_unlock(&fs_lock);
	return err;
}

void vfs_umount_all(void)
{
	struct list_head *pos, *prev;

	mutex_lock(&fs_lock);
	/* The last mounted first: it may sit inside an earlier one. */
	for (pos = mounts.prev; pos != &mounts; pos = prev) {
		struct mount *m = list_entry(pos, struct mount, link);

		prev = pos->prev;
		if (umount_locked(m)) {
			pr_warn("vfs: %s on %s is busy: written back, left "
				"mounted\n", m->dev_name, m->path);
			sync_inodes(m->sb);
		}
	}
	mutex_unlock(&fs_lock);
}

static long sys_mount(const char __user *usource, const char __user *utarget,
		      const char __user *utype, u32 flags, const void __user *data)
{
	char type[FSTYPE_MAX], *source, *target;
	long len, err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & ~MS_RDONLY)
		return -EINVAL;		/* remount, bind, move...: not here */
	len = strncpy_from_user(type, utype, sizeof(type));
	if (len < 0)
		return len;
	if (len == sizeof(type))
		return -ENODEV;
	target = getname(utarget);
	if (IS_ERR(target))
		return PTR_ERR(target);
	source = getname(usource);
	if (IS_ERR(source)) {
		putname(target);
		return PTR_ERR(source);
	}
	err = vfs_mount(source, target, type, flags);
	putname(source);
	putname(target);
	return err;
}
SYSCALL_DEFINE(__NR_mount, mount, sys_mount);

static long sys_umount2(const char __user *utarget, u32 flags)
{
	char *target;
	int err;

	if (flags)
		return -EINVAL;		/* MNT_FORCE, MNT_DETACH: not here */
	target = getname(utarget);
	if (IS_ERR(target))
		return PTR_ERR(target);
	err = vfs_umount(target);
	putname(target);
	return err;
}
SYSCALL_DEFINE(__NR_umount2, umount2, sys_umount2);

static char root_dev[32];
static char root_fstype[FSTYPE_MAX] = "ext2";
static bool root_ro, root_rw;
KERNEL_PARAM_STRING(root, root_dev,
		    "a block device node (/dev/hda) to mount at " ROOT_MOUNT_DIR
		    " before PID 1");
KERNEL_PARAM_STRING(rootfstype, root_fstype, "root='s file system type (ext2)");
KERNEL_PARAM(ro, KPARAM_BOOL, &root_ro, "mount root= read-only");
KERNEL_PARAM(rw, KPARAM_BOOL, &root_rw, "mount root= read-write (the default)");

void root_mount(void)
{
	int err;

	if (!root_dev[0])
		return;
	err = vfs_mkdir(ROOT_MOUNT_DIR, 0755);
	if (err && err != -EEXIST) {
		pr_err("vfs: root=%s: cannot make %s: error %d; not mounted\n",
		       root_dev, ROOT_MOUNT_DIR, err);
		return;
	}
	err = vfs_mount(root_dev, ROOT_MOUNT_DIR, root_fstype,
			root_ro && !root_rw ? MS_RDONLY : 0);
	if (err)
		pr_err("vfs: root=%s rootfstype=%s: mount on %s failed: error %d "
		       "(%s); the boot goes on without it\n", root_dev, root_fstype,
		       ROOT_MOUNT_DIR, err, err == -ENOENT ? "no such node" :
		       err == -ENXIO ? "no such device" :
		       err == -ENOTBLK ? "not a block device" :
		       err == -ENODEV ? "unknown file system type" :
		       err == -EINVAL ? "the file system refused it" : "see above");
}
