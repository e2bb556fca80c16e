// SPDX-License-Identifier: MIT
/*
 * The scheduler: a run queue per CPU, round robin, one timer tick (10 ms)
 * per time slice. A task stays on its CPU unless it moves itself with
 * migrate_to(), which a task holding kmap_local mappings may not.
 *
 * Locking: each run queue has a spinlock; a task's state and queue links
 * change under the lock of the queue of its CPU. A task being switched out
 * keeps on_cpu set until the switch is complete, so that another CPU that
 * picks it up (after migrate_to) waits before running on its stack.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/trap_frame.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/sched_hooks.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>
#include <kernel/wait.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/highmem_hooks.h>
#include <mm/task_memory.h>

struct runqueue {
	spinlock_t lock;
	struct list_head queue;		/* runnable tasks, not the running one */
	struct list_head sleepers;	/* msleep()ing tasks */
};

static struct runqueue runqueues[NR_CPUS];
struct task boot_task = { .name = "kmain", .state = TASK_RUNNING, .on_cpu = true };
struct task idle_tasks[NR_CPUS];
u64 nr_context_switches_with_kmaps;

struct task *switch_to(struct task *prev, struct task *next);
extern void task_start(void);


static struct runqueue *rq_of(u32 cpu)
{
	return &runqueues[cpu];
}

/* Put @t on its CPU's queue; the queue's lock is held. */
static void enqueue(struct runqueue *rq, struct task *t)
{
	if (t->on_rq || t == cpu_info[t->cpu].idle)
		return;
	list_add_tail(&t->run_list, &rq->queue);
	t->on_rq = true;
}

void wake_up_process(struct task *t)
{
	struct runqueue *rq = rq_of(t->cpu);
	u32 flags;

	spin_lock_irqsave(&rq->lock, flags);
	if (t->state == TASK_SLEEPING) {
		if (!list_empty(&t->sleep_list) && t->sleep_list.next)
			list_del(&t->sleep_list);
		INIT_LIST_HEAD(&t->sleep_list);
		t->state = TASK_RUNNING;
		enqueue(rq, t);
		if (t->cpu != raw_smp_processor_id() && cpu_info[t->cpu].online)
			smp_send_reschedule(t->cpu);
	}
	spin_unlock_irqrestore(&rq->lock, flags);
}

/* Called on the new stack when a switch is complete. */
static void finish_switch(struct task *prev)
{
	smp_mb();
	prev->on_cpu = false;
}

/*
 * Switch to the next runnable task. @preempt: the task did not ask to stop
 * (its slice ended): it stays runnable whatever its state, because it may
 * have been interrupted between marking itself asleep and checking the
 * condition it waits for; only a voluntary schedule() puts a sleeper aside.
 */
static void __schedule(bool preempt)
{
	struct task *prev = current, *next;
	struct cpu_info *cpu = this_cpu();
	struct runqueue *rq = rq_of(cpu->id);
	u32 flags;

	if (prev->preempt_count)
		panic("BUG: scheduling while atomic: task %s, preempt_count 0x%x",
		      prev->name, prev->preempt_count);
	local_irq_save(flags);
	spin_lock(&rq->lock);
	prev->need_resched = false;
	if (prev->cpu == cpu->id && (prev->state == TASK_RUNNING ||
				     (preempt && prev->state == TASK_SLEEPING))) {
		enqueue(rq, prev);
	} else if (prev->on_rq && prev->cpu == cpu->id) {
		/* Woken while still running, it has gone to sleep (or exited)
		 * since: that queue entry is stale. */
		list_del(&prev->run_list);
		prev->on_rq = false;
	}
	if (list_empty(&rq->queue)) {
		next = cpu->idle;
	} else {
		next = list_first_entry(&rq->queue, struct task, run_list);
		list_del(&next->run_list);
		next->on_rq = false;
	}
	spin_unlock(&rq->lock);

	if (next != prev) {
		while (next->on_cpu)
			cpu_relax();
		next->on_cpu = true;
		next->cpu = cpu->id;
		cpu->current_task = next;
		cpu->nr_switches++;
		if (prev->kmap.idx || next->kmap.idx)
			nr_context_switches_with_kmaps++;
		kmap_local_switch(prev, next);
		task_switch_mm(prev, next);
		if (next->stack_top)
			gdt_set_kernel_stack(next->stack_top);
		finish_switch(switch_to(prev, next));
	}
	local_irq_restore(flags);
}

void schedule(void)
{
	__schedule(false);
}

void yield(void)
{
	current->need_resched = true;
	__schedule(true);
}

void preempt_schedule_irq(void)
{
	struct task *t = current;

	if (t->need_resched && !t->preempt_count)
		__schedule(true);
}

void preempt_schedule(void)
{
	__schedule(true);
}

void scheduler_ipi(void)
{
	current->need_resched = true;
}

u64 jiffies_now(void)
{
	return cpu_info[0].ticks;
}

