/* SPDX-License-Identifier: MIT */
/*
 * 64-bit division on a 32-bit CPU (lib/div64.c).
 *
 * i386 has no 64-bit divide instruction: for `a / b` on 64-bit operands the
 * compiler emits a call to a support routine (__udivdi3() and friends) that
 * normally lives in libgcc or compiler-rt. The kernel links without either,
 * so lib/div64.c provides them. Kernel code may keep writing `/` and `%` on
 * u64; where the divisor fits in 32 bits, div_u64_rem() is cheaper and says
 * so at the call site.
 *
 * Dividing by zero raises the CPU's divide error (#DE), as a native divide
 * does. Nothing here allocates or sleeps; any context may call it.
 */
#ifndef HM386_LIB_DIV64_H
#define HM386_LIB_DIV64_H

#include <types.h>

/**
 * div_u64_rem - divide a 64-bit number by a 32-bit one
 * @dividend: the number to divide
 * @divisor: what to divide by; must not be 0
 * @remainder: receives @dividend % @divisor
 *
 * Returns @dividend / @divisor. At most two 64-by-32 `divl` steps: the
 * routine to use for number formatting and unit conversions.
 */
u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder);

/**
 * div64_u64_rem - divide a 64-bit number by a 64-bit one
 * @dividend: the number to divide
 * @divisor: what to divide by; must not be 0
 * @remainder: receives @dividend % @divisor
 *
 * Returns @dividend / @divisor. Takes the div_u64_rem() path when @divisor
 * fits in 32 bits, and a single normalised `divl` plus one correction
 * otherwise.
 */
u64 div64_u64_rem(u64 dividend, u64 divisor, u64 *remainder);

/**
 * div64_s64_rem - signed 64-bit division, truncating toward zero as C does
 * @dividend: the number to divide
 * @divisor: what to divide by; must not be 0
 * @remainder: receives the remainder, which has the sign of @dividend
 *
 * Returns @dividend / @divisor. INT64_MIN / -1 does not trap: it returns
 * INT64_MIN (the quotient wraps) with a remainder of 0.
 */
s64 div64_s64_rem(s64 dividend, s64 divisor, s64 *remainder);

/*
 * The compiler's support routines, thin wrappers of the functions above;
 * kernel code does not call them by name. Host builds link libgcc, whose
 * routines have these names: there ours are compiled as hm_udivdi3() etc.
 * so the unit tests can compare them with native division.
 */
#ifdef HM386_HOST
#define __udivdi3 hm_udivdi3
#define __umoddi3 hm_umoddi3
#define __udivmoddi4 hm_udivmoddi4
#define __divdi3 hm_divdi3
#define __moddi3 hm_moddi3
#define __divmoddi4 hm_divmoddi4
#endif

u64 __udivdi3(u64 dividend, u64 divisor);
u64 __umoddi3(u64 dividend, u64 divisor);
u64 __udivmoddi4(u64 dividend, u64 divisor, u64 *remainder);
s64 __divdi3(s64 dividend, s64 divisor);
s64 __moddi3(s64 dividend, s64 divisor);
s64 __divmoddi4(s64 dividend, s64 divisor, s64 *remainder);

#endif
