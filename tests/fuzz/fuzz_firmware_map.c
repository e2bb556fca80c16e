// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for memmap_sanitize(). The input is a memory map:
 *
 *   byte 0     bit 0 set: raw entries of 20 bytes (u64 base, u64 len,
 *              u32 type, little-endian), reaching every corner of the
 *              64-bit space; clear: compact entries of 5 bytes (u8 type
 *              & 7, u16 base, u16 len) in units of 1 << (byte 1 % 37)
 *              bytes, so that entries collide often
 *   byte 1     the unit, in compact mode
 *   byte 2     spare capacity: max = n + n * byte2 / 255
 *   bytes 3..  the entries, at most FUZZ_MAX_ENTRIES
 *
 * Beyond the shape of the result (firmware_map_check.h), every result is
 * compared with a brute-force model of the contract in include/mm/firmware_map.h,
 * at every address where either of them may change, and the outcome must
 * not depend on the capacity except through MEMMAP_EOVERFLOW.
 */
#include <stdint.h>
#include <string.h>

#include "firmware_map_check.h"

#define FUZZ_MAX_ENTRIES	96
#define PG			((u64)PAGE_SIZE)

/* The model's own ranking of types: the table in include/mm/firmware_map.h. */
static int model_rank(u32 type)
{
	static const int rank[] = {
		[MEM_USABLE] = 0, [MEM_ACPI_RECLAIM] = 1, [MEM_RESERVED] = 2,
		[MEM_ACPI_NVS] = 3, [MEM_BAD] = 4,
	};

	return type >= MEM_USABLE && type <= MEM_BAD ? rank[type] : 2;
}

/* An input entry as the model sees it: [base, end) below PHYS_LIMIT. */
struct model_range {
	u64 base;
	u64 end;
	u32 type;	/* unknown types already made MEM_RESERVED */
};

static u32 model_clip(const struct mem_region *in, u32 n,
		      struct model_range *out)
{
	u32 i, kept = 0;

	for (i = 0; i < n; i++) {
		u64 end;

		if (in[i].len == 0 || in[i].base >= PHYS_LIMIT)
			continue;
		end = in[i].base + in[i].len;
		if (end < in[i].base || end > PHYS_LIMIT)
			end = PHYS_LIMIT;
		out[kept].base = in[i].base;
		out[kept].end = end;
		out[kept].type = model_rank(in[i].type) == 2 ? MEM_RESERVED
							       : in[i].type;
		kept++;
	}
	return kept;
}

/* model_covered - whether usable ranges cover all of [a, b). */
static bool model_covered(const struct model_range *r, u32 n, u64 a, u64 b)
{
	bool moved = true;
	u32 i;

	while (a < b && moved) {
		moved = false;
		for (i = 0; i < n; i++) {
			if (r[i].type == MEM_USABLE && r[i].base <= a &&
			    a < r[i].end) {
				a = r[i].end;
				moved = true;
			}
		}
	}
	return a >= b;
}

/* model_type_at - the type the contract gives byte @x; 0 for a hole. */
static u32 model_type_at(const struct model_range *r, u32 n, u64 x)
{
	u64 page = x & ~(PG - 1);
	u32 i, best = 0;

	for (i = 0; i < n; i++)
		if (r[i].type != MEM_USABLE && r[i].base <= x && x < r[i].end &&
		    (!best || model_rank(r[i].type) > model_rank(best)))
			best = r[i].type;
	if (best)
		return best;
	for (i = 0; i < n; i++)
		if (r[i].type != MEM_USABLE && r[i].base < page + PG &&
		    page < r[i].end)
			return 0;	/* a non-usable byte in the page */
	return model_covered(r, n, page, page + PG) ? MEM_USABLE : 0;
}

/* result_type_at - the type the sanitized map gives byte @x; 0 for a hole. */
static u32 result_type_at(const struct mem_region *map, u32 count, u64 x)
{
	u32 i;

	for (i = 0; i < count; i++)
		if (map[i].base <= x && x - map[i].base < map[i].len)
			return map[i].type;
	return 0;
}

