// SPDX-License-Identifier: MIT
/*
 * Mounts, on the RAM disk /dev/ram0, of a small file system registered
 * here ("vfstest"): a root directory holding two files whose bytes sit at
 * fixed places on the disk, and whose sizes sit in sector 0 (its super
 * block). Through it the VFS is tested as a disk file system uses it:
 * mount(2)'s errors, the walk across the mount point both ways, st_dev,
 * writes that stay dirty in the page cache until fsync, sync or the
 * unmount write them (the bytes are then on the disk, read back by the
 * block layer), umount refused while a file is open, the page cache read
 * again after a new mount, read-only mounts, /dev's nodes, and clean
 * pages dropped by the shrinker and read again from the disk.
 */
#include <block/blkdev.h>
#include <fs/file.h>
#include "fs/file_internal.h"
#include "fs/mount.h"
#include <kernel/ktest.h>
#include <lib/err.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include "mm/mm_internal.h"
#include <uapi/hm386/dirent.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/fcntl.h>
#include <uapi/hm386/mount.h>
#include <uapi/hm386/stat.h>
#include "tests/kernel/fs_test_util.h"

#define VT_ROOT_INO	1
#define VT_FILES	2		/* inodes 2 and 3: "a" and "b" */
#define VT_FILE_SECTOR(ino)	((u64)(ino) << 11)	/* 1 MiB apart */
#define VT_FILE_MAX	(1U << 20)
#define VT_MAGIC	0x76667374U	/* "vfst" */
#define MNT		"/ktest_mnt"
#define DEV		"/dev/ram0"

/* Sector 0 of the disk. */
struct vt_super {
	u32 magic;
	u32 size[VT_FILES];
};

struct vt_inode {
	struct inode vfs;
	bool used;
};

static struct vt_inode vt_inodes[1 + VT_FILES];	/* one mount at a time */
static struct vt_super vt_super;
static u32 vt_syncs, vt_put_supers;
static const char *const vt_names[VT_FILES] = { "a", "b" };

/* Sector 0 of @bdev to or from vt_super, through a lowmem page. */
static int vt_super_io(struct block_device *bdev, enum req_op op)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	int err;

	if (!page)
		return -ENOMEM;
	if (op == REQ_OP_WRITE)
		memcpy(lowmem_page_address(page), &vt_super, sizeof(vt_super));
	err = blkdev_rw_page(bdev, 0, page, 0, SECTOR_SIZE, op);
	if (op == REQ_OP_READ)
		memcpy(&vt_super, lowmem_page_address(page), sizeof(vt_super));
	__free_page(page);
	return err;
}

static int vt_readpage(struct address_space *m, struct page *page)
{
	struct inode *inode = m->host;

	if ((u64)page->index << PAGE_SHIFT >= VT_FILE_MAX)
		return -EIO;
	return blkdev_rw_page(inode->sb->bdev, VT_FILE_SECTOR(inode->ino) +
			      (page->index << (PAGE_SHIFT - SECTOR_SHIFT)), page, 0,
			      PAGE_SIZE, REQ_OP_READ);
}

static int vt_writepage(struct address_space *m, struct page *page)
{
	struct inode *inode = m->host;

	return blkdev_rw_page(inode->sb->bdev, VT_FILE_SECTOR(inode->ino) +
			      (page->index << (PAGE_SHIFT - SECTOR_SHIFT)), page, 0,
			      PAGE_SIZE, REQ_OP_WRITE);
}

static int vt_prepare_write(struct address_space *m, struct page *page, u32 from, u32 to)
{
	return ((u64)page->index << PAGE_SHIFT) + to > VT_FILE_MAX ? -EFBIG : 0;
}

static const struct address_space_ops vt_aops = {
	.readpage = vt_readpage, .writepage = vt_writepage,
	.prepare_write = vt_prepare_write,
};

