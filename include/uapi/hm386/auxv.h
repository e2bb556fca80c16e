/* SPDX-License-Identifier: MIT */
/* The auxiliary vector's keys (Linux's include/uapi/linux/auxvec.h) that
 * execve() puts on the initial stack, after envp. */
#ifndef HM386_UAPI_AUXV_H
#define HM386_UAPI_AUXV_H

#define AT_NULL		0
#define AT_PHDR		3	/* the program headers, in memory */
#define AT_PHENT	4	/* the size of one */
#define AT_PHNUM	5	/* how many */
#define AT_PAGESZ	6
#define AT_ENTRY	9	/* the program's entry point */
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25	/* 16 random bytes */
#define AT_EXECFN	31	/* the file name given to execve */

#endif
