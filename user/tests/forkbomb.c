// SPDX-License-Identifier: MIT
/*
 * A fork bomb meets the process limit (hm386 only): fork until fork()
 * fails with EAGAIN, every child waiting on a pipe; then close the pipe,
 * reap every child, and fork again. On Linux, as root, nothing would stop
 * it short of memory: the cases skip.
 */
#include <errno.h>
#include <ktap.h>
#include <unistd.h>

#define MAX_FORKS	100000

int main(void)
{
	int fds[2], forked = 0, reaped = 0, err = 0, status;
	char c;
	pid_t pid;

	ktap_begin("forkbomb", 3);
	if (!on_hm386()) {
		ktap_skip("fork_refused_with_eagain", "hm386 only");
		ktap_skip("every_child_reaped", "hm386 only");
		ktap_skip("fork_works_again", "hm386 only");
		return ktap_end();
	}
	if (!EXPECT_EQ(pipe(fds), 0))
		return 1;
	while (forked < MAX_FORKS) {
		pid = fork();
		if (pid == 0) {
			close(fds[1]);
			_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		forked++;
	}
	ktap_diag("%d children before fork() failed", forked);
	EXPECT_EQ(err, EAGAIN);
	ktap_case("fork_refused_with_eagain");

	close(fds[1]);		/* every child's read() sees EOF */
	while ((pid = waitpid(-1, &status, 0)) > 0) {
		reaped++;
		EXPECT_EQ(status, 0);
	}
	EXPECT_EQ(errno, ECHILD);
	EXPECT_EQ(reaped, forked);
	ktap_case("every_child_reaped");

	pid = fork();
	if (pid == 0)
		_exit(7);
	EXPECT(pid > 0);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_EQ(WEXITSTATUS(status), 7);
	ktap_case("fork_works_again");
	return ktap_end();
}
