// SPDX-License-Identifier: MIT
/* mkdir DIR...: make each directory (mode 0755). */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int bad = 0;

	for (int i = 1; i < argc; i++) {
		if (mkdir(argv[i], 0755) < 0) {
			printf("mkdir: %s: %s\n", argv[i], strerror(errno));
			bad = 1;
		}
	}
	return bad;
}
