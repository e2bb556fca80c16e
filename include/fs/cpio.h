/* SPDX-License-Identifier: MIT */
/*
 * The newc cpio format ("070701", what `cpio -o -H newc` and Linux's
 * initramfs use), parsed as a stream (fs/cpio.c). An archive is a row of
 * entries, each:
 *
 *	header   110 ASCII bytes: the magic, then 13 fields of 8 hex digits
 *		 (ino, mode, uid, gid, nlink, mtime, filesize, devmajor,
 *		 devminor, rdevmajor, rdevminor, namesize, check)
 *	name     namesize bytes, the NUL included; header + name padded
 *		 with NULs to a multiple of 4
 *	data     filesize bytes, padded to a multiple of 4
 *
 * and ends with an entry named "TRAILER!!!". As Linux does, zero bytes
 * after a trailer are skipped and another archive may follow. The "070702"
 * variant (with a checksum in `check`) is accepted; its checksum is not
 * verified.
 *
 * The parser is pure: it sees bytes, in chunks of any size (a boot module is
 * read one page at a time through kmap_local_page()), and reports entries
 * through callbacks. It allocates nothing and runs on the host
 * (tests/host/test_cpio.c, tests/fuzz/fuzz_cpio.c).
 */
#ifndef HM386_FS_CPIO_H
#define HM386_FS_CPIO_H

#include <types.h>

#define CPIO_HEADER_SIZE	110
#define CPIO_NAME_MAX		4096	/* bytes of a name, NUL included (PATH_MAX) */
#define CPIO_TRAILER		"TRAILER!!!"

/* One entry, as its header and name say. */
struct cpio_entry {
	const char *name;	/* NUL-terminated, as in the archive */
	u32 ino, mode, uid, gid, nlink, mtime;
	u32 filesize;
	u32 rdevmajor, rdevminor;
	u64 offset;		/* of its header in the stream */
};

/*
 * What the parser reports. Each callback returns 0, or a negative errno
 * that stops the parse (the parser's error then names the entry and the
 * errno). @data receives an entry's bytes in order, in pieces of any size,
 * between begin and end; it is called for regular files and symlinks only.
 */
struct cpio_ops {
	int (*begin)(void *ctx, const struct cpio_entry *e);
	int (*data)(void *ctx, const struct cpio_entry *e, const void *bytes,
		    u32 len);
	int (*end)(void *ctx, const struct cpio_entry *e);
};

enum cpio_state {
	CPIO_HEADER,	/* collecting the 110 header bytes */
	CPIO_NAME,	/* collecting the name */
	CPIO_NAME_PAD,
	CPIO_DATA,
	CPIO_DATA_PAD,
	CPIO_AFTER_TRAILER,	/* zero padding, or the next archive */
	CPIO_FAILED,
};

#define CPIO_ERROR_MAX	160

struct cpio_parser {
	const struct cpio_ops *ops;
	void *ctx;
	enum cpio_state state;
	u64 offset;			/* bytes consumed so far */
	u32 have;			/* bytes of the header or name collected */
	u32 left;			/* name, padding or data bytes still due */
	char header[CPIO_HEADER_SIZE];
	struct cpio_entry entry;
	u32 namesize;
	char name[CPIO_NAME_MAX];
	u32 entries;			/* entries reported, trailers excluded */
	u32 archives;			/* trailers seen */
	char error[CPIO_ERROR_MAX];	/* why it failed, when it did */
};

/* cpio_init - a parser at the start of a stream, reporting to @ops(@ctx). */
void cpio_init(struct cpio_parser *p, const struct cpio_ops *ops, void *ctx);

/*
 * cpio_feed - consume the next @len bytes of the stream. Returns 0, or -1
 * once the stream is known to be bad (then and from then on p->error holds
 * one line naming the offset and the cause; what was reported before
 * stands).
 */
int cpio_feed(struct cpio_parser *p, const void *bytes, u32 len);

/*
 * cpio_finish - the stream ended: returns 0 when it ended cleanly (after a
 * trailer and its padding), else -1 with p->error saying where it was cut
 * (inside which entry) or that no archive was found.
 */
int cpio_finish(struct cpio_parser *p);

#endif
