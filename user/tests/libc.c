// SPDX-License-Identifier: MIT
/*
 * The library the other tests stand on: printf's conversions (64-bit ones
 * included), the string functions, malloc/free on the break (alignment,
 * contents, reuse), getenv and strtol. It checks user/lib/ more than the
 * kernel, but the heap's pages are the kernel's brk.
 */
#include <ktap.h>
#include <pattern.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCKS	64

static void expect_format(const char *want, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Expect vsnprintf(@fmt, ...) to give @want, and its length. */
static void expect_format(const char *want, const char *fmt, ...)
{
	char got[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(got, sizeof(got), fmt, ap);
	va_end(ap);
	if (strcmp(got, want) || n != (int)strlen(want))
		ktap_fail(__FILE__, __LINE__, "\"%s\": got \"%s\" (%d), want \"%s\"",
			  fmt, got, n, want);
}

int main(void)
{
	uint8_t *blocks[BLOCKS], *again;
	char small[8], *end;
	const char *volatile no_string = NULL;	/* unknown to gcc's checks */

	ktap_begin("libc", 5);
	expect_format("18446744073709551615", "%llu", ~0ULL);
	expect_format("-9223372036854775808", "%lld", -9223372036854775807LL - 1);
	expect_format("123456789abcdef0 FEDCBA98", "%llx %X", 0x123456789abcdef0ULL,
		      0xfedcba98u);
	expect_format("-42 4000000000 777 0", "%d %u %o %lld", -42, 4000000000u,
		      0777, 0LL);
	expect_format("[   42|42   |-0042|  ab|x|0x1234]", "[%5d|%-5d|%05d|%4.2s|%c|%p]",
		      42, 42, -42, "abc", 'x', (void *)0x1234);
	expect_format("(null) 100%", "%s 100%%", no_string);
	EXPECT_EQ(snprintf(small, sizeof(small), "%s", "truncated"), 9);
	EXPECT(!strcmp(small, "truncat"));
	ktap_case("printf_formats");

	EXPECT_EQ(strlen(""), 0);
	EXPECT(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0);
	EXPECT_EQ(strncmp("abcX", "abcY", 3), 0);
	EXPECT(!strcmp(strchr("hello", 'l'), "llo"));
	EXPECT(strchr("hello", 'z') == NULL);
	EXPECT(!strcmp(strrchr("a/b/c", '/'), "/c"));
	EXPECT_EQ(strlcpy(small, "0123456789", sizeof(small)), 10);
	EXPECT(!strcmp(small, "0123456"));
	memset(small, 'z', sizeof(small));
	memmove(small + 1, small, 4);
	memcpy(small, "ab", 2);
	EXPECT_EQ(memcmp(small, "abzzzzzz", 8), 0);
	ktap_case("string_functions");

	for (int i = 0; i < BLOCKS; i++) {
		size_t len = 1 + i * 97;

		blocks[i] = malloc(len);
		if (!EXPECT(blocks[i]))
			break;
		EXPECT_EQ((uintptr_t)blocks[i] & 15, 0);
		pattern_fill(blocks[i], len, i);
	}
	for (int i = 0; i < BLOCKS && blocks[i]; i++)
		EXPECT_PATTERN(blocks[i], 1 + i * 97, i);
	free(blocks[10]);
	again = malloc(5 * 97);		/* fits in block 10's 971 bytes */
	EXPECT(again == blocks[10]);
	again = calloc(100, 40);
	if (EXPECT(again))
		EXPECT_ZEROS(again, 4000);
	EXPECT(malloc(0x7fffffff) == NULL);
	ktap_case("malloc_free_reuse");

	EXPECT(getenv("HM386_NO_SUCH_VARIABLE") == NULL);
	if (getenv("KTAP_INDENT"))
		EXPECT_EQ(atoi(getenv("KTAP_INDENT")), ktap_indent());
	ktap_case("getenv");

	EXPECT_EQ(strtol("  -123x", &end, 10), -123);
	EXPECT_EQ(*end, 'x');
	EXPECT_EQ(strtol("0x1fG", &end, 0), 0x1f);
	EXPECT_EQ(*end, 'G');
	EXPECT_EQ(atoi("42"), 42);
	ktap_case("strtol");
	return ktap_end();
}
