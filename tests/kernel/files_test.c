// SPDX-License-Identifier: MIT
/*
 * Descriptor tables and the console file: PID 1's fds 0, 1 and 2 share one
 * open console file; fork's copy shares the files and counts references;
 * what is written to the console file reaches the consoles as it is;
 * releasing the tables closes everything and gives the pages back.
 */
#include <fs/file.h>
#include "fs/file_internal.h"
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <lib/err.h>
#include <lib/string.h>
#include <uapi/hm386/stat.h>
#include "tests/kernel/fs_test_util.h"

static void console_table_shares_one_file(struct ktest *t)
{
	struct zone_counts before;
	struct files_struct *files, *copy;
	struct file *console;
	struct stat64 st;

	zone_counts_take(&before);
	files = files_alloc_console();
	KASSERT_NOT_NULL(t, files);
	console = fd_get(files, 0);
	KASSERT_NOT_NULL(t, console);
	KEXPECT_TRUE(t, fd_get(files, 1) == console);
	KEXPECT_TRUE(t, fd_get(files, 2) == console);
	KEXPECT_NULL(t, fd_get(files, 3));
	KEXPECT_NULL(t, fd_get(files, -1));
	KEXPECT_NULL(t, fd_get(files, FILES_MAX));
	KEXPECT_EQ(t, console->refs, 3);
	vfs_fstat(console, &st);
	KEXPECT_TRUE(t, S_ISCHR(st.st_mode));
	KEXPECT_FALSE(t, file_is_regular(console));
	copy = files_fork(files);
	KASSERT_NOT_NULL(t, copy);
	KEXPECT_TRUE(t, fd_get(copy, 2) == console);
	KEXPECT_EQ(t, console->refs, 6);
	KEXPECT_EQ(t, fd_close(copy, 1), 0);
	KEXPECT_EQ(t, fd_close(copy, 1), -EBADF);
	KEXPECT_EQ(t, console->refs, 5);
	files_release(copy);
	KEXPECT_EQ(t, console->refs, 3);
	files_release(files);
	KEXPECT_EQ(t, zone_counts_changed(&before), 0);
}

static void console_write_reaches_the_log(struct ktest *t)
{
	static const char msg[] = "# console file: bytes as they are 0123456789\n";
	static char tail[256];
	struct file *console = console_file_open();
	struct fs_iter it = fs_iter_kernel((void *)msg);
	u64 pos = 0;

	KASSERT_NOT_NULL(t, console);
	KEXPECT_EQ(t, vfs_write(console, &it, sizeof(msg) - 1, &pos), sizeof(msg) - 1);
	log_read_tail(tail, sizeof(tail));
	KEXPECT_NOT_NULL(t, strstr(tail, msg));
	KEXPECT_EQ(t, kernel_read(console, tail, 1, 0), -EINVAL);
	fput(console);
}

static void table_fills_at_files_max(struct ktest *t)
{
	struct files_struct *files = files_alloc_console(), *copy;
	struct file *f;

	KASSERT_NOT_NULL(t, files);
	f = filp_open("/ktest_fd", O_RDWR | O_CREAT, 0600);
	KASSERT_FALSE(t, IS_ERR(f));
	/* The lowest free descriptor each time, up to FILES_MAX - 1. */
	for (u32 fd = 3; fd < FILES_MAX; fd++)
		KEXPECT_EQ(t, fd_install(files, fget(f)), fd);
	KEXPECT_EQ(t, fd_install(files, f), -EMFILE);
	KEXPECT_EQ(t, fd_close(files, 10), 0);
	KEXPECT_EQ(t, fd_install(files, f), 10);
	KEXPECT_EQ(t, f->refs, FILES_MAX - 3);
	/* Close-on-exec: only the marked descriptors go, in the copy too. */
	files->cloexec = 1ULL << 10 | 1ULL << 20;
	copy = files_fork(files);
	KASSERT_NOT_NULL(t, copy);
	files_close_on_exec(copy);
	KEXPECT_NULL(t, fd_get(copy, 10));
	KEXPECT_NULL(t, fd_get(copy, 20));
	KEXPECT_NOT_NULL(t, fd_get(copy, 11));
	KEXPECT_EQ(t, copy->cloexec, 0);
	KEXPECT_TRUE(t, fd_get(files, 10) == f);
	files_release(copy);
	KEXPECT_EQ(t, f->refs, FILES_MAX - 3);
	files_release(files);
	KEXPECT_EQ(t, vfs_unlink("/ktest_fd"), 0);
}

static struct ktest_case files_cases[] = {
	KTEST_CASE(console_table_shares_one_file),
	KTEST_CASE(console_write_reaches_the_log),
	KTEST_CASE(table_fills_at_files_max),
	{}
};
KTEST_SUITE(files, files_cases);
