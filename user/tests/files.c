// SPDX-License-Identifier: MIT
/*
 * Files and directories as Linux has them: mkdir, a file written across
 * several pages and read back in uneven pieces, lseek with each whence and
 * a hole that reads zero, O_TRUNC and O_APPEND, getdents64 with a buffer
 * that holds only a record or two, stat64/lstat64/fstat64, rename into a
 * subdirectory, unlink, and the errors of each. Everything happens in a
 * directory of its own, /files.PID, removed at the end with rmdir.
 */
#include <errno.h>
#include <ktap.h>
#include <pattern.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SIZE	(3 * PAGE_SIZE + 100)	/* across four pages */
#define HOLE	5000

static char dir[32], path_a[48], path_b[48], path_d[48], path_dc[48];
static uint8_t buf[SIZE + HOLE + 16], back[SIZE + HOLE + 16];

/* Read @path whole into back[]: its length, or -1. */
static long read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	long len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, back + len, 777)) > 0 &&
	       len + n < (long)sizeof(back))
		len += n;
	close(fd);
	return n < 0 ? -1 : len;
}


/* Count the entries @name of directory @path in records of getdents64,
 * read with a small buffer; their type goes to *@type. */
static int count_entries(const char *path, const char *name, int *type)
{
	char small[64] __attribute__((aligned(8)));
	int fd = open(path, O_RDONLY | O_DIRECTORY), count = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = getdents64(fd, small, sizeof(small))) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(small + off);

			if (!strcmp(d->d_name, name)) {
				count++;
				*type = d->d_type;
			}
			off += d->d_reclen;
		}
	}
	close(fd);
	return n < 0 ? -1 : count;
}

