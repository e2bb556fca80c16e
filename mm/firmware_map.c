// SPDX-License-Identifier: MIT
/*
 * The firmware memory-map sanitizer; the contract is in
 * include/mm/firmware_map.h.
 *
 * memmap_sanitize() runs in five in-place passes over the array:
 *
 *   1. normalize: drop empty entries, clip at PHYS_LIMIT, unknown types
 *      become reserved;
 *   2. sort by base and merge overlapping or touching entries of one type,
 *      so that entries of the same type are disjoint and never adjacent;
 *   3. drop hidden entries: those of which nothing would survive, because
 *      higher-priority entries cover them (for usable memory: cover at
 *      least part of every page);
 *   4. sort by priority, highest first, and park the entries at the end of
 *      the array;
 *   5. paint: take the parked entries one by one and insert into the sorted
 *      result at the front of the array the parts of each that the result
 *      does not cover yet. Usable parts are cut to whole pages.
 *
 * Why painting from the highest priority down works in place: a piece,
 * once painted, is final (nothing painted later may cover it), and after
 * pass 2 pieces of one type never touch, so no merge is ever needed. After
 * pass 3 every parked entry still owes at least one piece to the result,
 * so the result so far plus the parked entries never outnumber the final
 * result: if that fits in @max, the front never runs into the parked
 * entries, and if the two meet, the final map cannot fit.
 */
#include <arch/x86/layout.h>
#include <kernel/lab.h>
#include <lib/printf.h>
#include <lib/sort.h>
#include <lib/string.h>
#include <mm/firmware_map.h>
#include "firmware_map_internal.h"

/* region_end - one past the last byte of @r (no overflow once clipped). */
static inline u64 region_end(const struct mem_region *r)
{
	return r->base + r->len;
}

/* type_priority - who wins an overlap: the higher number. */
static u32 type_priority(u32 type)
{
	switch (type) {
	case MEM_USABLE:
		return 0;
	case MEM_ACPI_RECLAIM:
		return 1;
	case MEM_RESERVED:
		return 2;
	case MEM_ACPI_NVS:
		return 3;
	case MEM_BAD:
		return 4;
	}
	return 2;	/* unknown types are reserved */
}

static bool type_is_known(u32 type)
{
	return type >= MEM_USABLE && type <= MEM_BAD;
}

/*
 * drop_marked - remove the MEMMAP_DROPPED entries of @map, keeping the order
 * of the others. Returns the new count.
 */
LAB_STATIC u32 drop_marked(struct mem_region *map, u32 count)
{
	u32 i, kept = 0;

	for (i = 0; i < count; i++)
		if (map[i].type != MEMMAP_DROPPED)
			map[kept++] = map[i];
	return kept;
}

LAB_EXERCISE(1) u64 memmap_clip(struct mem_region *map, u32 *count, u64 limit,
				 bool usable_only)
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

/*
 * normalize - pass 1: drop empty entries, make unknown types reserved, and
 * clip at PHYS_LIMIT (which also cuts entries whose end overflows 64 bits).
 * Returns the new count.
 */
static u32 normalize(struct mem_region *map, u32 count)
{
	for (u32 i = 0; i < count; i++) {
		struct mem_region *r = &map[i];

		if (!type_is_known(r->type))
			r->type = MEM_RESERVED;
		if (r->len == 0)
			r->type = MEMMAP_DROPPED;
	}
	count = drop_marked(map, count);
	memmap_clip(map, &count, PHYS_LIMIT, false);
	return count;
}

/* Order of pass 2: by base, then by type, so that the result is stable. */
static int cmp_base(const void *a, const void *b)
{
	const struct mem_region *ra = a, *rb = b;

	if (ra->base != rb->base)
		return ra->base < rb->base ? -1 : 1;
	if (ra->type != rb->type)
		return ra->type < rb->type ? -1 : 1;
	return 0;
}

/*
 * Order of pass 4: highest priority first, then by base. The painting does
 * not depend on the order within one priority; base order just makes it
 * predictable.
 */
