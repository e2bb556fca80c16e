// SPDX-License-Identifier: MIT
/*
 * Host tests of lib/vsprintf.c. Wherever C defines the output, ours must
 * match the C library's byte for byte, return value included, for every
 * buffer size; where hm386 differs on purpose (%p, NULL %s, unknown
 * conversions) the expected text is spelled out.
 */
#include "htest.h"

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* The C library's formatter, captured before lib/printf.h takes the name. */
static int libc_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vsnprintf(buf, size, fmt, ap);
}

#include <lib/printf.h>

#define OUT_MAX		512	/* most output bytes of any case */
#define CANARY		0xa5	/* fills buffers: stray writes show */
#define WHY_MAX		(OUT_MAX * 2 + 200)

/*
 * compare_at_size - format @fmt with ours and libc's into buffers of @size
 * bytes. Returns true if the return values and the whole buffers (the
 * canary past @size included) agree, else describes the difference in @why.
 */
static bool compare_at_size(char *why, const char *fmt, size_t size,
			    va_list ap)
{
	unsigned char ours[OUT_MAX], theirs[OUT_MAX];
	va_list ap_ours, ap_theirs;
	int ours_len, theirs_len;

	memset(ours, CANARY, sizeof(ours));
	memset(theirs, CANARY, sizeof(theirs));
	va_copy(ap_ours, ap);
	va_copy(ap_theirs, ap);
	/* size 0 also proves NULL is accepted then */
	ours_len = vsnprintf(size ? (char *)ours : NULL, size, fmt, ap_ours);
	theirs_len = libc_vsnprintf(size ? (char *)theirs : NULL, size, fmt,
				    ap_theirs);
	va_end(ap_ours);
	va_end(ap_theirs);

	if (ours_len == theirs_len && !memcmp(ours, theirs, sizeof(ours)))
		return true;
	sprintf(why, "format \"%s\" size %zu: returned %d, libc %d; "
		"wrote \"%.*s\", libc \"%.*s\"", fmt, size, ours_len,
		theirs_len, (int)(size ? size - 1 : 0), (char *)ours,
		(int)(size ? size - 1 : 0), (char *)theirs);
	return false;
}

/*
 * like_libc_va - compare ours with libc's for @fmt at the full size and at
 * the sizes around every truncation edge: 0, 1, 2, half, length, length + 1.
 */
static bool like_libc_va(char *why, const char *fmt, va_list ap)
{
	char scratch[OUT_MAX];
	size_t len, sizes[7];
	va_list probe;

	va_copy(probe, ap);
	len = (size_t)libc_vsnprintf(scratch, sizeof(scratch), fmt, probe);
	va_end(probe);
	if (len + 1 >= OUT_MAX) {
		sprintf(why, "format \"%s\" is too long for the test", fmt);
		return false;
	}
	sizes[0] = 0;
	sizes[1] = 1;
	sizes[2] = 2;
	sizes[3] = len / 2;
	sizes[4] = len;
	sizes[5] = len + 1;
	sizes[6] = OUT_MAX;
	for (size_t i = 0; i < 7; i++)
		if (!compare_at_size(why, fmt, sizes[i], ap))
			return false;
	return true;
}

/* like_libc - like_libc_va(), with the compiler checking the arguments. */
static __printf(2, 3) bool like_libc(char *why, const char *fmt, ...)
{
	va_list ap;
	bool same;

	va_start(ap, fmt);
	same = like_libc_va(why, fmt, ap);
	va_end(ap);
	return same;
}

/*
 * like_libc_unchecked - like_libc_va() for formats built at run time, or
 * valid ones gcc warns about ("%-05d": the '0' is ignored, as C says).
 */
static bool like_libc_unchecked(char *why, const char *fmt, ...)
{
	va_list ap;
	bool same;

	va_start(ap, fmt);
	same = like_libc_va(why, fmt, ap);
	va_end(ap);
	return same;
}

