// SPDX-License-Identifier: MIT
/* Child processes for the tests (child.h). */
#include <child.h>
#include <errno.h>
#include <ktap.h>
#include <stdio.h>
#include <unistd.h>

int wait_child(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid) {
		ktap_diag("waitpid(%d): %s", pid, strerror(errno));
		return -1;
	}
	return status;
}

int run_child(int (*fn)(void *arg), void *arg)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(arg));
	if (pid < 0) {
		ktap_diag("fork: %s", strerror(errno));
		return -1;
	}
	return wait_child(pid);
}

bool killed_by(int status, int sig)
{
	return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

const char *status_text(int status, char *buf, size_t size)
{
	if (status == -1)
		snprintf(buf, size, "no status");
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "signal %d", WTERMSIG(status));
	else
		snprintf(buf, size, "exit %d", WEXITSTATUS(status));
	return buf;
}
