// SPDX-License-Identifier: MIT
/* mv FROM TO: rename FROM to TO (replacing TO). */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		printf("usage: mv FROM TO\n");
		return 2;
	}
	if (rename(argv[1], argv[2]) < 0) {
		printf("mv: %s -> %s: %s\n", argv[1], argv[2], strerror(errno));
		return 1;
	}
	return 0;
}
