/* SPDX-License-Identifier: MIT */
/* Exit, the heap (malloc on brk), the environment, number parsing. */
#ifndef USER_STDLIB_H
#define USER_STDLIB_H

#include <stddef.h>

/* Leave the process with @status (exit_group: all of it). */
void exit(int status) __attribute__((noreturn));

/* A block of @size bytes aligned to 16, from the heap that grows the
 * program break; NULL when brk() refuses. free(NULL) does nothing. */
void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void free(void *ptr);

/* The value of environment variable @name, or NULL. */
char *getenv(const char *name);

/* Parse a decimal (or 0x hex) integer at @s; *@end (if not NULL) gets the
 * first character not used. */
long strtol(const char *s, char **end, int base);
int atoi(const char *s);

/* Divide *@v by @divisor in place and return the remainder: 64 bits by 32
 * in two DIVs, so that no libgcc helper (__udivdi3) is needed. */
unsigned int div64_32(unsigned long long *v, unsigned int divisor);

#endif
