/* SPDX-License-Identifier: MIT */
/*
 * Fatal errors and invariant checks.
 *
 * panic() prints "Kernel panic at FILE:LINE in FUNC(): MESSAGE", the
 * registers and a symbolized backtrace, then leaves QEMU with the panic
 * status (37) and halts. BUG_ON() panics when its condition holds;
 * WARN_ON() reports once per call site with a backtrace and goes on;
 * BUILD_BUG_ON() fails the build.
 */
#ifndef HM386_KERNEL_PANIC_H
#define HM386_KERNEL_PANIC_H

#include <types.h>

struct trap_frame;

void __noreturn __panic(const struct trap_frame *tf, const char *file,
			int line, const char *func, const char *fmt, ...)
	__printf(5, 6);

#define panic(fmt, ...) \
	__panic(NULL, __FILE__, __LINE__, __func__, fmt, ##__VA_ARGS__)

/* panic_at - panic with the registers and backtrace of a trap frame. */
#define panic_at(tf, fmt, ...) \
	__panic(tf, __FILE__, __LINE__, __func__, fmt, ##__VA_ARGS__)

#define BUG() panic("BUG")
#define BUG_ON(cond) do {						\
	if (unlikely(cond))						\
		panic("BUG_ON(%s)", #cond);				\
} while (0)

bool __warn(const char *file, int line, const char *func, const char *cond);

/* WARN_ON - report @cond (first time at this site), evaluate to its value. */
#define WARN_ON(cond) ({						\
	static bool __warned;						\
	bool __c = !!(cond);						\
	if (unlikely(__c) && !__warned)					\
		__warned = __warn(__FILE__, __LINE__, __func__, #cond);	\
	__c;								\
})

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")

/* warn_count - how many WARN_ON reports have been printed. */
extern u32 warn_count;

/* in_panic - true once a panic has started (consoles drop their locks). */
extern volatile bool in_panic;

/* dump_registers - print the registers of @tf, or the caller's if NULL. */
void dump_registers(const struct trap_frame *tf);

#endif
