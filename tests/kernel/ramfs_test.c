// SPDX-License-Identifier: MIT
/*
 * The RAM filesystem through kernel buffers: file bytes across several
 * page-cache pages, which are HighMem when HighMem has free pages and are
 * read back both through kernel_read() and through kmap_local_page() of
 * the page itself; directories and getdents64 records; rename and its
 * errors; unlink, truncate and the last close give every page back (the
 * zones' free counts return exactly); open()'s errors as Linux's.
 */
#include <fs/file.h>
#include "fs/file_internal.h"
#include "fs/ramfs.h"
#include <kernel/ktest.h>
#include <lib/err.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/highmem.h>
#include <mm/page_ref.h>
#include <uapi/hm386/dirent.h>
#include <uapi/hm386/fcntl.h>
#include <uapi/hm386/stat.h>
#include "tests/kernel/fs_test_util.h"

#define SPAN_BYTES	(5 * PAGE_SIZE + 123)	/* six pages, the last partly */
#define SPAN_SEED	0x5eed
#define BUF_PAGES	6

static u8 buf[BUF_PAGES * PAGE_SIZE];

static struct file *open_ok(struct ktest *t, const char *path, int flags)
{
	struct file *f = filp_open(path, flags, 0644);

	if (IS_ERR(f)) {
		ktest_fail(t, __FILE__, __LINE__, "filp_open(%s): error %ld",
			   path, -PTR_ERR(f));
		ktest_abort(t);
	}
	return f;
}

/* Write @len pattern bytes in uneven pieces (one crosses each page edge). */
static void write_pattern(struct ktest *t, struct file *f, u32 seed, u32 len)
{
	static const u32 pieces[] = { 1000, 5000, 1, 4096, 7777 };
	u32 done = 0;

	pattern_fill(buf, seed, 0, len);
	for (u32 i = 0; done < len; i++) {
		u32 n = MIN(pieces[i % ARRAY_SIZE(pieces)], len - done);

		KASSERT_EQ(t, kernel_write(f, buf + done, n, done), n);
		done += n;
	}
}

static void file_spans_highmem_pages(struct ktest *t)
{
	bool highmem = zone_free_pages(&zones[ZONE_HIGHMEM]) > BUF_PAGES;
	u64 cache_before = pagecache_stats.pages;
	struct file *f = open_ok(t, "/ktest_span", O_RDWR | O_CREAT | O_TRUNC);
	struct inode *inode = f->inode;

	write_pattern(t, f, SPAN_SEED, SPAN_BYTES);
	KEXPECT_EQ(t, file_size(f), SPAN_BYTES);
	KEXPECT_EQ(t, inode->mapping.nr_pages, 6);
	KEXPECT_EQ(t, pagecache_stats.pages - cache_before, 6);
	/* Each page holds its own slice: read it through its own mapping. */
	for (u32 i = 0; i < 6; i++) {
		struct page *page = find_get_page(&inode->mapping, i);
		u32 len = MIN(PAGE_SIZE, SPAN_BYTES - i * PAGE_SIZE);
		u8 *addr;

		KASSERT_NOT_NULL(t, page);
		KEXPECT_EQ(t, PageHighMem(page), highmem);
		addr = kmap_local_page(page);
		KEXPECT_EQ(t, pattern_check(addr, SPAN_SEED, i * PAGE_SIZE, len), -1);
		if (len < PAGE_SIZE)	/* past the end: zero */
			KEXPECT_EQ(t, addr[len] | addr[PAGE_SIZE - 1], 0);
		kunmap_local(addr);
		put_page(page);
	}
	/* kernel_read from an odd offset across four page edges. */
	memset(buf, 0, sizeof(buf));
	KEXPECT_EQ(t, kernel_read(f, buf, 4 * PAGE_SIZE + 1, 4095), 4 * PAGE_SIZE + 1);
	KEXPECT_EQ(t, pattern_check(buf, SPAN_SEED, 4095, 4 * PAGE_SIZE + 1), -1);
	/* At and past the end. */
	KEXPECT_EQ(t, kernel_read(f, buf, 1000, SPAN_BYTES - 10), 10);
	KEXPECT_EQ(t, kernel_read(f, buf, 1000, SPAN_BYTES), 0);
	fput(f);
	KEXPECT_EQ(t, vfs_unlink("/ktest_span"), 0);
	KEXPECT_EQ(t, pagecache_stats.pages, cache_before);
}

