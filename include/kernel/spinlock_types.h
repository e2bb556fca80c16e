/* SPDX-License-Identifier: MIT */
/*
 * The spinlock type alone (the operations are in kernel/spinlock.h), so
 * that a structure can embed a lock without pulling in the CPU and the
 * scheduler: struct zone does, and mm/buddy.c compiles for the host.
 */
#ifndef HM386_KERNEL_SPINLOCK_TYPES_H
#define HM386_KERNEL_SPINLOCK_TYPES_H

#include <types.h>

typedef struct spinlock {
	volatile u16 next;	/* the next ticket to hand out */
	volatile u16 owner;	/* the ticket being served */
	s32 holder_cpu;		/* the CPU holding it, -1 when free (debug) */
	const char *name;
} spinlock_t;

#define SPINLOCK_INIT(n) { 0, 0, -1, n }
#define DEFINE_SPINLOCK(x) spinlock_t x = SPINLOCK_INIT(#x)

/* spin_lock_init - @lock free, named @name in the panics that concern it. */
static inline void spin_lock_init(spinlock_t *lock, const char *name)
{
	lock->next = lock->owner = 0;
	lock->holder_cpu = -1;
	lock->name = name;
}

#endif
