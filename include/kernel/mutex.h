/* SPDX-License-Identifier: MIT */
/* Sleeping locks (kernel/mutex.c): the holder may sleep; waiters sleep. */
#ifndef HM386_KERNEL_MUTEX_H
#define HM386_KERNEL_MUTEX_H

#include <kernel/wait.h>

struct mutex {
	struct task *volatile owner;	/* NULL when free */
	struct wait_queue_head wait;
	const char *name;
};

#define DEFINE_MUTEX(m) struct mutex m = { NULL, WAIT_QUEUE_HEAD_INIT((m).wait), #m }

void mutex_init(struct mutex *m, const char *name);

/* mutex_lock - take @m, sleeping while another task holds it. May sleep:
 * not in atomic context. Taking it twice in one task panics. */
void mutex_lock(struct mutex *m);

/* mutex_unlock - release @m (held by the current task: checked). */
void mutex_unlock(struct mutex *m);

/* mutex_is_locked_by_me - true when the current task holds @m. */
static inline bool mutex_is_locked_by_me(const struct mutex *m)
{
	return m->owner == current;
}

#endif
