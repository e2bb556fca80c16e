// SPDX-License-Identifier: MIT
/*
 * truncate, ftruncate, fsync, fdatasync, sync, mount and umount2 as Linux
 * has them: a file cut inside a page and grown again reads zeros past the
 * cut, ftruncate through a descriptor, each call's errors (a negative
 * length, a directory, a missing name, a descriptor not open to write, a
 * pipe, a bad descriptor), and mount(2)'s and umount2(2)'s errors that
 * need no disk (an unknown type, a missing mount point, a directory that
 * is not a mount point). In /sync.PID, removed at the end.
 */
#include <errno.h>
#include <ktap.h>
#include <pattern.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SIZE	(2 * PAGE_SIZE + 300)
#define CUT	(PAGE_SIZE + 10)

static char dir[32], path[48];
static uint8_t buf[SIZE], back[SIZE];


static long file_size(const char *p)
{
	struct stat64 st;

	return stat(p, &st) ? -1 : (long)st.st_size;
}

int main(void)
{
	int fd, fds[2];

	snprintf(dir, sizeof(dir), "/sync.%d", getpid());
	snprintf(path, sizeof(path), "%s/f", dir);
	ktap_begin("sync_truncate", 5);
	EXPECT_EQ(mkdir(dir, 0755), 0);

	fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (EXPECT(fd >= 0)) {
		pattern_fill(buf, SIZE, 7);
		EXPECT_EQ(write(fd, buf, SIZE), SIZE);
		close(fd);
	}
	EXPECT_EQ(truncate(path, CUT), 0);
	EXPECT_EQ(file_size(path), CUT);
	EXPECT_EQ(truncate(path, SIZE), 0);	/* grown again: a hole */
	fd = open(path, O_RDONLY);
	if (EXPECT(fd >= 0)) {
		EXPECT_EQ(read(fd, back, SIZE), SIZE);
		EXPECT_PATTERN(back, CUT, 7);
		EXPECT_ZEROS(back + CUT, SIZE - CUT);
		close(fd);
	}
	ktap_case("truncate_cuts_and_grows");

	fd = open(path, O_RDWR);
	if (EXPECT(fd >= 0)) {
		EXPECT_EQ(ftruncate(fd, 5), 0);
		EXPECT_EQ(file_size(path), 5);
		EXPECT_EQ(ftruncate(fd, 0), 0);
		EXPECT_EQ(write(fd, "abc", 3), 3);	/* at its position, 0 */
		EXPECT_EQ(fsync(fd), 0);
		EXPECT_EQ(fdatasync(fd), 0);
		EXPECT_ERRNO(ftruncate(fd, -1), EINVAL, "ftruncate to -1");
		close(fd);
	}
	EXPECT_EQ(file_size(path), 3);
	fd = open(path, O_RDONLY);
	if (EXPECT(fd >= 0)) {
		EXPECT_ERRNO(ftruncate(fd, 0), EINVAL, "ftruncate read-only");
		EXPECT_EQ(fsync(fd), 0);	/* read-only is fine */
		close(fd);
	}
	ktap_case("ftruncate_and_fsync");

	EXPECT_ERRNO(truncate(path, -1), EINVAL, "truncate to -1");
	EXPECT_ERRNO(truncate(dir, 0), EISDIR, "truncate a directory");
	EXPECT_ERRNO(truncate("/no-such-file", 0), ENOENT, "truncate missing");
	EXPECT_ERRNO(ftruncate(99, 0), EBADF, "ftruncate a bad fd");
	EXPECT_ERRNO(fsync(99), EBADF, "fsync a bad fd");
	EXPECT_ERRNO(fdatasync(99), EBADF, "fdatasync a bad fd");
	if (EXPECT_EQ(pipe(fds), 0)) {
		EXPECT_ERRNO(fsync(fds[0]), EINVAL, "fsync a pipe");
		EXPECT_ERRNO(ftruncate(fds[1], 0), EINVAL, "ftruncate a pipe");
		close(fds[0]);
		close(fds[1]);
	}
	ktap_case("errors");

	sync();
	EXPECT_EQ(file_size(path), 3);
	ktap_case("sync");

	EXPECT_ERRNO(mount("/no-such-dev", dir, "nosuchfs", 0, NULL), ENODEV,
		     "mount an unknown type");
	EXPECT_ERRNO(mount("/no-such-dev", "/no-such-dir", "nosuchfs", 0, NULL),
		     ENOENT, "mount on a missing directory");
	EXPECT_ERRNO(umount2(dir, 0), EINVAL, "umount2 a plain directory");
	EXPECT_ERRNO(umount2("/no-such-dir", 0), ENOENT, "umount2 a missing name");
	ktap_case("mount_errors");

	EXPECT_EQ(unlink(path), 0);
	EXPECT_EQ(rmdir(dir), 0);
	return ktap_end();
}
