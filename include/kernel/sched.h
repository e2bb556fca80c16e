/* SPDX-License-Identifier: MIT */
/*
 * Kernel threads and the scheduler (kernel/sched.c, kernel/kthread.c):
 * preemptive round robin per CPU, driven by the local APIC timer.
 *
 * A task runs on one CPU; it moves only when it asks to (migrate_to()), and
 * not while it holds kmap_local mappings. Interrupt handlers run on the
 * interrupted task's stack and count in its preempt_count.
 */
#ifndef HM386_KERNEL_SCHED_H
#define HM386_KERNEL_SCHED_H

#include <kernel/percpu.h>
#include <lib/list.h>
#include <mm/kmap_ctrl.h>
#include <types.h>

struct mm_struct;
struct files_struct;
struct process;

#define TASK_NAME_MAX	24
#define THREAD_STACK_PAGES 4		/* 16 KiB, plus a guard page below */

enum task_state {
	TASK_RUNNING,		/* on a CPU or on its run queue */
	TASK_SLEEPING,		/* waiting: a wait queue or a timeout */
	TASK_DEAD,		/* exited, waiting to be joined */
};

struct task {
	u32 esp;			/* saved stack pointer: first, switch.asm */
	u32 id;
	char name[TASK_NAME_MAX];
	enum task_state state;
	u32 cpu;			/* the CPU it runs on */
	u32 preempt_count;		/* preemption depth and hardirq nesting */
	u32 pagefault_disabled;		/* pagefault_disable() depth */
	bool need_resched;		/* preempt at the next chance */
	bool on_rq;			/* queued on its CPU's run queue */
	volatile bool on_cpu;		/* running, or still being switched out */
	struct kmap_ctrl kmap;		/* its kmap_local slot stack */
	struct list_head run_list;	/* on its CPU's run queue */
	struct list_head sleep_list;	/* on its CPU's timeout list */
	struct list_head all_list;	/* on the list of all tasks */
	u64 wake_tick;			/* msleep(): the tick to wake at */
	u32 stack_bottom, stack_top;	/* its stack (guard page below) */
	int (*fn)(void *arg);
	void *arg;
	int exit_code;
	bool joined;			/* someone waits in kthread_join */
	/* A process's task (NULL in kernel threads): */
	struct mm_struct *mm;		/* its user address space (mm/mm.h) */
	struct files_struct *files;	/* its open files (fs/file.h) */
	struct process *proc;		/* pid, parent, exit (proc/process.h) */
	volatile bool killed;		/* ends on its way back to ring 3 */
	int kill_signal;		/* as what: SIGKILL, SIGPIPE (uapi wait.h) */
	bool step_kernel;		/* its kernel work single-stepped
					 * (hm386_profile(), top/profile.c) */
};

/*
 * current - the task running on this CPU: one load through %gs. For the
 * code that runs, its task never changes (a task that moves to another CPU
 * is still itself), so the load is not volatile and the compiler may reuse
 * it within a function (Linux's this_cpu_read_stable()). Only the switch
 * code changes it, and reads the new task from its own variables.
 */
static inline struct task *get_current(void)
{
	struct task *t;

	__asm__("movl %%gs:%c1, %0" : "=r"(t)
		: "i"(__builtin_offsetof(struct cpu_info, current_task)));
	return t;
}
#define current get_current()

/*
 * kthread_create - a new thread that will run @fn(@arg) on CPU @cpu (or
 * the next CPU in turn when @cpu is -1), not yet started. Its stack is in
 * the vmalloc area with an unmapped guard page below. NULL when memory is
 * short. May sleep.
 */
struct task *kthread_create(int (*fn)(void *arg), void *arg, int cpu,
			    const char *name);

/* kthread_run - kthread_create() and wake_up_process(). */
struct task *kthread_run(int (*fn)(void *arg), void *arg, int cpu,
			 const char *name);

/* task_entry - the first C code of every thread (switch.asm's task_start
 * calls it): @prev switched to it. */
void __noreturn task_entry(struct task *prev);

/*
 * task_kill - end @t's process as signal @sig would (its default action,
 * the only one hm386 has): @t dies the next time it returns to ring 3.
 * Wakes it if it sleeps. Any context but an interrupt.
 */
void task_kill(struct task *t, int sig);

/* kthread_join - wait until @task has exited, free it, return its exit
 * code. Each thread must be joined once. Sleeps. */
int kthread_join(struct task *task);

/* kthread_exit - end the current thread with @code. Holding anything a
 * task-scope CONTEXT_CHECK counts (kmap_local mappings, disabled preemption
 * or pagefaults) here is a bug naming the task. */
void __noreturn kthread_exit(int code);

/* wake_up_process - make @task runnable on its CPU. */
void wake_up_process(struct task *task);

/* schedule - give the CPU to the next runnable task (the current one keeps
 * its place if it is still runnable). Interrupts must be enabled unless
 * called from the interrupt exit path. */
void schedule(void);

/* yield - let the other runnable tasks of this CPU run first. */
void yield(void);

/* msleep - sleep at least @ms milliseconds. May not be called in atomic context. */
void msleep(u32 ms);

/* msecs_to_wake_tick - the tick (jiffies_now()'s count) at which a sleep
 * of at least @ms milliseconds that starts now may end. */
u64 msecs_to_wake_tick(u32 ms);

/*
 * schedule_until - for a task that has marked itself asleep (on a wait
 * queue, prepare_to_wait()): sleep until woken or until the tick
 * @wake_tick, whichever comes first. Returns at once when it was woken
 * already. wait_event_timeout() is built on it. May not be called in
 * atomic context.
 */
void schedule_until(u64 wake_tick);

/*
 * migrate_to - move the current task to CPU @cpu and continue there.
 * Returns 0, or -1 (and stays) while it holds kmap_local mappings or the
 * CPU is not online.
 */
int migrate_to(u32 cpu);

/* sched_init - the boot context becomes task "kmain", CPU 0 gets an idle
 * task, interrupts go on: preemption starts. */
void sched_init(void);

/* preempt_schedule - preempt_enable() found the slice over: switch, the
 * current task staying runnable. */
void preempt_schedule(void);

/* preempt_schedule_irq - on the way out of an interrupt: switch if the
 * current task should be preempted and may be. */
void preempt_schedule_irq(void);

/* jiffies - timer ticks (HZ per second) since the scheduler started, on CPU 0. */
u64 jiffies_now(void);

/* task_by_kmap_slot - the task holding slot @idx of CPU @cpu, or NULL. */
struct task *task_by_kmap_slot(u32 cpu, u32 idx);

/* task_list_add - enter @t in the list of all tasks. */
void task_list_add(struct task *t);

/*
 * task_for_each - call @fn(@t, @arg) for every task, in creation order,
 * with the task list locked and interrupts off: @fn must not sleep or
 * create or join tasks. For reports (the monitor).
 */
void task_for_each(void (*fn)(struct task *t, void *arg), void *arg);

/* sched_early_init - empty run queues for every CPU; before smp_init(). */
void sched_early_init(void);

/*
 * might_sleep - a function that may sleep says so: called in atomic context
 * (preemption or pagefaults disabled, in an interrupt, interrupts off) it
 * is a bug: "BUG: sleeping function called from invalid context".
 */
#define might_sleep() __might_sleep(__FILE__, __LINE__)
void __might_sleep(const char *file, int line);

/* The boot context (task "kmain") and each CPU's idle task. */
extern struct task boot_task;
extern struct task idle_tasks[];

/* Statistics. */
extern u64 nr_context_switches_with_kmaps;	/* switches where a side held slots */

#endif
