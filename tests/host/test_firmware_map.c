// SPDX-License-Identifier: MIT
/*
 * Host unit tests of mm/firmware_map.c: hostile memory maps and the exact map
 * memmap_sanitize() must make of each.
 */
#include "htest.h"

#include <arch/x86/layout.h>
#include <mm/firmware_map.h>

#define U	MEM_USABLE
#define RES	MEM_RESERVED
#define ACPI	MEM_ACPI_RECLAIM
#define NVS	MEM_ACPI_NVS
#define BAD	MEM_BAD
#define PG	((u64)PAGE_SIZE)

#define R(b, l, t)	{ .base = (b), .len = (l), .type = (t) }

/* Room for the largest map a case builds, plus what splitting adds. */
#define MAP_ROOM	(2 * BOOT_MMAP_MAX)

/*
 * first_difference - index of the first entry where @a and @b differ in a
 * field (padding is not compared), or @n if none does.
 */
static u32 first_difference(const struct mem_region *a,
			    const struct mem_region *b, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (a[i].base != b[i].base || a[i].len != b[i].len ||
		    a[i].type != b[i].type)
			break;
	return i;
}

static void print_entry(const char *what, const struct mem_region *map,
			u32 n, u32 i)
{
	if (i < n)
		printf("    # %s[%u] = { 0x%" PRIx64 ", 0x%" PRIx64 ", %u }\n",
		       what, i, map[i].base, map[i].len, map[i].type);
	else
		printf("    # %s has only %u entries\n", what, n);
}

/* expect_map - check the @count entries of @map against @want, one by one. */
static void expect_map(const struct mem_region *map, u32 count,
		       const struct mem_region *want, u32 want_n)
{
	u32 diff = first_difference(map, want, MIN(count, want_n));

	if (diff < MAX(count, want_n)) {
		HT_FAIL("map differs at entry %u", diff);
		print_entry("got", map, count, diff);
		print_entry("expected", want, want_n, diff);
	}
}

/*
 * expect_sanitize - run memmap_sanitize() on the @n entries of @in with
 * capacity @max, and check the result code, *count, and, unless the code
 * is MEMMAP_EOVERFLOW or MEMMAP_EINVAL, every entry of the output.
 */
static void expect_sanitize(const struct mem_region *in, u32 n, u32 max,
			    int want_ret, const struct mem_region *want,
			    u32 want_n)
{
	struct mem_region *map = calloc(max ? max : 1, sizeof(*map));
	u32 count = n;
	int ret;

	/* Exactly @max entries on the heap: ASan catches a write past them. */
	memcpy(map, in, n * sizeof(*map));
	ret = memmap_sanitize(map, &count, max);
	HT_EXPECT_EQ(ret, want_ret);
	HT_EXPECT_EQ(count, want_n);
	if (want_ret != MEMMAP_EOVERFLOW && want_ret != MEMMAP_EINVAL)
		expect_map(map, count, want, want_n);
	free(map);
}

#define EXPECT_SANITIZE(in, max, ret, want)				\
	expect_sanitize(in, ARRAY_SIZE(in), max, ret, want, ARRAY_SIZE(want))