#define EXPECT_LIKE_LIBC_WITH(check, fmt, ...) do {			\
	char why_[WHY_MAX];						\
	if (!check(why_, fmt, ##__VA_ARGS__))				\
		HT_FAIL("%s", why_);					\
} while (0)
#define EXPECT_LIKE_LIBC(fmt, ...)					\
	EXPECT_LIKE_LIBC_WITH(like_libc, fmt, ##__VA_ARGS__)
#define EXPECT_LIKE_LIBC_UNCHECKED(fmt, ...)				\
	EXPECT_LIKE_LIBC_WITH(like_libc_unchecked, fmt, ##__VA_ARGS__)

/* unchecked - our vsnprintf without the compiler's format checking. */
static int unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return len;
}

/*
 * Ours alone, for output the C library does not define or differs on.
 * Unchecked, since gcc rightly warns about a NULL %s.
 */
#define EXPECT_FORMAT(want, fmt, ...) do {				\
	char buf_[OUT_MAX];						\
	int len_ = unchecked(buf_, sizeof(buf_), fmt, ##__VA_ARGS__);	\
	HT_EXPECT_STREQ(buf_, want);					\
	HT_EXPECT_EQ(len_, (int)strlen(want));				\
} while (0)

HTEST(plain_text_and_percent)
{
	EXPECT_LIKE_LIBC_UNCHECKED("");
	EXPECT_LIKE_LIBC("hello, world");
	EXPECT_LIKE_LIBC("100%%");
	EXPECT_LIKE_LIBC("%%%%%d%%", 5);
	EXPECT_LIKE_LIBC("tab\tnewline\n");
}

HTEST(decimal_basics)
{
	EXPECT_LIKE_LIBC("%d %d %d", 0, 1, -1);
	EXPECT_LIKE_LIBC("%i|%i", 123456, -987654);
	EXPECT_LIKE_LIBC("%d %d", INT_MAX, INT_MIN);
	EXPECT_LIKE_LIBC("%u %u", 0u, UINT_MAX);
	EXPECT_LIKE_LIBC("%d%s%u", -42, "mid", 42u);
}

HTEST(long_long_extremes)
{
	EXPECT_LIKE_LIBC("%lld %lld", LLONG_MIN, LLONG_MAX);
	EXPECT_LIKE_LIBC("%llu %llx %llX %llo", ULLONG_MAX, ULLONG_MAX,
			 ULLONG_MAX, ULLONG_MAX);
	EXPECT_LIKE_LIBC("%lli", -1LL);
	EXPECT_LIKE_LIBC("%+lld % lld", 0LL, 0LL);
	EXPECT_LIKE_LIBC("%30lld|%-30lld|%030lld", LLONG_MIN, LLONG_MIN,
			 LLONG_MIN);
	EXPECT_LIKE_LIBC("%#llx %#llo", 0x123456789abcdefULL, 01234567ULL);
}

HTEST(length_modifiers)
{
	/* Out-of-range ints: converted like C does (clang warns, rightly). */
	EXPECT_LIKE_LIBC_UNCHECKED("%hhd %hhu %hhx", 300, 300, 0x1ff);
	EXPECT_LIKE_LIBC_UNCHECKED("%hhd %hhd", -129, 127);
	EXPECT_LIKE_LIBC_UNCHECKED("%hd %hu %hx", 70000, 70000, -1);
	EXPECT_LIKE_LIBC("%hhd %hhu %hd %hu", (signed char)-5,
			 (unsigned char)200, (short)-300,
			 (unsigned short)60000);
	EXPECT_LIKE_LIBC("%ld %lu %lx", LONG_MIN, ULONG_MAX, 0xdeadUL);
	EXPECT_LIKE_LIBC("%zu %zx %zd", SIZE_MAX, (size_t)4096,
			 (ptrdiff_t)-5);
	EXPECT_LIKE_LIBC("%jd %ju", INTMAX_MIN, UINTMAX_MAX);
	EXPECT_LIKE_LIBC("%td %tx", PTRDIFF_MIN, (ptrdiff_t)255);
}

HTEST(hex_and_octal)
{
	EXPECT_LIKE_LIBC("%x %X %o", 0xabcdefu, 0xabcdefu, 0777u);
	EXPECT_LIKE_LIBC("%#x %#X %#o", 0u, 0u, 0u);
	EXPECT_LIKE_LIBC("%#x %#X %#o", 255u, 255u, 8u);
	EXPECT_LIKE_LIBC("%#.0o %#.3o %#.1o %#5o", 0u, 8u, 8u, 8u);
	EXPECT_LIKE_LIBC("%#010x|%#-10x|%#10.6x", 0xbeefu, 0xbeefu, 0xbeefu);
	EXPECT_LIKE_LIBC("%08X", 0xc0ffeeu);
}

HTEST(width_and_flags)
{
	EXPECT_LIKE_LIBC("[%5d][%-5d][%05d]", 42, 42, 42);
	EXPECT_LIKE_LIBC("[%5d][%-5d][%05d]", -42, -42, -42);
	EXPECT_LIKE_LIBC("[%+d][% d][%+d][% d]", 7, 7, -7, -7);
	/* '+' wins over ' ', '-' over '0' */
	EXPECT_LIKE_LIBC_UNCHECKED("[%+ d][% +d]", 7, 7);
	EXPECT_LIKE_LIBC_UNCHECKED("[%-05d][%0-5d]", 3, 3);
	EXPECT_LIKE_LIBC("[%1d][%2d]", 12345, -12345);	/* too narrow */
	EXPECT_LIKE_LIBC("[%+05d][% 05d]", 42, 42);
}

HTEST(precision)
{
	EXPECT_LIKE_LIBC("[%.3d][%.3d][%.0d][%.0d]", 7, -7, 0, 1);
	EXPECT_LIKE_LIBC("[%.d][%5.0d][%-5.0u]", 0, 0, 0u);
	EXPECT_LIKE_LIBC_UNCHECKED("[%08.3d][%-8.3d][%8.3d]", 42, 42, -42);
	EXPECT_LIKE_LIBC("[%.10x][%.10o][%.20llu]", 0xabu, 8u, 99ULL);
	EXPECT_LIKE_LIBC("[%+.0d][% .0d]", 0, 0);
}

HTEST(star_width_and_precision)
{
	/* A negative width means '-', a negative precision none. */
	EXPECT_LIKE_LIBC("[%*d][%*d]", 6, 42, -6, 42);
	EXPECT_LIKE_LIBC("[%.*d][%.*d]", 4, 42, -1, 42);
	EXPECT_LIKE_LIBC("[%*.*x]", 10, 6, 0xabcu);
	EXPECT_LIKE_LIBC("[%-*s][%*s]", 8, "ab", 8, "ab");
	EXPECT_LIKE_LIBC("[%.*s]", 3, "abcdef");
	EXPECT_LIKE_LIBC("[%0*d]", 7, -3);
}

HTEST(strings)
{
	EXPECT_LIKE_LIBC("[%s][%s]", "", "text");
	EXPECT_LIKE_LIBC("[%10s][%-10s][%2s]", "right", "left", "overflow");
	EXPECT_LIKE_LIBC("[%.2s][%.0s][%.10s]", "abc", "abc", "abc");
	EXPECT_LIKE_LIBC("[%8.3s][%-8.3s]", "abcdef", "abcdef");
}

HTEST(string_precision_reads_no_further)
{
	/* Not NUL-terminated: only the precision keeps ASan quiet. */
	char raw[3] = { 'x', 'y', 'z' };

	EXPECT_LIKE_LIBC("[%.3s][%.2s]", raw, raw);
}

HTEST(chars)
{
	EXPECT_LIKE_LIBC("[%c][%c][%c]", 'a', 'Z', '%');
	EXPECT_LIKE_LIBC("[%3c][%-3c]", 'x', 'y');
	EXPECT_LIKE_LIBC("[%c]", 0x141);	/* converted to unsigned char */
	EXPECT_LIKE_LIBC("[%c][%c]", '\xe9', 0xff);
}

HTEST(char_nul_is_counted_and_written)
{
	char buf[8];
	int len;

	memset(buf, 'x', sizeof(buf));
	len = snprintf(buf, sizeof(buf), "a%cb", 0);
	HT_EXPECT_EQ(len, 3);
	HT_EXPECT_MEMEQ(buf, "a\0b\0", 4);
	EXPECT_LIKE_LIBC("a%cb", 0);
}

HTEST(null_string)
{
	EXPECT_FORMAT("(null)", "%s", (char *)NULL);
	EXPECT_FORMAT("[  (null)]", "[%8s]", (char *)NULL);
	EXPECT_FORMAT("[(null)  ]", "[%-8s]", (char *)NULL);
	EXPECT_FORMAT("[(nu]", "[%.3s]", (char *)NULL);
}

HTEST(pointers)
{
	/* Every digit of the pointer: 16 on a 64-bit host, 8 in the kernel. */
	char want[OUT_MAX];
	int digits = (int)(2 * sizeof(void *));

	sprintf(want, "0x%0*llx", digits, 0ULL);
	EXPECT_FORMAT(want, "%p", NULL);
	sprintf(want, "0x%0*llx", digits, 0x1234ULL);
	EXPECT_FORMAT(want, "%p", (void *)(uintptr_t)0x1234);
	sprintf(want, "0x%0*llx", digits,
		(unsigned long long)(uintptr_t)UINTPTR_MAX);
	EXPECT_FORMAT(want, "%p", (void *)UINTPTR_MAX);
	sprintf(want, "[%*s0x%0*llx]", 4, "", digits, 0xc0ffeeULL);
	EXPECT_FORMAT(want, "[%*p]", digits + 6, (void *)(uintptr_t)0xc0ffee);
	sprintf(want, "[0x%0*llx%*s]", digits, 0xc0ffeeULL, 4, "");
	EXPECT_FORMAT(want, "[%-*p]", digits + 6,
		      (void *)(uintptr_t)0xc0ffee);
}

HTEST(unknown_conversion_copied)
{
	char buf[OUT_MAX];

	HT_EXPECT_EQ(unchecked(buf, sizeof(buf), "a%yb"), 4);
	HT_EXPECT_STREQ(buf, "a%yb");
	HT_EXPECT_EQ(unchecked(buf, sizeof(buf), "[%-08.3lly]"), 11);
	HT_EXPECT_STREQ(buf, "[%-08.3lly]");
	/* A lone '%' at the end, and one after a length modifier. */
	HT_EXPECT_EQ(unchecked(buf, sizeof(buf), "end%"), 4);
	HT_EXPECT_STREQ(buf, "end%");
	HT_EXPECT_EQ(unchecked(buf, sizeof(buf), "x%5l"), 4);
	HT_EXPECT_STREQ(buf, "x%5l");
	/* An unknown conversion consumes no argument. */
	HT_EXPECT_EQ(unchecked(buf, sizeof(buf), "%y%d", 7), 3);
	HT_EXPECT_STREQ(buf, "%y7");
}

HTEST(truncation_every_size)
{
	static const char full[] = "key=0000beef, -12   |-9223372036854775808";
	char ours[64], want[64];

	for (size_t size = 0; size < sizeof(ours); size++) {
		size_t kept = size ? MIN(sizeof(full) - 1, size - 1) : 0;
		int len;

		memset(ours, CANARY, sizeof(ours));
		memset(want, CANARY, sizeof(want));
		len = snprintf(size ? ours : NULL, size, "%s=%08x, %-6d|%lld",
			       "key", 0xbeefu, -12, LLONG_MIN);
		HT_EXPECT_EQ(len, (int)sizeof(full) - 1);
		if (size) {
			memcpy(want, full, kept);
			want[kept] = '\0';
		}
		HT_EXPECT_MEMEQ(ours, want, sizeof(ours));
	}
}

HTEST(size_zero_and_one)
{
	char buf[4] = { 'x', 'x', 'x', 'x' };

	HT_EXPECT_EQ(snprintf(NULL, 0, "%d", 12345), 5);
	HT_EXPECT_EQ(snprintf(buf, 0, "%d", 12345), 5);
	HT_EXPECT_EQ(buf[0], 'x');			/* untouched */
	HT_EXPECT_EQ(snprintf(buf, 1, "%d", 12345), 5);
	HT_EXPECT_EQ(buf[0], '\0');
	HT_EXPECT_EQ(buf[1], 'x');
	HT_EXPECT_EQ(unchecked(buf, 1, ""), 0);
	HT_EXPECT_EQ(buf[0], '\0');
}

/* format_twice - pass one va_list to vsnprintf() twice, as documented. */
static __printf(4, 5) void format_twice(char *first, char *second,
					size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(first, size, fmt, ap);
	vsnprintf(second, size, fmt, ap);
	va_end(ap);
}

HTEST(vsnprintf_leaves_caller_list)
{
	char first[32], second[32];

	format_twice(first, second, sizeof(first), "%d %s %lld", 1, "x", -2LL);
	HT_EXPECT_STREQ(first, "1 x -2");
	HT_EXPECT_STREQ(second, "1 x -2");
}

/* What a length modifier makes the caller pass. */
enum arg_type { ARG_INT, ARG_LONG, ARG_LLONG, ARG_INTMAX, ARG_SIZE };

static const struct {
	const char *text;
	enum arg_type type;
} length_mods[] = {
	{ "hh", ARG_INT }, { "h", ARG_INT }, { "", ARG_INT },
	{ "l", ARG_LONG }, { "ll", ARG_LLONG }, { "j", ARG_INTMAX },
	{ "z", ARG_SIZE }, { "t", ARG_SIZE },
};

static const long long sample_values[] = {
	0, 1, -1, 7, -8, 42, 255, 256, -129, 32768, -65536, INT_MAX, INT_MIN,
	0xdeadbeefLL, 0x123456789abLL, LLONG_MAX, LLONG_MIN,
};

/*
 * like_libc_integer - like_libc() for a run-time format, with @value passed
 * as the @type the length modifier calls for, signed or not.
 */
static bool like_libc_integer(char *why, const char *fmt, enum arg_type type,
			      bool is_signed, long long value)
{
	switch (type) {
	case ARG_INT:
		return is_signed ?
			like_libc_unchecked(why, fmt, (int)value) :
			like_libc_unchecked(why, fmt, (unsigned int)value);
	case ARG_LONG:
		return is_signed ?
			like_libc_unchecked(why, fmt, (long)value) :
			like_libc_unchecked(why, fmt, (unsigned long)value);
	case ARG_LLONG:
		return is_signed ?
			like_libc_unchecked(why, fmt, value) :
			like_libc_unchecked(why, fmt,
					    (unsigned long long)value);
	case ARG_INTMAX:
		return is_signed ?
			like_libc_unchecked(why, fmt, (intmax_t)value) :
			like_libc_unchecked(why, fmt, (uintmax_t)value);
	default:	/* z and t: the same width, signed or not */
		return is_signed ?
			like_libc_unchecked(why, fmt, (ptrdiff_t)value) :
			like_libc_unchecked(why, fmt, (size_t)value);
	}
}

HTEST(integer_cross_product)
{
	static const char flag_chars[] = "-0+ #";
	const unsigned int alt_flag = 1u << 4;	/* flag_chars[4], '#' */
	static const char *const widths[] = { "", "1", "6", "25" };
	static const char *const precisions[] = {
		"", ".", ".0", ".1", ".4", ".22",
	};
	static const char conversions[] = "diuxXo";
	const unsigned int nr_flag_sets = 1u << (sizeof(flag_chars) - 1);
	const unsigned int nr_conversions = sizeof(conversions) - 1;
	unsigned long checked = 0, failed = 0;
	unsigned int combo, combos;

	/* Every flag set x width x precision x length x conversion. */
	combos = nr_flag_sets * ARRAY_SIZE(widths) * ARRAY_SIZE(precisions) *
		 ARRAY_SIZE(length_mods) * nr_conversions;
	for (combo = 0; combo < combos; combo++) {
		unsigned int rest = combo;
		unsigned int flags = rest % nr_flag_sets;
		const char *width, *precision;
		char conversion, fmt[32];
		bool is_signed;
		size_t len = 0, l;

		rest /= nr_flag_sets;
		width = widths[rest % ARRAY_SIZE(widths)];
		rest /= ARRAY_SIZE(widths);
		precision = precisions[rest % ARRAY_SIZE(precisions)];
		rest /= ARRAY_SIZE(precisions);
		l = rest % ARRAY_SIZE(length_mods);
		conversion = conversions[rest / ARRAY_SIZE(length_mods)];
		is_signed = conversion == 'd' || conversion == 'i';

		/* '#' is undefined for decimal conversions: leave it out. */
		if ((flags & alt_flag) && (is_signed || conversion == 'u'))
			continue;

		fmt[len++] = '[';
		fmt[len++] = '%';
		for (unsigned int f = 0; f < sizeof(flag_chars) - 1; f++)
			if (flags & (1u << f))
				fmt[len++] = flag_chars[f];
		sprintf(fmt + len, "%s%s%s%c]", width, precision,
			length_mods[l].text, conversion);

		for (size_t v = 0; v < ARRAY_SIZE(sample_values); v++) {
			char why[WHY_MAX];

			checked++;
			if (like_libc_integer(why, fmt, length_mods[l].type,
					      is_signed, sample_values[v]))
				continue;
			if (failed++ < 10)	/* the first few will do */
				HT_FAIL("%s", why);
		}
	}
	HT_EXPECT_EQ(failed, 0);
	HT_EXPECT_GT(checked, 100000);
}

HTEST(string_cross_product)
{
	static const char *const specs[] = {
		"%s", "%-s", "%1s", "%7s", "%-7s", "%.0s", "%.1s", "%.5s",
		"%7.2s", "%-7.2s", "%.30s", "%30s",
	};
	static const char *const samples[] = {
		"", "a", "hello", "a longer sample string",
	};

	for (size_t i = 0; i < ARRAY_SIZE(specs); i++)
		for (size_t j = 0; j < ARRAY_SIZE(samples); j++)
			EXPECT_LIKE_LIBC(specs[i], samples[j]);
}

HTEST(many_conversions_in_one_format)
{
	EXPECT_LIKE_LIBC("%d:%u:%x:%X:%o:%c:%s:%%:%lld:%zu:%hhd:%5.2d|%-4x|",
			 -1, 2u, 0xau, 0xbu, 8u, 'q', "str", -3LL,
			 (size_t)9, (signed char)-56, 5, 0x1fu);
}

HTEST(long_output_is_counted)
{
	char small[16];
	int len = snprintf(small, sizeof(small), "%300d|", 1);

	HT_EXPECT_EQ(len, 301);
	HT_EXPECT_EQ(strlen(small), sizeof(small) - 1);
	EXPECT_LIKE_LIBC("%200s|%-200d|", "x", 5);
}

HTEST_MAIN("printf")
