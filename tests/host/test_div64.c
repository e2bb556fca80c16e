// SPDX-License-Identifier: MIT
/*
 * Host tests of lib/div64.c against the host's native 64-bit division. The
 * compiler support routines are compiled as hm_udivdi3() etc. here (see
 * include/lib/div64.h), so these tests run the code the kernel links.
 */
#include "htest.h"

#include <lib/div64.h>

#define RANDOM_ROUNDS	200000

/* Values at the edges of every path: 0, 1, word and sign boundaries. */
static const u64 edge_values[] = {
	0, 1, 2, 3, 7, 9, 10, 16, 255, 0x7fffffff, 0x80000000, 0xfffffffe,
	0xffffffff, 0x100000000ULL, 0x100000001ULL, 0x1fffffffeULL,
	0x123456789ULL, 0xffffffff00000000ULL, 0x7fffffffffffffffULL,
	0x8000000000000000ULL, 0x8000000000000001ULL, 0xfffffffffffffffeULL,
	UINT64_MAX, 1000000007ULL, 10000000000000000000ULL,
};
#define NR_EDGES ARRAY_SIZE(edge_values)

/* xorshift64* - a small deterministic generator, so failures repeat. */
static u64 random_state = 0x9e3779b97f4a7c15ULL;
static u64 random_u64(void)
{
	random_state ^= random_state >> 12;
	random_state ^= random_state << 25;
	random_state ^= random_state >> 27;
	return random_state * 0x2545f4914f6cdd1dULL;
}

/* random_bits - a random value of a random bit length, 0 to 64 bits. */
static u64 random_bits(void)
{
	unsigned int bits = random_u64() % 65;

	return bits ? random_u64() >> (64 - bits) : 0;
}

/* check_unsigned - every unsigned entry point on one pair. */
static bool check_unsigned(u64 n, u64 d)
{
	u64 rem = ~0ULL, rem2 = ~0ULL;
	bool ok = true;

	ok &= hm_udivdi3(n, d) == n / d;
	ok &= hm_umoddi3(n, d) == n % d;
	ok &= hm_udivmoddi4(n, d, &rem) == n / d && rem == n % d;
	ok &= div64_u64_rem(n, d, &rem2) == n / d && rem2 == n % d;
	if (!ok)
		HT_FAIL("%" PRIu64 " / %" PRIu64 ": got %" PRIu64 " rem %"
			PRIu64 ", want %" PRIu64 " rem %" PRIu64, n, d,
			hm_udivdi3(n, d), hm_umoddi3(n, d), n / d, n % d);
	return ok;
}

/* negate - -@x, wrapping INT64_MIN to itself instead of overflowing. */
static s64 negate(s64 x)
{
	return (s64)(0 - (u64)x);
}

/* check_signed - every signed entry point on one pair. */
static bool check_signed(s64 n, s64 d)
{
	s64 rem = 0x5a5a, rem2 = 0x5a5a;
	bool ok = true;

	if (n == INT64_MIN && d == -1)	/* overflows natively */
		return true;
	ok &= hm_divdi3(n, d) == n / d;
	ok &= hm_moddi3(n, d) == n % d;
	ok &= hm_divmoddi4(n, d, &rem) == n / d && rem == n % d;
	ok &= div64_s64_rem(n, d, &rem2) == n / d && rem2 == n % d;
	if (!ok)
		HT_FAIL("%" PRId64 " / %" PRId64 ": got %" PRId64 " rem %"
			PRId64 ", want %" PRId64 " rem %" PRId64, n, d,
			hm_divdi3(n, d), hm_moddi3(n, d), n / d, n % d);
	return ok;
}

/* check_div_u64 - div_u64_rem() on one pair. */
static bool check_div_u64(u64 n, u32 d)
{
	u32 rem = ~0u;
	u64 q = div_u64_rem(n, d, &rem);

	if (q == n / d && rem == n % d)
		return true;
	HT_FAIL("div_u64_rem(%" PRIu64 ", %" PRIu32 ") = %" PRIu64 " rem %"
		PRIu32 ", want %" PRIu64 " rem %" PRIu64, n, d, q, rem, n / d,
		n % d);
	return false;
}

HTEST(div_u64_rem_edges)
{
	for (size_t i = 0; i < NR_EDGES; i++)
		for (size_t j = 0; j < NR_EDGES; j++)
			if ((u32)edge_values[j])
				check_div_u64(edge_values[i],
					      (u32)edge_values[j]);
}

