// SPDX-License-Identifier: MIT
/*
 * The kernel's own copies fault user pages in: write() from an mmap buffer
 * never touched (the kernel reads demand-zero pages), read() into one (the
 * kernel writes them), to and from files and pipes, a buffer spanning a
 * page boundary, and read() into a page shared copy-on-write after a fork
 * (the child gets the file's bytes, the parent keeps its own). On hm386
 * these drive write()'s fault-in-and-retry path and read()'s faulting copy.
 */
#include <child.h>
#include <ktap.h>
#include <pattern.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PAGES	3
#define LEN	(PAGES * PAGE_SIZE)

static char path[32];

static uint8_t *fresh(void)
{
	uint8_t *m = mmap(NULL, LEN, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return m == MAP_FAILED ? NULL : m;
}

static uint8_t *cow_buffer;
static int cow_fd;

static int read_into_cow(void *unused)
{
	EXPECT_EQ(lseek(cow_fd, 0, SEEK_SET), 0);
	EXPECT_EQ(read(cow_fd, cow_buffer, LEN), LEN);
	EXPECT_PATTERN(cow_buffer, LEN, 1);
	return ktap_case_status();
}

int main(void)
{
	uint8_t *m, pattern[LEN];
	int fd, fds[2];

	snprintf(path, sizeof(path), "/rwfaults.%d", getpid());
	ktap_begin("read_write_faults", 5);

	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	m = fresh();
	if (EXPECT(fd >= 0) && EXPECT(m)) {
		EXPECT_EQ(write(fd, m, LEN), LEN);
		memset(pattern, 0xff, LEN);
		EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
		EXPECT_EQ(read(fd, pattern, LEN), LEN);
		EXPECT_ZEROS(pattern, LEN);
	}
	ktap_case("write_from_untouched_mmap");

	m = fresh();
	if (EXPECT(m)) {
		pattern_fill(pattern, LEN, 1);
		EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
		EXPECT_EQ(write(fd, pattern, LEN), LEN);
		EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
		EXPECT_EQ(read(fd, m, LEN), LEN);
		EXPECT_PATTERN(m, LEN, 1);
	}
	ktap_case("read_into_untouched_mmap");

	m = fresh();
	if (EXPECT(m) && EXPECT_EQ(pipe(fds), 0)) {
		/* 300 bytes across the boundary of two untouched pages. */
		EXPECT_EQ(write(fds[1], m + PAGE_SIZE - 100, 300), 300);
		memset(pattern, 0xff, 300);
		EXPECT_EQ(read(fds[0], pattern, 300), 300);
		EXPECT_ZEROS(pattern, 300);
		pattern_fill(pattern, 300, 2);
		EXPECT_EQ(write(fds[1], pattern, 300), 300);
		EXPECT_EQ(read(fds[0], m + 2 * PAGE_SIZE - 150, 300), 300);
		EXPECT_PATTERN(m + 2 * PAGE_SIZE - 150, 300, 2);
		EXPECT_ZEROS(m + 2 * PAGE_SIZE + 150, PAGE_SIZE - 150);
		close(fds[0]);
		close(fds[1]);
	}
	ktap_case("pipe_across_untouched_pages");

	cow_buffer = fresh();
	cow_fd = fd;
	if (EXPECT(cow_buffer)) {
		pattern_fill(cow_buffer, LEN, 3);	/* present, then shared */
		EXPECT_EQ(run_child(read_into_cow, NULL), 0);
		EXPECT_PATTERN(cow_buffer, LEN, 3);
	}
	ktap_case("read_into_cow_page");

	close(fd);
	EXPECT_EQ(unlink(path), 0);
	fd = open(path, O_RDONLY);
	EXPECT_EQ(fd, -1);
	ktap_case("cleanup");
	return ktap_end();
}
