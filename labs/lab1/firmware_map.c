// SPDX-License-Identifier: MIT
/*
 * Lab 1: boot and the memory map (docs/labs/lab1.md).
 *
 * In the lab-1 kernel (`make lab 1`) the two functions below replace their
 * namesakes in mm/firmware_map.c, the memory-map sanitizer:
 *
 *   keep_piece()   what the sanitized map keeps of a stretch of an entry
 *   memmap_clip()  cut the map at a physical address (mem=, CPU limits)
 *
 * As given, they compile and the kernel boots, but both are wrong. Fix the
 * TODOs, then `make grade 1`.
 */
#include <arch/x86/layout.h>
#include <mm/firmware_map.h>
#include "mm/firmware_map_internal.h"	/* MEMMAP_DROPPED, drop_marked() */

/*
 * keep_piece - cut the free stretch [*base, *end) of an entry of @type to
 * what the sanitized map may hold: whole pages for usable memory (the page
 * allocator hands out nothing smaller), every byte otherwise. Returns false
 * if nothing is left.
 */
bool keep_piece(u32 type, u64 *base, u64 *end)
{
	/*
	 * TODO: a MEM_USABLE stretch keeps only the whole pages inside it:
	 * round *base up and *end down to a multiple of PAGE_SIZE (see
	 * ALIGN_UP and ALIGN_DOWN in include/types.h).
	 */
	return *base < *end;
}

/*
 * memmap_clip - drop what lies at or above @limit from @map (any order, in
 * place): entries starting there go, entries crossing it are cut; with
 * @usable_only, only usable RAM is touched. Returns the usable bytes
 * removed. (The contract is in include/mm/firmware_map.h.)
 */
u64 memmap_clip(struct mem_region *map, u32 *count, u64 limit, bool usable_only)
{
	u64 lost = 0;

	for (u32 i = 0; i < *count; i++) {
		struct mem_region *r = &map[i];

		if (usable_only && r->type != MEM_USABLE)
			continue;
		/*
		 * TODO: an entry that starts below @limit but ends above it
		 * must be cut at @limit, and the usable bytes cut off counted
		 * in the result. Only whole entries at or above @limit go here.
		 */
		if (r->base >= limit) {
			if (r->type == MEM_USABLE)
				lost += r->len;
			r->type = MEMMAP_DROPPED;
		}
	}
	*count = drop_marked(map, *count);
	return lost;
}
