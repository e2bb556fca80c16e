// SPDX-License-Identifier: MIT
/* Byte patterns for content checks (pattern.h). */
#include <pattern.h>

void pattern_fill(void *buf, size_t len, uint32_t seed)
{
	uint8_t *b = buf;

	for (size_t i = 0; i < len; i++)
		b[i] = pattern_byte(seed, i);
}

long pattern_mismatch(const void *buf, size_t len, uint32_t seed)
{
	const volatile uint8_t *b = buf;

	for (size_t i = 0; i < len; i++) {
		if (b[i] != pattern_byte(seed, i))
			return (long)i;
	}
	return -1;
}

long zero_mismatch(const void *buf, size_t len)
{
	const volatile uint8_t *b = buf;

	for (size_t i = 0; i < len; i++) {
		if (b[i])
			return (long)i;
	}
	return -1;
}
