// SPDX-License-Identifier: MIT
/*
 * The initramfs unpacker: a newc archive built in memory becomes
 * directories and files whose bytes read back exactly (from HighMem page
 * cache pages when HighMem has room); a damaged archive is refused with
 * the offset and the cause, and what came before the damage stays; the
 * boot modules that were archives were unpacked and their page frames
 * given back to the page allocator.
 */
#include <boot/bootinfo.h>
#include <fs/cpio.h>
#include <fs/file.h>
#include <fs/initramfs.h>
#include "fs/file_internal.h"
#include "fs/initramfs_internal.h"
#include "fs/vfs.h"
#include <mm/page_ref.h>
#include <kernel/ktest.h>
#include <lib/err.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <uapi/hm386/stat.h>
#include "tests/kernel/fs_test_util.h"

#define BIG_BYTES	(3 * PAGE_SIZE + 777)
#define BIG_SEED	0xcb10

static u8 archive[BIG_BYTES + 2048];
static u8 big[BIG_BYTES], back[BIG_BYTES];

/* A small tree: /ktest_ird/, /ktest_ird/bin/, a big file, a small one,
 * a symlink (skipped: no symlinks here). */
static u32 build_archive(void)
{
	u32 n = 0;

	pattern_fill(big, BIG_SEED, 0, BIG_BYTES);
	n = cpio_put(archive, n, "./ktest_ird", S_IFDIR | 0755, "", 0);
	n = cpio_put(archive, n, "ktest_ird/bin", S_IFDIR | 0700, "", 0);
	n = cpio_put(archive, n, "ktest_ird/bin/big", S_IFREG | 0755, big, BIG_BYTES);
	n = cpio_put(archive, n, "/ktest_ird/hello", S_IFREG | 0644, "hello\n", 6);
	n = cpio_put(archive, n, "ktest_ird/link", S_IFLNK | 0777, "hello", 5);
	return cpio_put_trailer(archive, n);
}

static void remove_tree(struct ktest *t)
{
	vfs_unlink("/ktest_ird/bin/big");
	vfs_unlink("/ktest_ird/hello");
	vfs_rmdir("/ktest_ird/bin");
	vfs_rmdir("/ktest_ird");
}

static void unpacks_files_and_directories(struct ktest *t)
{
	struct initramfs_stats st = {};
	struct zone_counts before;
	char err[CPIO_ERROR_MAX];
	u32 len = build_archive();
	struct stat64 s;
	struct file *f;

	zone_counts_take(&before);
	KASSERT_EQ(t, initramfs_unpack(archive, len, &st, err, sizeof(err)), 0);
	KEXPECT_EQ(t, st.dirs, 2);
	KEXPECT_EQ(t, st.files, 2);
	KEXPECT_EQ(t, st.skipped, 1);
	KEXPECT_EQ(t, st.bytes, BIG_BYTES + 6);
	KEXPECT_EQ(t, vfs_stat("/ktest_ird/bin", &s), 0);
	KEXPECT_EQ(t, s.st_mode, S_IFDIR | 0700);
	KEXPECT_EQ(t, vfs_stat("/ktest_ird/link", &s), -ENOENT);
	f = filp_open("/ktest_ird/bin/big", O_RDONLY, 0);
	KASSERT_FALSE(t, IS_ERR(f));
	KEXPECT_EQ(t, file_size(f), BIG_BYTES);
	KEXPECT_TRUE(t, file_is_regular(f));
	KEXPECT_EQ(t, f->inode->mode, S_IFREG | 0755);
	if (zone_free_pages(&zones[ZONE_HIGHMEM]) > 16) {
		struct page *page = find_get_page(&f->inode->mapping, 0);

		KASSERT_NOT_NULL(t, page);
		KEXPECT_TRUE(t, PageHighMem(page));
		put_page(page);
	}
	memset(back, 0, sizeof(back));
	KEXPECT_EQ(t, kernel_read(f, back, sizeof(back), 0), BIG_BYTES);
	KEXPECT_EQ(t, pattern_check(back, BIG_SEED, 0, BIG_BYTES), -1);
	fput(f);
	/* Unpacking again replaces the files, keeps the directories. */
	KASSERT_EQ(t, initramfs_unpack(archive, len, &st, err, sizeof(err)), 0);
	KEXPECT_EQ(t, st.files, 4);
	remove_tree(t);
	KEXPECT_EQ(t, zone_counts_changed(&before), 0);
}

