/* SPDX-License-Identifier: MIT */
/*
 * Byte patterns for content checks: byte i of a buffer filled with @seed
 * depends on both, so that a page copied from the wrong place, a stale
 * page, or a zero page never passes for another.
 */
#ifndef USER_PATTERN_H
#define USER_PATTERN_H

#include <stddef.h>

/* Byte @offset of pattern @seed. */
static inline uint8_t pattern_byte(uint32_t seed, uint32_t offset)
{
	uint32_t x = seed * 0x9e3779b1u + offset;

	x ^= x >> 15;
	x *= 0x85ebca6bu;
	x ^= x >> 13;
	return (uint8_t)(x >> 24);
}

/* Fill @len bytes at @buf with pattern @seed, from its byte 0. */
void pattern_fill(void *buf, size_t len, uint32_t seed);
/* The first offset where @buf differs from pattern @seed, or -1. */
long pattern_mismatch(const void *buf, size_t len, uint32_t seed);
/* The first offset where @buf holds a byte other than 0, or -1. */
long zero_mismatch(const void *buf, size_t len);

/* An expectation (ktap.h) that @buf holds pattern @seed: a failure names
 * the offset, the address, the expected and the actual byte. */
#define EXPECT_PATTERN(buf, len, seed) ({ \
	const uint8_t *_b = (const void *)(buf); \
	long _o = pattern_mismatch(_b, (len), (seed)); \
	_o < 0 ? 1 : (ktap_fail(__FILE__, __LINE__, \
		"%s: byte %ld (at %p) is 0x%02x, pattern %u wants 0x%02x", \
		#buf, _o, (void *)(_b + _o), _b[_o], (unsigned)(seed), \
		pattern_byte((seed), _o)), 0); })
#define EXPECT_ZEROS(buf, len) ({ \
	const uint8_t *_b = (const void *)(buf); \
	long _o = zero_mismatch(_b, (len)); \
	_o < 0 ? 1 : (ktap_fail(__FILE__, __LINE__, \
		"%s: byte %ld (at %p) is 0x%02x, not 0", \
		#buf, _o, (void *)(_b + _o), _b[_o]), 0); })

#endif
