/* SPDX-License-Identifier: MIT */
/*
 * Shrinkers: caches above mm that can give pages back (the page cache's
 * clean pages), registered with SHRINKER(name, fn) in the file that owns
 * the cache: {name, fn} goes in the .shrinkers section. When an allocation
 * would fail, or would take a zone below its min watermark (Step 11's
 * watermarks, mm/watermark.c), the allocator calls each shrinker's
 * fn(@zone_mask, @nr) before it gives up, as Linux's direct reclaim does,
 * then tries again.
 *
 * fn frees up to @nr pages that sit in one of the zones in @zone_mask
 * (bit n: zone n; a request for a lowmem page gains nothing from a freed
 * HighMem page) and returns how many it freed. It runs in the allocating
 * task with no lock of mm held; it must not allocate and must not sleep
 * when the allocation may not (it is told nothing of that: a shrinker
 * that needs to sleep takes its lock with a trylock and gives up when it
 * cannot). Dirty pages are not its business: only pages it can drop
 * without I/O.
 */
#ifndef HM386_MM_SHRINKER_H
#define HM386_MM_SHRINKER_H

#include <types.h>

struct shrinker_desc {
	const char *name;
	u32 (*fn)(u32 zone_mask, u32 nr);
};

#define SHRINKER(sname, sfn)						\
	static const struct shrinker_desc __shrinker_##sname		\
	__used __section(".shrinkers") __aligned(4) = {			\
		.name = #sname, .fn = sfn }

#endif
