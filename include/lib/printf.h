/* SPDX-License-Identifier: MIT */
/*
 * Formatted output into a buffer (lib/vsprintf.c).
 *
 * The C99 conversions a kernel needs, and no floating point (the kernel is
 * built without an FPU or SSE):
 *
 *	%d %i %u %x %X %o %c %s %p %%
 *	length modifiers hh h l ll z j t	(%lld, %zu, %hhx, ...)
 *	flags - 0 + space #, width and precision, either of them as '*'
 *
 * Differences from the C library: %s with a NULL pointer prints "(null)"
 * (cut by the precision like any string); %p prints "0x" and the pointer in
 * 2 * sizeof(void *) hex digits (8 in the kernel); %n is not supported. An
 * unknown conversion is copied to the output as it was written.
 *
 * The names are always macros for hm_vsnprintf()/hm_snprintf(), so that host
 * unit tests link our implementation next to libc's (include <stdio.h>, if
 * at all, before this header). Nothing here allocates or sleeps; any context
 * may call it.
 */
#ifndef HM386_LIB_PRINTF_H
#define HM386_LIB_PRINTF_H

#include <types.h>

#define vsnprintf hm_vsnprintf
#define snprintf hm_snprintf

/**
 * vsnprintf - format a string into a buffer
 * @buf: where to write; may be NULL when @size is 0
 * @size: bytes available at @buf, the terminating NUL included
 * @fmt: the format, see the top of this file
 * @ap: the arguments
 *
 * Writes at most @size - 1 characters and a NUL, whenever @size > 0.
 * Returns the length the whole output would have had, NUL excluded, as C's
 * vsnprintf() does: a result >= @size means the output was truncated.
 * Works on a copy of @ap: the caller's list is not advanced, so it may be
 * passed again (to measure first, then format); the caller still va_end()s it.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__printf(3, 0);

/* snprintf - vsnprintf() with the arguments in line. */
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* plural - "s" unless @n is 1, for "%u slot%s", n, plural(n). */
static inline const char *plural(u32 n)
{
	return n == 1 ? "" : "s";
}

#endif
