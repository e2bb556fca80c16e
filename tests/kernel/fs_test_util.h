/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the fs self-tests (tests/kernel/fs_test_util.c): zone
 * free counts to compare, byte patterns, newc archives built in memory.
 */
#ifndef HM386_TESTS_FS_TEST_UTIL_H
#define HM386_TESTS_FS_TEST_UTIL_H

#include <mm/mmzone.h>
#include <types.h>
#include "tests/cpio_put.h"

/* The free pages of every zone at one moment. */
struct zone_counts {
	u32 free[MAX_NR_ZONES];
};

void zone_counts_take(struct zone_counts *c);

/* zone_counts_changed - how many zones differ from @c now (0: all back). */
u32 zone_counts_changed(const struct zone_counts *c);

/* The byte at offset @i of test pattern @seed: no period of a page. */
static inline u8 pattern_byte(u32 seed, u32 i)
{
	return (u8)((i * 2654435761U + seed) >> 13 ^ i);
}

void pattern_fill(u8 *buf, u32 seed, u32 from, u32 len);

/* pattern_check - the offset of the first byte of @buf (holding pattern
 * offsets [@from, @from + @len)) that is wrong, or -1 if none. */
long pattern_check(const u8 *buf, u32 seed, u32 from, u32 len);

#endif
