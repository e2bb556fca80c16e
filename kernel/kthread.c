// SPDX-License-Identifier: MIT
/*
 * Kernel threads: creation with a guarded stack in the vmalloc area, the
 * first instructions of a thread, exit and join, and the list of all tasks.
 */
#include <arch/x86/cpu.h>
#include <kernel/context_check.h>
#include <kernel/monitor.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/wait.h>
#include <lib/string.h>
#include <mm/highmem_hooks.h>
#include <mm/task_memory.h>

static struct list_head all_tasks = LIST_HEAD_INIT(all_tasks);
static DEFINE_SPINLOCK(tasks_lock);
static DECLARE_WAIT_QUEUE_HEAD(exit_wait);
static u32 next_cpu;

/* The page order of a struct task allocation. */

extern void task_start(void);

void task_list_add(struct task *t)
{
	static u32 next_id;
	u32 flags;

	spin_lock_irqsave(&tasks_lock, flags);
	t->id = next_id++;
	list_add_tail(&t->all_list, &all_tasks);
	spin_unlock_irqrestore(&tasks_lock, flags);
}

static void task_list_del(struct task *t)
{
	u32 flags;

	spin_lock_irqsave(&tasks_lock, flags);
	list_del(&t->all_list);
	spin_unlock_irqrestore(&tasks_lock, flags);
}

void task_for_each(void (*fn)(struct task *t, void *arg), void *arg)
{
	struct list_head *pos;
	u32 flags;

	spin_lock_irqsave(&tasks_lock, flags);
	list_for_each(pos, &all_tasks)
		fn(list_entry(pos, struct task, all_list), arg);
	spin_unlock_irqrestore(&tasks_lock, flags);
}

struct task *task_by_kmap_slot(u32 cpu, u32 idx)
{
	struct list_head *pos;

	/* Diagnostics only (a panic follows): no lock, the walk may race. */
	list_for_each(pos, &all_tasks) {
		struct task *t = list_entry(pos, struct task, all_list);

		if (kmap_local_slot_live(t, cpu, idx))
			return t;
	}
	return NULL;
}

/* The first C code of every thread: @prev switched to it. */
void __noreturn task_entry(struct task *prev)
{
	prev->on_cpu = false;
	sti();
	kthread_exit(current->fn(current->arg));
}

static u32 pick_cpu(int cpu)
{
	if (cpu >= 0)
		return (u32)cpu;
	for (u32 tries = 0; tries < NR_CPUS; tries++) {
		u32 c = __atomic_fetch_add(&next_cpu, 1, __ATOMIC_RELAXED) % NR_CPUS;

		if (cpu_info[c].online)
			return c;
	}
	return 0;
}

struct task *kthread_create(int (*fn)(void *arg), void *arg, int cpu,
			    const char *name)
{
	struct task *t = task_struct_alloc(sizeof(*t));
	u32 *sp;
	u8 *stack;

	BUILD_BUG_ON(sizeof(struct task) > 2 * PAGE_SIZE);
	if (!t)
		return NULL;
	stack = task_stack_alloc(THREAD_STACK_PAGES);
	if (!stack) {
		task_struct_free(t, sizeof(*t));
		return NULL;
	}
	strlcpy(t->name, name, sizeof(t->name));
	t->cpu = pick_cpu(cpu);
	if (t->cpu >= NR_CPUS || !cpu_info[t->cpu].online)
		t->cpu = 0;
	t->fn = fn;
	t->arg = arg;
	t->state = TASK_SLEEPING;	/* until wake_up_process() */
	t->stack_bottom = (u32)stack;
	t->stack_top = (u32)stack + THREAD_STACK_PAGES * PAGE_SIZE;
	INIT_LIST_HEAD(&t->sleep_list);

	/* What switch_to() pops: edi, esi, ebx, ebp, then the return address. */
	sp = (u32 *)t->stack_top;
	*--sp = 0;			/* task_entry's return address: none */
	*--sp = (u32)task_start;
	*--sp = 0;			/* ebp */
	*--sp = 0;			/* ebx */
	*--sp = 0;			/* esi */
	*--sp = 0;			/* edi */
	t->esp = (u32)sp;
	task_list_add(t);
	return t;
}

struct task *kthread_run(int (*fn)(void *arg), void *arg, int cpu, const char *name)
{
	struct task *t = kthread_create(fn, arg, cpu, name);

	if (t)
		wake_up_process(t);
	return t;
}

void __noreturn kthread_exit(int code)
{
	struct task *t = current;

	char held[CONTEXT_HELD_MAX];

	/* What the task holds dies with it; the kernel's (kmap() users) is
	 * not the task's to give back. */
	if (context_held(CONTEXT_TASK, held, sizeof(held)))
		panic("task %s (%u) exited holding %s", t->name, t->id, held);
	cli();
	t->exit_code = code;
	t->state = TASK_DEAD;
	wake_up(&exit_wait);
	schedule();
	panic("a dead task was scheduled: %s", t->name);
}

int kthread_join(struct task *t)
{
	int code;

	might_sleep();
	if (t->joined)
		panic("kthread_join(%s): joined twice", t->name);
	t->joined = true;
	wait_event(exit_wait, t->state == TASK_DEAD);
	while (t->on_cpu)
		cpu_relax();
	code = t->exit_code;
	task_list_del(t);
	task_stack_free((void *)t->stack_bottom, THREAD_STACK_PAGES);
	task_struct_free(t, sizeof(*t));
	return code;
}

void task_kill(struct task *t, int sig)
{
	t->kill_signal = sig;
	t->killed = true;
	wake_up_process(t);	/* a sleep in the kernel ends */
}

static const char *const task_state_names[] = {
	[TASK_RUNNING] = "running", [TASK_SLEEPING] = "sleeping",
	[TASK_DEAD] = "dead",
};

static void print_task(struct task *t, void *unused)
{
	kprintf("%4u  %-16s %-8s %3u  %-3s  %5u  ", t->id, t->name,
		task_state_names[t->state], t->cpu, t->on_cpu ? "yes" : "",
		t->kmap.idx / KM_INCR);
	if (t->stack_top)
		kprintf("0x%08x-0x%08x\n", t->stack_bottom, t->stack_top);
	else
		kprintf("its CPU's boot stack\n");
}

static int cmd_threads(int argc, char **argv)
{
	if (argc != 1)
		return MONITOR_USAGE;
	kprintf("  id  name             state    cpu  on   kmaps  stack\n");
	task_for_each(print_task, NULL);
	return 0;
}
MONITOR_COMMAND(threads, cmd_threads, "",
		"every task: state, CPU, kmap_local depth, stack");
