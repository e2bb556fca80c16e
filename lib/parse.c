// SPDX-License-Identifier: MIT
/*
 * Strict number and switch parsing; the accepted syntax is in
 * include/lib/parse.h. No 64-bit division: overflow is caught against
 * limits the compiler folds to constants.
 */
#include <lib/parse.h>
#include <lib/string.h>

#define PARSE_HEX_BASE		16
#define PARSE_DEC_BASE		10
/* What digit_value() returns for a non-digit: too big for any base. */
#define PARSE_NOT_A_DIGIT	PARSE_HEX_BASE

#define KIB_SHIFT	10
#define MIB_SHIFT	20
#define GIB_SHIFT	30

int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* digit_value - value of the hex digit @c, PARSE_NOT_A_DIGIT if none. */
static unsigned int digit_value(char c)
{
	int d = hex_digit(c);

	return d < 0 ? PARSE_NOT_A_DIGIT : (unsigned int)d;
}

/*
 * parse_number - parse the number at the start of @s, with the syntax of
 * parse_u64(). Always sets *@end past the digits that were read (to the
 * first unread byte). Returns 0 with *@value set, PARSE_EINVAL if there
 * were no digits, or PARSE_ERANGE if they overflowed.
 */
static int parse_number(const char *s, u64 *value, const char **end)
{
	unsigned int base = PARSE_DEC_BASE;
	unsigned int digit;
	u64 limit = UINT64_MAX / PARSE_DEC_BASE;
	u64 number = 0;
	bool overflow = false;
	const char *first;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = PARSE_HEX_BASE;
		limit = UINT64_MAX / PARSE_HEX_BASE;
		s += 2;
	}

	/* Read every digit even after an overflow, to find the end. */
	for (first = s; (digit = digit_value(*s)) < base; s++) {
		if (number > limit || number * base > UINT64_MAX - digit)
			overflow = true;
		else
			number = number * base + digit;
	}
	*end = s;

	if (s == first)
		return PARSE_EINVAL;
	if (overflow)
		return PARSE_ERANGE;
	*value = number;
	return 0;
}

int parse_u64(const char *s, u64 *out)
{
	const char *end;
	u64 value;
	int err = parse_number(s, &value, &end);

	/* Trailing junk makes the string malformed, whatever the number. */
	if (*end)
		return PARSE_EINVAL;
	if (err)
		return err;
	*out = value;
	return 0;
}

int parse_u32(const char *s, u32 *out)
{
	u64 value;
	int err = parse_u64(s, &value);

	if (err)
		return err;
	if (value > 0xffffffffULL)
		return PARSE_ERANGE;
	*out = (u32)value;
	return 0;
}

/* suffix_shift - log2 of the multiplier of a size suffix, -1 if none. */
static int suffix_shift(char c)
{
	switch (c) {
	case 'K':
	case 'k':
		return KIB_SHIFT;
	case 'M':
	case 'm':
		return MIB_SHIFT;
	case 'G':
	case 'g':
		return GIB_SHIFT;
	default:
		return -1;
	}
}

int parse_size(const char *s, u64 *out)
{
	const char *end;
	u64 value;
	int shift = 0;
	int err = parse_number(s, &value, &end);

	if (*end) {
		shift = suffix_shift(*end++);
		if (shift < 0 || *end)
			return PARSE_EINVAL;
	}
	if (err)
		return err;
	if (value > UINT64_MAX >> shift)
		return PARSE_ERANGE;
	*out = value << shift;
	return 0;
}

int parse_bool(const char *s, bool *out)
{
	static const struct {
		const char *word;
		bool value;
	} words[] = {
		{ "1", true }, { "on", true }, { "yes", true },
		{ "true", true }, { "0", false }, { "off", false },
		{ "no", false }, { "false", false },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++) {
		if (!strcmp(s, words[i].word)) {
			*out = words[i].value;
			return 0;
		}
	}
	return PARSE_EINVAL;
}
