/* SPDX-License-Identifier: MIT */
/*
 * Wait queues and completions (kernel/wait.c). A task waits for a condition
 * by sleeping on a wait queue; whoever makes the condition true calls
 * wake_up() on it. No wake-up is lost: the waiter is on the queue, asleep
 * in intent, before it checks the condition the last time.
 */
#ifndef HM386_KERNEL_WAIT_H
#define HM386_KERNEL_WAIT_H

#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <lib/list.h>

struct wait_queue_head {
	spinlock_t lock;
	struct list_head waiters;	/* struct wait_entry */
};

struct wait_entry {
	struct task *task;
	struct list_head link;
};

#define WAIT_QUEUE_HEAD_INIT(name) { SPINLOCK_INIT(#name), LIST_HEAD_INIT((name).waiters) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = WAIT_QUEUE_HEAD_INIT(name)

void init_waitqueue_head(struct wait_queue_head *wq);

/* prepare_to_wait - queue @entry for the current task and mark it asleep;
 * finish_wait - make it runnable and take it off the queue. */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_entry *entry);
void finish_wait(struct wait_queue_head *wq, struct wait_entry *entry);

/*
 * waitqueue_active - true when some task is queued on @wq. Without @wq's
 * lock: only meaningful when the waiters queue themselves under a lock the
 * caller holds too (so none can be between its check and its sleep).
 */
static inline bool waitqueue_active(const struct wait_queue_head *wq)
{
	return !list_empty(&wq->waiters);
}

/* wake_up - wake every task waiting on @wq. Any context. */
void wake_up(struct wait_queue_head *wq);

/*
 * wait_event - sleep until @cond is true; @cond is evaluated again after
 * every wake-up. May not be called in atomic context.
 */
#define wait_event(wq, cond) do {					\
	struct wait_entry __we = { NULL, { NULL, NULL } };		\
	might_sleep();							\
	for (;;) {							\
		prepare_to_wait(&(wq), &__we);				\
		if (cond)						\
			break;						\
		schedule();						\
	}								\
	finish_wait(&(wq), &__we);					\
} while (0)

/*
 * wait_event_timeout - wait_event() that gives up after about @ms
 * milliseconds (whole timer ticks, rounded up). Evaluates to true when
 * @cond held, false when the time ran out first.
 */
#define wait_event_timeout(wq, cond, ms) ({				\
	struct wait_entry __we = { NULL, { NULL, NULL } };		\
	u64 __end = msecs_to_wake_tick(ms);				\
	bool __ok;							\
	might_sleep();							\
	for (;;) {							\
		prepare_to_wait(&(wq), &__we);				\
		__ok = (cond);						\
		if (__ok || jiffies_now() >= __end)			\
			break;						\
		schedule_until(__end);					\
	}								\
	finish_wait(&(wq), &__we);					\
	__ok;								\
})

/* A one-way event: complete() once, any number of waiters see it. */
struct completion {
	volatile u32 done;
	struct wait_queue_head wait;
};

void init_completion(struct completion *c);

/* complete - count one completion and wake the waiters. Any context. */
void complete(struct completion *c);

/* wait_for_completion - sleep until complete() was called (consumes one). */
void wait_for_completion(struct completion *c);

#endif
