// SPDX-License-Identifier: MIT
/*
 * ksym NAME...: on Linux, as PID 1 (rdinit=/bin/ksym), mount /proc, print
 * `ksym: NAME ADDRESS` for each named kernel function in /proc/kallsyms,
 * then write a file of KSYM_FILE_PAGES pages and read it back, so that the
 * kernel maps page-cache pages with kmap_local_page(); then end the VM
 * (linux_end_vm(): isa-debug-exit, 33 when all went well). The step count of
 * Linux's kmap_local_page() (tools/linux_kmap_steps.py) uses both: the
 * addresses for its breakpoints, the file for the calls. hm386 has no
 * /proc: there it says so and exits 1.
 */
#include <end_vm.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define KSYM_FILE_PAGES	16
#define KSYM_CHUNK	4096

static char buf[KSYM_CHUNK * 2];
static char page[4096];

/* Look at one kallsyms line ("c1234567 T name [module]"). */
static void match_line(char *line, int argc, char **argv)
{
	char *name = strchr(line, ' ');

	if (!name || !(name = strchr(name + 1, ' ')))
		return;
	name++;
	for (int i = 1; i < argc; i++)
		if (!strcmp(name, argv[i]))
			printf("ksym: %s 0x%.8s\n", argv[i], line);
}

static int print_symbols(int argc, char **argv)
{
	size_t have = 0;
	ssize_t n;
	int fd;

	mkdir("/proc", 0555);
	if (mount("proc", "/proc", "proc", 0, NULL) && errno != EBUSY) {
		printf("ksym: cannot mount /proc: %s\n", strerror(errno));
		return 1;
	}
	fd = open("/proc/kallsyms", O_RDONLY);
	if (fd < 0) {
		printf("ksym: /proc/kallsyms: %s\n", strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf + have, sizeof(buf) - have - 1)) > 0) {
		char *line = buf, *nl;

		have += n;
		buf[have] = '\0';
		while ((nl = strchr(line, '\n'))) {
			*nl = '\0';
			match_line(line, argc, argv);
			line = nl + 1;
		}
		have -= line - buf;
		memmove(buf, line, have);
	}
	close(fd);
	return 0;
}

/* Page-cache pages in and out: kmap_local_page() on each copy. */
static int exercise_page_cache(void)
{
	int fd = open("/ksym-file", O_RDWR | O_CREAT, 0644);

	if (fd < 0)
		return 1;
	for (int i = 0; i < KSYM_FILE_PAGES; i++) {
		memset(page, i, sizeof(page));
		if (write(fd, page, sizeof(page)) != sizeof(page))
			return 1;
	}
	for (int i = 0; i < KSYM_FILE_PAGES; i++)
		if (lseek(fd, (off_t)i * sizeof(page), SEEK_SET) < 0 ||
		    read(fd, page, sizeof(page)) != sizeof(page) ||
		    page[0] != (char)i)
			return 1;
	close(fd);
	printf("ksym: %d page-cache pages written and read back\n",
	       KSYM_FILE_PAGES);
	return 0;
}

int main(int argc, char **argv)
{
	bool ok = !print_symbols(argc, argv) && !exercise_page_cache();

	if (getpid() == 1 && ok)
		linux_end_vm(ok);
	return ok ? 0 : 1;
}
