// SPDX-License-Identifier: MIT
/*
 * Host tests of lib/string.c, compiled as hm_memcpy() etc. next to libc's.
 * Each function is run over every small length and alignment and compared
 * with a byte-by-byte model or with libc.
 */
#include "htest.h"

#include <lib/string.h>

#define WINDOW	64	/* bytes of the test arena each case plays in */
#define MAX_OFF	9	/* offsets 0..8 cover every word alignment */
#define MAX_LEN	40

/* fill_pattern - a recognisable, non-repeating byte pattern. */
static void fill_pattern(unsigned char *buf, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)(seed * 31 + i * 7 + 1);
}

HTEST(memcpy_every_alignment_and_length)
{
	unsigned long storage_src[WINDOW / sizeof(long)];
	unsigned long storage_dst[WINDOW / sizeof(long) + 2];
	unsigned char *src = (unsigned char *)storage_src;
	unsigned char *dst = (unsigned char *)storage_dst;
	unsigned char want[sizeof(storage_dst)];

	for (size_t so = 0; so < MAX_OFF; so++)
		for (size_t d_o = 0; d_o < MAX_OFF; d_o++)
			for (size_t len = 0; len + so < WINDOW &&
			     len + d_o < WINDOW && len <= MAX_LEN; len++) {
				fill_pattern(src, WINDOW, 1);
				memset(dst, 0xee, sizeof(storage_dst));
				memcpy(want, dst, sizeof(want));
				for (size_t i = 0; i < len; i++)
					want[d_o + i] = src[so + i];
				HT_EXPECT_TRUE(hm_memcpy(dst + d_o, src + so,
							 len) == dst + d_o);
				HT_EXPECT_MEMEQ(dst, want, sizeof(want));
			}
}

/* memmove_case - move @len bytes from offset @from to @to in one buffer. */
static void memmove_case(size_t from, size_t to, size_t len)
{
	unsigned long storage[WINDOW * 2 / sizeof(long)];
	unsigned char *buf = (unsigned char *)storage;
	unsigned char want[sizeof(storage)], copy[sizeof(storage)];

	fill_pattern(buf, sizeof(storage), (unsigned int)(from + to + len));
	memcpy(copy, buf, sizeof(copy));
	memcpy(want, buf, sizeof(want));
	for (size_t i = 0; i < len; i++)	/* through an unaliased copy */
		want[to + i] = copy[from + i];
	HT_EXPECT_TRUE(hm_memmove(buf + to, buf + from, len) == buf + to);
	if (memcmp(buf, want, sizeof(want)) != 0)
		HT_FAIL("memmove from %zu to %zu of %zu bytes", from, to, len);
}

HTEST(memmove_overlap_forward)
{
	/* Destination above the source: must copy from the end. */
	for (size_t from = 0; from < MAX_OFF; from++)
		for (size_t shift = 1; shift < 2 * MAX_OFF; shift++)
			for (size_t len = 0; len <= MAX_LEN; len++)
				memmove_case(from, from + shift, len);
}

HTEST(memmove_overlap_backward)
{
	/* Destination below the source: must copy from the start. */
	for (size_t to = 0; to < MAX_OFF; to++)
		for (size_t shift = 1; shift < 2 * MAX_OFF; shift++)
			for (size_t len = 0; len <= MAX_LEN; len++)
				memmove_case(to + shift, to, len);
}

HTEST(memmove_same_and_disjoint)
{
	for (size_t len = 0; len <= MAX_LEN; len++) {
		memmove_case(3, 3, len);
		memmove_case(0, WINDOW, len);
		memmove_case(WINDOW + 1, 2, len);
	}
}

