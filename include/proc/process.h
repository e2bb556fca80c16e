/* SPDX-License-Identifier: MIT */
/*
 * Processes (proc/): a user program in ring 3, with a pid, a parent, its own
 * address space (mm/mm.h) and open files (fs/file.h), running in one kernel
 * task (kernel/sched.h) whose stack receives its system calls and faults.
 * Linux's i386 ABI: fork, execve, exit, waitpid/wait4, getpid, getppid.
 *
 * The process tree is guarded by one lock (proc/process.c). A process that
 * exits becomes a zombie until its parent waits for it; its children go to
 * PID 1 (or, without one, to the kernel's reaper). The kernel itself may
 * start a process (PID 1, the self-tests) and wait for it: it is then that
 * process's parent.
 */
#ifndef HM386_PROC_PROCESS_H
#define HM386_PROC_PROCESS_H

#include <arch/x86/trap_frame.h>
#include <kernel/wait.h>
#include <lib/list.h>
#include <types.h>

#define PROC_COMM_MAX	16	/* the program's name, as Linux's comm */
#define NR_PROCS_MAX	64	/* fork answers -EAGAIN past this many */

enum proc_state {
	PROC_ALIVE,
	PROC_ZOMBIE,		/* exited, waiting for its parent */
};

struct process {
	u32 pid;
	char comm[PROC_COMM_MAX];
	enum proc_state state;
	int exit_status;		/* the wait status word (uapi wait.h) */
	struct task *task;		/* the task that runs it */
	struct process *parent;		/* NULL: the kernel is its parent */
	bool orphan;			/* its parent left it to the kernel's reaper */
	struct list_head children;	/* its children, alive or zombie */
	struct list_head sibling;	/* on its parent's children */
	struct list_head all_list;	/* on the list of all processes */
	struct wait_queue_head child_exit; /* it waits here for a child */
	struct trap_frame fork_frame;	/* fork: the child's first frame */
	const char *spawn_path;		/* process_spawn(): what to run */
	char *const *spawn_argv, *const *spawn_envp;
	u64 start_ns;
};

/* current_process - the process the current task runs, NULL in a kernel
 * thread. */
struct process *current_process(void);

/* current_user_frame - the registers the current process entered the
 * kernel with (at the top of its kernel stack). */
struct trap_frame *current_user_frame(void);

/*
 * process_spawn - start @path as a new process whose parent is the kernel,
 * with @argv and @envp (NULL-terminated, kernel strings), fds 0-2 on the
 * console. Returns it, or ERR_PTR: -ENOMEM, -EAGAIN (too many processes).
 * A program that cannot be executed shows as an exit with status 127. The
 * strings must stay valid until process_wait() returns.
 */
struct process *process_spawn(const char *path, char *const argv[],
			      char *const envp[]);

/* process_wait - sleep until @p (spawned by the kernel) has exited, reap
 * it, return its wait status word. */
int process_wait(struct process *p);

/*
 * process_exited_within - wait at most @ms milliseconds for @p (spawned by
 * the kernel) to exit; true when it has (process_wait() then reaps it at
 * once).
 */
bool process_exited_within(struct process *p, u32 ms);

/*
 * process_kill_tree - end @p and all its descendants as SIGKILL would: each
 * ends the next time it would return to ring 3 (at once when it runs
 * there: the timer interrupt brings it back). One that sleeps in the kernel
 * ends when it wakes. For the self-tests' deadline.
 */
void process_kill_tree(struct process *p);

/* process_find - the live or zombie process @pid, or NULL. Under no lock:
 * for reports (the monitor) while nothing exits. */
struct process *process_find(u32 pid);

/*
 * process_for_each - call @fn(@p, @arg) for each process, in pid order,
 * with the process lock held and interrupts off: @fn must not sleep.
 */
void process_for_each(void (*fn)(struct process *p, void *arg), void *arg);

/* do_exit - end the current process with wait status @status. */
void __noreturn do_exit(int status);

/*
 * do_execve - replace the current task's program with the ELF file @path
 * (kernel strings): a new address space with its segments, a stack laid
 * out as Linux's (argc, argv, envp, auxv), and @tf set to start it.
 * Returns 0, or -errno with the old program intact (-ENOENT, -ENOEXEC,
 * -E2BIG, -ENOMEM); a failure after the old program is gone ends the
 * process (SIGSEGV, as Linux).
 */
int do_execve(const char *path, char *const argv[], char *const envp[],
	      struct trap_frame *tf);

/*
 * init_run - PID 1, as Linux starts it: `init=PATH` or /init when the
 * initramfs has one, with the command line's words after `--` as its
 * arguments, fds 0-2 on the console. Waits for it; when it exits, prints
 * its status and leaves QEMU: the pass status (33) for exit 0, the failure
 * status (35) otherwise. Returns only when there is no init to run.
 */
void init_run(void);

/* proc_init - start the kernel's reaper of orphans (kmain, after the
 * scheduler). */
void proc_init(void);

/* Since boot: processes forked, execs done, exits, exits by a kill. */
struct proc_stats {
	u32 forks, execs, exits, killed;
	u32 nr_alive, nr_alive_peak;
};
extern struct proc_stats proc_stats;

#endif
