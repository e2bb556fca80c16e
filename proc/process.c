// SPDX-License-Identifier: MIT
/*
 * The process table: pids, the parent/child tree, the kernel's own
 * children, and the calls that only read it (getpid, getppid). One lock,
 * proc_lock, guards the tree, every process's state and exit status; it is
 * taken with interrupts off and held only around list work.
 */
#include <arch/x86/syscall.h>
#include <kernel/monitor.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <kernel/syscall.h>
#include <lib/err.h>
#include <lib/parse.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <mm/page_ref.h>
#include <mm/task_memory.h>
#include <proc/process.h>
#include "proc/internal.h"

DEFINE_SPINLOCK(proc_lock);
struct list_head all_procs = LIST_HEAD_INIT(all_procs);
struct proc_stats proc_stats;
static u32 next_pid = 1;

struct process *current_process(void)
{
	return current->proc;
}

struct trap_frame *current_user_frame(void)
{
	return user_frame(current->stack_top);
}

struct process *process_alloc(struct process *parent, const char *comm)
{
	struct process *p;
	u32 flags;

	p = task_struct_alloc(sizeof(*p));
	if (!p)
		return ERR_PTR(-ENOMEM);
	strlcpy(p->comm, comm, sizeof(p->comm));
	INIT_LIST_HEAD(&p->children);
	init_waitqueue_head(&p->child_exit);
	p->parent = parent;
	spin_lock_irqsave(&proc_lock, flags);
	if (proc_stats.nr_alive >= NR_PROCS_MAX) {
		spin_unlock_irqrestore(&proc_lock, flags);
		task_struct_free(p, sizeof(*p));
		return ERR_PTR(-EAGAIN);
	}
	p->pid = next_pid++;
	proc_stats.nr_alive++;
	proc_stats.nr_alive_peak = MAX(proc_stats.nr_alive_peak, proc_stats.nr_alive);
	list_add_tail(&p->all_list, &all_procs);
	if (parent)
		list_add_tail(&p->sibling, &parent->children);
	spin_unlock_irqrestore(&proc_lock, flags);
	return p;
}

void process_free(struct process *p)
{
	u32 flags;

	spin_lock_irqsave(&proc_lock, flags);
	list_del(&p->all_list);
	if (p->parent)
		list_del(&p->sibling);
	proc_stats.nr_alive--;
	spin_unlock_irqrestore(&proc_lock, flags);
	task_struct_free(p, sizeof(*p));
}

struct process *process_find(u32 pid)
{
	struct list_head *pos;

	list_for_each(pos, &all_procs) {
		struct process *p = list_entry(pos, struct process, all_list);

		if (p->pid == pid)
			return p;
	}
	return NULL;
}

void process_for_each(void (*fn)(struct process *p, void *arg), void *arg)
{
	struct list_head *pos;
	u32 flags;

	spin_lock_irqsave(&proc_lock, flags);
	list_for_each(pos, &all_procs)
		fn(list_entry(pos, struct process, all_list), arg);
	spin_unlock_irqrestore(&proc_lock, flags);
}

static long sys_getpid(void)
{
	return current_process()->pid;
}
SYSCALL_DEFINE(__NR_getpid, getpid, sys_getpid);

/* Linux answers 0 for a process whose parent is outside its namespace;
 * here the kernel is the parent of what it spawned. */
static long sys_getppid(void)
{
	struct process *parent = current_process()->parent;

	return parent ? parent->pid : 0;
}
SYSCALL_DEFINE(__NR_getppid, getppid, sys_getppid);

static const char *const proc_state_names[] = {
	[PROC_ALIVE] = "alive", [PROC_ZOMBIE] = "zombie",
};

static void print_process(struct process *p, void *unused)
{
	struct mm_struct *mm = p->task ? p->task->mm : NULL;

	kprintf("%5u %5u  %-16s %-7s %4u  ", p->pid,
		p->parent ? p->parent->pid : 0, p->comm,
		p->state == PROC_ZOMBIE ? proc_state_names[PROC_ZOMBIE] :
		p->task->state == TASK_SLEEPING ? "sleep" : "run",
		p->task ? p->task->cpu : 0);
	if (mm)
		kprintf("%6u %6u %6u  %3u/%-3u\n", mm->rss, mm->rss_highmem,
			mm->rss_above_4g, mm->nr_pte_pages_highmem,
			mm->nr_pte_pages);
	else
		kprintf("     -      -      -      -\n");
}

