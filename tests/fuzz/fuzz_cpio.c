// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for the newc cpio parser (fs/cpio.c). The input's first
 * byte picks a chunk size (1 + byte % 131); the rest is the stream. It is
 * parsed twice, in one piece and in chunks: the callbacks must see the same
 * entries and bytes, the outcome and the error must be the same, data must
 * arrive only between begin and end, and never more than filesize bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <fs/cpio.h>

struct trace {
	uint64_t hash;		/* of every event and byte, in order */
	uint32_t events;
	int open;		/* between begin and end */
	uint32_t got;		/* data bytes of the open entry */
};

static void mix(struct trace *t, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		t->hash = (t->hash ^ b[i]) * 1099511628211ULL;
}

static int t_begin(void *ctx, const struct cpio_entry *e)
{
	struct trace *t = ctx;

	if (t->open)
		abort();
	t->open = 1;
	t->got = 0;
	t->events++;
	mix(t, e->name, strlen(e->name) + 1);
	mix(t, &e->mode, sizeof(e->mode));
	return 0;
}

static int t_data(void *ctx, const struct cpio_entry *e, const void *b, u32 n)
{
	struct trace *t = ctx;

	if (!t->open || !n || t->got + n > e->filesize)
		abort();
	t->got += n;
	mix(t, b, n);
	return 0;
}

static int t_end(void *ctx, const struct cpio_entry *e)
{
	struct trace *t = ctx;

	if (!t->open || t->got != e->filesize)
		abort();
	t->open = 0;
	t->events++;
	return 0;
}

static const struct cpio_ops ops = { t_begin, t_data, t_end };
static struct cpio_parser whole, chunked;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trace a = { 14695981039346656037ULL, 0, 0, 0 }, b = a;
	size_t chunk;
	int ra, rb = 0;

	if (!size)
		return 0;
	chunk = 1 + data[0] % 131;
	data++, size--;
	cpio_init(&whole, &ops, &a);
	ra = cpio_feed(&whole, data, size);
	if (!ra)
		ra = cpio_finish(&whole);
	cpio_init(&chunked, &ops, &b);
	for (size_t at = 0; at < size && !rb; at += chunk)
		rb = cpio_feed(&chunked, data + at, at + chunk > size ? size - at : chunk);
	if (!rb)
		rb = cpio_finish(&chunked);
	if (ra != rb || a.hash != b.hash || a.events != b.events ||
	    strcmp(whole.error, chunked.error) || (ra && !whole.error[0]))
		abort();
	return 0;
}