static void unlink_gives_pages_back(struct ktest *t)
{
	struct zone_counts before;
	u32 inodes = ramfs_inodes;
	struct file *f;

	zone_counts_take(&before);
	f = open_ok(t, "/ktest_free", O_WRONLY | O_CREAT);
	write_pattern(t, f, 7, BUF_PAGES * PAGE_SIZE);
	fput(f);
	KEXPECT_EQ(t, ramfs_inodes, inodes + 1);
	KEXPECT_GT(t, zone_counts_changed(&before), 0);
	KEXPECT_EQ(t, vfs_unlink("/ktest_free"), 0);
	KEXPECT_EQ(t, ramfs_inodes, inodes);
	KEXPECT_EQ(t, zone_counts_changed(&before), 0);
	KEXPECT_EQ(t, PTR_ERR(filp_open("/ktest_free", O_RDONLY, 0)), -ENOENT);
}

static void unlinked_file_lives_until_last_close(struct ktest *t)
{
	struct zone_counts before;
	struct file *f;

	zone_counts_take(&before);
	f = open_ok(t, "/ktest_open", O_RDWR | O_CREAT | O_EXCL);
	write_pattern(t, f, 9, 3 * PAGE_SIZE);
	KEXPECT_EQ(t, vfs_unlink("/ktest_open"), 0);
	KEXPECT_EQ(t, PTR_ERR(filp_open("/ktest_open", O_RDONLY, 0)), -ENOENT);
	memset(buf, 0, 3 * PAGE_SIZE);
	KEXPECT_EQ(t, kernel_read(f, buf, 3 * PAGE_SIZE, 0), 3 * PAGE_SIZE);
	KEXPECT_EQ(t, pattern_check(buf, 9, 0, 3 * PAGE_SIZE), -1);
	KEXPECT_GT(t, zone_counts_changed(&before), 0);
	fput(f);
	KEXPECT_EQ(t, zone_counts_changed(&before), 0);
}

static void truncate_and_holes(struct ktest *t)
{
	struct zone_counts before;
	struct file *f;

	zone_counts_take(&before);
	f = open_ok(t, "/ktest_trunc", O_RDWR | O_CREAT);
	write_pattern(t, f, 3, 3 * PAGE_SIZE);
	fput(f);
	/* O_TRUNC frees the pages. */
	f = open_ok(t, "/ktest_trunc", O_RDWR | O_TRUNC);
	KEXPECT_EQ(t, file_size(f), 0);
	KEXPECT_EQ(t, f->inode->mapping.nr_pages, 0);
	/* A write far out leaves a hole that reads as zeros, with no page. */
	KEXPECT_EQ(t, kernel_write(f, "xyz", 3, 2 * PAGE_SIZE + 10), 3);
	KEXPECT_EQ(t, file_size(f), 2 * PAGE_SIZE + 13);
	KEXPECT_EQ(t, f->inode->mapping.nr_pages, 1);
	memset(buf, 0xee, 2 * PAGE_SIZE + 13);
	KEXPECT_EQ(t, kernel_read(f, buf, 3 * PAGE_SIZE, 0), 2 * PAGE_SIZE + 13);
	KEXPECT_EQ(t, buf[0] | buf[PAGE_SIZE] | buf[2 * PAGE_SIZE + 9], 0);
	KEXPECT_MEMEQ(t, buf + 2 * PAGE_SIZE + 10, "xyz", 3);
	/* lseek as Linux's. */
	KEXPECT_EQ(t, vfs_lseek(f, -3, SEEK_END), 2 * PAGE_SIZE + 10);
	KEXPECT_EQ(t, vfs_lseek(f, 5, SEEK_CUR), 2 * PAGE_SIZE + 15);
	KEXPECT_EQ(t, vfs_lseek(f, -1, SEEK_SET), -EINVAL);
	KEXPECT_EQ(t, vfs_lseek(f, 0, 3), -EINVAL);
	fput(f);
	KEXPECT_EQ(t, vfs_unlink("/ktest_trunc"), 0);
	KEXPECT_EQ(t, zone_counts_changed(&before), 0);
}

