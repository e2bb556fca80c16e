// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 1 (tools/grade.py --check, tests/host/labs.mk):
 * memmap_clip() cuts the entry that crosses the limit, but counts in its
 * result only the entries it drops whole, not the bytes it cuts off. The
 * map is right; the boot's report is not (QEMU_MEM=4G mem=2G: 1024 MiB
 * left unused, where 2047 MiB are). boot.memmap_clip_counts_what_it_drops
 * must fail.
 */
#include <arch/x86/layout.h>
#include <mm/firmware_map.h>
#include "mm/firmware_map_internal.h"

bool keep_piece(u32 type, u64 *base, u64 *end)
{
	if (type == MEM_USABLE) {
		*base = ALIGN_UP(*base, (u64)PAGE_SIZE);
		*end = ALIGN_DOWN(*end, (u64)PAGE_SIZE);
	}
	return *base < *end;
}

u64 memmap_clip(struct mem_region *map, u32 *count, u64 limit, bool usable_only)
{
	u64 lost = 0;

	for (u32 i = 0; i < *count; i++) {
		struct mem_region *r = &map[i];

		if (usable_only && r->type != MEM_USABLE)
			continue;
		if (r->base >= limit) {
			if (r->type == MEM_USABLE)
				lost += r->len;		/* wrong: only these */
			r->type = MEMMAP_DROPPED;
		} else if (r->len > limit - r->base) {
			r->len = limit - r->base;
		}
	}
	*count = drop_marked(map, *count);
	return lost;
}
