// SPDX-License-Identifier: MIT
/*
 * Host tests of lib/sort.c: the result must equal libc's qsort() byte for
 * byte. The comparators order by every byte of an element, so the sorted
 * order is unique even with duplicates and heapsort's instability cannot
 * show.
 */
#include "htest.h"

#include <lib/sort.h>

#define MAX_ELEMS	1000
#define MAX_ELEM_SIZE	16

static u32 random_state = 0x2545f491;
static u32 random_u32(void)	/* xorshift32: deterministic */
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 17;
	random_state ^= random_state << 5;
	return random_state;
}

/* The element size that cmp_bytes() compares; set before each run. */
static size_t cmp_bytes_size;
static const u8 *cmp_array_lo, *cmp_array_hi;	/* where cmp may point */
static unsigned long cmp_calls;
static bool cmp_strayed;

static void note_call(const void *a, const void *b)
{
	cmp_calls++;
	if (cmp_array_lo && ((const u8 *)a < cmp_array_lo ||
			     (const u8 *)a >= cmp_array_hi ||
			     (const u8 *)b < cmp_array_lo ||
			     (const u8 *)b >= cmp_array_hi))
		cmp_strayed = true;
}

static int cmp_bytes(const void *a, const void *b)
{
	note_call(a, b);
	return memcmp(a, b, cmp_bytes_size);
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	note_call(a, b);
	return (x > y) - (x < y);
}

static int cmp_s64(const void *a, const void *b)
{
	s64 x = *(const s64 *)a, y = *(const s64 *)b;

	note_call(a, b);
	return (x > y) - (x < y);
}

enum fill { FILL_RANDOM, FILL_FEW_KEYS, FILL_SORTED, FILL_REVERSED };

/*
 * check_sort - fill @num elements of @size bytes (at @misalign bytes past
 * an aligned address), sort them with sort() and qsort(), compare.
 */
static void check_sort(size_t num, size_t size, size_t misalign,
		       enum fill fill, int (*cmp)(const void *, const void *))
{
	static u64 storage[(MAX_ELEMS * MAX_ELEM_SIZE) / sizeof(u64) + 1];
	static u8 want[MAX_ELEMS * MAX_ELEM_SIZE];
	u8 *ours = (u8 *)storage + misalign;

	for (size_t i = 0; i < num * size; i++) {
		switch (fill) {
		case FILL_FEW_KEYS:
			ours[i] = (u8)(random_u32() % 3);
			break;
		default:	/* sorted and reversed are reordered below */
			ours[i] = (u8)random_u32();
			break;
		}
	}
	cmp_bytes_size = size;
	memcpy(want, ours, num * size);
	qsort(want, num, size, cmp);
	if (fill == FILL_SORTED || fill == FILL_REVERSED) {
		/* Feed sort() the sorted order, or its reverse. */
		for (size_t i = 0; i < num; i++)
			memcpy(ours + i * size, want + (fill == FILL_SORTED ?
				i : num - 1 - i) * size, size);
	}

	cmp_array_lo = ours;
	cmp_array_hi = ours + num * size;
	cmp_calls = 0;
	cmp_strayed = false;
	sort(ours, num, size, cmp);
	cmp_array_lo = NULL;

	if (memcmp(ours, want, num * size) != 0)
		HT_FAIL("sort of %zu elements of %zu bytes (fill %d, +%zu) "
			"differs from qsort", num, size, fill, misalign);
	if (cmp_strayed)
		HT_FAIL("cmp got a pointer outside the array");
}

HTEST(empty_and_single)
{
	u32 one = 42;

	cmp_calls = 0;
	sort(NULL, 0, sizeof(u32), cmp_u32);
	sort(&one, 1, sizeof(u32), cmp_u32);
	HT_EXPECT_EQ(one, 42);
	HT_EXPECT_EQ(cmp_calls, 0);
}

HTEST(small_arrays_every_length)
{
	for (size_t num = 2; num <= 20; num++)
		for (int round = 0; round < 50; round++)
			check_sort(num, sizeof(u32), 0, FILL_RANDOM, cmp_u32);
}

HTEST(random_u32_arrays)
{
	static const size_t nums[] = { 2, 3, 10, 100, 257, MAX_ELEMS };

	for (size_t i = 0; i < ARRAY_SIZE(nums); i++)
		check_sort(nums[i], sizeof(u32), 0, FILL_RANDOM, cmp_u32);
}

HTEST(random_s64_arrays)
{
	check_sort(MAX_ELEMS, sizeof(s64), 0, FILL_RANDOM, cmp_s64);
	check_sort(333, sizeof(s64), 0, FILL_FEW_KEYS, cmp_s64);
}

HTEST(every_element_size_bytewise)
{
	/* Sizes 1..16, word-multiple and odd, aligned and misaligned. */
	for (size_t size = 1; size <= MAX_ELEM_SIZE; size++)
		for (size_t misalign = 0; misalign < 4; misalign += 3) {
			check_sort(MAX_ELEMS, size, misalign, FILL_RANDOM,
				   cmp_bytes);
			check_sort(97, size, misalign, FILL_FEW_KEYS,
				   cmp_bytes);
		}
}

HTEST(sorted_reversed_and_duplicates)
{
	for (size_t size = 1; size <= 12; size += 11) {
		check_sort(MAX_ELEMS, size, 0, FILL_SORTED, cmp_bytes);
		check_sort(MAX_ELEMS, size, 0, FILL_REVERSED, cmp_bytes);
		check_sort(MAX_ELEMS, size, 0, FILL_FEW_KEYS, cmp_bytes);
	}
}

HTEST(comparisons_are_n_log_n)
{
	/* Heapsort: about 2 n log2 n comparisons at most, on any input. */
	static const enum fill fills[] = {
		FILL_RANDOM, FILL_SORTED, FILL_REVERSED, FILL_FEW_KEYS,
	};

	for (size_t i = 0; i < ARRAY_SIZE(fills); i++) {
		check_sort(1000, sizeof(u32), 0, fills[i], cmp_u32);
		/* log2(1000) < 10 */
		HT_EXPECT_LE(cmp_calls, 2 * 1000 * 10);
	}
}

HTEST_MAIN("sort")