/* Read every record of directory @path into "name/type " words. */
static long list_dir(struct ktest *t, const char *path, char *out, u32 size,
		     u32 bufsize)
{
	struct file *d = open_ok(t, path, O_RDONLY | O_DIRECTORY);
	long n, total = 0;

	out[0] = '\0';
	for (;;) {
		struct fs_iter it = fs_iter_kernel(buf);

		n = vfs_getdents(d, &it, bufsize);
		if (n <= 0)
			break;
		total += n;
		for (long off = 0; off < n;) {
			struct linux_dirent64 *e = (void *)(buf + off);
			u32 len = strlen(out);

			snprintf(out + len, size - len, "%s/%u ", e->d_name, e->d_type);
			KEXPECT_EQ(t, e->d_reclen % 8, 0);
			off += e->d_reclen;
		}
	}
	fput(d);
	return n < 0 ? n : total;
}

static void directories_and_getdents(struct ktest *t)
{
	char names[160];
	struct stat64 st;
	u64 root_ino;
	struct file *f;

	KASSERT_EQ(t, vfs_mkdir("/ktest_dir", 0755), 0);
	KEXPECT_EQ(t, vfs_mkdir("/ktest_dir/sub/", 0700), 0);
	f = open_ok(t, "/ktest_dir/a", O_WRONLY | O_CREAT);
	KEXPECT_EQ(t, kernel_write(f, "12345", 5, 0), 5);
	fput(f);
	fput(open_ok(t, "//ktest_dir/./sub/../b", O_WRONLY | O_CREAT));
	KEXPECT_GT(t, list_dir(t, "/ktest_dir", names, sizeof(names), sizeof(buf)), 0);
	KEXPECT_STREQ(t, names, "./4 ../4 sub/4 a/8 b/8 ");
	/* A buffer of one record at a time gives the same list. */
	KEXPECT_GT(t, list_dir(t, "/ktest_dir/", names, sizeof(names), 32), 0);
	KEXPECT_STREQ(t, names, "./4 ../4 sub/4 a/8 b/8 ");
	KEXPECT_EQ(t, list_dir(t, "/ktest_dir", names, sizeof(names), 16), -EINVAL);
	KEXPECT_EQ(t, vfs_stat("/ktest_dir", &st), 0);
	KEXPECT_EQ(t, st.st_mode, S_IFDIR | 0755);
	KEXPECT_EQ(t, st.st_nlink, 3);		/* ., its name, sub's .. */
	KEXPECT_EQ(t, vfs_stat("/ktest_dir/sub", &st), 0);
	KEXPECT_EQ(t, st.st_mode, S_IFDIR | 0700);
	KEXPECT_EQ(t, vfs_mkdir("/ktest_dir/um", 0777), 0);	/* the umask */
	KEXPECT_EQ(t, vfs_stat("/ktest_dir/um", &st), 0);
	KEXPECT_EQ(t, st.st_mode, S_IFDIR | 0755);
	KEXPECT_EQ(t, vfs_rmdir("/ktest_dir/um"), 0);
	KEXPECT_EQ(t, vfs_stat("/ktest_dir/a", &st), 0);
	KEXPECT_EQ(t, st.st_mode, S_IFREG | 0644);
	KEXPECT_EQ(t, st.st_size, 5);
	KEXPECT_EQ(t, st.st_blocks, 8);
	/* Dots and slashes: "/.." is "/", "//x/./y/.." is "/x". */
	KEXPECT_EQ(t, vfs_stat("/", &st), 0);
	root_ino = st.st_ino;
	KEXPECT_EQ(t, vfs_stat("/../..//.", &st), 0);
	KEXPECT_EQ(t, st.st_ino, root_ino);
	KEXPECT_EQ(t, vfs_stat("//ktest_dir/./sub/..", &st), 0);
	KEXPECT_TRUE(t, S_ISDIR(st.st_mode) && st.st_nlink == 3);
	KEXPECT_EQ(t, vfs_stat("/ktest_dir/a/..", &st), -ENOTDIR);
	KEXPECT_EQ(t, vfs_unlink("/ktest_dir/a"), 0);
	KEXPECT_EQ(t, vfs_unlink("/ktest_dir/b"), 0);
	KEXPECT_EQ(t, vfs_unlink("/ktest_dir/sub"), -EISDIR);
	KEXPECT_EQ(t, vfs_rmdir("/ktest_dir/sub/."), -EINVAL);
	KEXPECT_EQ(t, vfs_rmdir("/"), -EBUSY);
	KEXPECT_EQ(t, vfs_rmdir("/ktest_dir"), -ENOTEMPTY);
	KEXPECT_EQ(t, vfs_rmdir("/ktest_dir/sub"), 0);
	KEXPECT_EQ(t, vfs_rmdir("/ktest_dir"), 0);
}

