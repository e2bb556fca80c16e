// SPDX-License-Identifier: MIT
/*
 * The newc cpio parser (include/fs/cpio.h): a state machine fed with chunks
 * of any size, as Linux's init/initramfs.c is, so that an archive never has
 * to be contiguous in the kernel's address space.
 */
#include <fs/cpio.h>
#include <lib/printf.h>
#include <lib/parse.h>
#include <lib/string.h>
#include <uapi/hm386/stat.h>

#define CPIO_MAGIC_LEN	6
#define CPIO_FIELD_LEN	8

/* The header's fields, in order after the magic. */
enum cpio_field {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
	NR_FIELDS
};

static const char *const field_names[NR_FIELDS] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
	"devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check",
};

static u32 pad4(u64 n)
{
	return (u32)(-n & 3);
}

static int fail(struct cpio_parser *p, u64 offset, const char *fmt, ...)
	__printf(3, 4);

/* Record the first error, with its offset, and stop for good. */
static int fail(struct cpio_parser *p, u64 offset, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(p->error, sizeof(p->error), "offset %llu: ",
		     (unsigned long long)offset);
	va_start(ap, fmt);
	vsnprintf(p->error + n, sizeof(p->error) - n, fmt, ap);
	va_end(ap);
	p->state = CPIO_FAILED;
	return -1;
}

void cpio_init(struct cpio_parser *p, const struct cpio_ops *ops, void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->ops = ops;
	p->ctx = ctx;
	p->state = CPIO_HEADER;
}

/* Decode the collected header into p->entry; -1 (and p->error) if bad. */
static int parse_header(struct cpio_parser *p)
{
	u32 v[NR_FIELDS];
	u64 at = p->entry.offset;

	if (memcmp(p->header, "070701", CPIO_MAGIC_LEN) &&
	    memcmp(p->header, "070702", CPIO_MAGIC_LEN))
		return fail(p, at, "bad magic \"%.6s\" (a newc archive has \"070701\")",
			    p->header);
	for (u32 f = 0; f < NR_FIELDS; f++) {
		const char *s = p->header + CPIO_MAGIC_LEN + f * CPIO_FIELD_LEN;

		v[f] = 0;
		for (u32 i = 0; i < CPIO_FIELD_LEN; i++) {
			int d = hex_digit(s[i]);

			if (d < 0)
				return fail(p, at + (s - p->header) + i,
					    "bad hex digit 0x%02x in field %s",
					    (u8)s[i], field_names[f]);
			v[f] = v[f] << 4 | (u32)d;
		}
	}
	if (v[F_NAMESIZE] < 2 || v[F_NAMESIZE] > CPIO_NAME_MAX)
		return fail(p, at, "name size %u out of range [2, %u]",
			    v[F_NAMESIZE], CPIO_NAME_MAX);
	p->entry.ino = v[F_INO];
	p->entry.mode = v[F_MODE];
	p->entry.uid = v[F_UID];
	p->entry.gid = v[F_GID];
	p->entry.nlink = v[F_NLINK];
	p->entry.mtime = v[F_MTIME];
	p->entry.filesize = v[F_FILESIZE];
	p->entry.rdevmajor = v[F_RDEVMAJOR];
	p->entry.rdevminor = v[F_RDEVMINOR];
	p->entry.name = p->name;
	p->namesize = v[F_NAMESIZE];
	return 0;
}

/* Entries whose bytes follow as data: regular files and symlinks. */
static bool has_data(const struct cpio_entry *e)
{
	u32 type = e->mode & S_IFMT;

	return type == S_IFREG || type == S_IFLNK;
}

/* A callback said no: name the entry and the errno. */
static int callback_failed(struct cpio_parser *p, const char *what, int err)
{
	return fail(p, p->entry.offset, "%s of \"%s\" failed: error %d",
		    what, p->name, -err);
}

/* The whole name is in: check it, report the entry (or the trailer). */
static int name_done(struct cpio_parser *p)
{
	int err;

	if (p->name[p->namesize - 1] != '\0' ||
	    strlen(p->name) != p->namesize - 1)
		return fail(p, p->entry.offset + CPIO_HEADER_SIZE,
			    "name of %u bytes is not one NUL-terminated string",
			    p->namesize);
	p->left = pad4(CPIO_HEADER_SIZE + p->namesize);
	p->state = CPIO_NAME_PAD;
	if (!strcmp(p->name, CPIO_TRAILER)) {
		p->archives++;
		return 0;
	}
	if (!has_data(&p->entry) && p->entry.filesize)
		return fail(p, p->entry.offset, "\"%s\" (mode 0%o) has %u data bytes",
			    p->name, p->entry.mode, p->entry.filesize);
	p->entries++;
	if (p->ops->begin && (err = p->ops->begin(p->ctx, &p->entry)))
		return callback_failed(p, "creating", err);
	return 0;
}

