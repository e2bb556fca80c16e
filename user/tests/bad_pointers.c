// SPDX-License-Identifier: MIT
/*
 * A bad user pointer given to a system call gets -EFAULT and nothing dies:
 * NULL, addresses in the kernel's GiB, an unmapped page, and (for the
 * kernel's writes) a read-only page, handed to write, read, open, stat64,
 * fstat64, pipe and getdents64. The process checks afterwards that its
 * descriptors and memory still work.
 */
#include <errno.h>
#include <ktap.h>
#include <pattern.h>
#include <string.h>
#include <unistd.h>

#define SELF	"/tests/bad_pointers"

static void *bad[3];			/* NULL, kernel, kernel's top page */
static uint8_t *unmapped, *read_only;

/* Expect @ret (a wrapper's -1) with errno EFAULT, naming @what. */
static void expect_efault(long ret, const char *what, const void *ptr)
{
	if (ret != -1 || errno != EFAULT)
		ktap_fail(__FILE__, __LINE__, "%s(%p): %ld, errno %s, not EFAULT",
			  what, ptr, ret, ret == -1 ? strerror(errno) : "-");
}

int main(void)
{
	uint8_t buf[64], *m;
	struct stat64 st;
	int fds[2], fd;

	bad[0] = NULL;
	bad[1] = (void *)0xc0100000;
	bad[2] = (void *)0xfffff000;
	ktap_begin("bad_pointers", 8);
	m = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(m != MAP_FAILED) || !EXPECT_EQ(pipe(fds), 0))
		return 1;
	unmapped = m;
	read_only = m + PAGE_SIZE;
	EXPECT_EQ(munmap(unmapped, PAGE_SIZE), 0);
	EXPECT_EQ(mprotect(read_only, PAGE_SIZE, PROT_READ), 0);
	ktap_case("setup");

	for (int i = 0; i < 3; i++)
		expect_efault(write(fds[1], bad[i], 16), "write", bad[i]);
	expect_efault(write(fds[1], unmapped, 16), "write", unmapped);
	ktap_case("write_from_bad_buffer");

	fd = open(SELF, O_RDONLY);
	if (EXPECT(fd >= 0)) {
		for (int i = 0; i < 3; i++)
			expect_efault(read(fd, bad[i], 16), "read", bad[i]);
		expect_efault(read(fd, unmapped, 16), "read", unmapped);
		expect_efault(read(fd, read_only, 16), "read", read_only);
		/* The file position did not move: the ELF magic comes next. */
		EXPECT_EQ(read(fd, buf, 4), 4);
		EXPECT(!memcmp(buf, "\177ELF", 4));
		close(fd);
	}
	ktap_case("read_into_bad_buffer");

	for (int i = 0; i < 3; i++)
		expect_efault(open(bad[i], O_RDONLY), "open", bad[i]);
	expect_efault(open((char *)unmapped, O_RDONLY), "open", unmapped);
	ktap_case("open_bad_path");

	for (int i = 0; i < 3; i++) {
		expect_efault(stat(bad[i], &st), "stat path", bad[i]);
		expect_efault(stat(SELF, bad[i]), "stat buffer", bad[i]);
		expect_efault(fstat(fds[0], bad[i]), "fstat buffer", bad[i]);
	}
	expect_efault(stat(SELF, (void *)read_only), "stat buffer", read_only);
	ktap_case("stat_bad_pointers");

	for (int i = 0; i < 3; i++)
		expect_efault(pipe(bad[i]), "pipe", bad[i]);
	expect_efault(pipe((int *)read_only), "pipe", read_only);
	ktap_case("pipe_bad_array");

	fd = open("/tests", O_RDONLY | O_DIRECTORY);
	if (EXPECT(fd >= 0)) {
		for (int i = 0; i < 3; i++)
			expect_efault(getdents64(fd, bad[i], 1024),
				      "getdents64", bad[i]);
		expect_efault(getdents64(fd, unmapped, 1024), "getdents64",
			      unmapped);
		close(fd);
	}
	ktap_case("getdents64_bad_buffer");

	/* The descriptors and the memory still work. */
	pattern_fill(buf, sizeof(buf), 7);
	EXPECT_EQ(write(fds[1], buf, sizeof(buf)), sizeof(buf));
	memset(buf, 0, sizeof(buf));
	EXPECT_EQ(read(fds[0], buf, sizeof(buf)), sizeof(buf));
	EXPECT_PATTERN(buf, sizeof(buf), 7);
	EXPECT_ZEROS(read_only, PAGE_SIZE);
	ktap_case("nothing_died");
	return ktap_end();
}
