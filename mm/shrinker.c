// SPDX-License-Identifier: MIT
/*
 * Calling the shrinkers (include/mm/shrinker.h): alloc_pages() asks the
 * caches above mm for pages before it fails, or before it takes a zone
 * below its min watermark, as Linux's direct reclaim does.
 */
#include "mm_internal.h"
#include <mm/shrinker.h>

extern const struct shrinker_desc __start_shrinkers[], __stop_shrinkers[];

u32 shrink_caches(u32 zone_mask, u32 nr)
{
	u32 freed = 0;

	for (const struct shrinker_desc *s = __start_shrinkers;
	     s < __stop_shrinkers && freed < nr; s++)
		freed += s->fn(zone_mask, nr - freed);
	return freed;
}
