// SPDX-License-Identifier: MIT
/* Helpers shared by the fs self-tests (fs_test_util.h). */
#include <kernel/spinlock.h>
#include <lib/string.h>
#include "tests/kernel/fs_test_util.h"

void zone_counts_take(struct zone_counts *c)
{
	for (u32 z = 0; z < MAX_NR_ZONES; z++)
		c->free[z] = zone_free_pages(&zones[z]);
}

u32 zone_counts_changed(const struct zone_counts *c)
{
	struct zone_counts now;
	u32 changed = 0;

	zone_counts_take(&now);
	for (u32 z = 0; z < MAX_NR_ZONES; z++)
		changed += now.free[z] != c->free[z];
	return changed;
}

void pattern_fill(u8 *buf, u32 seed, u32 from, u32 len)
{
	for (u32 i = 0; i < len; i++)
		buf[i] = pattern_byte(seed, from + i);
}

long pattern_check(const u8 *buf, u32 seed, u32 from, u32 len)
{
	for (u32 i = 0; i < len; i++)
		if (buf[i] != pattern_byte(seed, from + i))
			return i;
	return -1;
}