#define VT_BAD_INO	9		/* "bad": an inode the disk cannot give */

static struct inode *vt_lookup(struct inode *dir, const char *name)
{
	if (!strcmp(name, ".."))
		return iget(dir->sb, VT_ROOT_INO);
	if (!strcmp(name, "bad"))
		return iget(dir->sb, VT_BAD_INO);
	for (u32 i = 0; i < VT_FILES; i++)
		if (!strcmp(name, vt_names[i]))
			return iget(dir->sb, 2 + i);
	return NULL;
}

static int vt_readdir(struct inode *dir, u64 *pos, filldir_t emit, void *ctx)
{
	for (; *pos < 2 + VT_FILES; ++*pos) {
		const char *name = *pos == 0 ? "." : *pos == 1 ? ".." : vt_names[*pos - 2];
		u32 ino = *pos < 2 ? VT_ROOT_INO : (u32)*pos;

		if (!emit(ctx, name, strlen(name), ino, *pos < 2 ? DT_DIR : DT_REG,
			  *pos + 1))
			break;
	}
	return 0;
}

static int vt_setsize(struct inode *inode, u64 size)
{
	if (size > VT_FILE_MAX)
		return -EFBIG;
	truncate_pagecache(inode, size);
	return 0;
}

static const struct inode_operations vt_iops = {
	.lookup = vt_lookup, .readdir = vt_readdir, .setsize = vt_setsize,
};

static struct inode *vt_alloc_inode(struct super_block *sb)
{
	for (u32 i = 0; i < ARRAY_SIZE(vt_inodes); i++) {
		if (!vt_inodes[i].used) {
			memset(&vt_inodes[i], 0, sizeof(vt_inodes[i]));
			vt_inodes[i].used = true;
			return &vt_inodes[i].vfs;
		}
	}
	return NULL;
}

static void vt_free_inode(struct inode *inode)
{
	container_of(inode, struct vt_inode, vfs)->used = false;
}

/* Inodes of the mounted vfstest in memory. */
static u32 vt_inodes_used(void)
{
	u32 n = 0;

	for (u32 i = 0; i < ARRAY_SIZE(vt_inodes); i++)
		n += vt_inodes[i].used;
	return n;
}

static int vt_read_inode(struct inode *inode)
{
	inode->iops = &vt_iops;
	inode->nlink = 1;
	if (inode->ino == VT_ROOT_INO) {
		inode->mode = S_IFDIR | 0755;
		inode->nlink = 2;
		return 0;
	}
	if (inode->ino < 2 || inode->ino >= 2 + VT_FILES)
		return -EIO;
	inode->mode = S_IFREG | 0644;
	inode->size = vt_super.size[inode->ino - 2];
	mapping_init(&inode->mapping, inode, &vt_aops, false);
	return 0;
}

static int vt_write_inode(struct inode *inode)
{
	if (inode->ino >= 2)
		vt_super.size[inode->ino - 2] = (u32)inode->size;
	return 0;
}

static int vt_sync_fs(struct super_block *sb)
{
	vt_syncs++;
	return vt_super_io(sb->bdev, REQ_OP_WRITE);
}

static void vt_put_super(struct super_block *sb)
{
	vt_put_supers++;
}

static const struct super_operations vt_sops = {
	.alloc_inode = vt_alloc_inode, .free_inode = vt_free_inode,
	.read_inode = vt_read_inode, .write_inode = vt_write_inode,
	.sync_fs = vt_sync_fs, .put_super = vt_put_super,
};

static int vt_mount(struct super_block *sb)
{
	struct inode *root;
	int err = vt_super_io(sb->bdev, REQ_OP_READ);

	if (err)
		return err;
	if (vt_super.magic != VT_MAGIC)
		return -EINVAL;		/* not ours */
	sb->ops = &vt_sops;
	root = iget(sb, VT_ROOT_INO);
	if (IS_ERR(root))
		return PTR_ERR(root);
	sb->root = root;
	return 0;
}
FILESYSTEM(vfstest, vt_mount);

