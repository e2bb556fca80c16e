// SPDX-License-Identifier: MIT
/*
 * lib/ as the kernel build compiles it (32-bit, no libgcc): 64-bit
 * formatting and division go through lib/div64.c here, not the host's.
 */
#include <kernel/ktest.h>
#include <lib/div64.h>
#include <lib/printf.h>
#include <lib/sort.h>
#include <lib/string.h>

static void format_64bit_values(struct ktest *t)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%llu", 18446744073709551615ULL);
	KEXPECT_STREQ(t, buf, "18446744073709551615");
	snprintf(buf, sizeof(buf), "%lld", (s64)(-9223372036854775807LL - 1));
	KEXPECT_STREQ(t, buf, "-9223372036854775808");
	snprintf(buf, sizeof(buf), "%016llx", 0xf00000000ULL);
	KEXPECT_STREQ(t, buf, "0000000f00000000");
	snprintf(buf, sizeof(buf), "[%-6d|%5s|%c|%zu|%p]", -42, "ab", 'x',
		 (size_t)7, (void *)0xc0100000);
	KEXPECT_STREQ(t, buf, "[-42   |   ab|x|7|0xc0100000]");
	KEXPECT_EQ(t, snprintf(buf, 4, "%u", 123456), 6);
	KEXPECT_STREQ(t, buf, "123");
}

static void divide_64bit(struct ktest *t)
{
	volatile u64 a = 0x123456789abcdef0ULL, b = 0x100000001ULL;
	volatile s64 c = -1000000000000LL;
	u32 rem;

	KEXPECT_EQ(t, a / b, 0x12345678ULL);
	KEXPECT_EQ(t, a % b, a - 0x12345678ULL * b);
	KEXPECT_EQ(t, c / 7, -142857142857LL);
	KEXPECT_EQ(t, c % 7, -1);
	KEXPECT_EQ(t, div_u64_rem(64 * GiB + 5, 1024, &rem), 64 * MiB);
	KEXPECT_EQ(t, rem, 5);
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

static void sort_orders(struct ktest *t)
{
	u32 v[] = { 9, 3, 7, 3, 0xffffffff, 0, 5 };
	const u32 want[] = { 0, 3, 3, 5, 7, 9, 0xffffffff };

	sort(v, ARRAY_SIZE(v), sizeof(v[0]), cmp_u32);
	KEXPECT_MEMEQ(t, v, want, sizeof(want));
}

static struct ktest_case lib_cases[] = {
	KTEST_CASE(format_64bit_values),
	KTEST_CASE(divide_64bit),
	KTEST_CASE(sort_orders),
	{}
};
KTEST_SUITE(lib, lib_cases);
