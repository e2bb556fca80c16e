// SPDX-License-Identifier: MIT
/*
 * Host unit tests of include/lib/bytes.h: little-endian fields at odd
 * addresses, and the 8-bit sum of firmware-table checksums.
 */
#include "htest.h"

#include <lib/bytes.h>

HTEST(le_fields_at_any_alignment)
{
	const u8 b[] = { 0xff, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88 };

	HT_EXPECT_EQ(get_le16(b + 1), 0x0201);
	HT_EXPECT_EQ(get_le32(b + 1), 0x04030201U);
	HT_EXPECT_EQ(get_le64(b + 1), 0x8807060504030201ULL);
	HT_EXPECT_EQ(get_le32(b), 0x030201ffU);
}

HTEST(checksum_sums_bytes)
{
	unsigned char b[] = { 1, 2, 3, 250 };

	HT_EXPECT_EQ(byte_sum(b, 4), 0);
	HT_EXPECT_EQ(byte_sum(b, 3), 6);
	HT_EXPECT_EQ(byte_sum(b, 0), 0);
}

HTEST_MAIN("bytes")
