/* SPDX-License-Identifier: MIT */
/*
 * Basic fixed-width types for hm386. Freestanding: only the compiler's own
 * <stdint.h>, <stddef.h>, <stdbool.h> and <stdarg.h> are used.
 */
#ifndef HM386_TYPES_H
#define HM386_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

/* A physical address: 64 bits wide, because PAE reaches 64 GiB. */
typedef u64 phys_addr_t;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define __packed __attribute__((packed))
#define __aligned(n) __attribute__((aligned(n)))
#define __noreturn __attribute__((noreturn))
#ifndef __always_inline	/* a host's <sys/cdefs.h> has it too (sparse) */
#define __always_inline inline __attribute__((always_inline))
#endif
#define __unused __attribute__((unused))
#define __used __attribute__((used))
#define __section(s) __attribute__((section(s)))
#define __printf(a, b) __attribute__((format(printf, a, b)))
/*
 * __user marks a pointer into user space: the kernel may not dereference it,
 * only pass it to copy_to_user() and friends (<arch/x86/uaccess.h>).
 * sparse (make sparse) checks it; for the compiler it is nothing. __force
 * marks a deliberate cast across address spaces.
 */
#ifdef __CHECKER__
#define __user __attribute__((noderef, address_space(__user)))
#define __force __attribute__((force))
#else
#define __user
#define __force
#endif
/* barrier - the compiler may not move memory accesses across it. */
#define barrier() __asm__ volatile("" : : : "memory")
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define KiB (1024ULL)
#define MiB (1024ULL * KiB)
#define GiB (1024ULL * MiB)

#endif