/* A fresh vfstest disk on ram0: the super block, empty files. */
static int vt_mkfs(void)
{
	struct block_device *bdev = blkdev_get_by_name("ram0");

	if (!bdev)
		return -ENODEV;
	memset(&vt_super, 0, sizeof(vt_super));
	vt_super.magic = VT_MAGIC;
	return vt_super_io(bdev, REQ_OP_WRITE);
}

/* Read @len bytes of the disk at @sector into @buf, by the block layer. */
static int disk_read(u64 sector, void *buf, u32 len)
{
	struct block_device *bdev = blkdev_get_by_name("ram0");
	struct page *page = alloc_page(GFP_KERNEL);
	int err = 0;

	for (u32 done = 0; !err && done < len; done += PAGE_SIZE) {
		err = blkdev_rw_page(bdev, sector + (done >> SECTOR_SHIFT), page, 0,
				     PAGE_SIZE, REQ_OP_READ);
		memcpy((u8 *)buf + done, lowmem_page_address(page), MIN(PAGE_SIZE, len - done));
	}
	__free_page(page);
	return err;
}

static u8 buf[4 * PAGE_SIZE + 100];

static int vfs_suite_init(void)
{
	int err;

	if (!blkdev_get_by_name("ram0"))
		return 1;		/* no RAM disk: skip */
	err = vfs_mkdir(MNT, 0755);
	return err && err != -EEXIST;
}

static void case_init(struct ktest *t)
{
	KASSERT_EQ(t, vt_mkfs(), 0);
}

static void case_exit(struct ktest *t)
{
	vfs_umount(MNT);	/* when a case left it mounted */
}

static void dev_has_block_nodes(struct ktest *t)
{
	struct stat64 st;

	KASSERT_EQ(t, vfs_stat(DEV, &st), 0);
	KEXPECT_TRUE(t, S_ISBLK(st.st_mode));
	KEXPECT_EQ(t, st.st_rdev, MKDEV(RAMDISK_MAJOR, 0));
	KEXPECT_EQ(t, PTR_ERR(filp_open(DEV, O_RDONLY, 0)), -ENXIO);
}

static void mount_errors_as_linux(struct ktest *t)
{
	struct file *f = filp_open("/ktest_notblk", O_WRONLY | O_CREAT, 0644);

	KASSERT_FALSE(t, IS_ERR(f));
	fput(f);
	KEXPECT_EQ(t, vfs_mount(DEV, MNT, "nosuchfs", 0), -ENODEV);
	KEXPECT_EQ(t, vfs_mount("/ktest_notblk", MNT, "vfstest", 0), -ENOTBLK);
	KEXPECT_EQ(t, vfs_mount("/dev/nosuch", MNT, "vfstest", 0), -ENOENT);
	KEXPECT_EQ(t, vfs_mount(DEV, "/ktest_nosuch", "vfstest", 0), -ENOENT);
	KEXPECT_EQ(t, vfs_mount(DEV, "/ktest_notblk", "vfstest", 0), -ENOTDIR);
	KEXPECT_EQ(t, vfs_mount(DEV, "/", "vfstest", 0), -EBUSY);
	KEXPECT_EQ(t, vfs_mount(DEV, MNT, "vfstest", 4), -EINVAL);
	KEXPECT_EQ(t, vfs_umount(MNT), -EINVAL);	/* not mounted */
	KEXPECT_EQ(t, vfs_umount("/"), -EINVAL);
	/* A disk that is not a vfstest: the type's mount refuses it. */
	memset(&vt_super, 0, sizeof(vt_super));
	KASSERT_EQ(t, vt_super_io(blkdev_get_by_name("ram0"), REQ_OP_WRITE), 0);
	KEXPECT_EQ(t, vfs_mount(DEV, MNT, "vfstest", 0), -EINVAL);
	KEXPECT_EQ(t, vfs_unlink("/ktest_notblk"), 0);
}

