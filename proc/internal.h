/* SPDX-License-Identifier: MIT */
/* What the files of proc/ share, and nothing else sees. */
#ifndef HM386_PROC_INTERNAL_H
#define HM386_PROC_INTERNAL_H

#include <kernel/spinlock_types.h>
#include <lib/list.h>
#include <proc/process.h>

extern spinlock_t proc_lock;
extern struct list_head all_procs;

/* process_alloc - a new process (pid, child of @parent or of the kernel
 * when NULL), not yet running; ERR_PTR(-ENOMEM) or (-EAGAIN) past
 * NR_PROCS_MAX. process_free() undoes it after the task was joined. */
struct process *process_alloc(struct process *parent, const char *comm);
void process_free(struct process *p);

/* process_start - a task for @p that will run @fn(@p), with @mm and
 * @files, woken at once; -ENOMEM. */
int process_start(struct process *p, int (*fn)(void *arg),
		  struct mm_struct *mm, struct files_struct *files);

/* reap - @p is a zombie that its waiter now takes: join its task, free
 * it; returns its wait status word. */
int reap(struct process *p);

#endif
