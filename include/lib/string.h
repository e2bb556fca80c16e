/* SPDX-License-Identifier: MIT */
/*
 * Freestanding string and memory functions (lib/string.c).
 *
 * Host builds (unit tests, fuzzers) define HM386_HOST and get the C library's
 * versions instead, so that code under test can include this header unchanged.
 * lib/string.c is then compiled under hm_ names (hm_memcpy(), hm_strlen(),
 * ...) next to libc's, so the host unit tests exercise our implementations.
 *
 * The functions follow the C standard's contracts; bytes are compared as
 * unsigned char. None of them allocates, sleeps or takes a lock: any context
 * may call them.
 */
#ifndef HM386_LIB_STRING_H
#define HM386_LIB_STRING_H

#include <types.h>

#ifdef HM386_HOST
#include <string.h>
#define HM_STRING_NAME(name) hm_##name
#else
#define HM_STRING_NAME(name) name
#endif

/*
 * memcpy - copy @n bytes from @src to @dst; the areas must not overlap.
 * Returns @dst.
 */
void *HM_STRING_NAME(memcpy)(void *dst, const void *src, size_t n);

/*
 * memmove - copy @n bytes from @src to @dst; the areas may overlap.
 * Returns @dst.
 */
void *HM_STRING_NAME(memmove)(void *dst, const void *src, size_t n);

/* memset - fill @n bytes at @dst with (unsigned char)@c. Returns @dst. */
void *HM_STRING_NAME(memset)(void *dst, int c, size_t n);

/*
 * memcmp - compare @n bytes. Returns <0, 0 or >0 as the first differing byte
 * of @a is below, equal to or above that of @b; 0 when @n is 0.
 */
int HM_STRING_NAME(memcmp)(const void *a, const void *b, size_t n);

/* strlen - number of bytes before the terminating NUL of @s. */
size_t HM_STRING_NAME(strlen)(const char *s);

/*
 * strnlen - like strlen(), but reads at most @max bytes and returns @max when
 * none of them is NUL: safe on a buffer that may lack its terminator.
 */
size_t HM_STRING_NAME(strnlen)(const char *s, size_t max);

/* strcmp - compare two NUL-terminated strings; result as for memcmp(). */
int HM_STRING_NAME(strcmp)(const char *a, const char *b);

/* strncmp - compare at most @n bytes of two strings; result as for memcmp(). */
int HM_STRING_NAME(strncmp)(const char *a, const char *b, size_t n);

/*
 * strchr - first occurrence of (char)@c in @s, or NULL. The terminator is
 * part of the string: strchr(s, '\0') returns a pointer to it.
 */
char *HM_STRING_NAME(strchr)(const char *s, int c);

/* strrchr - last occurrence of (char)@c in @s, or NULL; as strchr(), the
 * terminator is part of the string. */
char *HM_STRING_NAME(strrchr)(const char *s, int c);

/* strstr - the first occurrence of @needle in @haystack, or NULL; an empty
 * @needle matches at @haystack. */
char *HM_STRING_NAME(strstr)(const char *haystack, const char *needle);

/* memchr - the first byte equal to (u8)@c among @n bytes at @s, or NULL. */
void *HM_STRING_NAME(memchr)(const void *s, int c, size_t n);

/*
 * strlcpy - copy the string @src into @dst of @size bytes, always
 * NUL-terminated when @size > 0. Returns strlen(@src): a result >= @size
 * means the copy was truncated. Provided in both kernel and host builds
 * (glibc before 2.38 lacks it), under its own name.
 */
size_t hm_strlcpy(char *dst, const char *src, size_t size);
#define strlcpy hm_strlcpy

#endif