static void walk_crosses_the_mount_point(struct ktest *t)
{
	struct stat64 st, root;
	struct file *d;
	struct fs_iter it = fs_iter_kernel(buf);
	long n;

	KASSERT_EQ(t, vfs_mount(DEV, MNT, "vfstest", 0), 0);
	KEXPECT_EQ(t, vfs_mount(DEV, "/dev", "vfstest", 0), -EBUSY);	/* device */
	KEXPECT_EQ(t, vfs_mount(DEV, MNT, "vfstest", 0), -EBUSY);
	KASSERT_EQ(t, vfs_stat(MNT, &st), 0);
	KEXPECT_EQ(t, st.st_ino, VT_ROOT_INO);
	KEXPECT_EQ(t, st.st_dev, MKDEV(RAMDISK_MAJOR, 0));
	KEXPECT_EQ(t, vfs_stat(MNT "/a", &st), 0);
	KEXPECT_EQ(t, st.st_ino, 2);
	KEXPECT_EQ(t, st.st_mode, S_IFREG | 0644);
	KEXPECT_EQ(t, vfs_stat(MNT "/a/", &st), -ENOTDIR);
	KEXPECT_EQ(t, vfs_stat(MNT "/c", &st), -ENOENT);
	KEXPECT_EQ(t, vfs_stat(MNT "/bad", &st), -EIO);	/* read_inode failed */
	KEXPECT_EQ(t, vt_inodes_used(), 1);			/* the root only */
	/* ".." of the mounted root leaves through the mount point. */
	KASSERT_EQ(t, vfs_stat("/", &root), 0);
	KEXPECT_EQ(t, vfs_stat(MNT "/..", &st), 0);
	KEXPECT_EQ(t, st.st_ino, root.st_ino);
	KEXPECT_EQ(t, st.st_dev, root.st_dev);
	KEXPECT_EQ(t, vfs_stat(MNT "/../" MNT "/./b", &st), 0);
	KEXPECT_EQ(t, st.st_ino, 3);
	/* The mount point and the mounted root cannot go. */
	KEXPECT_EQ(t, vfs_rmdir(MNT), -EBUSY);
	KEXPECT_EQ(t, vfs_rename(MNT, "/ktest_elsewhere"), -EBUSY);
	KEXPECT_EQ(t, vfs_rename(MNT "/a", "/ktest_a"), -EXDEV);
	d = filp_open(MNT, O_RDONLY | O_DIRECTORY, 0);
	KASSERT_FALSE(t, IS_ERR(d));
	n = vfs_getdents(d, &it, sizeof(buf));
	KEXPECT_EQ(t, n, 4 * 24);	/* ".", "..", "a", "b": 24 bytes each */
	KEXPECT_EQ(t, vfs_umount(MNT), -EBUSY);		/* open */
	fput(d);
	KEXPECT_EQ(t, vfs_umount(MNT), 0);
	KEXPECT_EQ(t, vt_inodes_used(), 0);
	KEXPECT_EQ(t, vfs_stat(MNT "/a", &st), -ENOENT);	/* the RAM dir again */
}

