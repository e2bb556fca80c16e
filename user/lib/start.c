// SPDX-License-Identifier: MIT
/*
 * The start of a process: read Linux's initial stack and call main().
 *
 *	sp ->	argc
 *		argv[0] ... argv[argc - 1], NULL
 *		envp[0] ... NULL
 *		auxv: (key, value) ... (AT_NULL, 0)
 */
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp);

char **environ;
unsigned long *__auxv;

unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = __auxv; a && a[0] != 0; a += 2) {
		if (a[0] == type)
			return a[1];
	}
	return 0;
}

/* Called by _start (crt0.S) with the initial stack pointer; never returns. */
void __libc_start(unsigned long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **e = envp;

	while (*e)
		e++;
	environ = envp;
	__auxv = (unsigned long *)(e + 1);
	exit(main(argc, argv, envp));
}
