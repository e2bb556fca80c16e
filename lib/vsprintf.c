// SPDX-License-Identifier: MIT
/*
 * vsnprintf() and snprintf(); the contract and the supported conversions are
 * in include/lib/printf.h. Each conversion is parsed into a struct fmt_spec,
 * its argument fetched at the width the length modifier says, then laid out
 * by one of two routines: put_number() for integers and pointers,
 * put_padded() for strings and characters.
 */
#include <lib/div64.h>
#include <lib/printf.h>
#include <lib/string.h>

/* Flags: the characters between '%' and the width. */
#define FMT_LEFT	(1u << 0)	/* '-': pad on the right */
#define FMT_ZEROPAD	(1u << 1)	/* '0': pad numbers with zeros */
#define FMT_PLUS	(1u << 2)	/* '+': "+" on numbers >= 0 */
#define FMT_SPACE	(1u << 3)	/* ' ': " " on numbers >= 0 */
#define FMT_ALT		(1u << 4)	/* '#': 0x on hex, 0 on octal */

#define FMT_NO_PRECISION	(-1)
#define FMT_INT_MAX		__INT_MAX__
#define FMT_INT_MIN		(-FMT_INT_MAX - 1)
/* Digits of the longest number: a u64 in octal. */
#define FMT_MAX_DIGITS		22

enum fmt_length {
	FMT_LEN_INT,		/* none */
	FMT_LEN_CHAR,		/* hh */
	FMT_LEN_SHORT,		/* h */
	FMT_LEN_LONG,		/* l */
	FMT_LEN_LLONG,		/* ll */
	FMT_LEN_INTMAX,		/* j */
	FMT_LEN_SIZE,		/* z */
	FMT_LEN_PTRDIFF,	/* t */
};

/* One parsed conversion specification. */
struct fmt_spec {
	unsigned int flags;	/* FMT_LEFT ... */
	int width;		/* minimum field width, 0 for none */
	int precision;		/* or FMT_NO_PRECISION */
	enum fmt_length length;
	char conversion;	/* 'd', 'x', ...; '\0' if the format ended */
};

/*
 * The output: a buffer that keeps its last byte for the NUL, and the length
 * the output would have had, which keeps counting once the buffer is full.
 */
struct fmt_out {
	char *buf;
	size_t size;
	size_t len;
};

static void out_char(struct fmt_out *out, char c)
{
	if (out->len + 1 < out->size)
		out->buf[out->len] = c;
	out->len++;
}

static void out_repeat(struct fmt_out *out, char c, int count)
{
	for (; count > 0; count--)
		out_char(out, c);
}

static void out_mem(struct fmt_out *out, const char *s, size_t n)
{
	while (n--)
		out_char(out, *s++);
}

/* flag_bit - the FMT_ flag for the flag character @c, 0 if it is none. */
static unsigned int flag_bit(char c)
{
	switch (c) {
	case '-':
		return FMT_LEFT;
	case '0':
		return FMT_ZEROPAD;
	case '+':
		return FMT_PLUS;
	case ' ':
		return FMT_SPACE;
	case '#':
		return FMT_ALT;
	default:
		return 0;
	}
}

/*
 * parse_count - read the decimal digits at *@fmt, moving it past them.
 * Saturates at INT_MAX rather than overflowing.
 */
static int parse_count(const char **fmt)
{
	int count = 0;

	for (; **fmt >= '0' && **fmt <= '9'; (*fmt)++) {
		int digit = **fmt - '0';

		count = count > (FMT_INT_MAX - digit) / 10 ?
			FMT_INT_MAX : count * 10 + digit;
	}
	return count;
}

/*
 * parse_spec - fill @spec from the text after a '%', taking '*' widths and
 * precisions from @ap. Returns a pointer to the conversion character (or
 * to the format's NUL).
 */
