// SPDX-License-Identifier: MIT
/*
 * Host unit tests of the newc cpio parser (fs/cpio.c): an archive made by
 * Debian's `cpio -o -H newc` (the fuzz seed debian_cpio), archives built
 * here field by field, every kind of damage with its message, and the same
 * result whatever the sizes of the chunks fed.
 */
#include <stdarg.h>

#include "htest.h"
#include <fs/cpio.h>
#include "../cpio_put.h"

#define LOG_MAX 65536

/* What the callbacks saw, as text: one line per call. */
struct recorder {
	char log[LOG_MAX];
	size_t len;
	int fail_begin_on;	/* entry number whose begin returns -ENOSPC */
	int nr_begin;
	unsigned char data[8192];	/* the last entry's data */
	size_t data_len;
};

static void record(struct recorder *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	r->len += vsnprintf(r->log + r->len, LOG_MAX - r->len, fmt, ap);
	va_end(ap);
}

static int rec_begin(void *ctx, const struct cpio_entry *e)
{
	struct recorder *r = ctx;

	if (++r->nr_begin == r->fail_begin_on)
		return -28;
	r->data_len = 0;
	record(r, "begin %s mode %o size %u\n", e->name, e->mode, e->filesize);
	return 0;
}

static int rec_data(void *ctx, const struct cpio_entry *e, const void *b, u32 n)
{
	struct recorder *r = ctx;

	if (r->data_len + n <= sizeof(r->data))
		memcpy(r->data + r->data_len, b, n);
	r->data_len += n;
	return 0;
}

static int rec_end(void *ctx, const struct cpio_entry *e)
{
	struct recorder *r = ctx;

	record(r, "end %s %zu\n", e->name, r->data_len);
	return 0;
}

static const struct cpio_ops rec_ops = { rec_begin, rec_data, rec_end };

/* Parse @len bytes in chunks of @chunk (0: one piece); the result of
 * cpio_finish() or the failing cpio_feed(). */
static int parse(struct cpio_parser *p, struct recorder *r, const void *buf,
		 size_t len, size_t chunk)
{
	const unsigned char *b = buf;

	cpio_init(p, &rec_ops, r);
	if (!chunk)
		chunk = len ? len : 1;
	for (size_t at = 0; at < len; at += chunk)
		if (cpio_feed(p, b + at, at + chunk > len ? len - at : chunk))
			return -1;
	return cpio_finish(p);
}

/* A fuzz seed's archive: its first byte is the fuzzer's chunk selector. */
static unsigned char *read_seed(const char *path, size_t *len)
{
	static unsigned char buf[16384];
	FILE *f = fopen(path, "rb");

	*len = 0;
	if (!f) {
		HT_FAIL("cannot open %s (run from the top of the tree)", path);
		return buf;
	}
	*len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (*len)
		(*len)--;
	return buf + 1;
}

static struct cpio_parser parser;
static struct recorder rec, rec2;

HTEST(debian_cpio_archive)
{
	size_t len;
	unsigned char *a = read_seed("tests/fuzz/corpus/fuzz_cpio/debian_cpio", &len);

	memset(&rec, 0, sizeof(rec));
	HT_EXPECT_EQ(parse(&parser, &rec, a, len, 0), 0);
	HT_EXPECT_STREQ(rec.log,
		"begin . mode 40755 size 0\nend . 0\n"
		"begin bin mode 40755 size 0\nend bin 0\n"
		"begin bin/link mode 120777 size 9\nend bin/link 9\n"
		"begin bin/tool mode 100644 size 5000\nend bin/tool 5000\n"
		"begin etc mode 40755 size 0\nend etc 0\n"
		"begin etc/greeting mode 100644 size 6\nend etc/greeting 6\n");
	HT_EXPECT_EQ(parser.entries, 6);
	HT_EXPECT_EQ(parser.archives, 1);
	HT_EXPECT_EQ(parser.offset, len);	/* the 512-byte block padding too */
	HT_EXPECT_MEMEQ(rec.data, "hello\n", 6);
}

HTEST(data_bytes_arrive_in_order)
{
	size_t len;
	unsigned char *a = read_seed("tests/fuzz/corpus/fuzz_cpio/debian_cpio", &len);
	int bad = 0;

	/* Stop after bin/tool: the recorder keeps the last entry's data. */
	memset(&rec, 0, sizeof(rec));
	rec.fail_begin_on = 5;
	HT_EXPECT_EQ(parse(&parser, &rec, a, len, 37), -1);
	HT_EXPECT_EQ(rec.data_len, 5000);
	for (int i = 0; i < 5000; i++)
		bad += rec.data[i] != (unsigned char)(i * 7 + 3);
	HT_EXPECT_EQ(bad, 0);
}

HTEST(chunk_size_does_not_matter)
{
	size_t len, sizes[] = { 1, 2, 3, 109, 110, 111, 4096 };
	unsigned char *a = read_seed("tests/fuzz/corpus/fuzz_cpio/debian_cpio", &len);

	memset(&rec, 0, sizeof(rec));
	HT_EXPECT_EQ(parse(&parser, &rec, a, len, 0), 0);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		memset(&rec2, 0, sizeof(rec2));
		HT_EXPECT_EQ(parse(&parser, &rec2, a, len, sizes[i]), 0);
		HT_EXPECT_STREQ(rec2.log, rec.log);
	}
}