static void corrupt_archive_refused_with_its_reason(struct ktest *t)
{
	struct initramfs_stats st = {};
	struct zone_counts before;
	char err[CPIO_ERROR_MAX];
	u32 len = build_archive();
	/* The header of "ktest_ird/hello": after three entries. */
	u32 hello = 0;
	struct stat64 s;
	char want[64];

	zone_counts_take(&before);
	hello = cpio_put(archive, 0, "./ktest_ird", S_IFDIR | 0755, "", 0);
	hello = cpio_put(archive, hello, "ktest_ird/bin", S_IFDIR | 0700, "", 0);
	hello = cpio_put(archive, hello, "ktest_ird/bin/big", S_IFREG | 0755, big, BIG_BYTES);
	archive[hello + 2] = 'x';		/* "07x701" */
	KEXPECT_EQ(t, initramfs_unpack(archive, len, &st, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "offset %u: bad magic \"07x701\"", hello);
	KEXPECT_NOT_NULL(t, strstr(err, want));
	/* What came before stays. */
	KEXPECT_EQ(t, st.files, 1);
	KEXPECT_EQ(t, vfs_stat("/ktest_ird/bin/big", &s), 0);
	KEXPECT_EQ(t, s.st_size, BIG_BYTES);
	KEXPECT_EQ(t, vfs_stat("/ktest_ird/hello", &s), -ENOENT);
	/* Cut inside the big file's data: the file keeps what arrived. */
	build_archive();
	KEXPECT_EQ(t, initramfs_unpack(archive, hello - 1000, &st, err, sizeof(err)), -1);
	KEXPECT_NOT_NULL(t, strstr(err, "truncated inside the data of \"ktest_ird/bin/big\""));
	KEXPECT_EQ(t, vfs_stat("/ktest_ird/bin/big", &s), 0);
	KEXPECT_LT(t, s.st_size, BIG_BYTES);
	remove_tree(t);
	KEXPECT_EQ(t, zone_counts_changed(&before), 0);
}

static void missing_parent_names_the_entry(struct ktest *t)
{
	struct initramfs_stats st = {};
	char err[CPIO_ERROR_MAX];
	u32 n = cpio_put(archive, 0, "ktest_nodir/f", S_IFREG | 0644, "x", 1);

	n = cpio_put_trailer(archive, n);
	KEXPECT_EQ(t, initramfs_unpack(archive, n, &st, err, sizeof(err)), -1);
	KEXPECT_STREQ(t, err, "offset 0: creating of \"ktest_nodir/f\" failed: error 2");
}

/* The boot modules that were archives: unpacked, their frames free now. */
static void boot_archives_were_unpacked_and_freed(struct ktest *t)
{
	if (!initramfs_stats.archives)
		ktest_skip(t, "no cpio archive among the boot modules");
	KEXPECT_EQ(t, initramfs_stats.corrupt, 0);
	KEXPECT_GT(t, initramfs_stats.files, 0);
	KEXPECT_GT(t, initramfs_stats.pages_freed, 0);
	for (u32 i = 0; i < boot_info.nr_modules; i++) {
		const struct boot_module *m = &boot_info.modules[i];
		u32 first = ALIGN_UP(m->start, PAGE_SIZE) >> PAGE_SHIFT;
		u32 end = ALIGN_DOWN(m->end, PAGE_SIZE) >> PAGE_SHIFT;
		u32 reserved = 0;

		/* The page frames wholly inside an unpacked module are no
		 * longer reserved: the page allocator has them. */
		if (!(initramfs_stats.modules & (1U << i)))
			continue;
		for (u32 pfn = first; pfn < end; pfn++)
			reserved += PageReserved(pfn_to_page(pfn));
		KEXPECT_EQ(t, reserved, 0);
		KEXPECT_LT(t, first, end);
	}
}

static struct ktest_case initramfs_cases[] = {
	KTEST_CASE(unpacks_files_and_directories),
	KTEST_CASE(corrupt_archive_refused_with_its_reason),
	KTEST_CASE(missing_parent_names_the_entry),
	KTEST_CASE(boot_archives_were_unpacked_and_freed),
	{}
};
/* The root directory exists before the first count of free pages (it is
 * made at the first lookup, by initramfs_init() in a normal boot). */
static int make_root(void)
{
	struct stat64 s;

	return vfs_stat("/", &s);
}
KTEST_SUITE_FULL(initramfs, initramfs_cases, make_root, NULL, NULL);