static const char *parse_spec(const char *fmt, struct fmt_spec *spec,
			      va_list *ap)
{
	unsigned int flag;

	spec->flags = 0;
	while ((flag = flag_bit(*fmt))) {
		spec->flags |= flag;
		fmt++;
	}

	if (*fmt == '*') {
		int width = va_arg(*ap, int);

		fmt++;
		/* A negative width is the '-' flag and its magnitude. */
		if (width < 0) {
			spec->flags |= FMT_LEFT;
			width = width == FMT_INT_MIN ? FMT_INT_MAX : -width;
		}
		spec->width = width;
	} else {
		spec->width = parse_count(&fmt);
	}

	spec->precision = FMT_NO_PRECISION;
	if (*fmt == '.') {
		fmt++;
		if (*fmt == '*') {
			int precision = va_arg(*ap, int);

			fmt++;
			/* A negative precision counts as none. */
			if (precision >= 0)
				spec->precision = precision;
		} else {
			spec->precision = parse_count(&fmt);
		}
	}

	spec->length = FMT_LEN_INT;
	switch (*fmt) {
	case 'h':
		fmt++;
		spec->length = FMT_LEN_SHORT;
		if (*fmt == 'h') {
			fmt++;
			spec->length = FMT_LEN_CHAR;
		}
		break;
	case 'l':
		fmt++;
		spec->length = FMT_LEN_LONG;
		if (*fmt == 'l') {
			fmt++;
			spec->length = FMT_LEN_LLONG;
		}
		break;
	case 'j':
		fmt++;
		spec->length = FMT_LEN_INTMAX;
		break;
	case 'z':
		fmt++;
		spec->length = FMT_LEN_SIZE;
		break;
	case 't':
		fmt++;
		spec->length = FMT_LEN_PTRDIFF;
		break;
	}

	spec->conversion = *fmt;
	return fmt;
}

/* fetch_signed - the next argument of a signed conversion, widened. */
static s64 fetch_signed(enum fmt_length length, va_list *ap)
{
	switch (length) {
	case FMT_LEN_CHAR:
		return (signed char)va_arg(*ap, int);
	case FMT_LEN_SHORT:
		return (short)va_arg(*ap, int);
	case FMT_LEN_LONG:
		return va_arg(*ap, long);
	case FMT_LEN_LLONG:
		return va_arg(*ap, long long);
	case FMT_LEN_INTMAX:
		return va_arg(*ap, intmax_t);
	case FMT_LEN_SIZE:	/* signed, of size_t's width */
	case FMT_LEN_PTRDIFF:
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, int);
	}
}

