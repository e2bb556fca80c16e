// SPDX-License-Identifier: MIT
/*
 * /init, PID 1: greet, run /bin/sh on the console (fds 0, 1 and 2 as the
 * kernel opened them) and reap every child until the shell is gone, then
 * exit with the shell's status (on hm386 the kernel reports it and ends the
 * machine; Linux panics when PID 1 exits, as it always does).
 * Orphans are re-parented to PID 1 by the kernel: waiting for any child
 * (pid -1) collects them too.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#define SHELL	"/bin/sh"

int main(int argc, char **argv, char **envp)
{
	char *sh_argv[] = { SHELL, NULL };
	int status = 0;
	pid_t sh, pid;

	printf("init: hm386 user space, pid %d on %s; starting %s\n",
	       getpid(), on_hm386() ? "hm386" : "Linux", SHELL);
	sh = fork();
	if (sh == 0) {
		execve(SHELL, sh_argv, envp);
		printf("init: execve %s: %s\n", SHELL, strerror(errno));
		_exit(127);
	}
	if (sh < 0) {
		printf("init: fork: %s\n", strerror(errno));
		return 1;
	}
	while ((pid = waitpid(-1, &status, 0)) != sh) {
		if (pid < 0) {
			printf("init: waitpid: %s\n", strerror(errno));
			return 1;
		}
	}
	printf("init: %s ended (status 0x%x); init exits\n", SHELL, status);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