HTEST(div_u64_rem_known_values)
{
	u32 rem;

	HT_EXPECT_EQ(div_u64_rem(UINT64_MAX, 10, &rem), 1844674407370955161ULL);
	HT_EXPECT_EQ(rem, 5);
	HT_EXPECT_EQ(div_u64_rem(0, 7, &rem), 0);
	HT_EXPECT_EQ(rem, 0);
	HT_EXPECT_EQ(div_u64_rem(0x100000000ULL, 0xffffffffu, &rem), 1);
	HT_EXPECT_EQ(rem, 1);
	HT_EXPECT_EQ(div_u64_rem(12345, 1, &rem), 12345);
	HT_EXPECT_EQ(rem, 0);
}

HTEST(div_u64_rem_random)
{
	bool ok = true;

	for (int i = 0; i < RANDOM_ROUNDS && ok; i++) {
		u32 d = (u32)random_bits();

		if (d)
			ok = check_div_u64(random_bits(), d);
	}
	HT_EXPECT_TRUE(ok);
}

HTEST(unsigned_edges)
{
	for (size_t i = 0; i < NR_EDGES; i++)
		for (size_t j = 0; j < NR_EDGES; j++)
			if (edge_values[j])
				check_unsigned(edge_values[i], edge_values[j]);
}

HTEST(unsigned_random)
{
	bool ok = true;

	for (int i = 0; i < RANDOM_ROUNDS && ok; i++) {
		u64 d = random_bits();

		if (d)
			ok = check_unsigned(random_bits(), d);
	}
	HT_EXPECT_TRUE(ok);
}

HTEST(unsigned_wide_divisors_near_multiples)
{
	/*
	 * Divisors above 2^32 with dividends at q * d - 1, q * d, q * d + 1
	 * and q * d + d - 1: where an estimated quotient is off by one.
	 */
	bool ok = true;

	for (int i = 0; i < RANDOM_ROUNDS / 4; i++) {
		u64 d = (random_u64() >> (random_u64() % 32)) | (1ULL << 32);
		u64 q = random_u64() % (UINT64_MAX / d + 1);
		u64 base = q * d;	/* cannot wrap */

		ok &= check_unsigned(base, d);
		ok &= check_unsigned(base + 1, d);
		if (base)
			ok &= check_unsigned(base - 1, d);
		if (UINT64_MAX - base >= d - 1)
			ok &= check_unsigned(base + (d - 1), d);
		if (!ok)
			break;
	}
	HT_EXPECT_TRUE(ok);
}

HTEST(udivmoddi4_null_remainder)
{
	HT_EXPECT_EQ(hm_udivmoddi4(100, 7, NULL), 14);
	HT_EXPECT_EQ(hm_divmoddi4(-100, 7, NULL), -14);
}

HTEST(signed_edges)
{
	for (size_t i = 0; i < NR_EDGES; i++)
		for (size_t j = 0; j < NR_EDGES; j++) {
			s64 n = (s64)edge_values[i], d = (s64)edge_values[j];

			if (!d)
				continue;
			check_signed(n, d);
			check_signed(negate(n), d);
			check_signed(n, negate(d));
			check_signed(negate(n), negate(d));
		}
}

HTEST(signed_random)
{
	bool ok = true;

	for (int i = 0; i < RANDOM_ROUNDS && ok; i++) {
		s64 d = (s64)random_bits();
		s64 n = (s64)random_bits();

		if (random_u64() & 1)
			d = negate(d);
		if (random_u64() & 1)
			n = negate(n);
		if (d)
			ok = check_signed(n, d);
	}
	HT_EXPECT_TRUE(ok);
}

HTEST(signed_truncates_toward_zero)
{
	s64 rem;

	HT_EXPECT_EQ(hm_divdi3(-7, 2), -3);
	HT_EXPECT_EQ(hm_moddi3(-7, 2), -1);
	HT_EXPECT_EQ(hm_divdi3(7, -2), -3);
	HT_EXPECT_EQ(hm_moddi3(7, -2), 1);
	HT_EXPECT_EQ(hm_divdi3(INT64_MIN, 1), INT64_MIN);
	HT_EXPECT_EQ(hm_divdi3(INT64_MIN, INT64_MIN), 1);
	HT_EXPECT_EQ(hm_moddi3(INT64_MIN, INT64_MAX), -1);
	/* Documented: no trap, the quotient wraps. */
	HT_EXPECT_EQ(div64_s64_rem(INT64_MIN, -1, &rem), INT64_MIN);
	HT_EXPECT_EQ(rem, 0);
}

HTEST_MAIN("div64")
