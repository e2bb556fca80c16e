// SPDX-License-Identifier: MIT
/* printf and its family (stdio.h): one formatter writing to a sink. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where formatted characters go: a buffer of @size bytes; @len counts every
 * character, also those past the end. @fd >= 0 flushes a full buffer to it. */
struct sink {
	char *buf;
	size_t size;
	size_t len;
	size_t flushed;
	int fd;
	bool error;
};

static void flush(struct sink *s)
{
	size_t n = s->len - s->flushed;
	size_t done = 0;

	while (done < n && !s->error) {
		ssize_t w = write(s->fd, s->buf + done, n - done);

		if (w <= 0)
			s->error = true;
		else
			done += (size_t)w;
	}
	s->flushed = s->len;
}

static void put(struct sink *s, char c)
{
	if (s->fd >= 0 && s->len - s->flushed == s->size)
		flush(s);
	if (s->fd >= 0)
		s->buf[s->len - s->flushed] = c;
	else if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void put_padded(struct sink *s, const char *str, size_t len,
		       int width, bool left, char pad)
{
	int fill = width > (int)len ? width - (int)len : 0;

	if (!left && pad == '0' && len && (*str == '-')) {
		put(s, *str++);		/* the sign before the zeros */
		len--;
	}
	for (; !left && fill > 0; fill--)
		put(s, pad);
	while (len--)
		put(s, *str++);
	for (; fill > 0; fill--)
		put(s, ' ');
}

/* The digits of @v in @base into the end of @end's buffer; returns the
 * first digit. */
static char *digits(char *end, unsigned long long v, int base, bool upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	*--end = '\0';
	do {
		*--end = set[div64_32(&v, base)];
	} while (v);
	return end;
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	char num[24];

	for (; *fmt; fmt++) {
		bool left = false, is_signed = false;
		int width = 0, precision = -1, longs = 0, base = 10;
		char pad = ' ';
		unsigned long long v;
		const char *str;

		if (*fmt != '%') {
			put(s, *fmt);
			continue;
		}
		for (fmt++; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-')
				left = true;
			else
				pad = '0';
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			fmt++;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		if (*fmt == '.') {
			precision = 0;
			if (*++fmt == '*') {
				precision = va_arg(ap, int);
				fmt++;
			}
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				precision = precision * 10 + (*fmt - '0');
		}
		for (; *fmt == 'l'; fmt++)
			longs++;
		switch (*fmt) {
		case 'c':
			num[0] = (char)va_arg(ap, int);
			put_padded(s, num, 1, width, left, ' ');
			continue;
		case 's':
			str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			v = strlen(str);
			if (precision >= 0 && v > (unsigned)precision)
				v = precision;
			put_padded(s, str, v, width, left, ' ');
			continue;
		case '%':
			put(s, '%');
			continue;
		case 'd':
		case 'i':
			is_signed = true;
			break;
		case 'u':
			break;
		case 'o':
			base = 8;
			break;
		case 'p':
			longs = 0;
			put(s, '0');
			put(s, 'x');
			/* fall through */
		case 'x':
		case 'X':
			base = 16;
			break;
		default:	/* unknown: print it as written */
			put(s, '%');
			if (*fmt)
				put(s, *fmt);
			else
				fmt--;
			continue;
		}
		if (longs >= 2)
			v = va_arg(ap, unsigned long long);
		else
			v = va_arg(ap, unsigned int);
		if (is_signed && longs < 2)
			v = (long long)(int)v;
		if (is_signed && (long long)v < 0) {
			str = digits(num + sizeof(num), 0 - v, 10, false);
			*(char *)--str = '-';
		} else {
			str = digits(num + sizeof(num), v, base, *fmt == 'X');
		}
		put_padded(s, str, strlen(str), width, left, pad);
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { .buf = buf, .size = size, .fd = -1 };

	format(&s, fmt, ap);
	if (size)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return (int)s.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	char buf[512];
	struct sink s = { .buf = buf, .size = sizeof(buf), .fd = fd };

	format(&s, fmt, ap);
	flush(&s);
	return s.error ? -1 : (int)s.len;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(STDOUT_FILENO, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return printf("%s\n", s);
}
