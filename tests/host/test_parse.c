// SPDX-License-Identifier: MIT
/*
 * Host tests of lib/parse.c: tables of accepted strings with their values,
 * rejected strings with their error, and the promise that *out is left
 * alone on error.
 */
#include "htest.h"

#include <lib/parse.h>

/* What *out holds before each call: it must still, after an error. */
#define UNTOUCHED 0x5eed5eed5eed5eedULL

struct number_case {
	const char *text;
	int err;
	u64 value;	/* when err is 0 */
};

/* run_u64_cases - run @parse over @cases, checking result and *out. */
static void run_u64_cases(int (*parse)(const char *, u64 *), const char *name,
			  const struct number_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		u64 out = UNTOUCHED;
		int err = parse(cases[i].text, &out);
		u64 want = cases[i].err ? UNTOUCHED : cases[i].value;

		if (err != cases[i].err || out != want)
			HT_FAIL("%s(\"%s\") = %d, out %#" PRIx64
				"; want %d, out %#" PRIx64, name,
				cases[i].text, err, out, cases[i].err, want);
	}
}

HTEST(hex_digit_both_cases_and_nothing_else)
{
	HT_EXPECT_EQ(hex_digit('0'), 0);
	HT_EXPECT_EQ(hex_digit('9'), 9);
	HT_EXPECT_EQ(hex_digit('a'), 10);
	HT_EXPECT_EQ(hex_digit('F'), 15);
	HT_EXPECT_EQ(hex_digit('g'), -1);
	HT_EXPECT_EQ(hex_digit('G'), -1);
	HT_EXPECT_EQ(hex_digit('/'), -1);
	HT_EXPECT_EQ(hex_digit(':'), -1);
	HT_EXPECT_EQ(hex_digit('\0'), -1);
}

HTEST(parse_u64_accepts)
{
	static const struct number_case cases[] = {
		{ "0", 0, 0 },
		{ "1", 0, 1 },
		{ "4096", 0, 4096 },
		{ "007", 0, 7 },		/* decimal, not octal */
		{ "0x0", 0, 0 },
		{ "0x1000", 0, 0x1000 },
		{ "0XABCdef", 0, 0xabcdef },
		{ "0x00000000000000000001", 0, 1 },
		{ "4294967296", 0, 0x100000000ULL },
		{ "18446744073709551615", 0, UINT64_MAX },
		{ "0xffffffffffffffff", 0, UINT64_MAX },
		{ "000000000000000000000000018446744073709551615", 0,
		  UINT64_MAX },
	};

	run_u64_cases(parse_u64, "parse_u64", cases,
		      ARRAY_SIZE(cases));
}

HTEST(parse_u64_rejects)
{
	static const struct number_case cases[] = {
		{ "", PARSE_EINVAL, 0 },
		{ "0x", PARSE_EINVAL, 0 },
		{ "0X", PARSE_EINVAL, 0 },
		{ "x10", PARSE_EINVAL, 0 },
		{ "-1", PARSE_EINVAL, 0 },
		{ "+1", PARSE_EINVAL, 0 },
		{ " 1", PARSE_EINVAL, 0 },
		{ "1 ", PARSE_EINVAL, 0 },
		{ "12a", PARSE_EINVAL, 0 },
		{ "0x12g", PARSE_EINVAL, 0 },
		{ "1K", PARSE_EINVAL, 0 },	/* only parse_size() */
		{ "0x0x1", PARSE_EINVAL, 0 },
		{ "18446744073709551616", PARSE_ERANGE, 0 },
		{ "99999999999999999999", PARSE_ERANGE, 0 },
		{ "0x10000000000000000", PARSE_ERANGE, 0 },
		/* Junk after an overflow is still junk. */
		{ "99999999999999999999z", PARSE_EINVAL, 0 },
	};

	run_u64_cases(parse_u64, "parse_u64", cases,
		      ARRAY_SIZE(cases));
}