static unsigned char buf[16384];

HTEST(two_archives_with_zero_padding)
{
	size_t n = cpio_put(buf, 0, "a", 0100644, "xyz", 3);

	n = cpio_put_trailer(buf, n);
	memset(buf + n, 0, 512);
	n = cpio_put(buf, n + 512, "b", 040755, "", 0);
	n = cpio_put_trailer(buf, n);
	memset(&rec, 0, sizeof(rec));
	HT_EXPECT_EQ(parse(&parser, &rec, buf, n, 5), 0);
	HT_EXPECT_STREQ(rec.log, "begin a mode 100644 size 3\nend a 3\n"
			"begin b mode 40755 size 0\nend b 0\n");
	HT_EXPECT_EQ(parser.archives, 2);
}

/* Parse @n bytes of buf; expect failure with @msg in the error. */
static void expect_error(size_t n, const char *msg)
{
	memset(&rec, 0, sizeof(rec));
	HT_EXPECT_EQ(parse(&parser, &rec, buf, n, 0), -1);
	if (!strstr(parser.error, msg))
		HT_FAIL("error \"%s\" does not say \"%s\"", parser.error, msg);
	/* Feeding more after a failure changes nothing. */
	HT_EXPECT_EQ(cpio_feed(&parser, buf, 1), -1);
}

HTEST(bad_magic)
{
	size_t n = cpio_put(buf, 0, "a", 0100644, "xyz", 3);

	n = cpio_put(buf, n, "b", 0100644, "", 0);
	memcpy(buf + 116, "070707", 6);		/* b's header: 110 + 2 + 3 + 1 */
	n = cpio_put_trailer(buf, n);
	expect_error(n, "offset 116: bad magic \"070707\"");
	HT_EXPECT_STREQ(rec.log, "begin a mode 100644 size 3\nend a 3\n");
}

HTEST(bad_hex_digit)
{
	size_t n = cpio_put_trailer(buf, cpio_put(buf, 0, "a", 0100644, "", 0));

	buf[6 + 8 + 3] = 'g';			/* in the mode */
	expect_error(n, "offset 17: bad hex digit 0x67 in field mode");
}

HTEST(name_size_out_of_range)
{
	size_t n = cpio_put_trailer(buf, cpio_put(buf, 0, "a", 0100644, "", 0));

	memcpy(buf + 6 + 11 * 8, "00100001", 8);
	expect_error(n, "offset 0: name size 1048577 out of range");
	memcpy(buf + 6 + 11 * 8, "00000001", 8);
	expect_error(n, "name size 1 out of range");
}

HTEST(name_without_nul)
{
	size_t n = cpio_put_trailer(buf, cpio_put(buf, 0, "abc", 0100644, "", 0));

	buf[CPIO_HEADER_SIZE + 3] = 'd';
	expect_error(n, "offset 110: name of 4 bytes is not one NUL-terminated");
}

HTEST(nonzero_padding)
{
	size_t n = cpio_put_trailer(buf, cpio_put(buf, 0, "a", 0100644, "x", 1));

	buf[CPIO_HEADER_SIZE + 2 + 1] = 1;	/* name pad: 110 + 2 -> 112 */
	buf[CPIO_HEADER_SIZE + 2] = 'x';
	expect_error(n, "padding byte 0x01 is not zero");
}

HTEST(directory_with_data)
{
	size_t n = cpio_put_trailer(buf, cpio_put(buf, 0, "d", 040755, "xy", 2));

	expect_error(n, "\"d\" (mode 040755) has 2 data bytes");
	HT_EXPECT_EQ(rec.nr_begin, 0);
}

HTEST(truncated_everywhere)
{
	size_t n = cpio_put(buf, 0, "file", 0100644, "0123456789", 10);
	size_t full = cpio_put_trailer(buf, n);

	expect_error(0, "empty: no cpio archive");
	expect_error(50, "offset 0: truncated inside a header (50 of 110 bytes)");
	expect_error(112, "truncated inside a name (2 of 5 bytes)");
	expect_error(120, "truncated inside the data of \"file\" (6 of 10 bytes missing)");
	expect_error(126, "truncated inside the padding of \"file\"");
	expect_error(n, "no trailer: the archive ends after \"file\"");
	memset(&rec, 0, sizeof(rec));
	HT_EXPECT_EQ(parse(&parser, &rec, buf, full, 0), 0);
}

HTEST(garbage_after_trailer)
{
	size_t n = cpio_put_trailer(buf, 0);

	buf[n] = 0;
	buf[n + 1] = '0';
	expect_error(n + 2, "an archive after a trailer starts at an offset not a multiple of 4");
}

HTEST(callback_error_names_the_entry)
{
	size_t n = cpio_put(buf, 0, "a", 0100644, "", 0);

	n = cpio_put(buf, n, "dir/b", 0100644, "", 0);
	n = cpio_put_trailer(buf, n);
	memset(&rec, 0, sizeof(rec));
	rec.fail_begin_on = 2;
	HT_EXPECT_EQ(parse(&parser, &rec, buf, n, 0), -1);
	HT_EXPECT_STREQ(parser.error, "offset 112: creating of \"dir/b\" failed: error 28");
	HT_EXPECT_STREQ(rec.log, "begin a mode 100644 size 0\nend a 0\n");
}

HTEST_MAIN("cpio")
