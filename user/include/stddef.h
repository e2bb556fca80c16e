/* SPDX-License-Identifier: MIT */
/* The basic types of user/'s libc (built with -nostdinc: no system header). */
#ifndef USER_STDDEF_H
#define USER_STDDEF_H

typedef unsigned int size_t;
typedef int ssize_t;
typedef int ptrdiff_t;
typedef unsigned int uintptr_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int mode_t;

typedef unsigned char uint8_t;
typedef unsigned short uint16_t;
typedef unsigned int uint32_t;
typedef unsigned long long uint64_t;
typedef signed char int8_t;
typedef short int16_t;
typedef int int32_t;
typedef long long int64_t;

typedef _Bool bool;
#define true	1
#define false	0

#define NULL	((void *)0)
#define offsetof(type, member)	__builtin_offsetof(type, member)
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

#endif