static void check_point(const struct model_range *r, u32 n,
			const struct mem_region *map, u32 count, u64 x)
{
	u32 want, got;

	if (x >= PHYS_LIMIT)
		return;
	want = model_type_at(r, n, x);
	got = result_type_at(map, count, x);
	FUZZ_CHECK(want == got, "at 0x%" PRIx64 ": model %u, sanitized %u",
		   x, want, got);
}

/*
 * check_against_model - both maps are constant between consecutive
 * boundaries of the input (and the page boundaries around them) and of the
 * result, so comparing them at all of those compares them everywhere.
 */
static void check_against_model(const struct mem_region *in, u32 n,
				const struct mem_region *map, u32 count)
{
	static struct model_range r[FUZZ_MAX_ENTRIES];
	u32 m = model_clip(in, n, r), i;

	check_point(r, m, map, count, 0);
	for (i = 0; i < m; i++) {
		check_point(r, m, map, count, r[i].base);
		check_point(r, m, map, count, r[i].end);
		check_point(r, m, map, count, r[i].base & ~(PG - 1));
		check_point(r, m, map, count, (r[i].base + PG - 1) & ~(PG - 1));
		check_point(r, m, map, count, r[i].end & ~(PG - 1));
		check_point(r, m, map, count, (r[i].end + PG - 1) & ~(PG - 1));
	}
	for (i = 0; i < count; i++) {
		check_point(r, m, map, count, map[i].base);
		check_point(r, m, map, count, map[i].base + map[i].len);
	}
}

static u32 decode(const u8 *data, size_t size, struct mem_region *in)
{
	bool raw = data[0] & 1;
	u32 unit_shift = data[1] % 37, n = 0;
	size_t entry = raw ? 20 : 5, off;

	for (off = 3; off + entry <= size && n < FUZZ_MAX_ENTRIES;
	     off += entry, n++) {
		const u8 *p = data + off;

		if (raw) {
			memcpy(&in[n].base, p, 8);
			memcpy(&in[n].len, p + 8, 8);
			memcpy(&in[n].type, p + 16, 4);
		} else {
			u16 base, len;

			memcpy(&base, p + 1, 2);
			memcpy(&len, p + 3, 2);
			in[n].type = p[0] & 7;
			in[n].base = (u64)base << unit_shift;
			in[n].len = (u64)len << unit_shift;
		}
	}
	return n;
}

/* run - sanitize a heap copy of @in, exactly @max entries long. */
static int run(const struct mem_region *in, u32 n, u32 max,
	       struct mem_region *out, u32 *count)
{
	struct mem_region *map = calloc(max ? max : 1, sizeof(*map));
	int ret;

	memcpy(map, in, n * sizeof(*map));
	*count = n;
	ret = memmap_sanitize(map, count, max);
	memcpy(out, map, max * sizeof(*map));
	free(map);
	return ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct mem_region in[FUZZ_MAX_ENTRIES];
	static struct mem_region full[2 * FUZZ_MAX_ENTRIES];
	static struct mem_region tight[2 * FUZZ_MAX_ENTRIES];
	u32 n, max, full_count, tight_count, i;
	int full_ret, tight_ret;

	if (size < 3)
		return 0;
	n = decode(data, size, in);
	max = n + n * data[2] / 255;

	/* 2n - 1 entries always suffice (2n boundaries at most). */
	full_ret = run(in, n, 2 * n, full, &full_count);
	memmap_check_sanitized(full, full_count, 2 * n, full_ret);
	check_against_model(in, n, full, full_count);

	tight_ret = run(in, n, max, tight, &tight_count);
	if (full_count > max) {
		FUZZ_CHECK(tight_ret == MEMMAP_EOVERFLOW && tight_count == 0,
			   "needs %u > max %u entries, got %d, count %u",
			   full_count, max, tight_ret, tight_count);
		return 0;
	}
	FUZZ_CHECK(tight_ret == full_ret && tight_count == full_count,
		   "max %u: ret %d count %u, max %u: ret %d count %u",
		   2 * n, full_ret, full_count, max, tight_ret, tight_count);
	for (i = 0; i < full_count; i++)
		FUZZ_CHECK(tight[i].base == full[i].base &&
			   tight[i].len == full[i].len &&
			   tight[i].type == full[i].type,
			   "entry %u depends on max", i);
	return 0;
}
