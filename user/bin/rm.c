// SPDX-License-Identifier: MIT
/* rm FILE...: unlink each file. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int bad = 0;

	for (int i = 1; i < argc; i++) {
		if (unlink(argv[i]) < 0) {
			printf("rm: %s: %s\n", argv[i], strerror(errno));
			bad = 1;
		}
	}
	return bad;
}