static int cmp_priority(const void *a, const void *b)
{
	const struct mem_region *ra = a, *rb = b;
	u32 pa = type_priority(ra->type), pb = type_priority(rb->type);

	if (pa != pb)
		return pa > pb ? -1 : 1;
	return cmp_base(a, b);
}

/*
 * merge_same_type - pass 2 on a map sorted by base: fold every entry into
 * the first earlier one of the same type that it overlaps or touches.
 * Returns the new count; the map stays sorted by base.
 */
static u32 merge_same_type(struct mem_region *map, u32 count)
{
	u32 i, j;

	for (i = 0; i < count; i++) {
		u64 end = region_end(&map[i]);

		if (map[i].type == MEMMAP_DROPPED)
			continue;
		/* Sorted by base: the first entry past @end ends the search. */
		for (j = i + 1; j < count && map[j].base <= end; j++) {
			if (map[j].type != map[i].type)
				continue;
			end = MAX(end, region_end(&map[j]));
			map[j].type = MEMMAP_DROPPED;
		}
		map[i].len = end - map[i].base;
	}
	return drop_marked(map, count);
}

/*
 * keep_piece - cut the free stretch [*base, *end) of an entry of @type to
 * what the result may hold: whole pages for usable memory, every byte
 * otherwise. Returns false if nothing is left.
 */
LAB_STATIC LAB_EXERCISE(1) bool keep_piece(u32 type, u64 *base, u64 *end)
{
	if (type == MEM_USABLE) {
		*base = ALIGN_UP(*base, (u64)PAGE_SIZE);
		*end = ALIGN_DOWN(*end, (u64)PAGE_SIZE);
	}
	return *base < *end;
}

/*
 * region_is_hidden - true if painting would keep nothing of @r: the entries
 * of @map with a higher priority leave no free stretch of @r that
 * keep_piece() accepts. @map must be sorted by base; dropped entries are
 * skipped (what they covered, higher entries cover too).
 */
static bool region_is_hidden(const struct mem_region *map, u32 count,
			     const struct mem_region *r)
{
	u32 prio = type_priority(r->type), i;
	u64 covered = r->base, end = region_end(r), base, gap_end;

	for (i = 0; i < count && covered < end; i++) {
		const struct mem_region *o = &map[i];

		if (o->type == MEMMAP_DROPPED || type_priority(o->type) <= prio)
			continue;
		if (o->base > covered) {
			base = covered;
			gap_end = MIN(o->base, end);
			if (keep_piece(r->type, &base, &gap_end))
				return false;
		}
		covered = MAX(covered, region_end(o));
	}
	base = covered;
	gap_end = end;
	return !(covered < end && keep_piece(r->type, &base, &gap_end));
}

/* drop_hidden - pass 3 on a map sorted by base. Returns the new count. */
static u32 drop_hidden(struct mem_region *map, u32 count)
{
	u32 i;

	for (i = 0; i < count; i++)
		if (region_is_hidden(map, count, &map[i]))
			map[i].type = MEMMAP_DROPPED;
	return drop_marked(map, count);
}

/*
 * paint_region - pass 5 for one entry @r: insert into the sorted,
 * non-overlapping result map[0 .. *@painted) every free stretch of @r that
 * keep_piece() accepts. The result may grow up to @room entries.
 * Returns 0, or MEMMAP_EOVERFLOW when it would grow beyond.
 */
static int paint_region(struct mem_region *map, u32 *painted, u32 room,
			const struct mem_region *r)
{
	u64 pos = r->base, end = region_end(r);
	u32 i = 0;

	while (i < *painted && region_end(&map[i]) <= pos)
		i++;
	while (pos < end) {
		u64 base = pos;
		u64 gap_end = i < *painted ? MIN(map[i].base, end) : end;

		if (base < gap_end && keep_piece(r->type, &base, &gap_end)) {
			if (*painted >= room)
				return MEMMAP_EOVERFLOW;
			memmove(&map[i + 1], &map[i],
				(*painted - i) * sizeof(*map));
			map[i].base = base;
			map[i].len = gap_end - base;
			map[i].type = r->type;
			(*painted)++;
			i++;
		}
		if (i >= *painted)
			break;
		pos = MAX(pos, region_end(&map[i]));
		i++;
	}
	return 0;
}