static void rename_moves_and_replaces(struct ktest *t)
{
	struct zone_counts before;
	struct file *f;
	u8 four[4];

	zone_counts_take(&before);
	KASSERT_EQ(t, vfs_mkdir("/ktest_ren", 0755), 0);
	KASSERT_EQ(t, vfs_mkdir("/ktest_ren/d", 0755), 0);
	KASSERT_EQ(t, vfs_mkdir("/ktest_ren/full", 0755), 0);
	fput(open_ok(t, "/ktest_ren/full/x", O_WRONLY | O_CREAT));
	f = open_ok(t, "/ktest_ren/one", O_WRONLY | O_CREAT);
	KEXPECT_EQ(t, kernel_write(f, "one!", 4, 0), 4);
	fput(f);
	f = open_ok(t, "/ktest_ren/two", O_WRONLY | O_CREAT);
	write_pattern(t, f, 11, 2 * PAGE_SIZE);
	fput(f);
	/* Across directories, then over an existing file: its pages go. */
	KEXPECT_EQ(t, vfs_rename("/ktest_ren/one", "/ktest_ren/d/uno"), 0);
	KEXPECT_EQ(t, PTR_ERR(filp_open("/ktest_ren/one", O_RDONLY, 0)), -ENOENT);
	KEXPECT_EQ(t, vfs_rename("/ktest_ren/d/uno", "/ktest_ren/two"), 0);
	f = open_ok(t, "/ktest_ren/two", O_RDONLY);
	KEXPECT_EQ(t, file_size(f), 4);
	KEXPECT_EQ(t, kernel_read(f, four, 4, 0), 4);
	KEXPECT_MEMEQ(t, four, "one!", 4);
	fput(f);
	/* Linux's errors. */
	KEXPECT_EQ(t, vfs_rename("/ktest_ren", "/ktest_ren/d/in"), -EINVAL);
	KEXPECT_EQ(t, vfs_rename("/ktest_ren/two", "/ktest_ren/d"), -EISDIR);
	KEXPECT_EQ(t, vfs_rename("/ktest_ren/d", "/ktest_ren/two"), -ENOTDIR);
	KEXPECT_EQ(t, vfs_rename("/ktest_ren/d", "/ktest_ren/full"), -ENOTEMPTY);
	KEXPECT_EQ(t, vfs_rename("/ktest_ren/none", "/ktest_ren/x"), -ENOENT);
	KEXPECT_EQ(t, vfs_rename("/ktest_ren/two", "/ktest_ren/three/"), -ENOTDIR);
	KEXPECT_EQ(t, vfs_rename("/ktest_ren/two", "/ktest_ren/two"), 0);
	/* A directory over an empty one. */
	KEXPECT_EQ(t, vfs_rename("/ktest_ren/full", "/ktest_ren/d"), 0);
	fput(open_ok(t, "/ktest_ren/d/x", O_RDONLY));
	KEXPECT_EQ(t, vfs_unlink("/ktest_ren/d/x"), 0);
	KEXPECT_EQ(t, vfs_unlink("/ktest_ren/two"), 0);
	KEXPECT_EQ(t, vfs_rmdir("/ktest_ren/d"), 0);
	KEXPECT_EQ(t, vfs_rmdir("/ktest_ren"), 0);
	KEXPECT_EQ(t, zone_counts_changed(&before), 0);
}

