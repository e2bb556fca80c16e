// SPDX-License-Identifier: MIT
/*
 * Pipes through kernel buffers: bytes in order across the ring's wrap,
 * end of file once the writers are gone, -EPIPE once the readers are, a
 * reader that blocks until a writer thread writes, and every page back
 * when both ends are closed.
 */
#include <fs/file.h>
#include "fs/file_internal.h"
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <lib/string.h>
#include <uapi/hm386/stat.h>
#include "tests/kernel/fs_test_util.h"

static u8 in[3000], out[3000];

static long pipe_rw(struct file *f, void *buf, u32 n, bool write)
{
	struct fs_iter it = fs_iter_kernel(buf);

	return write ? vfs_write(f, &it, n, &f->pos) : vfs_read(f, &it, n, &f->pos);
}

static void bytes_in_order_across_the_wrap(struct ktest *t)
{
	struct zone_counts before;
	struct file *ends[2];
	struct stat64 st;

	zone_counts_take(&before);
	KASSERT_EQ(t, vfs_pipe(ends), 0);
	for (u32 round = 0; round < 3; round++) {	/* 9000 bytes: wraps twice */
		pattern_fill(in, round, round * sizeof(in), sizeof(in));
		KEXPECT_EQ(t, pipe_rw(ends[1], in, sizeof(in), true), sizeof(in));
		memset(out, 0, sizeof(out));
		KEXPECT_EQ(t, pipe_rw(ends[0], out, 1000, false), 1000);
		KEXPECT_EQ(t, pipe_rw(ends[0], out + 1000, sizeof(out), false), 2000);
		KEXPECT_EQ(t, pattern_check(out, round, round * sizeof(out), sizeof(out)), -1);
	}
	/* Each end only one way; no positions. */
	KEXPECT_EQ(t, pipe_rw(ends[0], in, 1, true), -EBADF);
	KEXPECT_EQ(t, pipe_rw(ends[1], out, 1, false), -EBADF);
	KEXPECT_EQ(t, vfs_lseek(ends[0], 0, SEEK_SET), -ESPIPE);
	KEXPECT_EQ(t, kernel_read(ends[0], out, 1, 0), -EINVAL);
	vfs_fstat(ends[0], &st);
	KEXPECT_TRUE(t, S_ISFIFO(st.st_mode));
	fput(ends[0]);
	fput(ends[1]);
	KEXPECT_EQ(t, zone_counts_changed(&before), 0);
}

static void eof_when_the_writers_are_gone(struct ktest *t)
{
	struct file *ends[2];

	KASSERT_EQ(t, vfs_pipe(ends), 0);
	KEXPECT_EQ(t, pipe_rw(ends[1], "abc", 3, true), 3);
	fput(ends[1]);
	KEXPECT_EQ(t, pipe_rw(ends[0], out, sizeof(out), false), 3);
	KEXPECT_MEMEQ(t, out, "abc", 3);
	KEXPECT_EQ(t, pipe_rw(ends[0], out, sizeof(out), false), 0);
	fput(ends[0]);
}

static void epipe_without_readers(struct ktest *t)
{
	struct file *ends[2];

	KASSERT_EQ(t, vfs_pipe(ends), 0);
	fput(ends[0]);
	KEXPECT_EQ(t, pipe_rw(ends[1], "abc", 3, true), -EPIPE);
	fput(ends[1]);
}

static int late_writer(void *arg)
{
	struct file *w = arg;

	msleep(30);
	return pipe_rw(w, "late", 4, true) == 4 ? 0 : 1;
}

static void read_blocks_until_a_write(struct ktest *t)
{
	struct file *ends[2];
	struct task *writer;
	u64 start = jiffies_now();

	KASSERT_EQ(t, vfs_pipe(ends), 0);
	writer = kthread_run(late_writer, ends[1], -1, "pipe-writer");
	KASSERT_NOT_NULL(t, writer);
	KEXPECT_EQ(t, pipe_rw(ends[0], out, sizeof(out), false), 4);
	KEXPECT_MEMEQ(t, out, "late", 4);
	KEXPECT_GE(t, jiffies_now() - start, 2);	/* it slept for the writer */
	KEXPECT_EQ(t, kthread_join(writer), 0);
	fput(ends[0]);
	fput(ends[1]);
}

static int draining_reader(void *arg)
{
	struct file *r = arg;
	u32 got = 0;
	long n;

	msleep(30);
	while ((n = pipe_rw(r, out, sizeof(out), false)) > 0)
		got += n;
	return got;
}

/* 10000 bytes into a 4096-byte pipe: the writer sleeps twice at least. */
static void full_pipe_blocks_until_read(struct ktest *t)
{
	static u8 big[10000];
	struct file *ends[2];
	struct task *reader;

	KASSERT_EQ(t, vfs_pipe(ends), 0);
	reader = kthread_run(draining_reader, ends[0], -1, "pipe-reader");
	KASSERT_NOT_NULL(t, reader);
	KEXPECT_EQ(t, pipe_rw(ends[1], big, sizeof(big), true), sizeof(big));
	fput(ends[1]);			/* EOF: the reader returns its count */
	KEXPECT_EQ(t, kthread_join(reader), sizeof(big));
	fput(ends[0]);
}

static struct ktest_case pipe_cases[] = {
	KTEST_CASE(bytes_in_order_across_the_wrap),
	KTEST_CASE(eof_when_the_writers_are_gone),
	KTEST_CASE(epipe_without_readers),
	KTEST_CASE(read_blocks_until_a_write),
	KTEST_CASE(full_pipe_blocks_until_read),
	{}
};
KTEST_SUITE(pipe, pipe_cases);