HTEST(memset_every_alignment_and_length)
{
	unsigned long storage[WINDOW / sizeof(long)];
	unsigned char *buf = (unsigned char *)storage;
	unsigned char want[sizeof(storage)];
	static const int values[] = { 0, 0x5a, 0xff, 0x1a5, -1, -128 };

	for (size_t v = 0; v < ARRAY_SIZE(values); v++)
		for (size_t off = 0; off < MAX_OFF; off++)
			for (size_t len = 0; off + len <= WINDOW; len++) {
				memset(buf, 0x11, sizeof(storage));
				memset(want, 0x11, sizeof(want));
				memset(want + off, values[v], len);
				HT_EXPECT_TRUE(hm_memset(buf + off, values[v],
							 len) == buf + off);
				HT_EXPECT_MEMEQ(buf, want, sizeof(want));
			}
}

/* sign - -1, 0 or 1: comparison results only promise their sign. */
static int sign(int x)
{
	return (x > 0) - (x < 0);
}

HTEST(memcmp_sign_and_unsigned_bytes)
{
	HT_EXPECT_LT(hm_memcmp("abc", "abd", 3), 0);
	HT_EXPECT_GT(hm_memcmp("abd", "abc", 3), 0);
	HT_EXPECT_EQ(hm_memcmp("abc", "abd", 2), 0);
	HT_EXPECT_EQ(hm_memcmp("x", "y", 0), 0);
	/* Bytes are unsigned: 0x80 sorts after 0x7f. */
	HT_EXPECT_GT(hm_memcmp("\x80", "\x7f", 1), 0);
	HT_EXPECT_GT(hm_memcmp("\x01\xff", "\x01\xfe", 2), 0);
	HT_EXPECT_EQ(hm_memcmp("same", "same", 4), 0);
	/* Bytes after a NUL still count. */
	HT_EXPECT_LT(hm_memcmp("a\0b", "a\0c", 3), 0);
}

HTEST(strlen_and_strnlen)
{
	char unterminated[4] = { 'a', 'b', 'c', 'd' };

	HT_EXPECT_EQ(hm_strlen(""), 0);
	HT_EXPECT_EQ(hm_strlen("hello"), 5);
	HT_EXPECT_EQ(hm_strlen("ab\0cd"), 2);
	HT_EXPECT_EQ(hm_strnlen("hello", 3), 3);
	HT_EXPECT_EQ(hm_strnlen("hello", 5), 5);
	HT_EXPECT_EQ(hm_strnlen("hello", 99), 5);
	HT_EXPECT_EQ(hm_strnlen("hello", 0), 0);
	/* Must not read past max: ASan would flag it. */
	HT_EXPECT_EQ(hm_strnlen(unterminated, sizeof(unterminated)), 4);
}

HTEST(strcmp_matches_libc_sign)
{
	static const char *const strs[] = {
		"", "a", "b", "ab", "abc", "abd", "abcd", "B", "\x7f",
		"\x80", "\xff", "a\xff", "a\x01",
	};
	size_t n = ARRAY_SIZE(strs);

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			int got = sign(hm_strcmp(strs[i], strs[j]));
			int want = sign(strcmp(strs[i], strs[j]));

			if (got != want)
				HT_FAIL("strcmp(\"%s\", \"%s\"): sign %d, "
					"want %d", strs[i], strs[j], got, want);
		}
}

HTEST(strncmp_limits)
{
	HT_EXPECT_EQ(hm_strncmp("abc", "abd", 2), 0);
	HT_EXPECT_LT(hm_strncmp("abc", "abd", 3), 0);
	HT_EXPECT_EQ(hm_strncmp("abc", "xyz", 0), 0);
	HT_EXPECT_EQ(hm_strncmp("abc", "abc", 100), 0);
	HT_EXPECT_LT(hm_strncmp("ab", "abc", 3), 0);
	HT_EXPECT_GT(hm_strncmp("abc", "ab", 3), 0);
	/* Stops at a shared NUL even with bytes after it. */
	HT_EXPECT_EQ(hm_strncmp("a\0x", "a\0y", 3), 0);
	HT_EXPECT_GT(hm_strncmp("\xe9", "e", 1), 0);
}