/* After the name's padding: the data, or the next header. */
static int name_pad_done(struct cpio_parser *p)
{
	int err;

	if (!strcmp(p->name, CPIO_TRAILER)) {
		p->state = CPIO_AFTER_TRAILER;
		return 0;
	}
	if (p->entry.filesize) {
		p->left = p->entry.filesize;
		p->state = CPIO_DATA;
		return 0;
	}
	if (p->ops->end && (err = p->ops->end(p->ctx, &p->entry)))
		return callback_failed(p, "closing", err);
	p->state = CPIO_HEADER;
	return 0;
}

int cpio_feed(struct cpio_parser *p, const void *bytes, u32 len)
{
	const u8 *b = bytes;
	int err;

	while (len) {
		u32 n = 0;

		switch (p->state) {
		case CPIO_FAILED:
			return -1;
		case CPIO_AFTER_TRAILER:
			/* Zeros pad an archive; anything else starts one. */
			if (*b == 0) {
				b++, len--, p->offset++;
				continue;
			}
			if (p->offset & 3)
				return fail(p, p->offset, "an archive after a "
					    "trailer starts at an offset not a "
					    "multiple of 4");
			p->state = CPIO_HEADER;
			continue;
		case CPIO_HEADER:
			if (!p->have)
				p->entry.offset = p->offset;
			n = MIN(len, CPIO_HEADER_SIZE - p->have);
			memcpy(p->header + p->have, b, n);
			p->have += n;
			if (p->have == CPIO_HEADER_SIZE) {
				p->have = 0;
				if (parse_header(p))
					return -1;
				p->state = CPIO_NAME;
			}
			break;
		case CPIO_NAME:
			n = MIN(len, p->namesize - p->have);
			memcpy(p->name + p->have, b, n);
			p->have += n;
			if (p->have == p->namesize) {
				p->have = 0;
				p->offset += n, b += n, len -= n;
				if (name_done(p))
					return -1;
				if (!p->left && name_pad_done(p))
					return -1;
				continue;
			}
			break;
		case CPIO_NAME_PAD:
		case CPIO_DATA_PAD:
			n = MIN(len, p->left);
			for (u32 i = 0; i < n; i++)
				if (b[i])
					return fail(p, p->offset + i, "padding "
						    "byte 0x%02x is not zero",
						    b[i]);
			p->left -= n;
			p->offset += n, b += n, len -= n;
			if (p->left)
				continue;
			if (p->state == CPIO_NAME_PAD) {
				if (name_pad_done(p))
					return -1;
			} else {
				p->state = CPIO_HEADER;
			}
			continue;
		case CPIO_DATA:
			n = MIN(len, p->left);
			if (p->ops->data &&
			    (err = p->ops->data(p->ctx, &p->entry, b, n)))
				return callback_failed(p, "writing", err);
			p->left -= n;
			p->offset += n, b += n, len -= n;
			if (p->left)
				continue;
			if (p->ops->end && (err = p->ops->end(p->ctx, &p->entry)))
				return callback_failed(p, "closing", err);
			p->left = pad4(p->entry.filesize);
			p->state = p->left ? CPIO_DATA_PAD : CPIO_HEADER;
			continue;
		}
		p->offset += n, b += n, len -= n;
	}
	return p->state == CPIO_FAILED ? -1 : 0;
}

int cpio_finish(struct cpio_parser *p)
{
	switch (p->state) {
	case CPIO_FAILED:
		return -1;
	case CPIO_AFTER_TRAILER:
		return 0;
	case CPIO_HEADER:
		if (!p->have && !p->offset)
			return fail(p, 0, "empty: no cpio archive");
		if (!p->have)
			return fail(p, p->offset, "no trailer: the archive "
				    "ends after \"%s\"", p->name);
		return fail(p, p->entry.offset, "truncated inside a header "
			    "(%u of %u bytes)", p->have, CPIO_HEADER_SIZE);
	case CPIO_NAME:
		return fail(p, p->entry.offset, "truncated inside a name "
			    "(%u of %u bytes)", p->have, p->namesize);
	case CPIO_DATA:
		return fail(p, p->offset, "truncated inside the data of \"%s\" "
			    "(%u of %u bytes missing)", p->name, p->left,
			    p->entry.filesize);
	default:
		return fail(p, p->offset, "truncated inside the padding of "
			    "\"%s\"", p->name);
	}
}
