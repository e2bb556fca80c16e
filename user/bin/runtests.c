// SPDX-License-Identifier: MIT
/*
 * /bin/runtests [NAME...]: run every program of /tests (or the NAMEs given)
 * and print their KTAP as one suite, `user`, exactly as the kernel's `user`
 * ktest suite prints it: each program runs as `/tests/NAME` with argv
 * {"/tests/NAME"} and envp {"KTAP_INDENT=<this indent + 4>"}, and its result
 * line comes from its exit status (0 passed, anything else or a signal
 * failed). The exit status is 0 when all passed.
 *
 * As PID 1 on Linux (the reference run: rdinit=/bin/runtests) it then ends
 * the virtual machine through QEMU's isa-debug-exit (linux_end_vm(), end_vm.h),
 * with the statuses the hm386 test runner knows: 33 all passed, 35 a test
 * failed. As PID 1 on hm386 it simply exits; the kernel does the same with
 * its status.
 */
#include <end_vm.h>
#include <errno.h>
#include <ktap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TESTS_DIR	"/tests"
#define MAX_TESTS	64
#define NAME_MAX_LEN	64

static char names[MAX_TESTS][NAME_MAX_LEN];
static int nr_names;

/* Fill names[] with the entries of /tests, sorted; -errno on failure. */
static int list_tests(void)
{
	char buf[2048];
	int fd = open(TESTS_DIR, O_RDONLY | O_DIRECTORY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);

			off += d->d_reclen;
			if (d->d_name[0] == '.' || nr_names == MAX_TESTS)
				continue;
			strlcpy(names[nr_names++], d->d_name, NAME_MAX_LEN);
		}
	}
	close(fd);
	for (int i = 1; i < nr_names; i++) {	/* insertion sort */
		char tmp[NAME_MAX_LEN];
		int j = i;

		strlcpy(tmp, names[i], NAME_MAX_LEN);
		for (; j > 0 && strcmp(names[j - 1], tmp) > 0; j--)
			strlcpy(names[j], names[j - 1], NAME_MAX_LEN);
		strlcpy(names[j], tmp, NAME_MAX_LEN);
	}
	return n < 0 ? -errno : 0;
}

/* Run /tests/@name with its KTAP indented by @indent; true when it passed.
 * A failure gets a diagnostic at @indent naming the status or signal. */
static bool run_test(const char *name, int indent)
{
	char path[NAME_MAX_LEN + 8], env[24];
	char *argv[] = { path, NULL };
	char *envp[] = { env, NULL };
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", TESTS_DIR, name);
	snprintf(env, sizeof(env), "KTAP_INDENT=%d", indent);
	pid = fork();
	if (pid == 0) {
		execve(path, argv, envp);
		dprintf(1, "%*s# %s: execve: %s\n", indent, "", path,
			strerror(errno));
		_exit(127);
	}
	if (pid < 0) {
		printf("%*s# %s: fork: %s\n", indent, "", name, strerror(errno));
		return false;
	}
	if (waitpid(pid, &status, 0) != pid) {
		printf("%*s# %s: waitpid: %s\n", indent, "", name, strerror(errno));
		return false;
	}
	if (WIFSIGNALED(status))
		printf("%*s# %s: killed by signal %d\n", indent, "", name,
		       WTERMSIG(status));
	else if (WEXITSTATUS(status))
		printf("%*s# %s: exit status %d\n", indent, "", name,
		       WEXITSTATUS(status));
	return status == 0;
}

int main(int argc, char **argv)
{
	int indent = ktap_indent();
	int failed = 0, err = 0;

	if (argc > 1) {
		for (int i = 1; i < argc && nr_names < MAX_TESTS; i++)
			strlcpy(names[nr_names++], argv[i], NAME_MAX_LEN);
	} else {
		err = list_tests();
	}
	printf("%*sKTAP version 1\n%*s1..1\n", indent, "", indent, "");
	printf("%*sKTAP version 1\n%*s# Subtest: user\n%*s1..%d\n",
	       indent + 2, "", indent + 2, "", indent + 2, "", nr_names);
	if (err)
		printf("%*s# %s: %s\n", indent + 2, "", TESTS_DIR, strerror(-err));
	for (int i = 0; i < nr_names; i++) {
		bool ok = run_test(names[i], indent + 4);

		printf("%*s%s %d %s\n", indent + 2, "", ok ? "ok" : "not ok",
		       i + 1, names[i]);
		failed += !ok;
	}
	printf("%*s%s 1 user\n", indent, "", failed || err ? "not ok" : "ok");
	printf("%*s# runtests: %d programs, %d failed on %s\n", indent, "",
	       nr_names, failed, on_hm386() ? "hm386" : "Linux");
	if (getpid() == 1 && !on_hm386())
		linux_end_vm(!failed && !err);
	return failed || err;
}
