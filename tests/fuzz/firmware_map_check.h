/* SPDX-License-Identifier: MIT */
/*
 * The promises of memmap_sanitize() as checks, for the fuzzers: each
 * broken promise prints what broke and aborts, which libFuzzer reports as
 * a crash with the input that caused it.
 */
#ifndef HM386_TESTS_FUZZ_MEMMAP_CHECK_H
#define HM386_TESTS_FUZZ_MEMMAP_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <arch/x86/layout.h>
#include <mm/firmware_map.h>

#define FUZZ_CHECK(cond, ...) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		abort();						\
	}								\
} while (0)

/*
 * memmap_check_sanitized - check the shape of a result of memmap_sanitize()
 * that returned @ret (0 or MEMMAP_ENOUSABLE) with *count = @count, for
 * capacity @max: in bounds, known types, non-empty entries below
 * PHYS_LIMIT, sorted, non-overlapping, neighbours of one type merged,
 * usable entries page-aligned, and @ret telling whether any is usable.
 */
static inline void memmap_check_sanitized(const struct mem_region *map,
					  u32 count, u32 max, int ret)
{
	bool usable = false;
	u32 i;

	FUZZ_CHECK(ret == 0 || ret == MEMMAP_ENOUSABLE, "ret %d", ret);
	FUZZ_CHECK(count <= max, "count %u max %u", count, max);
	for (i = 0; i < count; i++) {
		const struct mem_region *r = &map[i];

		FUZZ_CHECK(r->type >= MEM_USABLE && r->type <= MEM_BAD,
			   "entry %u type %u", i, r->type);
		FUZZ_CHECK(r->len > 0, "entry %u empty", i);
		FUZZ_CHECK(r->base < PHYS_LIMIT &&
			   r->len <= PHYS_LIMIT - r->base,
			   "entry %u (0x%" PRIx64 " +0x%" PRIx64 ") > 64 GiB",
			   i, r->base, r->len);
		if (r->type == MEM_USABLE) {
			usable = true;
			FUZZ_CHECK(r->base % PAGE_SIZE == 0 &&
				   r->len % PAGE_SIZE == 0,
				   "usable entry %u not page-aligned", i);
		}
		if (i == 0)
			continue;
		FUZZ_CHECK(map[i - 1].base + map[i - 1].len <= r->base,
			   "entries %u, %u overlap or are unsorted", i - 1, i);
		FUZZ_CHECK(map[i - 1].base + map[i - 1].len != r->base ||
			   map[i - 1].type != r->type,
			   "entries %u and %u not merged", i - 1, i);
	}
	FUZZ_CHECK(usable == (ret == 0), "ret %d with%s usable entries",
		   ret, usable ? "" : " no");
}

#endif
