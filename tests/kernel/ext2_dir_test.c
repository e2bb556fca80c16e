// SPDX-License-Identifier: MIT
/*
 * ext2's directory code with its pages in HighMem (fs/ext2/dir.c,
 * fs/ext2/namei.c): lab 9's graded tests (docs/labs/lab9.md).
 *
 * The disk named by ext2_dir_test_disk= (hda) holds the image of
 * tests/ext2/lab9_image.py (attached with snapshot=on: what a case writes
 * is gone at the next boot); each case mounts it read-write at MNT and
 * unmounts it. The cases look names up, list directories (in chunks, so
 * that readdir resumes from its position), create, unlink, make and
 * remove directories (one of two pages: ext2_empty_dir() scans both) and
 * rename a directory to another parent (its ".." rewritten: two
 * directory pages held at once) and over existing targets. They check
 * names, inode numbers and bytes against the image, that no kmap_local
 * mapping is left (kmap_local_depth()), and count the directory pages in
 * the page cache: with highmem=64M every one is in HighMem.
 *
 * Without ext2_dir_test_disk= every case skips: no real disk is written.
 */
#include <fs/file.h>
#include "fs/file_internal.h"
#include "fs/pagecache.h"
#include "fs/vfs.h"
#include <kernel/cmdline.h>
#include <kernel/ktest.h>
#include <kernel/mutex.h>
#include <kernel/printk.h>
#include <lib/err.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/highmem.h>
#include <mm/page_ref.h>
#include <uapi/hm386/dirent.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/fcntl.h>
#include <uapi/hm386/stat.h>
#include "tests/kernel/fs_test_util.h"

#define MNT		"/ext2_dir_test"
/* What tests/ext2/lab9_image.py writes. */
#define BIG_FILES	150
#define BIG_NAME	"entry-with-a-long-name-%03u"
#define HELLO_SEED	7
#define HELLO_SIZE	5000
#define NOTE_SEED	9
#define NOTE_SIZE	3000
/* Files made in a new directory: more than a page of 1 KiB blocks. */
#define MANY_FILES	120
#define MAX_ENTRIES	(BIG_FILES + 8)
#define CHUNK		7	/* entries per readdir call */

static char test_disk[16];
KERNEL_PARAM_STRING(ext2_dir_test_disk, test_disk,
		    "the disk holding lab 9's ext2 image (hda); without it "
		    "the ext2_dir cases skip");

struct dir_entry {
	char name[NAME_MAX + 1];
	u32 ino;
};

/* A directory's entries, as readdir gave them. */
struct listing {
	struct dir_entry e[MAX_ENTRIES];
	u32 count, limit;
	bool overflow;
	const char *path;
	u32 pages, cached, high;	/* its pages; in the cache; in HighMem */
};

static struct listing listing;
static u8 buf[HELLO_SIZE + NOTE_SIZE];

static bool collect(void *ctx, const char *name, u32 len, u32 ino, u8 type,
		    u64 next)
{
	struct listing *l = ctx;

	if (l->count == l->limit)
		return false;
	if (l->count == MAX_ENTRIES || len > NAME_MAX) {
		l->overflow = true;
		return false;
	}
	memcpy(l->e[l->count].name, name, len);
	l->e[l->count].name[len] = 0;
	l->e[l->count].ino = ino;
	l->count++;
	return true;
}

/* List directory @path into @l, CHUNK entries per readdir call; count
 * its pages in the cache. */
static void list_dir(struct ktest *t, const char *path, struct listing *l)
{
	struct inode *dir;
	u64 pos = 0;
	u32 before;
	int err = 0;

	memset(l, 0, sizeof(*l));
	mutex_lock(&fs_lock);
	dir = vfs_lookup(path);
	if (IS_ERR(dir)) {
		mutex_unlock(&fs_lock);
		KASSERT_EQ(t, PTR_ERR(dir), 0);
	}
	do {
		before = l->count;
		l->limit = l->count + CHUNK;
		err = dir->iops->readdir(dir, &pos, collect, l);
	} while (!err && !l->overflow && l->count > before);
	l->path = path;
	l->pages = (u32)((dir->size + PAGE_SIZE - 1) >> PAGE_SHIFT);
	for (u32 n = 0; n < l->pages; n++) {
		struct page *page = find_get_page(&dir->mapping, n);

		if (!page)
			continue;
		l->cached++;
		l->high += PageHighMem(page);
		put_page(page);
	}
	iput(dir);
	mutex_unlock(&fs_lock);
	KASSERT_EQ(t, err, 0);
	KASSERT_FALSE(t, l->overflow);
}

