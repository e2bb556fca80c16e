/* SPDX-License-Identifier: MIT */
/* The string and memory functions of the C library, as C specifies them. */
#ifndef USER_STRING_H
#define USER_STRING_H

#include <stddef.h>

size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
/* Copy @src into @dst of @size bytes, always NUL-terminated when @size > 0;
 * returns strlen(@src) (truncated when >= @size), as BSD's. */
size_t strlcpy(char *dst, const char *src, size_t size);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#endif
