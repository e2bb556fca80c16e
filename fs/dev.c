// SPDX-License-Identifier: MIT
/*
 * The kernel's /dev: a directory of the root RAM filesystem with a block
 * device node (S_IFBLK, its device number in st_rdev) per registered block
 * device, named as the device (/dev/hda, /dev/ram0), made at boot before
 * root= is mounted (include/fs/vfs_boot.h). Opening a node returns -ENXIO:
 * the nodes name devices for mount(2) and stat(2), no more.
 */
#include <block/blkdev.h>
#include <fs/vfs_boot.h>
#include "fs/file_internal.h"
#include "fs/mount.h"
#include "fs/ramfs.h"
#include <kernel/printk.h>
#include <lib/err.h>
#include <lib/printf.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/stat.h>

#define DEV_DIR		"/dev"

/* blkdev_for_each's callback: the node of @bdev in directory @arg. */
static void make_node(struct block_device *bdev, void *arg)
{
	int err = ramfs_mknod(arg, bdev->name, S_IFBLK | 0660, bdev->devt);

	if (err && err != -EEXIST)
		pr_err("vfs: cannot make %s/%s: error %d\n", DEV_DIR, bdev->name, err);
}

/* Make /dev and its nodes. */
static void dev_init(void)
{
	struct inode *dev;
	int err = vfs_mkdir(DEV_DIR, 0755);

	if (err && err != -EEXIST) {
		pr_err("vfs: cannot make %s: error %d\n", DEV_DIR, err);
		return;
	}
	mutex_lock(&fs_lock);
	dev = vfs_lookup(DEV_DIR);
	if (!IS_ERR(dev) && dev->sb == vfs_root()->sb && S_ISDIR(dev->mode))
		blkdev_for_each(make_node, dev);
	else
		pr_err("vfs: %s is not a directory of the RAM filesystem\n", DEV_DIR);
	if (!IS_ERR(dev))
		iput(dev);
	mutex_unlock(&fs_lock);
}

void vfs_boot(void)
{
	dev_init();
	root_mount();
}
