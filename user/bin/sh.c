// SPDX-License-Identifier: MIT
/*
 * /bin/sh, a tiny shell: a prompt, a line read from fd 0, words split at
 * blanks, and either a builtin or a program run with fork + execve +
 * waitpid. A word without '/' names a program of /bin. Builtins:
 *
 *	exit [N]	leave the shell with status N (0)
 *	monitor		hm386's kernel monitor on the console
 *			(__NR_hm386_monitor; Linux answers ENOSYS)
 *	help		this list
 *
 * No quotes, no redirection, no pipes, no cd (there is no chdir).
 * The end of the input (read() returns 0) leaves like `exit`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LINE_MAX	256
#define MAX_ARGS	32

/* Read one line from fd 0 into @line without its newline: its length, or
 * -1 at the end of the input. */
static int read_line(char *line, int size)
{
	int len = 0;
	char c;

	for (;;) {
		ssize_t n = read(STDIN_FILENO, &c, 1);

		if (n <= 0)
			return len ? len : -1;
		if (c == '\n' || c == '\r')
			break;
		if (len < size - 1)
			line[len++] = c;
	}
	line[len] = '\0';
	return len;
}

/* Split @line at blanks into @argv (NULL-terminated); the word count. */
static int split(char *line, char **argv)
{
	int argc = 0;

	for (char *p = line; *p && argc < MAX_ARGS;) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	argv[argc] = NULL;
	return argc;
}

static void run(char **argv, char **envp)
{
	char path[LINE_MAX + 8];
	int status;
	pid_t pid;

	if (strchr(argv[0], '/'))
		strlcpy(path, argv[0], sizeof(path));
	else
		snprintf(path, sizeof(path), "/bin/%s", argv[0]);
	pid = fork();
	if (pid == 0) {
		execve(path, argv, envp);
		printf("sh: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (pid < 0) {
		printf("sh: fork: %s\n", strerror(errno));
		return;
	}
	if (waitpid(pid, &status, 0) < 0)
		printf("sh: waitpid: %s\n", strerror(errno));
	else if (WIFSIGNALED(status))
		printf("sh: %s: killed by signal %d\n", path, WTERMSIG(status));
}

int main(int argc, char **argv, char **envp)
{
	char line[LINE_MAX], *words[MAX_ARGS + 1];

	for (;;) {
		printf("$ ");
		if (read_line(line, sizeof(line)) < 0)
			return 0;
		if (!split(line, words))
			continue;
		if (!strcmp(words[0], "exit"))
			return words[1] ? atoi(words[1]) : 0;
		if (!strcmp(words[0], "help")) {
			printf("builtins: exit [N], monitor, help; programs: /bin/*, /tests/*\n");
		} else if (!strcmp(words[0], "monitor")) {
			long r = __syscall(__NR_hm386_monitor, 0, 0, 0, 0, 0, 0);

			if (r < 0)
				printf("sh: monitor: %s%s\n", strerror(-r),
				       r == -ENOSYS ? " (not hm386)" : "");
		} else {
			run(words, envp);
		}
	}
}