int main(void)
{
	struct stat64 st;
	int fd, type = -1;

	snprintf(dir, sizeof(dir), "/files.%d", getpid());
	snprintf(path_a, sizeof(path_a), "%s/a", dir);
	snprintf(path_b, sizeof(path_b), "%s/b", dir);
	snprintf(path_d, sizeof(path_d), "%s/d", dir);
	snprintf(path_dc, sizeof(path_dc), "%s/d/c", dir);
	ktap_begin("files", 10);

	EXPECT_EQ(mkdir(dir, 0755), 0);
	EXPECT_ERRNO(mkdir(dir, 0755), EEXIST, "mkdir again");
	EXPECT_EQ(mkdir(path_d, 0755), 0);
	EXPECT_EQ(stat(dir, &st), 0);
	EXPECT(S_ISDIR(st.st_mode));
	ktap_case("mkdir");

	fd = open(path_a, O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (EXPECT(fd >= 0)) {
		pattern_fill(buf, SIZE, 1);
		EXPECT_EQ(write(fd, buf, 1000), 1000);
		EXPECT_EQ(write(fd, buf + 1000, SIZE - 1000), SIZE - 1000);
		EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
		memset(back, 0, sizeof(back));
		for (long done = 0, n; done < SIZE; done += n) {
			n = read(fd, back + done, 333);
			if (!EXPECT(n > 0))
				break;
		}
		EXPECT_PATTERN(back, SIZE, 1);
		EXPECT_EQ(read(fd, back, 10), 0);	/* at the end */
		EXPECT_EQ(fstat(fd, &st), 0);
		EXPECT_EQ(st.st_size, SIZE);
		EXPECT(S_ISREG(st.st_mode));
		close(fd);
	}
	ktap_case("write_then_read_across_pages");

	fd = open(path_a, O_RDWR);
	if (EXPECT(fd >= 0)) {
		EXPECT_EQ(lseek(fd, 0, SEEK_END), SIZE);
		EXPECT_EQ(lseek(fd, -100, SEEK_CUR), SIZE - 100);
		EXPECT_EQ(lseek(fd, PAGE_SIZE + 7, SEEK_SET), PAGE_SIZE + 7);
		EXPECT_EQ(read(fd, back, 10), 10);
		EXPECT(!memcmp(back, buf + PAGE_SIZE + 7, 10));
		EXPECT_ERRNO(lseek(fd, -1, SEEK_SET), EINVAL, "lseek to -1");
		/* A write past the end leaves a hole that reads zero. */
		EXPECT_EQ(lseek(fd, SIZE + HOLE, SEEK_SET), SIZE + HOLE);
		EXPECT_EQ(write(fd, "tail", 4), 4);
		close(fd);
		EXPECT_EQ(read_file(path_a), SIZE + HOLE + 4);
		EXPECT_PATTERN(back, SIZE, 1);
		EXPECT_ZEROS(back + SIZE, HOLE);
		EXPECT(!memcmp(back + SIZE + HOLE, "tail", 4));
	}
	ktap_case("lseek_and_hole");

	fd = open(path_a, O_WRONLY | O_TRUNC);
	if (EXPECT(fd >= 0)) {
		EXPECT_EQ(fstat(fd, &st), 0);
		EXPECT_EQ(st.st_size, 0);
		EXPECT_EQ(write(fd, "12345", 5), 5);
		close(fd);
	}
	fd = open(path_a, O_WRONLY | O_APPEND);
	if (EXPECT(fd >= 0)) {
		EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
		EXPECT_EQ(write(fd, "678", 3), 3);	/* still at the end */
		close(fd);
	}
	EXPECT_EQ(read_file(path_a), 8);
	EXPECT(!memcmp(back, "12345678", 8));
	ktap_case("trunc_and_append");

	fd = open(path_b, O_CREAT | O_WRONLY | O_EXCL, 0644);
	EXPECT(fd >= 0);
	close(fd);
	EXPECT_ERRNO(open(path_b, O_CREAT | O_WRONLY | O_EXCL, 0644), EEXIST,
		     "open O_EXCL again");
	EXPECT_ERRNO(open("/no-such-file", O_RDONLY), ENOENT, "open missing");
	fd = open(dir, O_RDONLY);
	if (EXPECT(fd >= 0)) {
		EXPECT_ERRNO(read(fd, back, 10), EISDIR, "read a directory");
		close(fd);
	}
	EXPECT_ERRNO(open(dir, O_WRONLY), EISDIR, "open a directory to write");
	ktap_case("open_errors");

	EXPECT_EQ(count_entries(dir, "a", &type), 1);
	EXPECT_EQ(type, DT_REG);
	EXPECT_EQ(count_entries(dir, "b", &type), 1);
	EXPECT_EQ(type, DT_REG);
	EXPECT_EQ(count_entries(dir, "d", &type), 1);
	EXPECT_EQ(type, DT_DIR);
	EXPECT_EQ(count_entries("/tests", "files", &type), 1);
	EXPECT_ERRNO(open(path_a, O_RDONLY | O_DIRECTORY), ENOTDIR,
		     "O_DIRECTORY on a file");
	ktap_case("getdents64_lists_each_once");

	EXPECT_EQ(stat(path_a, &st), 0);
	EXPECT_EQ(st.st_size, 8);
	EXPECT(S_ISREG(st.st_mode));
	EXPECT_EQ(lstat(path_d, &st), 0);
	EXPECT(S_ISDIR(st.st_mode));
	EXPECT_EQ(stat("/tests/files", &st), 0);
	EXPECT(st.st_size > 0 && S_ISREG(st.st_mode));
	EXPECT_ERRNO(stat("/no-such-file", &st), ENOENT, "stat missing");
	EXPECT_ERRNO(stat("/tests/files/x", &st), ENOTDIR, "stat under a file");
	ktap_case("stat64");

	EXPECT_EQ(rename(path_a, path_dc), 0);
	EXPECT_ERRNO(stat(path_a, &st), ENOENT, "stat the old name");
	EXPECT_EQ(read_file(path_dc), 8);
	EXPECT(!memcmp(back, "12345678", 8));
	EXPECT_EQ(rename(path_b, path_dc), 0);	/* replaces c */
	EXPECT_EQ(stat(path_dc, &st), 0);
	EXPECT_EQ(st.st_size, 0);
	EXPECT_ERRNO(rename("/no-such-file", path_a), ENOENT, "rename missing");
	ktap_case("rename");

	EXPECT_EQ(unlink(path_dc), 0);
	EXPECT_ERRNO(stat(path_dc, &st), ENOENT, "stat after unlink");
	EXPECT_ERRNO(unlink(path_dc), ENOENT, "unlink again");
	EXPECT_ERRNO(unlink(path_d), EISDIR, "unlink a directory");
	EXPECT_EQ(count_entries(path_d, "c", &type), 0);
	ktap_case("unlink");

	EXPECT_ERRNO(rmdir(dir), ENOTEMPTY, "rmdir a directory with one in it");
	EXPECT_ERRNO(rmdir(path_a), ENOENT, "rmdir a name that is gone");
	EXPECT_EQ(rmdir(path_d), 0);
	EXPECT_EQ(rmdir(dir), 0);
	EXPECT_ERRNO(stat(dir, &st), ENOENT, "stat after rmdir");
	ktap_case("rmdir");
	return ktap_end();
}