void scheduler_tick(struct trap_frame *tf)
{
	struct cpu_info *cpu = this_cpu();
	struct runqueue *rq = rq_of(cpu->id);
	struct list_head *pos = rq->sleepers.next;

	cpu->ticks++;
	spin_lock(&rq->lock);
	while (pos != &rq->sleepers) {
		struct task *t = list_entry(pos, struct task, sleep_list);

		pos = pos->next;
		if (t->wake_tick > jiffies_now())
			continue;
		list_del(&t->sleep_list);
		INIT_LIST_HEAD(&t->sleep_list);
		t->state = TASK_RUNNING;
		enqueue(rq, t);
	}
	spin_unlock(&rq->lock);
	cpu->current_task->need_resched = true;
}

static bool sched_started;

u32 debug_smp_processor_id(const char *file, int line)
{
	if (sched_started && !preempt_count() && !irqs_disabled() &&
	    !kmap_local_depth() && current != this_cpu()->idle)
		panic("BUG: using smp_processor_id() in preemptible code at %s:%d: "
		      "task %s can be preempted (and another task then uses this "
		      "CPU's data) or moved; disable preemption first",
		      file, line, current->name);
	return raw_smp_processor_id();
}

void __might_sleep(const char *file, int line)
{
	if (!in_atomic() && !irqs_disabled() && !pagefault_disabled())
		return;
	panic("BUG: sleeping function called from invalid context at %s:%d: "
	      "in_atomic() %d, irqs_disabled() %d, preempt_count 0x%x, "
	      "pagefaults %s, task %s", file, line, in_atomic(), irqs_disabled(),
	      preempt_count(), pagefault_disabled() ? "disabled" : "enabled",
	      current->name);
}

u64 msecs_to_wake_tick(u32 ms)
{
	return jiffies_now() + (ms + 9) / 10 + 1;
}

/* Sleep until @wake_tick, or until woken; with @set_sleeping the task
 * marks itself asleep here, else it must be asleep already and returns at
 * once when a wake-up came first. The run queue's lock orders this against
 * wake_up_process(). */
static void sleep_until(u64 wake_tick, bool set_sleeping)
{
	struct task *t = current;
	struct runqueue *rq = rq_of(t->cpu);
	u32 flags;

	might_sleep();
	spin_lock_irqsave(&rq->lock, flags);
	if (set_sleeping) {
		t->state = TASK_SLEEPING;
	} else if (t->state != TASK_SLEEPING) {
		spin_unlock_irqrestore(&rq->lock, flags);
		return;
	}
	t->wake_tick = wake_tick;
	list_add_tail(&t->sleep_list, &rq->sleepers);
	spin_unlock(&rq->lock);
	schedule();
	local_irq_restore(flags);
}

void msleep(u32 ms)
{
	sleep_until(msecs_to_wake_tick(ms), true);
}

void schedule_until(u64 wake_tick)
{
	sleep_until(wake_tick, false);
}

int migrate_to(u32 cpu)
{
	struct task *t = current;
	struct runqueue *rq;
	u32 flags;

	if (cpu >= NR_CPUS || !cpu_info[cpu].online || kmap_local_depth())
		return -1;
	if (cpu == t->cpu)
		return 0;
	local_irq_save(flags);
	rq = rq_of(cpu);
	spin_lock(&rq->lock);
	t->cpu = cpu;
	enqueue(rq, t);
	spin_unlock(&rq->lock);
	schedule();
	local_irq_restore(flags);
	return 0;
}

/* The idle loop: sleep until an interrupt, run what became runnable. */
static void __noreturn idle_loop(void)
{
	struct runqueue *rq;

	for (;;) {
		cli();
		rq = rq_of(this_cpu()->id);
		if (!list_empty(&rq->queue)) {
			schedule();
			continue;
		}
		__asm__ volatile("sti; hlt" : : : "memory");
	}
}

void sched_early_init(void)
{
	for (u32 i = 0; i < NR_CPUS; i++) {
		spin_lock_init(&runqueues[i].lock, "runqueue");
		INIT_LIST_HEAD(&runqueues[i].queue);
		INIT_LIST_HEAD(&runqueues[i].sleepers);
		snprintf(idle_tasks[i].name, TASK_NAME_MAX, "idle/%u", i);
		idle_tasks[i].cpu = i;
		idle_tasks[i].state = TASK_RUNNING;
		INIT_LIST_HEAD(&idle_tasks[i].sleep_list);
		if (i) {
			cpu_info[i].self = &cpu_info[i];
			cpu_info[i].id = i;
			cpu_info[i].current_task = &idle_tasks[i];
		}
	}
	INIT_LIST_HEAD(&boot_task.sleep_list);
	task_list_add(&boot_task);
}

void __noreturn cpu_idle_entry(void)
{
	struct cpu_info *cpu = this_cpu();
	struct task *idle = &idle_tasks[cpu->id];

	idle->on_cpu = true;
	cpu->idle = idle;
	cpu->current_task = idle;
	task_list_add(idle);
	idle_loop();
}

static int idle0_thread(void *unused)
{
	idle_loop();
}

void sched_init(void)
{
	struct task *idle0 = kthread_create(idle0_thread, NULL, 0, "idle/0");

	BUG_ON(!idle0);
	cpu_info[0].idle = idle0;
	pr_info("sched: preemptive round robin, %u Hz tick; interrupts on\n", 100);
	sched_started = true;
	sti();
}
