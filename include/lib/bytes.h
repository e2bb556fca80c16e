/* SPDX-License-Identifier: MIT */
/*
 * Reading binary structures that firmware and loaders hand over as bytes:
 * little-endian fields at any alignment, and the 8-bit sum their checksum
 * bytes are chosen for (ACPI tables, the MP specification's tables). Pure:
 * they read exactly the bytes they are told, and also run on the host.
 */
#ifndef HM386_LIB_BYTES_H
#define HM386_LIB_BYTES_H

#include <types.h>

/* get_le16 - the little-endian 16-bit value in the 2 bytes at @p. */
static inline u16 get_le16(const u8 *p)
{
	return (u16)(p[0] | p[1] << 8);
}

/* get_le32 - the little-endian 32-bit value in the 4 bytes at @p. */
static inline u32 get_le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

/* get_le64 - the little-endian 64-bit value in the 8 bytes at @p. */
static inline u64 get_le64(const u8 *p)
{
	return get_le32(p) | (u64)get_le32(p + 4) << 32;
}

/*
 * byte_sum - the sum of the @len bytes at @p, modulo 256: 0 for a table
 * whose checksum byte is right. @len 0 sums to 0.
 */
static inline u8 byte_sum(const void *p, u32 len)
{
	const u8 *b = p;
	u8 sum = 0;

	while (len--)
		sum += *b++;
	return sum;
}

#endif