/* The e820 map QEMU's SeaBIOS gives a 128 MiB machine. */
HTEST(qemu_map_trims_low_usable_to_pages)
{
	static const struct mem_region in[] = {
		R(0x0, 0x9fc00, U),
		R(0x9fc00, 0x400, RES),
		R(0xf0000, 0x10000, RES),
		R(0x100000, 0x7ee0000, U),
		R(0x7fe0000, 0x20000, RES),
		R(0xfffc0000, 0x40000, RES),
	};
	static const struct mem_region want[] = {
		R(0x0, 0x9f000, U),
		R(0x9fc00, 0x400, RES),
		R(0xf0000, 0x10000, RES),
		R(0x100000, 0x7ee0000, U),
		R(0x7fe0000, 0x20000, RES),
		R(0xfffc0000, 0x40000, RES),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(unsorted_input_comes_out_sorted)
{
	static const struct mem_region in[] = {
		R(0x300000, 0x100000, U),
		R(0x0, 0x1000, RES),
		R(0x100000, 0x100000, NVS),
		R(0x200000, 0x1000, BAD),
	};
	static const struct mem_region want[] = {
		R(0x0, 0x1000, RES),
		R(0x100000, 0x100000, NVS),
		R(0x200000, 0x1000, BAD),
		R(0x300000, 0x100000, U),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(usable_inside_reserved_disappears)
{
	static const struct mem_region in[] = {
		R(0x200000, 0x10000, U),
		R(0x100000, 0x400000, RES),
		R(0x1000000, 0x1000000, U),
	};
	static const struct mem_region want[] = {
		R(0x100000, 0x400000, RES),
		R(0x1000000, 0x1000000, U),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(reserved_inside_usable_splits_it)
{
	static const struct mem_region in[] = {
		R(0x100000, 0x1000000, U),
		R(0x400000, 0x2000, RES),
	};
	static const struct mem_region want[] = {
		R(0x100000, 0x300000, U),
		R(0x400000, 0x2000, RES),
		R(0x402000, 0xcfe000, U),
	};

	EXPECT_SANITIZE(in, 3, 0, want);
}

HTEST(partial_overlap_reserved_wins_both_sides)
{
	static const struct mem_region in[] = {
		R(0x10000, 0x10000, U),		/* [64K, 128K) */
		R(0x18000, 0x10000, RES),	/* [96K, 160K) */
		R(0x20000, 0x10000, U),		/* [128K, 192K) */
	};
	static const struct mem_region want[] = {
		R(0x10000, 0x8000, U),
		R(0x18000, 0x10000, RES),
		R(0x28000, 0x8000, U),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(unaligned_reserved_cuts_usable_at_pages)
{
	static const struct mem_region in[] = {
		R(0x0, 0x10000, U),
		R(0x8800, 0x1000, RES),		/* [0x8800, 0x9800) */
	};
	static const struct mem_region want[] = {
		R(0x0, 0x8000, U),
		R(0x8800, 0x1000, RES),
		R(0xa000, 0x6000, U),
	};

	EXPECT_SANITIZE(in, 3, 0, want);
}

/* Identical ranges with every type: the documented priority decides. */
HTEST(duplicates_bad_beats_everything)
{
	static const struct mem_region in[] = {
		R(0x100000, 0x1000, U), R(0x100000, 0x1000, NVS),
		R(0x100000, 0x1000, BAD), R(0x100000, 0x1000, RES),
		R(0x100000, 0x1000, ACPI), R(0x0, 0x1000, U),
	};
	static const struct mem_region want[] = {
		R(0x0, 0x1000, U), R(0x100000, 0x1000, BAD),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(duplicates_nvs_beats_reserved_and_acpi)
{
	static const struct mem_region in[] = {
		R(0x0, 0x1000, U), R(0x100000, 0x1000, RES),
		R(0x100000, 0x1000, ACPI), R(0x100000, 0x1000, NVS),
	};
	static const struct mem_region want[] = {
		R(0x0, 0x1000, U), R(0x100000, 0x1000, NVS),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(duplicates_reserved_beats_acpi_reclaim)
{
	static const struct mem_region in[] = {
		R(0x0, 0x1000, U), R(0x100000, 0x1000, ACPI),
		R(0x100000, 0x1000, RES), R(0x100000, 0x1000, U),
	};
	static const struct mem_region want[] = {
		R(0x0, 0x1000, U), R(0x100000, 0x1000, RES),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(duplicates_acpi_reclaim_beats_usable)
{
	static const struct mem_region in[] = {
		R(0x0, 0x1000, U), R(0x100000, 0x1000, U),
		R(0x100000, 0x1000, ACPI),
	};
	static const struct mem_region want[] = {
		R(0x0, 0x1000, U), R(0x100000, 0x1000, ACPI),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

/* Nested regions of rising priority: an onion, symmetric around 50 pages. */
HTEST(nested_priorities_make_an_onion)
{
	static const struct mem_region in[] = {
		R(0, 100 * PG, U),
		R(10 * PG, 80 * PG, ACPI),
		R(20 * PG, 60 * PG, RES),
		R(30 * PG, 40 * PG, NVS),
		R(40 * PG, 20 * PG, BAD),
	};
	static const struct mem_region want[] = {
		R(0, 10 * PG, U), R(10 * PG, 10 * PG, ACPI),
		R(20 * PG, 10 * PG, RES), R(30 * PG, 10 * PG, NVS),
		R(40 * PG, 20 * PG, BAD), R(60 * PG, 10 * PG, NVS),
		R(70 * PG, 10 * PG, RES), R(80 * PG, 10 * PG, ACPI),
		R(90 * PG, 10 * PG, U),
	};

	EXPECT_SANITIZE(in, 9, 0, want);
}

HTEST(adjacent_same_type_entries_merge)
{
	static const struct mem_region in[] = {
		R(0x2000, 0x1000, U), R(0x0, 0x1000, U), R(0x1000, 0x1000, U),
		R(0x10000, 0x800, RES), R(0x10800, 0x800, RES),
	};
	static const struct mem_region want[] = {
		R(0x0, 0x3000, U), R(0x10000, 0x1000, RES),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(overlapping_same_type_entries_merge)
{
	static const struct mem_region in[] = {
		R(0x0, 0x5000, U), R(0x3000, 0x5000, U), R(0x1000, 0x1000, U),
		R(0x20000, 0x3000, NVS), R(0x21000, 0x1000, NVS),
	};
	static const struct mem_region want[] = {
		R(0x0, 0x8000, U), R(0x20000, 0x3000, NVS),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(adjacent_different_types_stay_apart)
{
	static const struct mem_region in[] = {
		R(0x0, 0x1000, U), R(0x1000, 0x1000, RES),
		R(0x2000, 0x1000, U), R(0x3000, 0x1000, ACPI),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, in);
}

HTEST(zero_length_entries_vanish)
{
	static const struct mem_region in[] = {
		R(0x5000, 0, RES), R(0x0, 0x4000, U), R(0x2000, 0, BAD),
		R(0xffffffff, 0, U),
	};
	static const struct mem_region want[] = { R(0x0, 0x4000, U) };

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(sub_page_usable_fragments_dropped)
{
	static const struct mem_region in[] = {
		R(0x1100, 0xe00, U),		/* inside one page */
		R(0x3800, 0x1000, U),		/* in two pages, fills neither */
		R(0x10000, 0x2000, U),
		R(0x20000, 0x10, RES),		/* non-usable keeps its bytes */
	};
	static const struct mem_region want[] = {
		R(0x10000, 0x2000, U), R(0x20000, 0x10, RES),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

/* Two usable halves of one page make a whole page. */
HTEST(usable_halves_of_a_page_join)
{
	static const struct mem_region in[] = {
		R(0x1800, 0x800, U), R(0x1000, 0x800, U),
	};
	static const struct mem_region want[] = { R(0x1000, 0x1000, U) };

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(usable_sliver_between_reserved_dropped)
{
	static const struct mem_region in[] = {
		R(0x0, 0x10000, U),
		R(0x1001, 0x1, RES),
		R(0x1003, 0x1, RES),	/* leaves usable [0x1002, 0x1003) */
	};
	static const struct mem_region want[] = {
		R(0x0, 0x1000, U), R(0x1001, 0x1, RES), R(0x1003, 0x1, RES),
		R(0x2000, 0xe000, U),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(want), 0, want);
}

HTEST(unknown_types_become_reserved)
{
	static const struct mem_region in[] = {
		R(0x0, 0x1000, U),
		R(0x1000, 0x1000, 0),
		R(0x2000, 0x1000, 7),
		R(0x3000, 0x1000, 0xffffffff),
		R(0x4000, 0x1000, RES),
	};
	static const struct mem_region want[] = {
		R(0x0, 0x1000, U), R(0x1000, 0x4000, RES),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(unknown_type_beats_usable_loses_to_nvs)
{
	static const struct mem_region in[] = {
		R(0x0, 0x10000, U),
		R(0x4000, 0x4000, 12),
		R(0x6000, 0x1000, NVS),
	};
	static const struct mem_region want[] = {
		R(0x0, 0x4000, U), R(0x4000, 0x2000, RES),
		R(0x6000, 0x1000, NVS), R(0x7000, 0x1000, RES),
		R(0x8000, 0x8000, U),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(want), 0, want);
}

HTEST(entries_at_or_above_64g_dropped)
{
	static const struct mem_region in[] = {
		R(0x0, 0x100000, U),
		R(PHYS_LIMIT, 0x100000, U),
		R(PHYS_LIMIT + 0x1000, 0x1000, RES),
		R(0xfffffffffffff000ULL, 0x1000, BAD),
	};
	static const struct mem_region want[] = { R(0x0, 0x100000, U) };

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(entry_crossing_64g_truncated)
{
	static const struct mem_region in[] = {
		R(0x100000000ULL, 0x1000000000ULL, U),	/* [4G, 68G) */
		R(PHYS_LIMIT - 0x800, 0x801, RES),	/* one byte past */
	};
	static const struct mem_region want[] = {
		R(0x100000000ULL, PHYS_LIMIT - 0x100000000ULL - PG, U),
		R(PHYS_LIMIT - 0x800, 0x800, RES),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(base_plus_len_overflow_clipped)
{
	static const struct mem_region in[] = {
		R(0x100000, UINT64_MAX, U),
		R(0xfff000, UINT64_MAX - 0x1000, RES),
	};
	static const struct mem_region want[] = {
		R(0x100000, 0xeff000, U),
		R(0xfff000, PHYS_LIMIT - 0xfff000, RES),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(no_usable_ram_is_an_error)
{
	static const struct mem_region in[] = {
		R(0x100000, 0x1000, RES), R(0x0, 0x1000, ACPI),
		R(0x1000, 0x800, U),		/* a fragment only */
	};
	static const struct mem_region want[] = {
		R(0x0, 0x1000, ACPI), R(0x100000, 0x1000, RES),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), MEMMAP_ENOUSABLE, want);
}

HTEST(usable_hidden_by_reserved_is_an_error)
{
	static const struct mem_region in[] = {
		R(0x0, 0x100000, U), R(0x0, 0x100000, RES),
	};
	static const struct mem_region want[] = { R(0x0, 0x100000, RES) };

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), MEMMAP_ENOUSABLE, want);
}

HTEST(empty_map_is_an_error)
{
	struct mem_region map[1];
	u32 count = 0;

	HT_EXPECT_EQ(memmap_sanitize(map, &count, 1), MEMMAP_ENOUSABLE);
	HT_EXPECT_EQ(count, 0);
	HT_EXPECT_EQ(memmap_sanitize(map, &count, 0), MEMMAP_ENOUSABLE);
}

HTEST(map_of_nothing_valid_is_an_error)
{
	static const struct mem_region in[] = {
		R(0x1000, 0, U), R(PHYS_LIMIT, 0x1000, U),
	};
	static const struct mem_region want[1];

	expect_sanitize(in, ARRAY_SIZE(in), ARRAY_SIZE(in), MEMMAP_ENOUSABLE,
			want, 0);
}

/* Three holes punched in one usable range: 7 entries from 4. */
static const struct mem_region punched[] = {
	R(0x0, 0x100000, U),
	R(0x10000, 0x1000, RES),
	R(0x20000, 0x1000, NVS),
	R(0x30000, 0x1000, BAD),
};

HTEST(split_beyond_max_overflows)
{
	expect_sanitize(punched, ARRAY_SIZE(punched), 6, MEMMAP_EOVERFLOW,
			NULL, 0);
	expect_sanitize(punched, ARRAY_SIZE(punched), 4, MEMMAP_EOVERFLOW,
			NULL, 0);
}

HTEST(split_exactly_at_max_fits)
{
	static const struct mem_region want[] = {
		R(0x0, 0x10000, U), R(0x10000, 0x1000, RES),
		R(0x11000, 0xf000, U), R(0x20000, 0x1000, NVS),
		R(0x21000, 0xf000, U), R(0x30000, 0x1000, BAD),
		R(0x31000, 0xcf000, U),
	};

	EXPECT_SANITIZE(punched, 7, 0, want);
}

/*
 * Entries that overlap away to nothing must not count against @max: after
 * painting the reserved range, the result so far (5 entries) and the three
 * hidden usable pages still waiting would need 9 slots, but the final map
 * has 6 entries and @max is 7.
 */
HTEST(hidden_entries_do_not_cause_overflow)
{
	static const struct mem_region in[] = {
		R(10 * PG, 10 * PG, NVS), R(30 * PG, 10 * PG, NVS),
		R(0, 50 * PG, RES),
		R(1 * PG, PG, U), R(3 * PG, PG, U), R(5 * PG, PG, U),
		R(60 * PG, PG, U),
	};
	static const struct mem_region want[] = {
		R(0, 10 * PG, RES), R(10 * PG, 10 * PG, NVS),
		R(20 * PG, 10 * PG, RES), R(30 * PG, 10 * PG, NVS),
		R(40 * PG, 10 * PG, RES), R(60 * PG, PG, U),
	};

	EXPECT_SANITIZE(in, ARRAY_SIZE(in), 0, want);
}

HTEST(count_above_max_is_rejected)
{
	struct mem_region map[2] = { R(0x0, 0x1000, U), R(0x1000, 0x1000, U) };
	u32 count = 2;

	HT_EXPECT_EQ(memmap_sanitize(map, &count, 1), MEMMAP_EINVAL);
	HT_EXPECT_EQ(count, 2);
	HT_EXPECT_EQ(map[1].base, 0x1000);
}

/* A full map of alternating page-sized entries, given in reverse order. */
HTEST(full_map_reversed_alternating)
{
	struct mem_region in[BOOT_MMAP_MAX], want[BOOT_MMAP_MAX];
	u32 i;

	for (i = 0; i < BOOT_MMAP_MAX; i++) {
		struct mem_region r = R(i * 2 * PG, PG, i % 2 ? RES : U);

		want[i] = r;
		in[BOOT_MMAP_MAX - 1 - i] = r;
	}
	expect_sanitize(in, BOOT_MMAP_MAX, BOOT_MMAP_MAX, 0, want,
			BOOT_MMAP_MAX);
}

/* Many reserved pages on one usable range: the result doubles in size. */
HTEST(many_splits_fill_a_large_max)
{
	struct mem_region in[BOOT_MMAP_MAX], want[2 * BOOT_MMAP_MAX];
	u32 i, holes = BOOT_MMAP_MAX - 1;

	in[0] = (struct mem_region)R(0, 2 * holes * PG + PG, U);
	for (i = 0; i < holes; i++) {
		in[1 + i] = (struct mem_region)R((2 * i + 1) * PG, PG, RES);
		want[2 * i] = (struct mem_region)R(2 * i * PG, PG, U);
		want[2 * i + 1] = in[1 + i];
	}
	want[2 * holes] = (struct mem_region)R(2 * holes * PG, PG, U);
	expect_sanitize(in, BOOT_MMAP_MAX, MAP_ROOM, 0, want, 2 * holes + 1);
	expect_sanitize(in, BOOT_MMAP_MAX, 2 * holes, MEMMAP_EOVERFLOW,
			NULL, 0);
}

HTEST(sanitize_is_idempotent)
{
	struct mem_region map[16] = {
		R(0x0, 0x9fc00, U), R(0x9fc00, 0x400, RES),
		R(0x100000, 0x3ff00000, U), R(0x3000000, 0x1234, ACPI),
		R(0x3fff0000, 0x20000, NVS), R(0x7000, 0x10, 9),
	};
	struct mem_region first[16];
	u32 count = 6, first_count;

	HT_EXPECT_EQ(memmap_sanitize(map, &count, ARRAY_SIZE(map)), 0);
	memcpy(first, map, sizeof(first));
	first_count = count;
	HT_EXPECT_EQ(memmap_sanitize(map, &count, ARRAY_SIZE(map)), 0);
	HT_EXPECT_EQ(count, first_count);
	HT_EXPECT_EQ(first_difference(map, first, count), count);
}

/*
 * expect_reserve - memmap_reserve(@base, @len) on the sanitized map @in of
 * @n entries, with capacity @max: check the result code and the map (on
 * MEMMAP_EOVERFLOW: unchanged).
 */
static void expect_reserve(const struct mem_region *in, u32 n, u32 max,
			   u64 base, u64 len, int want_ret,
			   const struct mem_region *want, u32 want_n)
{
	struct mem_region *map = calloc(max, sizeof(*map));
	u32 count = n;

	memcpy(map, in, n * sizeof(*map));
	HT_EXPECT_EQ(memmap_reserve(map, &count, max, base, len), want_ret);
	HT_EXPECT_EQ(count, want_n);
	expect_map(map, count, want, want_n);
	free(map);
}

/* QEMU's map, sanitized (as in qemu_map_trims_low_usable_to_pages). */
static const struct mem_region qemu_sanitized[] = {
	R(0x0, 0x9f000, U), R(0x9fc00, 0x400, RES), R(0xf0000, 0x10000, RES),
	R(0x100000, 0x7ee0000, U), R(0x7fe0000, 0x20000, RES),
	R(0xfffc0000, 0x40000, RES),
};

/* What Linux's trim_bios_range() does to page 0: 3999 DMA pages -> 3998. */
HTEST(reserve_bios_page_of_qemu_map)
{
	static const struct mem_region want[] = {
		R(0x0, 0x1000, RES), R(0x1000, 0x9e000, U),
		R(0x9fc00, 0x400, RES), R(0xf0000, 0x10000, RES),
		R(0x100000, 0x7ee0000, U), R(0x7fe0000, 0x20000, RES),
		R(0xfffc0000, 0x40000, RES),
	};

	expect_reserve(qemu_sanitized, ARRAY_SIZE(qemu_sanitized),
		       ARRAY_SIZE(want) + 1, 0, PG, 0, want, ARRAY_SIZE(want));
	HT_EXPECT_EQ(memmap_usable_bytes(want, ARRAY_SIZE(want)),
		     memmap_usable_bytes(qemu_sanitized,
					 ARRAY_SIZE(qemu_sanitized)) - PG);
}

/* A range inside RAM splits it; a page it touches at all is not usable. */
HTEST(reserve_inside_usable_splits_it_at_pages)
{
	static const struct mem_region in[] = { R(0x0, 0x10000, U) };
	static const struct mem_region want[] = {
		R(0x0, 0x5000, U), R(0x5000, 0x800, RES), R(0x6000, 0xa000, U),
	};

	expect_reserve(in, 1, 3, 0x5000, 0x800, 0, want, 3);
}

/* NVS and bad memory keep their types; ACPI reclaim and usable yield. */
HTEST(reserve_keeps_nvs_and_bad_takes_acpi)
{
	static const struct mem_region in[] = {
		R(0x0, 0x2000, U), R(0x2000, 0x1000, NVS),
		R(0x3000, 0x1000, ACPI), R(0x4000, 0x1000, BAD),
		R(0x5000, 0x3000, U),
	};
	static const struct mem_region want[] = {
		R(0x0, 0x1000, U), R(0x1000, 0x1000, RES),
		R(0x2000, 0x1000, NVS), R(0x3000, 0x1000, RES),
		R(0x4000, 0x1000, BAD), R(0x5000, 0x1000, RES),
		R(0x6000, 0x2000, U),
	};

	expect_reserve(in, ARRAY_SIZE(in), 8, 0x1000, 0x5000, 0, want,
		       ARRAY_SIZE(want));
}

HTEST(reserve_without_room_changes_nothing)
{
	expect_reserve(qemu_sanitized, ARRAY_SIZE(qemu_sanitized),
		       ARRAY_SIZE(qemu_sanitized) + 1, 0, PG, MEMMAP_EOVERFLOW,
		       qemu_sanitized, ARRAY_SIZE(qemu_sanitized));
}

HTEST(reserve_of_the_last_usable_page_is_an_error)
{
	static const struct mem_region in[] = {
		R(0x0, 0x1000, U), R(0x1000, 0x1000, RES),
	};
	static const struct mem_region want[] = { R(0x0, 0x2000, RES) };

	expect_reserve(in, 2, 4, 0, PG, MEMMAP_ENOUSABLE, want, 1);
}

HTEST(usable_bytes_counts_only_usable)
{
	static const struct mem_region map[] = {
		R(0x0, 0x9f000, U), R(0x9f000, 0x1000, RES),
		R(0x100000, 0x7ee0000, U), R(0x100000000ULL, 0x40000000, U),
		R(0xfffc0000, 0x40000, BAD),
	};

	HT_EXPECT_EQ(memmap_usable_bytes(map, ARRAY_SIZE(map)),
		     0x9f000 + 0x7ee0000 + 0x40000000ULL);
	HT_EXPECT_EQ(memmap_usable_bytes(map, 0), 0);
}

HTEST(type_names)
{
	HT_EXPECT_STREQ(memmap_type_name(MEM_USABLE), "usable");
	HT_EXPECT_STREQ(memmap_type_name(MEM_RESERVED), "reserved");
	HT_EXPECT_STREQ(memmap_type_name(MEM_ACPI_RECLAIM), "ACPI reclaim");
	HT_EXPECT_STREQ(memmap_type_name(MEM_ACPI_NVS), "ACPI NVS");
	HT_EXPECT_STREQ(memmap_type_name(MEM_BAD), "bad");
	HT_EXPECT_STREQ(memmap_type_name(0), "unknown");
	HT_EXPECT_STREQ(memmap_type_name(6), "unknown");
	HT_EXPECT_EQ(strlen(memmap_type_name(MEM_ACPI_RECLAIM)),
		     MEMMAP_TYPE_NAME_WIDTH);
}

/* memmap_print() output, collected through its callback. */
static char printed[8][MEMMAP_LINE_MAX];
static int nr_printed;

static void collect_line(const char *text)
{
	if (nr_printed < (int)ARRAY_SIZE(printed))
		snprintf(printed[nr_printed], sizeof(printed[0]), "%s", text);
	nr_printed++;
}

HTEST(print_table)
{
	static const struct mem_region map[] = {
		R(0x0, 0x9fc00, U),
		R(0x9fc00, 0x400, RES),
		R(0x100000, 0x7ee0000, U),
		R(0x3000000, 0x1234, ACPI),
		R(0x100000000ULL, 0x380000000ULL, NVS),
		R(0x500, 0x10, 42),
		R(0x100000, 0xbff00000, U),	/* 3 GiB - 1 MiB */
		R(0x100000, 0xbfee0000, U),	/* QEMU -m 4G, below 3 GiB */
	};

	nr_printed = 0;
	memmap_print(map, ARRAY_SIZE(map), collect_line);
	HT_EXPECT_EQ(nr_printed, 8);
	HT_EXPECT_STREQ(printed[0],
		"  [mem 0x0000000000000000-0x000000000009fbff] usable          639 KiB");
	HT_EXPECT_STREQ(printed[1],
		"  [mem 0x000000000009fc00-0x000000000009ffff] reserved          1 KiB");
	HT_EXPECT_STREQ(printed[2],
		"  [mem 0x0000000000100000-0x0000000007fdffff] usable          126 MiB");
	HT_EXPECT_STREQ(printed[3],
		"  [mem 0x0000000003000000-0x0000000003001233] ACPI reclaim   4660 B");
	HT_EXPECT_STREQ(printed[4],
		"  [mem 0x0000000100000000-0x000000047fffffff] ACPI NVS         14 GiB");
	HT_EXPECT_STREQ(printed[5],
		"  [mem 0x0000000000000500-0x000000000000050f] unknown          16 B");
	/* Never rounded to a misleading unit: exact, or off by < 1%. */
	HT_EXPECT_STREQ(printed[6],
		"  [mem 0x0000000000100000-0x00000000bfffffff] usable         3071 MiB");
	HT_EXPECT_STREQ(printed[7],
		"  [mem 0x0000000000100000-0x00000000bffdffff] usable         3070 MiB");
}

HTEST(clip_drops_and_cuts_at_limit)
{
	/* Unsorted on purpose: memmap_clip takes any order. */
	struct mem_region map[] = {
		{ 0x180000000ULL, 0x40000000, MEM_USABLE },	/* above: dropped */
		{ 0x0, 0x9f000, MEM_USABLE },			/* below: kept */
		{ 0xc0000000ULL, 0x80000000ULL, MEM_USABLE },	/* crosses: cut */
		{ 0xfec00000ULL, 0x2000000, MEM_RESERVED },	/* crosses: cut */
		{ 0x100000000ULL, 0x1000, MEM_RESERVED },	/* at the limit */
	};
	u32 count = 5;
	u64 lost = memmap_clip(map, &count, 0x100000000ULL, false);

	HT_EXPECT_EQ(count, 3);
	HT_EXPECT_EQ(lost, 0x40000000ULL + 0x40000000ULL);
	HT_EXPECT_EQ(map[0].base, 0x0);
	HT_EXPECT_EQ(map[0].len, 0x9f000);
	HT_EXPECT_EQ(map[1].base, 0xc0000000ULL);
	HT_EXPECT_EQ(map[1].len, 0x40000000ULL);
	HT_EXPECT_EQ(map[2].base, 0xfec00000ULL);
	HT_EXPECT_EQ(map[2].len, 0x01400000ULL);
	HT_EXPECT_EQ(map[2].type, MEM_RESERVED);
	/* Clipping again changes nothing. */
	HT_EXPECT_EQ(memmap_clip(map, &count, 0x100000000ULL, false), 0);
	HT_EXPECT_EQ(count, 3);
}

HTEST(clip_usable_only_keeps_reserved)
{
	struct mem_region map[] = {
		{ 0x0, 0x9f000, MEM_USABLE },
		{ 0x100000, 0x7f00000, MEM_USABLE },		/* cut at 64 MiB */
		{ 0xfffc0000ULL, 0x40000, MEM_RESERVED },	/* kept */
		{ 0x100000000ULL, 0x40000000, MEM_USABLE },	/* dropped */
	};
	u32 count = 4;
	u64 lost = memmap_clip(map, &count, 64 << 20, true);

	HT_EXPECT_EQ(count, 3);
	HT_EXPECT_EQ(lost, 0x8000000 - (64 << 20) + 0x40000000ULL);
	HT_EXPECT_EQ(map[1].base + map[1].len, 64 << 20);
	HT_EXPECT_EQ(map[2].base, 0xfffc0000ULL);
	HT_EXPECT_EQ(map[2].type, MEM_RESERVED);
}

HTEST_MAIN("firmware_map")
