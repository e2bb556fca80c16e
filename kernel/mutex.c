// SPDX-License-Identifier: MIT
/* Sleeping locks (include/kernel/mutex.h). */
#include <kernel/mutex.h>
#include <kernel/panic.h>

void mutex_init(struct mutex *m, const char *name)
{
	m->owner = NULL;
	init_waitqueue_head(&m->wait);
	m->name = name;
}

/* Take @m if it is free. */
static bool mutex_trylock(struct mutex *m)
{
	struct task *expected = NULL;

	return __atomic_compare_exchange_n(&m->owner, &expected, current, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void mutex_lock(struct mutex *m)
{
	if (m->owner == current)
		panic("mutex_lock(%s): task %s already holds it (deadlock)",
		      m->name ? m->name : "?", current->name);
	wait_event(m->wait, mutex_trylock(m));
}

void mutex_unlock(struct mutex *m)
{
	if (m->owner != current)
		panic("mutex_unlock(%s) by task %s, which does not hold it",
		      m->name ? m->name : "?", current->name);
	__atomic_store_n(&m->owner, NULL, __ATOMIC_RELEASE);
	wake_up(&m->wait);
}
