// SPDX-License-Identifier: MIT
/*
 * The end of a process: exit and exit_group, a fatal fault, and the parent's
 * wait. Exiting frees what the process held (its files, its address space:
 * every page, page table and the PDPT) at once; what stays is a zombie, its
 * struct process and task with the exit status, until the parent waits.
 * Children of an exiting process go to PID 1, or to the kernel's reaper
 * thread when there is no PID 1 (as Linux's init adopts orphans).
 */
#include <fs/file.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/syscall.h>
#include <arch/x86/uaccess.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <proc/process_hooks.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/wait.h>
#include "proc/internal.h"

/* Where the kernel waits for the processes whose parent it is. */
static DECLARE_WAIT_QUEUE_HEAD(kernel_child_exit);

/* The process that adopts orphans: PID 1 while it lives. Under proc_lock. */
static struct process *adopter(const struct process *dying)
{
	struct process *init = process_find(1);

	return init && init != dying && init->state == PROC_ALIVE ? init : NULL;
}

void __noreturn do_exit(int status)
{
	struct process *p = current_process(), *heir;
	struct mm_struct *mm;
	u32 flags;

	if (current->files) {
		files_release(current->files);
		current->files = NULL;
	}
	mm = use_mm(NULL);
	if (mm)
		mm_destroy(mm);

	spin_lock_irqsave(&proc_lock, flags);
	heir = adopter(p);
	while (!list_empty(&p->children)) {
		struct process *child = list_first_entry(&p->children,
							 struct process, sibling);

		list_del(&child->sibling);
		child->parent = heir;
		child->orphan = !heir;
		if (heir)
			list_add_tail(&child->sibling, &heir->children);
	}
	p->exit_status = status;
	p->state = PROC_ZOMBIE;
	proc_stats.exits++;
	wake_up(p->parent ? &p->parent->child_exit : &kernel_child_exit);
	if (heir)
		wake_up(&heir->child_exit);	/* it may have zombies to reap now */
	spin_unlock_irqrestore(&proc_lock, flags);
	kthread_exit(0);
}

static const char *signal_name(int sig)
{
	switch (sig) {
	case SIGILL:
		return "SIGILL";
	case SIGFPE:
		return "SIGFPE";
	case SIGKILL:
		return "SIGKILL";
	case SIGPIPE:
		return "SIGPIPE";
	default:
		return "SIGSEGV";
	}
}

void __noreturn user_fault_kill(struct trap_frame *tf, int sig, u32 addr,
				const char *why)
{
	struct process *p = current_process();

	sti();
	if (!p)
		panic("a user-mode fault in a task with no process (eip 0x%08x)",
		      tf->eip);
	pr_err("hm386: pid %u (%s) killed by %s: %s at 0x%08x, eip 0x%08x\n",
	       p->pid, p->comm, signal_name(sig), why, addr, tf->eip);
	__atomic_fetch_add(&proc_stats.killed, 1, __ATOMIC_RELAXED);
	do_exit(W_EXITCODE(0, sig));
}

static long sys_exit(u32 code)
{
	do_exit(W_EXITCODE(code, 0));
}
SYSCALL_DEFINE(__NR_exit, exit, sys_exit);
SYSCALL_DEFINE(__NR_exit_group, exit_group, sys_exit);

int reap(struct process *p)
{
	int status = p->exit_status;
	struct task *t;
	u32 flags;

	spin_lock_irqsave(&proc_lock, flags);
	t = p->task;
	p->task = NULL;		/* `ps` must not look at a freed task */
	spin_unlock_irqrestore(&proc_lock, flags);
	kthread_join(t);
	process_free(p);
	return status;
}

/*
 * The first zombie among @parent's children that @pid selects (-1 or 0 or
 * < -1: any, as there are no process groups; > 0: that one), or NULL;
 * *@any says whether any child matches at all. Under proc_lock.
 */
static struct process *find_zombie(struct process *parent, int pid, bool *any)
{
	struct list_head *pos;

