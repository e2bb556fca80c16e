// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 1 (tools/grade.py --check, tests/host/labs.mk):
 * right code, but keep_piece() is spelled keep_pieces(). The kernel still
 * calls keep_piece(), which this file does not define, so lab 1's kernel
 * must not link, and the message names keep_piece().
 */
#include <arch/x86/layout.h>
#include <mm/firmware_map.h>
#include "mm/firmware_map_internal.h"

bool keep_pieces(u32 type, u64 *base, u64 *end)
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
		u64 keep = r->base >= limit ? 0 : MIN(r->len, limit - r->base);

		if (usable_only && r->type != MEM_USABLE)
			continue;
		if (r->type == MEM_USABLE)
			lost += r->len - keep;
		if (!keep)
			r->type = MEMMAP_DROPPED;
		r->len = keep;
	}
	*count = drop_marked(map, *count);
	return lost;
}