/* The inode number of entry @name in @l; 0 when absent, ~0 when twice. */
static u32 listed_ino(const struct listing *l, const char *name)
{
	u32 ino = 0;

	for (u32 i = 0; i < l->count; i++) {
		if (strcmp(l->e[i].name, name))
			continue;
		if (ino)
			return ~0U;
		ino = l->e[i].ino;
	}
	return ino;
}

/* The inode number of @path, or -errno. */
static s64 ino_of(const char *path)
{
	struct stat64 st;
	int err = vfs_stat(path, &st);

	return err ? err : (s64)st.st_ino;
}

static u32 nlink_of(struct ktest *t, const char *path)
{
	struct stat64 st;

	KASSERT_EQ(t, vfs_stat(path, &st), 0);
	return st.st_nlink;
}

/* Every entry of @l (but "."/"..") has the inode number a lookup of
 * @dir/NAME gives. */
static void listing_matches_lookups(struct ktest *t, const char *dir,
				    const struct listing *l)
{
	char path[128];

	for (u32 i = 0; i < l->count; i++) {
		if (!strcmp(l->e[i].name, ".") || !strcmp(l->e[i].name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, l->e[i].name);
		KEXPECT_EQ(t, ino_of(path), l->e[i].ino);
	}
}

/* File @path holds @size bytes of pattern @seed. */
static void check_bytes(struct ktest *t, const char *path, u32 seed, u32 size)
{
	struct file *f = filp_open(path, O_RDONLY, 0);

	KASSERT_FALSE(t, IS_ERR(f));
	memset(buf, 0, sizeof(buf));
	KEXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), 0), size);
	KEXPECT_EQ(t, pattern_check(buf, seed, 0, size), -1);
	fput(f);
}

/* Create file @path holding @size bytes of pattern @seed. */
static void make_file(struct ktest *t, const char *path, u32 seed, u32 size)
{
	struct file *f = filp_open(path, O_RDWR | O_CREAT, 0644);

	KASSERT_FALSE(t, IS_ERR(f));
	pattern_fill(buf, seed, 0, size);
	KEXPECT_EQ(t, kernel_write(f, buf, size, 0), size);
	fput(f);
}

/*
 * The pages of directory @l->path in the page cache, counted by list_dir()
 * before it lets the inode go (its last iput() drops them): KEXPECT at
 * least @at_least, all of them in HighMem (this boot's highmem= puts
 * every GFP_HIGHUSER page there). Prints the count.
 */
static void expect_highmem(struct ktest *t, const struct listing *l,
			   u32 at_least)
{
	pr_info("ext2_dir: %s: %u of its %u pages cached, %u in HighMem\n",
		l->path, l->cached, l->pages, l->high);
	KEXPECT_GE(t, l->cached, at_least);
	KEXPECT_EQ(t, l->high, l->cached);
}

static void mount_image(struct ktest *t)
{
	char dev[32];
	int err;

	if (!test_disk[0])
		ktest_skip(t, "no ext2_dir_test_disk= given");
	err = vfs_mkdir(MNT, 0755);
	KASSERT_TRUE(t, !err || err == -EEXIST);
	snprintf(dev, sizeof(dev), "/dev/%s", test_disk);
	KASSERT_EQ(t, vfs_mount(dev, MNT, "ext2", 0), 0);
	KASSERT_EQ(t, kmap_local_depth(), 0);
}

static void unmount_image(struct ktest *t)
{
	vfs_umount(MNT);
}

/* Lookups by name (ext2_inode_by_name, ext2_find_entry, ".." of a
 * subdirectory), readdir of the root, a file's bytes. */