	*any = false;
	list_for_each(pos, &parent->children) {
		struct process *c = list_entry(pos, struct process, sibling);

		if (pid > 0 && c->pid != (u32)pid)
			continue;
		*any = true;
		if (c->state == PROC_ZOMBIE)
			return c;
	}
	return NULL;
}

/* find_zombie(), and the zombie taken off @parent's children. */
static struct process *take_zombie(struct process *parent, int pid, bool *any)
{
	struct process *z;
	u32 flags;

	spin_lock_irqsave(&proc_lock, flags);
	z = find_zombie(parent, pid, any);
	if (z) {
		list_del(&z->sibling);
		z->parent = NULL;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return z;
}

/* What wait sleeps for: a zombie to take, or no child to wait for. */
static bool zombie_or_none(struct process *parent, int pid)
{
	bool any, ready;
	u32 flags;

	spin_lock_irqsave(&proc_lock, flags);
	ready = find_zombie(parent, pid, &any) || !any;
	spin_unlock_irqrestore(&proc_lock, flags);
	return ready;
}

static long do_wait(int pid, u32 __user *status, u32 options)
{
	struct process *me = current_process(), *z;
	bool any;
	u32 zpid;
	int st;

	if (options & ~WNOHANG)
		return -EINVAL;
	for (;;) {
		z = take_zombie(me, pid, &any);
		if (z || !any)
			break;
		if (options & WNOHANG)
			return 0;
		wait_event(me->child_exit,
			   zombie_or_none(me, pid) || current->killed);
		if (current->killed)
			return -EINTR;
	}
	if (!z)
		return -ECHILD;
	zpid = z->pid;
	st = reap(z);
	if (status && put_user_u32((u32)st, status))
		return -EFAULT;
	return zpid;
}

static long sys_waitpid(u32 pid, u32 __user *status, u32 options)
{
	return do_wait((int)pid, status, options);
}
SYSCALL_DEFINE(__NR_waitpid, waitpid, sys_waitpid);

/* wait4: the resource usage (fourth argument) is not filled in. */
SYSCALL_DEFINE(__NR_wait4, wait4, sys_waitpid);

bool process_exited_within(struct process *p, u32 ms)
{
	for (u32 waited = 0; p->state != PROC_ZOMBIE && waited < ms; waited += 10)
		msleep(10);
	return p->state == PROC_ZOMBIE;
}

/* Mark @p and its descendants, depth first; under proc_lock. */
static void kill_subtree(struct process *p)
{
	struct list_head *pos;

	if (p->task)
		task_kill(p->task, SIGKILL);
	list_for_each(pos, &p->children)
		kill_subtree(list_entry(pos, struct process, sibling));
}

void process_kill_tree(struct process *p)
{
	u32 flags;

	spin_lock_irqsave(&proc_lock, flags);
	kill_subtree(p);
	spin_unlock_irqrestore(&proc_lock, flags);
}

int process_wait(struct process *p)
{
	wait_event(kernel_child_exit, p->state == PROC_ZOMBIE);
	return reap(p);
}

/* The kernel's reaper: reaps the zombies that nobody else will. */
static struct process *take_orphan_zombie(void)
{
	struct list_head *pos;
	u32 flags;

	spin_lock_irqsave(&proc_lock, flags);
	list_for_each(pos, &all_procs) {
		struct process *p = list_entry(pos, struct process, all_list);

		if (p->orphan && p->state == PROC_ZOMBIE) {
			p->orphan = false;
			spin_unlock_irqrestore(&proc_lock, flags);
			return p;
		}
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return NULL;
}

static int reaper_thread(void *unused)
{
	for (;;) {
		struct process *p;

		wait_event(kernel_child_exit, (p = take_orphan_zombie()));
		reap(p);
	}
	return 0;
}

void proc_init(void)
{
	if (!kthread_run(reaper_thread, NULL, 0, "kreaper"))
		panic("cannot start the process reaper thread");
}
