/* SPDX-License-Identifier: MIT */
/*
 * Writing newc cpio archives for the tests: the host unit test of the
 * parser (tests/host/test_cpio.c) and the kernel's initramfs and ramfs
 * tests (tests/kernel/) build their archives with these. Header-only and
 * self-contained (no string or printf functions), so that both builds use
 * the one writer.
 */
#ifndef HM386_TESTS_CPIO_PUT_H
#define HM386_TESTS_CPIO_PUT_H

#include <fs/cpio.h>
#include <types.h>

/* Copy @n bytes and pad with zeros to the next 4-byte boundary of @at. */
static inline u32 cpio_put_padded(u8 *buf, u32 at, const void *data, u32 n)
{
	const u8 *src = data;

	for (u32 i = 0; i < n; i++)
		buf[at++] = src[i];
	while (at & 3)
		buf[at++] = 0;
	return at;
}

/*
 * cpio_put - append a newc entry (@name, @mode, @size bytes of @data) to
 * @buf at @at; returns the new length. Inode 1, one link, no owner, time 0.
 */
static inline u32 cpio_put(u8 *buf, u32 at, const char *name, u32 mode,
			   const void *data, u32 size)
{
	u32 namesize = 1;
	u32 fields[13];

	while (name[namesize - 1])
		namesize++;
	/* ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor,
	 * rdevmajor, rdevminor, namesize, check */
	for (u32 f = 0; f < 13; f++)
		fields[f] = 0;
	fields[0] = 1;
	fields[1] = mode;
	fields[4] = 1;
	fields[6] = size;
	fields[11] = namesize;
	for (u32 i = 0; i < 6; i++)
		buf[at++] = "070701"[i];
	for (u32 f = 0; f < 13; f++)
		for (int d = 7; d >= 0; d--)
			buf[at++] = "0123456789ABCDEF"[(fields[f] >> (4 * d)) & 15];
	at = cpio_put_padded(buf, at, name, namesize);
	return cpio_put_padded(buf, at, data, size);
}

/* cpio_put_trailer - append the TRAILER!!! entry that ends an archive. */
static inline u32 cpio_put_trailer(u8 *buf, u32 at)
{
	return cpio_put(buf, at, CPIO_TRAILER, 0, "", 0);
}

#endif
