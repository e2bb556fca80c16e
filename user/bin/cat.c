// SPDX-License-Identifier: MIT
/* cat FILE...: copy each file to fd 1 (fd 0 when no FILE is given). */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

static int copy(int fd, const char *name)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		if (write(STDOUT_FILENO, buf, n) != n) {
			printf("cat: write: %s\n", strerror(errno));
			return 1;
		}
	}
	if (n < 0)
		printf("cat: %s: %s\n", name, strerror(errno));
	return n < 0;
}

int main(int argc, char **argv)
{
	int bad = 0;

	if (argc < 2)
		return copy(STDIN_FILENO, "stdin");
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);

		if (fd < 0) {
			printf("cat: %s: %s\n", argv[i], strerror(errno));
			bad = 1;
			continue;
		}
		bad |= copy(fd, argv[i]);
		close(fd);
	}
	return bad;
}