int memmap_sanitize(struct mem_region *map, u32 *count, u32 max)
{
	u32 n, parked, painted = 0, i;
	int ret;

	if (*count > max)
		return MEMMAP_EINVAL;

	n = normalize(map, *count);
	sort(map, n, sizeof(*map), cmp_base);
	n = merge_same_type(map, n);
	n = drop_hidden(map, n);

	sort(map, n, sizeof(*map), cmp_priority);
	parked = max - n;
	memmove(&map[parked], &map[0], n * sizeof(*map));

	while (parked < max) {
		struct mem_region r = map[parked++];

		ret = paint_region(map, &painted, parked, &r);
		if (ret) {
			*count = 0;
			return ret;
		}
	}

	*count = painted;
	for (i = 0; i < painted; i++)
		if (map[i].type == MEM_USABLE)
			return 0;
	return MEMMAP_ENOUSABLE;
}

int memmap_reserve(struct mem_region *map, u32 *count, u32 max, u64 base,
		   u64 len)
{
	/* The range adds one entry and may split one into two. */
	if (*count + 2 > max)
		return MEMMAP_EOVERFLOW;
	map[(*count)++] = (struct mem_region){ base, len, MEM_RESERVED };
	return memmap_sanitize(map, count, max);
}

u64 memmap_usable_bytes(const struct mem_region *map, u32 count)
{
	u64 total = 0;
	u32 i;

	for (i = 0; i < count; i++)
		if (map[i].type == MEM_USABLE)
			total += map[i].len;
	return total;
}

const char *memmap_type_name(u32 type)
{
	switch (type) {
	case MEM_USABLE:
		return "usable";
	case MEM_RESERVED:
		return "reserved";
	case MEM_ACPI_RECLAIM:
		return "ACPI reclaim";
	case MEM_ACPI_NVS:
		return "ACPI NVS";
	case MEM_BAD:
		return "bad";
	}
	return "unknown";
}

/*
 * size_unit - the unit of B, KiB, MiB, GiB to show @len in: the largest
 * in which @len is whole, or in which it is at least SIZE_ROUNDED_MIN
 * (rounded down, then, by less than 1%). *@amount receives @len in it.
 * So 3 GiB - 1 MiB is 3071 MiB, never "2 GiB", and 632 KiB stays KiB.
 */
#define SIZE_ROUNDED_MIN	100
static const char *size_unit(u64 len, u64 *amount)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB" };
	u32 unit = ARRAY_SIZE(units) - 1;

	for (; unit; unit--) {
		u32 shift = 10 * unit;

		if (len && !(len & ((1ULL << shift) - 1)))
			break;
		if ((len >> shift) >= SIZE_ROUNDED_MIN)
			break;
	}
	*amount = len >> (10 * unit);
	return units[unit];
}

void memmap_print(const struct mem_region *map, u32 count,
		  void (*line)(const char *text))
{
	char text[MEMMAP_LINE_MAX];
	const char *unit;
	u64 amount;
	u32 i;

	for (i = 0; i < count; i++) {
		const struct mem_region *r = &map[i];
		u64 last = r->len ? r->base + (r->len - 1) : r->base;

		unit = size_unit(r->len, &amount);
		snprintf(text, sizeof(text),
			 "  [mem 0x%016llx-0x%016llx] %-*s %6llu %s",
			 (unsigned long long)r->base, (unsigned long long)last,
			 MEMMAP_TYPE_NAME_WIDTH, memmap_type_name(r->type),
			 (unsigned long long)amount, unit);
		line(text);
	}
}
