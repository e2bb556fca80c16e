// SPDX-License-Identifier: MIT
/*
 * fork(): a new process with a copy-on-write copy of the caller's memory
 * (mm_fork(): no page is copied until one side writes), its open files
 * shared as Linux shares them (the same open file, the same offset), and
 * its registers: the child returns from the same int $0x80 with EAX 0, the
 * parent with the child's pid.
 */
#include <arch/x86/syscall.h>
#include <fs/file.h>
#include <kernel/sched.h>
#include <kernel/syscall.h>
#include <lib/err.h>
#include <mm/mm.h>
#include <proc/process.h>
#include "proc/internal.h"

/* The child's first instructions: out through the frame fork copied. */
static int fork_child_entry(void *arg)
{
	struct process *p = arg;

	return_to_user(&p->fork_frame, current->stack_top);
}

int process_start(struct process *p, int (*fn)(void *arg),
		  struct mm_struct *mm, struct files_struct *files)
{
	struct task *t = kthread_create(fn, p, -1, p->comm);

	if (!t)
		return -ENOMEM;
	t->mm = mm;
	t->files = files;
	t->proc = p;
	t->step_kernel = current->step_kernel;	/* a profiled parent's child */
	p->task = t;
	wake_up_process(t);
	return 0;
}

static long sys_fork(void)
{
	struct process *parent = current_process(), *child;
	struct files_struct *files;
	struct mm_struct *mm;
	int err = -ENOMEM;

	child = process_alloc(parent, parent->comm);
	if (IS_ERR(child))
		return PTR_ERR(child);
	child->fork_frame = *current_user_frame();
	child->fork_frame.eax = 0;
	mm = mm_fork(current->mm);
	if (!mm)
		goto free_proc;
	files = files_fork(current->files);
	if (!files)
		goto free_mm;
	err = process_start(child, fork_child_entry, mm, files);
	if (err)
		goto free_files;
	__atomic_fetch_add(&proc_stats.forks, 1, __ATOMIC_RELAXED);
	return child->pid;

free_files:
	files_release(files);
free_mm:
	mm_destroy(mm);
free_proc:
	process_free(child);
	return err;
}
SYSCALL_DEFINE(__NR_fork, fork, sys_fork);
