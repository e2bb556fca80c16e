// SPDX-License-Identifier: MIT
/* The environment, number parsing, 64-bit division (stdlib.h). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *getenv(const char *name)
{
	size_t len = strlen(name);

	for (char **e = environ; e && *e; e++) {
		if (!strncmp(*e, name, len) && (*e)[len] == '=')
			return *e + len + 1;
	}
	return NULL;
}

long strtol(const char *s, char **end, int base)
{
	unsigned long v = 0;
	bool negative = false;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-' || *s == '+')
		negative = *s++ == '-';
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] | 0x20) == 'x') {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = 10;
	}
	for (;; s++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')
			d = (*s | 0x20) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
	}
	if (end)
		*end = (char *)s;
	return negative ? -(long)v : (long)v;
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

unsigned int div64_32(unsigned long long *v, unsigned int divisor)
{
	unsigned int high = (unsigned int)(*v >> 32), low = (unsigned int)*v;
	unsigned int quot_high = high / divisor, rem = high % divisor;
	unsigned int quot_low;

	/* rem < divisor: the quotient of rem:low fits in 32 bits. */
	__asm__("divl %4" : "=a"(quot_low), "=d"(rem)
		: "a"(low), "d"(rem), "rm"(divisor));
	*v = (unsigned long long)quot_high << 32 | quot_low;
	return rem;
}
