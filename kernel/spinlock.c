// SPDX-License-Identifier: MIT
/* Ticket spinlocks (include/kernel/spinlock.h). */
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>

/* Atomically add 1 to the 16-bit @p; returns the old value. */
static inline u16 fetch_inc16(volatile u16 *p)
{
	u16 old = 1;

	__asm__ volatile("lock xaddw %0, %1" : "+r"(old), "+m"(*p) : : "memory");
	return old;
}

void spin_lock(spinlock_t *lock)
{
	u16 ticket;

	preempt_disable();
	if (lock->holder_cpu == (s32)raw_smp_processor_id() && spin_is_locked(lock))
		panic("spin_lock(%s): CPU %u already holds it (deadlock)",
		      lock->name ? lock->name : "?", raw_smp_processor_id());
	ticket = fetch_inc16(&lock->next);
	while (lock->owner != ticket)
		cpu_relax();
	lock->holder_cpu = raw_smp_processor_id();
	__asm__ volatile("" : : : "memory");
}

bool spin_trylock(spinlock_t *lock)
{
	u32 old, new, cur;

	preempt_disable();
	old = (u32)lock->owner << 16 | lock->owner;	/* free: next == owner */
	new = (old & 0xffff0000U) | ((old + 1) & 0xffffU);	/* next + 1 */
	cur = old;
	__asm__ volatile("lock cmpxchgl %2, %1"
			 : "+a"(cur), "+m"(*(volatile u32 *)&lock->next)
			 : "r"(new) : "memory");
	if (cur != old) {
		preempt_enable();
		return false;
	}
	lock->holder_cpu = raw_smp_processor_id();
	return true;
}

void spin_unlock(spinlock_t *lock)
{
	if (!spin_is_locked(lock) || lock->holder_cpu != (s32)raw_smp_processor_id())
		panic("spin_unlock(%s) on CPU %u: not held by this CPU (holder %d)",
		      lock->name ? lock->name : "?", raw_smp_processor_id(),
		      lock->holder_cpu);
	lock->holder_cpu = -1;
	__asm__ volatile("" : : : "memory");
	lock->owner++;
	preempt_enable();
}

void __assert_spin_locked(const spinlock_t *lock, const char *file, int line)
{
	if (!spin_is_locked(lock) || lock->holder_cpu != (s32)raw_smp_processor_id())
		panic("assert_spin_locked(%s) failed at %s:%d: not held by CPU %u",
		      lock->name ? lock->name : "?", file, line,
		      raw_smp_processor_id());
}