HTEST(strchr_finds_first_and_terminator)
{
	static const char s[] = "hello, world";

	HT_EXPECT_TRUE(hm_strchr(s, 'o') == s + 4);
	HT_EXPECT_TRUE(hm_strchr(s, 'h') == s);
	HT_EXPECT_TRUE(hm_strchr(s, 'd') == s + 11);
	HT_EXPECT_TRUE(hm_strchr(s, 'z') == NULL);
	HT_EXPECT_TRUE(hm_strchr(s, '\0') == s + 12);
	HT_EXPECT_TRUE(hm_strchr("", 'a') == NULL);
	/* c is converted to char: 0x100 + 'w' finds 'w'. */
	HT_EXPECT_TRUE(hm_strchr(s, 0x100 + 'w') == s + 7);
	HT_EXPECT_TRUE(hm_strchr("caf\xe9", 0xe9) != NULL);
}

HTEST(strrchr_finds_last_and_terminator)
{
	static const char s[] = "/bin/sh/x";

	HT_EXPECT_TRUE(hm_strrchr(s, '/') == s + 7);
	HT_EXPECT_TRUE(hm_strrchr(s, 'b') == s + 1);
	HT_EXPECT_TRUE(hm_strrchr(s, 'z') == NULL);
	HT_EXPECT_TRUE(hm_strrchr(s, '\0') == s + 9);
	HT_EXPECT_TRUE(hm_strrchr("", 'a') == NULL);
	HT_EXPECT_TRUE(hm_strrchr(s, 0x100 + 'x') == s + 8);
}

HTEST(strlcpy_truncates_and_terminates)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	HT_EXPECT_EQ(hm_strlcpy(buf, "hello", 0), 5);
	HT_EXPECT_EQ(buf[0], 'x');		/* size 0: untouched */

	HT_EXPECT_EQ(hm_strlcpy(buf, "hello", 1), 5);
	HT_EXPECT_STREQ(buf, "");
	HT_EXPECT_EQ(buf[1], 'x');

	HT_EXPECT_EQ(hm_strlcpy(buf, "hello", 5), 5);
	HT_EXPECT_STREQ(buf, "hell");

	HT_EXPECT_EQ(hm_strlcpy(buf, "hello", 6), 5);
	HT_EXPECT_STREQ(buf, "hello");

	HT_EXPECT_EQ(hm_strlcpy(buf, "hello, world", sizeof(buf)), 12);
	HT_EXPECT_STREQ(buf, "hello, ");

	HT_EXPECT_EQ(hm_strlcpy(buf, "", sizeof(buf)), 0);
	HT_EXPECT_STREQ(buf, "");
	/* The macro name reaches the same function. */
	HT_EXPECT_EQ(strlcpy(buf, "ab", sizeof(buf)), 2);
	HT_EXPECT_STREQ(buf, "ab");
}


HTEST(strstr_finds_first_occurrence)
{
	const char *s = "ktest=all ktest=x";

	HT_EXPECT_TRUE(hm_strstr(s, "ktest=") == s);
	HT_EXPECT_TRUE(hm_strstr(s, "=x") == s + 15);
	HT_EXPECT_TRUE(hm_strstr(s, "") == s);
	HT_EXPECT_TRUE(hm_strstr(s, "all ktest=x!") == NULL);
	HT_EXPECT_TRUE(hm_strstr("", "") != NULL);
	HT_EXPECT_TRUE(hm_strstr("", "a") == NULL);
	HT_EXPECT_TRUE(hm_strstr("aab", "ab") != NULL);
}

HTEST(memchr_stops_at_length)
{
	const char buf[8] = { 1, 2, 3, 0, 5, 6, 7, 8 };

	HT_EXPECT_TRUE(hm_memchr(buf, 5, 8) == buf + 4);
	HT_EXPECT_TRUE(hm_memchr(buf, 0, 8) == buf + 3);
	HT_EXPECT_TRUE(hm_memchr(buf, 8, 7) == NULL);
	HT_EXPECT_TRUE(hm_memchr(buf, 0x105, 8) == buf + 4);
	HT_EXPECT_TRUE(hm_memchr(buf, 1, 0) == NULL);
}

HTEST_MAIN("string")
