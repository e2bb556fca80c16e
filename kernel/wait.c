// SPDX-License-Identifier: MIT
/* Wait queues and completions (include/kernel/wait.h). */
#include <arch/x86/cpu.h>
#include <kernel/wait.h>


void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock, "waitqueue");
	INIT_LIST_HEAD(&wq->waiters);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_entry *entry)
{
	u32 flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (entry->task != current || !entry->link.next) {
		entry->task = current;
		list_add_tail(&entry->link, &wq->waiters);
	}
	current->state = TASK_SLEEPING;
	spin_unlock_irqrestore(&wq->lock, flags);
	smp_mb();	/* the state is visible before the condition is read */
}

void finish_wait(struct wait_queue_head *wq, struct wait_entry *entry)
{
	u32 flags;

	current->state = TASK_RUNNING;
	spin_lock_irqsave(&wq->lock, flags);
	if (entry->link.next) {
		list_del(&entry->link);
		entry->link.next = NULL;
	}
	spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up(struct wait_queue_head *wq)
{
	struct list_head *pos;
	u32 flags;

	smp_mb();	/* the condition is visible before the waiters are read */
	spin_lock_irqsave(&wq->lock, flags);
	list_for_each(pos, &wq->waiters)
		wake_up_process(list_entry(pos, struct wait_entry, link)->task);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void init_completion(struct completion *c)
{
	c->done = 0;
	init_waitqueue_head(&c->wait);
}

void complete(struct completion *c)
{
	__atomic_fetch_add(&c->done, 1, __ATOMIC_SEQ_CST);
	wake_up(&c->wait);
}

/* Take one completion if there is one. */
static bool try_consume(struct completion *c)
{
	u32 n = c->done;

	while (n)
		if (__atomic_compare_exchange_n(&c->done, &n, n - 1, false,
						__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return true;
	return false;
}

void wait_for_completion(struct completion *c)
{
	wait_event(c->wait, try_consume(c));
}