static void lookup_finds_names_and_inodes(struct ktest *t)
{
	s64 a = ino_of(MNT "/a");

	KASSERT_GT(t, a, 0);
	KEXPECT_EQ(t, ino_of(MNT "/a/sub/.."), a);
	KEXPECT_EQ(t, ino_of(MNT "/a/sub/../sub/.."), a);
	KEXPECT_EQ(t, ino_of(MNT "/nosuch"), -ENOENT);
	KEXPECT_EQ(t, ino_of(MNT "/a/nosuch"), -ENOENT);
	list_dir(t, MNT, &listing);
	KEXPECT_EQ(t, listing.count, 7);	/* . .. lost+found a b big hello.txt */
	KEXPECT_EQ(t, listed_ino(&listing, "a"), a);
	KEXPECT_EQ(t, listed_ino(&listing, ".."), listed_ino(&listing, "."));
	KEXPECT_GT(t, listed_ino(&listing, "hello.txt"), 0);
	listing_matches_lookups(t, MNT, &listing);
	expect_highmem(t, &listing, 1);
	check_bytes(t, MNT "/hello.txt", HELLO_SEED, HELLO_SIZE);
	check_bytes(t, MNT "/a/sub/note.txt", NOTE_SEED, NOTE_SIZE);
	KEXPECT_EQ(t, kmap_local_depth(), 0);
}

/* readdir of a directory of two pages, resumed every CHUNK entries:
 * every name once, with the inode number its lookup gives. */
static void readdir_lists_every_entry(struct ktest *t)
{
	char name[NAME_MAX + 1];

	list_dir(t, MNT "/big", &listing);
	KEXPECT_EQ(t, listing.count, BIG_FILES + 2);
	KEXPECT_EQ(t, listed_ino(&listing, "."), ino_of(MNT "/big"));
	KEXPECT_EQ(t, listed_ino(&listing, ".."), ino_of(MNT));
	for (u32 n = 0; n < BIG_FILES; n++) {
		snprintf(name, sizeof(name), BIG_NAME, n);
		KEXPECT_GT(t, listed_ino(&listing, name), 0);
		KEXPECT_NE(t, listed_ino(&listing, name), ~0U);
	}
	expect_highmem(t, &listing, 2);
	listing_matches_lookups(t, MNT "/big", &listing);
	KEXPECT_EQ(t, kmap_local_depth(), 0);
}

/* create and unlink a file, make and remove directories (ext2_empty_dir()
 * on one page and on two), and rmdir refused on a full directory. */
static void create_unlink_mkdir_rmdir(struct ktest *t)
{
	u32 b_links = nlink_of(t, MNT "/b");
	char path[96];
	s64 ino;

	make_file(t, MNT "/b/new.txt", 11, 6000);
	ino = ino_of(MNT "/b/new.txt");
	KASSERT_GT(t, ino, 0);
	list_dir(t, MNT "/b", &listing);
	KEXPECT_EQ(t, listed_ino(&listing, "new.txt"), ino);
	check_bytes(t, MNT "/b/new.txt", 11, 6000);
	KEXPECT_EQ(t, vfs_unlink(MNT "/b/new.txt"), 0);
	KEXPECT_EQ(t, ino_of(MNT "/b/new.txt"), -ENOENT);
	list_dir(t, MNT "/b", &listing);
	KEXPECT_EQ(t, listed_ino(&listing, "new.txt"), 0);

	KEXPECT_EQ(t, vfs_mkdir(MNT "/b/d", 0755), 0);
	KEXPECT_EQ(t, nlink_of(t, MNT "/b"), b_links + 1);
	list_dir(t, MNT "/b/d", &listing);
	KEXPECT_EQ(t, listing.count, 2);
	KEXPECT_EQ(t, listed_ino(&listing, "."), ino_of(MNT "/b/d"));
	KEXPECT_EQ(t, listed_ino(&listing, ".."), ino_of(MNT "/b"));
	KEXPECT_EQ(t, vfs_rmdir(MNT "/b/d"), 0);
	KEXPECT_EQ(t, ino_of(MNT "/b/d"), -ENOENT);
	KEXPECT_EQ(t, nlink_of(t, MNT "/b"), b_links);

	/* A directory of two pages, emptied, then removed. */
	KASSERT_EQ(t, vfs_mkdir(MNT "/m", 0755), 0);
	for (u32 n = 0; n < MANY_FILES; n++) {
		snprintf(path, sizeof(path), MNT "/m/" BIG_NAME, n);
		make_file(t, path, n, 1);
	}
	list_dir(t, MNT "/m", &listing);
	KEXPECT_EQ(t, listing.count, MANY_FILES + 2);
	expect_highmem(t, &listing, 2);
	for (u32 n = 0; n < MANY_FILES; n++) {
		snprintf(path, sizeof(path), MNT "/m/" BIG_NAME, n);
		KEXPECT_EQ(t, vfs_unlink(path), 0);
	}
	KEXPECT_EQ(t, vfs_rmdir(MNT "/m"), 0);
	KEXPECT_EQ(t, ino_of(MNT "/m"), -ENOENT);
	KEXPECT_EQ(t, vfs_rmdir(MNT "/big"), -ENOTEMPTY);
	KEXPECT_EQ(t, kmap_local_depth(), 0);
}

