/* SPDX-License-Identifier: MIT */
/*
 * Ticket spinlocks: CPUs take a number and are served in order, so no CPU
 * starves. Holding one disables preemption; the _irqsave forms also disable
 * interrupts on this CPU (needed when an interrupt handler takes the lock).
 */
#ifndef HM386_KERNEL_SPINLOCK_H
#define HM386_KERNEL_SPINLOCK_H

#include <arch/x86/cpu.h>
#include <kernel/preempt.h>
#include <kernel/spinlock_types.h>
#include <types.h>

/* spin_lock - take @lock, spinning while another CPU holds it; disables
 * preemption. Taking a lock this CPU already holds panics (deadlock). */
void spin_lock(spinlock_t *lock);

/* spin_unlock - release @lock (held by this CPU: checked), enable preemption. */
void spin_unlock(spinlock_t *lock);

/* spin_trylock - take @lock if it is free; true when taken. */
bool spin_trylock(spinlock_t *lock);

#define spin_lock_irqsave(lock, flags) do {				\
	local_irq_save(flags);						\
	spin_lock(lock);						\
} while (0)

#define spin_unlock_irqrestore(lock, flags) do {			\
	spin_unlock(lock);						\
	local_irq_restore(flags);					\
} while (0)

/* spin_is_locked - true while some CPU holds @lock. */
static inline bool spin_is_locked(const spinlock_t *lock)
{
	return lock->next != lock->owner;
}

/* assert_spin_locked - panic unless this CPU holds @lock. */
#define assert_spin_locked(lock) __assert_spin_locked(lock, __FILE__, __LINE__)
void __assert_spin_locked(const spinlock_t *lock, const char *file, int line);

#endif
