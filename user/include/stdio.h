/* SPDX-License-Identifier: MIT */
/*
 * Formatted output: %d %i %u %x %X %o %c %s %p %%, the l and ll length
 * modifiers, flags '-' and '0', a width (or *) and a precision for %s.
 * No FILE and no buffering across calls: printf() writes its whole text to
 * fd 1 before it returns, so output and fork() never duplicate a buffer.
 */
#ifndef USER_STDIO_H
#define USER_STDIO_H

#include <stdarg.h>
#include <stddef.h>

/* Format into @buf of @size bytes (NUL-terminated when @size > 0); returns
 * the length the whole text has, as C's. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Format to file descriptor @fd: the number of bytes written, or -1. */
int vdprintf(int fd, const char *fmt, va_list ap);
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Write @s and a newline to fd 1. */
int puts(const char *s);

#endif