/* A directory moved to another parent: its ".." rewritten (two pages
 * held at once, unmapped in reverse order), the links moved. */
static void rename_moves_directory_across(struct ktest *t)
{
	s64 b = ino_of(MNT "/b"), sub = ino_of(MNT "/a/sub");
	u32 a_links = nlink_of(t, MNT "/a"), b_links = nlink_of(t, MNT "/b");

	KASSERT_GT(t, b, 0);
	KASSERT_GT(t, sub, 0);
	KEXPECT_EQ(t, vfs_rename(MNT "/a/sub", MNT "/b/sub"), 0);
	KEXPECT_EQ(t, ino_of(MNT "/a/sub"), -ENOENT);
	KEXPECT_EQ(t, ino_of(MNT "/b/sub"), sub);
	KEXPECT_EQ(t, ino_of(MNT "/b/sub/.."), b);
	list_dir(t, MNT "/b/sub", &listing);
	KEXPECT_EQ(t, listed_ino(&listing, ".."), b);
	KEXPECT_EQ(t, listed_ino(&listing, "."), sub);
	KEXPECT_GT(t, listed_ino(&listing, "note.txt"), 0);
	KEXPECT_EQ(t, nlink_of(t, MNT "/a"), a_links - 1);
	KEXPECT_EQ(t, nlink_of(t, MNT "/b"), b_links + 1);
	expect_highmem(t, &listing, 1);
	check_bytes(t, MNT "/b/sub/note.txt", NOTE_SEED, NOTE_SIZE);
	KEXPECT_EQ(t, kmap_local_depth(), 0);
}

/* A file renamed over a file, and a directory over an empty directory of
 * another parent (the victim's ".." rewritten, the target's page mapped
 * while the other two are held). */
static void rename_over_existing_targets(struct ktest *t)
{
	s64 hello = ino_of(MNT "/hello.txt"), b = ino_of(MNT "/b"), mv;

	KASSERT_GT(t, hello, 0);
	make_file(t, MNT "/a/target.txt", 3, 100);
	KEXPECT_EQ(t, vfs_rename(MNT "/hello.txt", MNT "/a/target.txt"), 0);
	KEXPECT_EQ(t, ino_of(MNT "/hello.txt"), -ENOENT);
	KEXPECT_EQ(t, ino_of(MNT "/a/target.txt"), hello);
	check_bytes(t, MNT "/a/target.txt", HELLO_SEED, HELLO_SIZE);

	/* A directory of its own: the cases before may have moved /a/sub. */
	KASSERT_EQ(t, vfs_mkdir(MNT "/a/mv", 0755), 0);
	make_file(t, MNT "/a/mv/f", 5, 10);
	mv = ino_of(MNT "/a/mv");
	KASSERT_EQ(t, vfs_mkdir(MNT "/b/empty", 0755), 0);
	KEXPECT_EQ(t, vfs_rename(MNT "/a/mv", MNT "/b/empty"), 0);
	KEXPECT_EQ(t, ino_of(MNT "/a/mv"), -ENOENT);
	KEXPECT_EQ(t, ino_of(MNT "/b/empty"), mv);
	KEXPECT_EQ(t, ino_of(MNT "/b/empty/.."), b);
	check_bytes(t, MNT "/b/empty/f", 5, 10);
	list_dir(t, MNT "/b", &listing);
	KEXPECT_EQ(t, listed_ino(&listing, "empty"), mv);
	listing_matches_lookups(t, MNT "/b", &listing);
	KEXPECT_EQ(t, kmap_local_depth(), 0);
}

static struct ktest_case ext2_dir_cases[] = {
	KTEST_CASE(lookup_finds_names_and_inodes),
	KTEST_CASE(readdir_lists_every_entry),
	KTEST_CASE(create_unlink_mkdir_rmdir),
	KTEST_CASE(rename_moves_directory_across),
	KTEST_CASE(rename_over_existing_targets),
	{}
};
KTEST_SUITE_FULL(ext2_dir, ext2_dir_cases, NULL, mount_image, unmount_image);