static void writes_reach_the_disk_at_fsync_and_unmount(struct ktest *t)
{
	u64 wb = pagecache_stats.writebacks, reads = pagecache_stats.reads;
	u32 len = 3 * PAGE_SIZE + 100, syncs = vt_syncs;
	static u8 disk[4 * PAGE_SIZE];
	struct file *f;

	KASSERT_EQ(t, vfs_mount(DEV, MNT, "vfstest", 0), 0);
	f = filp_open(MNT "/a", O_RDWR, 0);
	KASSERT_FALSE(t, IS_ERR(f));
	pattern_fill(buf, 0xa, 0, len);
	KEXPECT_EQ(t, kernel_write(f, buf, len, 0), len);
	KEXPECT_EQ(t, f->inode->mapping.nr_dirty, 4);
	KEXPECT_EQ(t, pagecache_stats.writebacks, wb);		/* still dirty */
	KEXPECT_EQ(t, pagecache_stats.reads, reads);	/* past the end: not read */
	KASSERT_EQ(t, disk_read(VT_FILE_SECTOR(2), disk, sizeof(disk)), 0);
	KEXPECT_NE(t, pattern_check(disk, 0xa, 0, len), -1);
	KEXPECT_EQ(t, vfs_fsync(f->inode), 0);
	KEXPECT_EQ(t, pagecache_stats.writebacks - wb, 4);
	KEXPECT_EQ(t, f->inode->mapping.nr_dirty, 0);
	KEXPECT_EQ(t, vt_syncs - syncs, 1);
	KASSERT_EQ(t, disk_read(VT_FILE_SECTOR(2), disk, sizeof(disk)), 0);
	KEXPECT_EQ(t, pattern_check(disk, 0xa, 0, len), -1);
	/* A second write: left dirty; the unmount writes it. */
	KEXPECT_EQ(t, kernel_write(f, "tail", 4, len), 4);
	KEXPECT_EQ(t, vfs_umount(MNT), -EBUSY);
	fput(f);
	KEXPECT_EQ(t, vfs_umount(MNT), 0);
	KEXPECT_EQ(t, pagecache_stats.writebacks - wb, 5);
	KASSERT_EQ(t, disk_read(VT_FILE_SECTOR(2), disk, sizeof(disk)), 0);
	KEXPECT_MEMEQ(t, disk + len, "tail", 4);
	/* Mounted again: the size came from the disk, the bytes are read. */
	reads = pagecache_stats.reads;
	KASSERT_EQ(t, vfs_mount(DEV, MNT, "vfstest", MS_RDONLY), 0);
	f = filp_open(MNT "/a", O_RDONLY, 0);
	KASSERT_FALSE(t, IS_ERR(f));
	KEXPECT_EQ(t, file_size(f), len + 4);
	memset(buf, 0, sizeof(buf));
	KEXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), 0), len + 4);
	KEXPECT_EQ(t, pattern_check(buf, 0xa, 0, len), -1);
	KEXPECT_MEMEQ(t, buf + len, "tail", 4);
	KEXPECT_EQ(t, pagecache_stats.reads - reads, 4);
	fput(f);
	KEXPECT_EQ(t, vfs_umount(MNT), 0);
}

static void read_only_mount_refuses_writes(struct ktest *t)
{
	struct file *f;

	KASSERT_EQ(t, vfs_mount(DEV, MNT, "vfstest", MS_RDONLY), 0);
	KEXPECT_EQ(t, PTR_ERR(filp_open(MNT "/a", O_WRONLY, 0)), -EROFS);
	KEXPECT_EQ(t, PTR_ERR(filp_open(MNT "/a", O_RDONLY | O_TRUNC, 0)), -EROFS);
	KEXPECT_EQ(t, PTR_ERR(filp_open(MNT "/new", O_WRONLY | O_CREAT, 0644)), -EROFS);
	KEXPECT_EQ(t, vfs_mkdir(MNT "/d", 0755), -EROFS);
	KEXPECT_EQ(t, vfs_unlink(MNT "/a"), -EROFS);
	KEXPECT_EQ(t, vfs_truncate(MNT "/a", 0), -EROFS);
	f = filp_open(MNT "/a", O_RDONLY, 0);
	KASSERT_FALSE(t, IS_ERR(f));
	KEXPECT_EQ(t, vfs_ftruncate(f, 0), -EINVAL);	/* not open to write */
	fput(f);
	KEXPECT_EQ(t, vfs_umount(MNT), 0);
}