static void open_errors_as_linux(struct ktest *t)
{
	char longname[NAME_MAX + 3];
	struct file *f;

	memset(longname, 'n', sizeof(longname) - 1);
	longname[0] = '/';
	longname[sizeof(longname) - 1] = '\0';
	f = open_ok(t, "/ktest_err", O_WRONLY | O_CREAT);
	KEXPECT_EQ(t, kernel_read(f, buf, 1, 0), -EBADF);
	fput(f);
	f = open_ok(t, "/ktest_err", O_RDONLY);
	KEXPECT_EQ(t, kernel_write(f, "x", 1, 0), -EBADF);
	fput(f);
	KEXPECT_EQ(t, PTR_ERR(filp_open("/ktest_none", O_RDONLY, 0)), -ENOENT);
	KEXPECT_EQ(t, PTR_ERR(filp_open("/ktest_none/x", O_RDONLY | O_CREAT, 0)), -ENOENT);
	KEXPECT_EQ(t, PTR_ERR(filp_open("/ktest_err", O_RDONLY | O_CREAT | O_EXCL, 0)), -EEXIST);
	KEXPECT_EQ(t, PTR_ERR(filp_open("/", O_WRONLY, 0)), -EISDIR);
	KEXPECT_EQ(t, PTR_ERR(filp_open("/ktest_err", O_RDONLY | O_DIRECTORY, 0)), -ENOTDIR);
	KEXPECT_EQ(t, PTR_ERR(filp_open("/ktest_err/", O_RDONLY, 0)), -ENOTDIR);
	KEXPECT_EQ(t, PTR_ERR(filp_open("/ktest_err/x", O_RDONLY, 0)), -ENOTDIR);
	KEXPECT_EQ(t, PTR_ERR(filp_open(longname, O_RDONLY, 0)), -ENAMETOOLONG);
	KEXPECT_EQ(t, PTR_ERR(filp_open("", O_RDONLY, 0)), -ENOENT);
	KEXPECT_EQ(t, vfs_mkdir("/ktest_err", 0755), -EEXIST);
	KEXPECT_EQ(t, vfs_mkdir("/", 0755), -EEXIST);
	KEXPECT_EQ(t, vfs_unlink("/ktest_none"), -ENOENT);
	KEXPECT_EQ(t, vfs_unlink("/"), -EISDIR);
	KEXPECT_EQ(t, vfs_unlink("/ktest_err"), 0);
}

static void many_files_give_every_page_back(struct ktest *t)
{
	struct zone_counts before;
	char name[32];

	zone_counts_take(&before);
	KASSERT_EQ(t, vfs_mkdir("/ktest_many", 0755), 0);
	for (u32 i = 0; i < 100; i++) {
		struct file *f;

		snprintf(name, sizeof(name), "/ktest_many/f%u", i);
		f = open_ok(t, name, O_WRONLY | O_CREAT);
		KEXPECT_EQ(t, kernel_write(f, name, 8, i * 100), 8);
		fput(f);
	}
	KEXPECT_GT(t, zone_counts_changed(&before), 0);
	for (u32 i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "/ktest_many/f%u", i);
		KEXPECT_EQ(t, vfs_unlink(name), 0);
	}
	KEXPECT_EQ(t, vfs_rmdir("/ktest_many"), 0);
	KEXPECT_EQ(t, zone_counts_changed(&before), 0);
}

static struct ktest_case ramfs_cases[] = {
	KTEST_CASE(file_spans_highmem_pages),
	KTEST_CASE(unlink_gives_pages_back),
	KTEST_CASE(unlinked_file_lives_until_last_close),
	KTEST_CASE(truncate_and_holes),
	KTEST_CASE(directories_and_getdents),
	KTEST_CASE(rename_moves_and_replaces),
	KTEST_CASE(open_errors_as_linux),
	KTEST_CASE(many_files_give_every_page_back),
	{}
};
KTEST_SUITE(ramfs, ramfs_cases);
