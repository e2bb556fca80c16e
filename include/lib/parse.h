/* SPDX-License-Identifier: MIT */
/*
 * Strict parsing of numbers and switches, for the kernel command line
 * (lib/parse.c).
 *
 * Every function takes the whole string: no leading or trailing blanks, no
 * sign, nothing left over. On success it stores the value in *@out and
 * returns 0; on error it returns a negative PARSE_E* code and leaves *@out as
 * it was, so a caller can keep a default:
 *
 *	u64 size = 16 * MiB;		(the default)
 *	if (parse_size(arg, &size) < 0)
 *		... report arg; size is still 16 MiB ...
 */
#ifndef HM386_LIB_PARSE_H
#define HM386_LIB_PARSE_H

#include <types.h>

#define PARSE_EINVAL	(-1)	/* not in the accepted syntax */
#define PARSE_ERANGE	(-2)	/* well formed, but too big for a u64 */

/**
 * parse_u64 - parse an unsigned number
 * @s: decimal digits ("4096", leading zeros allowed and still decimal), or
 *     "0x"/"0X" and hex digits in either case ("0x1000")
 * @out: receives the value
 *
 * Returns 0, PARSE_EINVAL ("", "0x", "-1", "12a", " 1") or PARSE_ERANGE
 * (above 2^64 - 1).
 */
int parse_u64(const char *s, u64 *out);

/* hex_digit - the value of the hexadecimal digit @c (either case), or -1. */
int hex_digit(char c);

/**
 * parse_u32 - parse an unsigned number that must fit in 32 bits
 * @s: as for parse_u64()
 * @out: receives the value; untouched on error
 *
 * Returns 0, PARSE_EINVAL as parse_u64(), or PARSE_ERANGE (above 2^32 - 1).
 */
int parse_u32(const char *s, u32 *out);

/**
 * parse_size - parse a size in bytes
 * @s: a number as for parse_u64(), optionally followed by one binary suffix:
 *     K or k (KiB), M or m (MiB), G or g (GiB): "640K", "0x10M", "4G"
 * @out: receives the size in bytes
 *
 * Returns 0, PARSE_EINVAL ("12q", "M", "1KB", "") or PARSE_ERANGE (the
 * number or the number times its suffix does not fit in a u64).
 */
int parse_size(const char *s, u64 *out);

/**
 * parse_bool - parse a switch
 * @s: "1", "on", "yes", "true" or "0", "off", "no", "false" (lower case)
 * @out: receives true or false
 *
 * Returns 0 or PARSE_EINVAL.
 */
int parse_bool(const char *s, bool *out);

#endif