static void truncate_and_sync(struct ktest *t)
{
	u64 wb = pagecache_stats.writebacks;
	struct stat64 st;
	struct file *f;

	KASSERT_EQ(t, vfs_mount(DEV, MNT, "vfstest", 0), 0);
	f = filp_open(MNT "/b", O_RDWR, 0);
	KASSERT_FALSE(t, IS_ERR(f));
	pattern_fill(buf, 0xb, 0, 2 * PAGE_SIZE);
	KEXPECT_EQ(t, kernel_write(f, buf, 2 * PAGE_SIZE, 0), 2 * PAGE_SIZE);
	KEXPECT_EQ(t, vfs_ftruncate(f, PAGE_SIZE + 10), 0);
	KEXPECT_EQ(t, f->inode->mapping.nr_pages, 2);
	KEXPECT_EQ(t, vfs_ftruncate(f, 10), 0);
	KEXPECT_EQ(t, f->inode->mapping.nr_pages, 1);	/* dropped unwritten */
	KEXPECT_EQ(t, vfs_truncate(MNT "/b", -1), -EINVAL);
	KEXPECT_EQ(t, vfs_truncate(MNT, 0), -EISDIR);
	KEXPECT_EQ(t, vfs_truncate(MNT "/b", VT_FILE_MAX + 1), -EFBIG);
	KEXPECT_EQ(t, vfs_stat(MNT "/b", &st), 0);
	KEXPECT_EQ(t, st.st_size, 10);
	mutex_lock(&fs_lock);
	KEXPECT_EQ(t, vfs_sync_all(), 0);
	mutex_unlock(&fs_lock);
	KEXPECT_EQ(t, pagecache_stats.writebacks - wb, 1);
	fput(f);
	KEXPECT_EQ(t, vfs_umount(MNT), 0);
	KEXPECT_EQ(t, vt_super.size[1], 10);
}

/* Clean pages of a disk file go under memory pressure and come back from
 * the disk at the next read, the same bytes. */
static void dropped_pages_are_read_again(struct ktest *t)
{
	u32 len = 4 * PAGE_SIZE;
	u64 reads;
	struct file *f;

	KASSERT_EQ(t, vfs_mount(DEV, MNT, "vfstest", 0), 0);
	f = filp_open(MNT "/a", O_RDWR, 0);
	KASSERT_FALSE(t, IS_ERR(f));
	pattern_fill(buf, 0xd, 0, len);
	KEXPECT_EQ(t, kernel_write(f, buf, len, 0), len);
	KEXPECT_EQ(t, shrink_caches(~0U, 1000), 0);	/* dirty: kept */
	KEXPECT_EQ(t, vfs_fsync(f->inode), 0);
	KEXPECT_EQ(t, shrink_caches(~0U, 1000), 4);	/* clean: dropped */
	KEXPECT_EQ(t, f->inode->mapping.nr_pages, 0);
	reads = pagecache_stats.reads;
	memset(buf, 0, len);
	KEXPECT_EQ(t, kernel_read(f, buf, len, 0), len);
	KEXPECT_EQ(t, pattern_check(buf, 0xd, 0, len), -1);
	KEXPECT_EQ(t, pagecache_stats.reads - reads, 4);
	fput(f);
	KEXPECT_EQ(t, vfs_umount(MNT), 0);
}

static struct ktest_case vfs_cases[] = {
	KTEST_CASE(dev_has_block_nodes),
	KTEST_CASE(mount_errors_as_linux),
	KTEST_CASE(walk_crosses_the_mount_point),
	KTEST_CASE(writes_reach_the_disk_at_fsync_and_unmount),
	KTEST_CASE(read_only_mount_refuses_writes),
	KTEST_CASE(truncate_and_sync),
	KTEST_CASE(dropped_pages_are_read_again),
	{}
};
KTEST_SUITE_FULL(vfs, vfs_cases, vfs_suite_init, case_init, case_exit);
