// SPDX-License-Identifier: MIT
/*
 * pipe(): bytes from parent to child and back, checked one by one, more
 * than a pipe holds at once (the writer blocks), a reader that blocks
 * until a slow writer writes, EOF once every writer is gone, dup2() of a
 * pipe onto fd 1, and a write without readers: death by SIGPIPE, on hm386
 * as on Linux.
 */
#include <child.h>
#include <errno.h>
#include <ktap.h>
#include <pattern.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BIG	(256 * 1024)	/* more than Linux's 64 KiB pipe */

static int fds[2];
static uint8_t *buf;

/* Read exactly @len bytes from @fd into @dst in uneven pieces: the count
 * read before EOF or an error. */
static size_t read_all(int fd, uint8_t *dst, size_t len)
{
	size_t done = 0;

	while (done < len) {
		size_t want = len - done < 1000 ? len - done : 1000;
		ssize_t n = read(fd, dst + done, want);

		if (n <= 0)
			break;
		done += n;
	}
	return done;
}

static size_t write_all(int fd, const uint8_t *src, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, src + done, len - done);

		if (n <= 0)
			break;
		done += n;
	}
	return done;
}

static int reader_child(void *unused)
{
	close(fds[1]);
	EXPECT_EQ(read_all(fds[0], buf, BIG), BIG);
	EXPECT_PATTERN(buf, BIG, 1);
	EXPECT_EQ(read(fds[0], buf, 1), 0);	/* EOF: the parent closed */
	return ktap_case_status();
}

static int writer_child(void *unused)
{
	struct timespec32 pause = { 0, 20 * 1000 * 1000 };

	close(fds[0]);
	nanosleep(&pause, NULL);	/* the parent blocks in read() first */
	pattern_fill(buf, BIG, 2);
	return write_all(fds[1], buf, BIG) != BIG;
}

static int stdout_child(void *unused)
{
	close(fds[0]);
	if (dup2(fds[1], STDOUT_FILENO) != STDOUT_FILENO)
		return 2;
	close(fds[1]);
	printf("hello through fd 1\n");
	return 0;
}

static int epipe_child(void *unused)
{
	ssize_t n = write(fds[1], "x", 1);

	return n == -1 && errno == EPIPE ? 0 : 1;
}

int main(void)
{
	char text[64];
	pid_t pid;
	int status;

	ktap_begin("pipe", 5);
	buf = malloc(BIG);
	if (!EXPECT(buf) || !EXPECT_EQ(pipe(fds), 0))
		return 1;

	pid = fork();
	if (pid == 0)
		_exit(reader_child(NULL));
	close(fds[0]);
	pattern_fill(buf, BIG, 1);
	EXPECT_EQ(write_all(fds[1], buf, BIG), BIG);
	close(fds[1]);
	EXPECT_EQ(wait_child(pid), 0);
	ktap_case("parent_to_child_then_eof");

	EXPECT_EQ(pipe(fds), 0);
	pid = fork();
	if (pid == 0)
		_exit(writer_child(NULL));
	close(fds[1]);
	memset(buf, 0, BIG);
	EXPECT_EQ(read_all(fds[0], buf, BIG), BIG);
	EXPECT_PATTERN(buf, BIG, 2);
	EXPECT_EQ(wait_child(pid), 0);
	EXPECT_EQ(read(fds[0], buf, 1), 0);
	close(fds[0]);
	ktap_case("child_to_blocked_parent_then_eof");

	EXPECT_EQ(pipe(fds), 0);
	close(fds[1]);
	EXPECT_EQ(read(fds[0], buf, 10), 0);
	close(fds[0]);
	ktap_case("no_writer_reads_eof");

	EXPECT_EQ(pipe(fds), 0);
	pid = fork();
	if (pid == 0)
		_exit(stdout_child(NULL));
	close(fds[1]);
	memset(text, 0, sizeof(text));
	EXPECT_EQ(read_all(fds[0], (uint8_t *)text, sizeof(text)), 19);
	EXPECT(!strcmp(text, "hello through fd 1\n"));
	EXPECT_EQ(wait_child(pid), 0);
	close(fds[0]);
	ktap_case("dup2_onto_stdout");

	/* No reader anywhere: the read end is closed before the fork. */
	EXPECT_EQ(pipe(fds), 0);
	close(fds[0]);
	status = run_child(epipe_child, NULL);
	close(fds[1]);
	if (!killed_by(status, SIGPIPE))
		ktap_fail(__FILE__, __LINE__, "child: %s, not SIGPIPE",
			  status_text(status, text, sizeof(text)));
	ktap_case("write_without_readers");
	return ktap_end();
}