static int cmd_ps(int argc, char **argv)
{
	if (argc != 1)
		return MONITOR_USAGE;
	kprintf("  pid  ppid  program          state    cpu   pages  high  >4GiB  "
		"PT high/all\n");
	process_for_each(print_process, NULL);
	kprintf("%u processes alive (peak %u); since boot: %u forks, %u "
		"execs, %u exits (%u killed)\n", proc_stats.nr_alive,
		proc_stats.nr_alive_peak, proc_stats.forks, proc_stats.execs,
		proc_stats.exits, proc_stats.killed);
	return 0;
}
MONITOR_COMMAND(ps, cmd_ps, "",
		"processes: pid, parent, program, state, pages (HighMem, above "
		"4 GiB), page tables");

struct vm_walk {
	u32 start, end;		/* the VMA being printed */
	u32 pages;
};

static void print_vm_page(u32 addr, pte_t pte, void *arg)
{
	struct vm_walk *w = arg;
	u32 pfn = (u32)(pte_phys(pte) >> PAGE_SHIFT);

	if (addr < w->start || addr >= w->end)
		return;
	w->pages++;
	kprintf("    0x%08x -> pfn 0x%06x %-7s %s %s mappers %u%s\n", addr, pfn,
		zones[page_zonenum(pfn_to_page(pfn))].name,
		pte & _PAGE_RW ? "rw" : "ro", pte & _PAGE_NX ? "nx" : "x ",
		page_mapcount(pfn_to_page(pfn)),
		pfn >= (u32)(4 * GiB >> PAGE_SHIFT) ? " above 4 GiB" : "");
}

/* The page tables that map [start, end), one per 2 MiB. */
static void print_vm_tables(struct mm_struct *mm, u32 start, u32 end)
{
	for (u32 va = start & PMD_MASK; va < end && va >= (start & PMD_MASK);
	     va += PMD_SIZE) {
		u32 pfn = mm_pte_page_pfn(mm, va);

		if (pfn)
			kprintf("    page table for 0x%08x-0x%08x: pfn 0x%06x (%s)\n",
				va, va + (u32)PMD_SIZE - 1, pfn,
				zones[page_zonenum(pfn_to_page(pfn))].name);
	}
}

static int cmd_vm(int argc, char **argv)
{
	struct process *p;
	struct mm_struct *mm;
	struct list_head *pos;
	u32 pid;

	if (argc != 2 || parse_u32(argv[1], &pid) < 0)
		return MONITOR_USAGE;
	p = process_find(pid);
	if (!p || p->state != PROC_ALIVE || !p->task || !p->task->mm) {
		kprintf("no live process with pid %u ('ps' lists them)\n", pid);
		return MONITOR_ERROR;
	}
	mm = p->task->mm;
	kprintf("pid %u (%s): PDPT at phys 0x%08x (lowmem), %u pages mapped "
		"(%u in HighMem, %u above 4 GiB), %u page tables (%u in HighMem)\n",
		p->pid, p->comm, mm->pdpt_phys, mm->rss, mm->rss_highmem,
		mm->rss_above_4g, mm->nr_pte_pages, mm->nr_pte_pages_highmem);
	kprintf("  brk 0x%08x-0x%08x\n", mm->start_brk, mm->brk);
	list_for_each(pos, &mm->vmas) {
		struct vm_area *v = list_entry(pos, struct vm_area, list);
		struct vm_walk w = { v->start, v->end, 0 };

		kprintf("  0x%08x-0x%08x %c%c%c %s\n", v->start, v->end - 1,
			v->flags & VM_READ ? 'r' : '-',
			v->flags & VM_WRITE ? 'w' : '-',
			v->flags & VM_EXEC ? 'x' : '-',
			v->flags & VM_STACK ? "[stack]" :
			v->flags & VM_HEAP ? "[heap]" : "");
		print_vm_tables(mm, v->start, v->end);
		mm_for_each_page(mm, print_vm_page, &w);
		kprintf("    %u page%s present of %u\n", w.pages,
			w.pages == 1 ? "" : "s", (v->end - v->start) >> PAGE_SHIFT);
	}
	return 0;
}
MONITOR_COMMAND(vm, cmd_vm, "PID",
		"a process's memory: each mapping, its page frames and zones, "
		"which page tables sit in HighMem");