HTEST(parse_u32_range)
{
	static const struct {
		const char *text;
		int err;
		u32 value;
	} cases[] = {
		{ "0", 0, 0 },
		{ "4294967295", 0, 0xffffffffu },
		{ "0xffffffff", 0, 0xffffffffu },
		{ "0x3f000", 0, 0x3f000 },
		{ "4294967296", PARSE_ERANGE, 0 },
		{ "0x100000000", PARSE_ERANGE, 0 },
		{ "zz", PARSE_EINVAL, 0 },
		{ "", PARSE_EINVAL, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		u32 out = 0x5eed5eed;
		int err = parse_u32(cases[i].text, &out);
		u32 want = cases[i].err ? 0x5eed5eed : cases[i].value;

		if (err != cases[i].err || out != want)
			HT_FAIL("parse_u32(\"%s\") = %d, out %#x; want %d, out %#x",
				cases[i].text, err, out, cases[i].err, want);
	}
}

HTEST(parse_size_accepts)
{
	static const struct number_case cases[] = {
		{ "0", 0, 0 },
		{ "512", 0, 512 },
		{ "1k", 0, 1024 },
		{ "640K", 0, 640 * KiB },
		{ "16m", 0, 16 * MiB },
		{ "16M", 0, 16 * MiB },
		{ "4G", 0, 4 * GiB },
		{ "64g", 0, 64 * GiB },
		{ "0x10M", 0, 16 * MiB },
		{ "0K", 0, 0 },
		{ "18446744073709551615", 0, UINT64_MAX },
		{ "17179869183G", 0, 17179869183ULL * GiB },
		{ "0x3fffffffffffffK", 0, 0x3fffffffffffffULL << 10 },
	};

	run_u64_cases(parse_size, "parse_size", cases,
		      ARRAY_SIZE(cases));
}

HTEST(parse_size_rejects)
{
	static const struct number_case cases[] = {
		{ "", PARSE_EINVAL, 0 },
		{ "M", PARSE_EINVAL, 0 },
		{ "k", PARSE_EINVAL, 0 },
		{ "12q", PARSE_EINVAL, 0 },
		{ "-1", PARSE_EINVAL, 0 },
		{ "0x", PARSE_EINVAL, 0 },
		{ "0xK", PARSE_EINVAL, 0 },
		{ "1KB", PARSE_EINVAL, 0 },
		{ "1KK", PARSE_EINVAL, 0 },
		{ "1T", PARSE_EINVAL, 0 },	/* only K, M and G */
		{ "1 K", PARSE_EINVAL, 0 },
		{ "K1", PARSE_EINVAL, 0 },
		{ "17179869184G", PARSE_ERANGE, 0 },
		{ "0x40000000000000K", PARSE_ERANGE, 0 },
		{ "18446744073709551616", PARSE_ERANGE, 0 },
		{ "18446744073709551615K", PARSE_ERANGE, 0 },
		{ "99999999999999999999M", PARSE_ERANGE, 0 },
		{ "99999999999999999999x", PARSE_EINVAL, 0 },
	};

	run_u64_cases(parse_size, "parse_size", cases,
		      ARRAY_SIZE(cases));
}

HTEST(parse_bool_accepts)
{
	static const struct {
		const char *text;
		bool value;
	} cases[] = {
		{ "1", true }, { "on", true }, { "yes", true },
		{ "true", true }, { "0", false }, { "off", false },
		{ "no", false }, { "false", false },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		bool out = !cases[i].value;

		HT_EXPECT_EQ(parse_bool(cases[i].text, &out), 0);
		HT_EXPECT_EQ(out, cases[i].value);
	}
}

HTEST(parse_bool_rejects)
{
	static const char *const bad[] = {
		"", "2", "01", "y", "n", "ON", "True", "onn", "of", "yes ",
		" no", "-1", "truefalse",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		bool out_true = true, out_false = false;

		HT_EXPECT_EQ(parse_bool(bad[i], &out_true), PARSE_EINVAL);
		HT_EXPECT_EQ(parse_bool(bad[i], &out_false), PARSE_EINVAL);
		/* Untouched either way. */
		HT_EXPECT_TRUE(out_true);
		HT_EXPECT_FALSE(out_false);
	}
}

HTEST(parse_every_u32_roundtrip_sample)
{
	/* Print, parse back: decimal and hex, a spread of 32-bit values. */
	for (u64 v = 0; v <= 0xffffffffULL; v += 0x10001ULL * 97) {
		char text[32];
		u64 out = UNTOUCHED;

		sprintf(text, "%" PRIu64, v);
		HT_EXPECT_EQ(parse_u64(text, &out), 0);
		HT_EXPECT_EQ(out, v);
		sprintf(text, "0x%" PRIx64, v);
		HT_EXPECT_EQ(parse_u64(text, &out), 0);
		HT_EXPECT_EQ(out, v);
	}
}

HTEST_MAIN("parse")