/* fetch_unsigned - the next argument of an unsigned conversion, widened. */
static u64 fetch_unsigned(enum fmt_length length, va_list *ap)
{
	switch (length) {
	case FMT_LEN_CHAR:
		return (unsigned char)va_arg(*ap, unsigned int);
	case FMT_LEN_SHORT:
		return (unsigned short)va_arg(*ap, unsigned int);
	case FMT_LEN_LONG:
		return va_arg(*ap, unsigned long);
	case FMT_LEN_LLONG:
		return va_arg(*ap, unsigned long long);
	case FMT_LEN_INTMAX:
		return va_arg(*ap, uintmax_t);
	case FMT_LEN_SIZE:
	case FMT_LEN_PTRDIFF:	/* unsigned, of ptrdiff_t's width */
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/*
 * put_padded - emit @len bytes of @s in a field of @spec's width, padded
 * with spaces on the left (or on the right with '-').
 */
static void put_padded(struct fmt_out *out, const char *s, size_t len,
		       const struct fmt_spec *spec)
{
	int pad = len < (size_t)spec->width ? spec->width - (int)len : 0;

	if (!(spec->flags & FMT_LEFT))
		out_repeat(out, ' ', pad);
	out_mem(out, s, len);
	if (spec->flags & FMT_LEFT)
		out_repeat(out, ' ', pad);
}

/*
 * put_number - emit @magnitude in @base as C lays out an integer: @sign
 * ('-', '+', ' ' or 0) and @prefix ("0x" or "") first, at least precision
 * digits, then padding to the width with spaces, or with zeros after the
 * prefix for '0' without a precision. "#" with octal forces a leading 0.
 */
static void put_number(struct fmt_out *out, u64 magnitude, unsigned int base,
		       char sign, const char *prefix,
		       const struct fmt_spec *spec)
{
	const char *digit_chars = spec->conversion == 'X' ?
		"0123456789ABCDEF" : "0123456789abcdef";
	char digits[FMT_MAX_DIGITS];
	int ndigits = 0, precision, zeros, pad;
	s64 body;	/* sign, prefix and digits: may pass INT_MAX */

	/* Least significant first; no digits at all for 0. */
	while (magnitude) {
		u32 digit;

		magnitude = div_u64_rem(magnitude, base, &digit);
		digits[ndigits++] = digit_chars[digit];
	}

	precision = spec->precision == FMT_NO_PRECISION ? 1 : spec->precision;
	if (base == 8 && (spec->flags & FMT_ALT) && precision <= ndigits)
		precision = ndigits + 1;
	zeros = precision > ndigits ? precision - ndigits : 0;

	body = (s64)zeros + ndigits + (s64)strlen(prefix) + (sign ? 1 : 0);
	pad = body < spec->width ? spec->width - (int)body : 0;
	if ((spec->flags & (FMT_ZEROPAD | FMT_LEFT)) == FMT_ZEROPAD &&
	    spec->precision == FMT_NO_PRECISION) {
		zeros += pad;
		pad = 0;
	}

	if (!(spec->flags & FMT_LEFT))
		out_repeat(out, ' ', pad);
	if (sign)
		out_char(out, sign);
	out_mem(out, prefix, strlen(prefix));
	out_repeat(out, '0', zeros);
	while (ndigits)
		out_char(out, digits[--ndigits]);
	if (spec->flags & FMT_LEFT)
		out_repeat(out, ' ', pad);
}

/*
 * put_conversion - emit one conversion, fetching its argument from @ap.
 * Returns false if @spec->conversion is not one this file knows.
 */
static bool put_conversion(struct fmt_out *out, struct fmt_spec *spec,
			   va_list *ap)
{
	const char *s;
	char sign, ch;
	u64 value;
	s64 signed_value;

	switch (spec->conversion) {
	case 'd':
	case 'i':
		signed_value = fetch_signed(spec->length, ap);
		if (signed_value < 0)
			sign = '-';
		else if (spec->flags & FMT_PLUS)
			sign = '+';
		else if (spec->flags & FMT_SPACE)
			sign = ' ';
		else
			sign = 0;
		/* Through u64, so that INT64_MIN has a magnitude too. */
		value = signed_value < 0 ? -(u64)signed_value :
			(u64)signed_value;
		put_number(out, value, 10, sign, "", spec);
		return true;
	case 'u':
		put_number(out, fetch_unsigned(spec->length, ap), 10, 0, "",
			   spec);
		return true;
	case 'o':
		put_number(out, fetch_unsigned(spec->length, ap), 8, 0, "",
			   spec);
		return true;
	case 'x':
	case 'X':
		value = fetch_unsigned(spec->length, ap);
		if (value && (spec->flags & FMT_ALT))
			s = spec->conversion == 'x' ? "0x" : "0X";
		else
			s = "";
		put_number(out, value, 16, 0, s, spec);
		return true;
	case 'p':
		/* Every digit of the pointer, whatever the flags said. */
		spec->precision = 2 * sizeof(void *);
		put_number(out, (uintptr_t)va_arg(*ap, void *), 16, 0, "0x",
			   spec);
		return true;
	case 'c':
		ch = (char)va_arg(*ap, int);
		put_padded(out, &ch, 1, spec);
		return true;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		put_padded(out, s, spec->precision == FMT_NO_PRECISION ?
			   strlen(s) : strnlen(s, spec->precision), spec);
		return true;
	case '%':
		out_char(out, '%');
		return true;
	default:
		return false;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out out = { .buf = buf, .size = size, .len = 0 };
	struct fmt_spec spec;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		const char *start = fmt;

		if (*fmt != '%') {
			out_char(&out, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &spec, &args);
		if (!put_conversion(&out, &spec, &args)) {
			/* Unknown: copy it as written, at most to the end. */
			if (*fmt)
				fmt++;
			out_mem(&out, start, fmt - start);
			continue;
		}
		fmt++;
	}
	va_end(args);

	if (size)
		buf[MIN(out.len, size - 1)] = '\0';
	return out.len > FMT_INT_MAX ? FMT_INT_MAX : (int)out.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return len;
}
