// SPDX-License-Identifier: MIT
/*
 * Freestanding string and memory functions; the contracts are in
 * include/lib/string.h. The forward copy and the fill are the x86 string
 * instructions, as in Linux's i386 memcpy(): `rep movsl`/`rep stosl` for
 * the 32-bit words, `rep movsb`/`rep stosb` for the ragged end. The same
 * code builds for the host unit tests (x86-64 runs them unchanged). The
 * backward copy is plain C, a machine word at a time once aligned.
 */
#include <lib/string.h>

#ifdef HM386_HOST
/* Build next to libc's functions; see include/lib/string.h. */
#define memcpy hm_memcpy
#define memmove hm_memmove
#define memset hm_memset
#define memcmp hm_memcmp
#define strlen hm_strlen
#define strnlen hm_strnlen
#define strcmp hm_strcmp
#define strncmp hm_strncmp
#define strchr hm_strchr
#define strrchr hm_strrchr
#define strstr hm_strstr
#define memchr hm_memchr
#endif

/* One machine word, allowed to alias any object it is copied out of. */
typedef unsigned long __attribute__((__may_alias__)) mem_word;
#define MEM_WORD_MASK (sizeof(mem_word) - 1)

/*
 * same_word_offset - true if @a and @b sit at the same offset within a word:
 * after a few single bytes, both can then be accessed as mem_word.
 */
static inline bool same_word_offset(const void *a, const void *b)
{
	return (((uintptr_t)a ^ (uintptr_t)b) & MEM_WORD_MASK) == 0;
}

/*
 * copy_forward - copy @n bytes, lowest address first: 32-bit words, then
 * the last 0-3 bytes. Each word is read before the word at the same offset
 * is written, so the copy is also correct for overlapping areas with @dst
 * below @src.
 */
static void copy_forward(u8 *dst, const u8 *src, size_t n)
{
	size_t words = n / 4, rest = n % 4;

	__asm__ volatile("rep movsl"
			 : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
	__asm__ volatile("rep movsb"
			 : "+D"(dst), "+S"(src), "+c"(rest) : : "memory");
}

/*
 * copy_backward - copy @n bytes, highest address first: correct for
 * overlapping areas with @dst above @src.
 */
static void copy_backward(u8 *dst, const u8 *src, size_t n)
{
	dst += n;
	src += n;
	if (same_word_offset(dst, src)) {
		for (; n && ((uintptr_t)dst & MEM_WORD_MASK); n--)
			*--dst = *--src;
		for (; n >= sizeof(mem_word); n -= sizeof(mem_word)) {
			dst -= sizeof(mem_word);
			src -= sizeof(mem_word);
			*(mem_word *)dst = *(const mem_word *)src;
		}
	}
	while (n--)
		*--dst = *--src;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	if ((uintptr_t)dst <= (uintptr_t)src)
		copy_forward(dst, src, n);
	else
		copy_backward(dst, src, n);
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	u8 *p = dst;
	size_t words = n / 4, rest = n % 4;
	/* 0x01010101 times the byte puts it in every byte of the word. */
	u32 pattern = 0x01010101U * (u8)c;

	__asm__ volatile("rep stosl"
			 : "+D"(p), "+c"(words) : "a"(pattern) : "memory");
	__asm__ volatile("rep stosb"
			 : "+D"(p), "+c"(rest) : "a"(pattern) : "memory");
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const u8 *pa = a, *pb = b;

	for (; n; n--, pa++, pb++) {
		if (*pa != *pb)
			return *pa - *pb;
	}
	return 0;
}

size_t strnlen(const char *s, size_t max)
{
	size_t len = 0;

	while (len < max && s[len])
		len++;
	return len;
}

size_t strlen(const char *s)
{
	return strnlen(s, SIZE_MAX);
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int diff = (u8)*a - (u8)*b;

		if (diff || !*a)
			return diff;
	}
	return 0;
}

int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, SIZE_MAX);
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	return n ? NULL : (char *)haystack;
}

void *memchr(const void *s, int c, size_t n)
{
	const u8 *p = s;

	for (size_t i = 0; i < n; i++)
		if (p[i] == (u8)c)
			return (void *)(p + i);
	return NULL;
}

size_t hm_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t copied = MIN(len, size - 1);

		memcpy(dst, src, copied);
		dst[copied] = '\0';
	}
	return len;
}
