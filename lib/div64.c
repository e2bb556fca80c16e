// SPDX-License-Identifier: MIT
/*
 * 64-bit division built from the CPU's 64-by-32 `divl`; the contracts are in
 * include/lib/div64.h. Nothing in this file may divide u64 values with `/`
 * or `%`: the compiler would turn that into a call back into this file.
 */
#include <lib/div64.h>

/*
 * divl - divide the 64-bit number @hi:@lo by @divisor in one step.
 * @hi must be below @divisor, so that the quotient fits in 32 bits; x86
 * raises #DE otherwise, which is also what a divisor of 0 does.
 */
static inline u32 divl(u32 hi, u32 lo, u32 divisor, u32 *remainder)
{
#if defined(__i386__) || defined(__x86_64__)
	u32 quotient, rem;

	asm("divl %4"
	    : "=a"(quotient), "=d"(rem)
	    : "a"(lo), "d"(hi), "rm"(divisor));
	*remainder = rem;
	return quotient;
#else
	/* Host builds on other 64-bit CPUs: native division is at hand. */
	u64 dividend = ((u64)hi << 32) | lo;

	*remainder = dividend % divisor;
	return dividend / divisor;
#endif
}

u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
	u32 hi = dividend >> 32;
	u32 quotient_hi = 0;
	u32 quotient_lo;

	/*
	 * Long division in base 2^32: the high word first, then its remainder
	 * with the low word. A divisor of 0 takes the first step and faults.
	 */
	if (hi >= divisor)
		quotient_hi = divl(0, hi, divisor, &hi);
	quotient_lo = divl(hi, (u32)dividend, divisor, remainder);
	return ((u64)quotient_hi << 32) | quotient_lo;
}

u64 div64_u64_rem(u64 dividend, u64 divisor, u64 *remainder)
{
	u32 divisor_hi = divisor >> 32;
	u32 divisor_top, estimate, unused;
	u64 quotient, rem;
	int shift;

	if (!divisor_hi) {
		u32 rem32;

		quotient = div_u64_rem(dividend, (u32)divisor, &rem32);
		*remainder = rem32;
		return quotient;
	}

	/*
	 * The divisor is at least 2^32, so the quotient fits in 32 bits.
	 * Estimate it from the divisor's top 32 significant bits: dividing
	 * dividend / 2 by them cannot overflow `divl` (the high word of
	 * dividend / 2 is below 2^31, the top bits are at least 2^31).
	 * Scaling back, the estimate minus one is either the quotient or one
	 * below it, so a single correction step finishes the job.
	 */
	shift = __builtin_clz(divisor_hi);
	divisor_top = (divisor << shift) >> 32;
	estimate = divl(dividend >> 33, (u32)(dividend >> 1), divisor_top,
			&unused);
	quotient = ((u64)estimate << shift) >> 31;
	if (quotient)
		quotient--;
	rem = dividend - quotient * divisor;
	if (rem >= divisor) {
		quotient++;
		rem -= divisor;
	}
	*remainder = rem;
	return quotient;
}

s64 div64_s64_rem(s64 dividend, s64 divisor, s64 *remainder)
{
	/* Magnitudes as u64, so that INT64_MIN has one too. */
	u64 abs_dividend = dividend < 0 ? -(u64)dividend : (u64)dividend;
	u64 abs_divisor = divisor < 0 ? -(u64)divisor : (u64)divisor;
	u64 quotient, rem;

	quotient = div64_u64_rem(abs_dividend, abs_divisor, &rem);
	/* rem < abs_divisor <= 2^63, so it fits in s64 either way. */
	*remainder = dividend < 0 ? -(s64)rem : (s64)rem;
	if ((dividend < 0) != (divisor < 0))
		quotient = -quotient;
	return (s64)quotient;
}

u64 __udivdi3(u64 dividend, u64 divisor)
{
	u64 rem;

	return div64_u64_rem(dividend, divisor, &rem);
}

u64 __umoddi3(u64 dividend, u64 divisor)
{
	u64 rem;

	div64_u64_rem(dividend, divisor, &rem);
	return rem;
}

u64 __udivmoddi4(u64 dividend, u64 divisor, u64 *remainder)
{
	u64 rem;
	u64 quotient = div64_u64_rem(dividend, divisor, &rem);

	/* libgcc's contract: the remainder pointer may be NULL. */
	if (remainder)
		*remainder = rem;
	return quotient;
}

s64 __divdi3(s64 dividend, s64 divisor)
{
	s64 rem;

	return div64_s64_rem(dividend, divisor, &rem);
}

s64 __moddi3(s64 dividend, s64 divisor)
{
	s64 rem;

	div64_s64_rem(dividend, divisor, &rem);
	return rem;
}

s64 __divmoddi4(s64 dividend, s64 divisor, s64 *remainder)
{
	s64 rem;
	s64 quotient = div64_s64_rem(dividend, divisor, &rem);

	if (remainder)
		*remainder = rem;
	return quotient;
}
