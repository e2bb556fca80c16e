// SPDX-License-Identifier: MIT
/*
 * The user test suite: each case runs one program of the initramfs's
 * /tests as a process whose parent is the kernel. The program checks what
 * it can see from ring 3 (every byte its parent and children wrote, zeroed
 * pages, -EFAULT for bad pointers, its auxv...) and prints its own KTAP,
 * nested in the case (KTAP_INDENT=4); the case passes when the program
 * exits 0 and the kernel's side agrees: the counters that prove the path
 * was taken (copy-on-write copies, demand-zero fills, HighMem page tables,
 * the write path's retry), and afterwards the free pages of every zone are
 * exactly what they were before the run.
 */
#include <kernel/cmdline.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/spinlock.h>
#include <lib/err.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <arch/x86/uaccess.h>
#include <mm/mm.h>
#include <mm/mmzone.h>
#include <proc/process.h>
#include <fs/file.h>
#include <uapi/hm386/fcntl.h>
#include <uapi/hm386/wait.h>

#define SETTLE_MS	5000	/* the reaper frees orphans soon after */

/* How long one program may run before the case kills it (a broken lab
 * kernel can leave a program looping: the grade must still come). */
static u32 user_test_timeout = 120;
KERNEL_PARAM(user_test_timeout, KPARAM_UINT, &user_test_timeout,
	     "seconds a program of the user suite may run before it is killed");

struct user_run {
	u32 free_before[MAX_NR_ZONES];
	struct mm_stats mm_before;
	struct proc_stats proc_before;
	int status;
};

static void snapshot_free(u32 *free)
{
	for (u32 z = 0; z < MAX_NR_ZONES; z++)
		free[z] = zone_free_pages(&zones[z]);
}

/* Every process gone (orphans reaped too), or SETTLE_MS passed. */
static void settle(void)
{
	for (u32 ms = 0; proc_stats.nr_alive && ms < SETTLE_MS; ms += 10)
		msleep(10);
}

/* Run /tests/@name with @arg (or none); the zones must come back whole. */
static void run_user(struct ktest *t, struct user_run *r, const char *name,
		     const char *arg)
{
	static char *envp[] = { "KTAP_INDENT=4", NULL };
	char path[64], argbuf[64];
	char *argv[3] = { path, NULL, NULL };
	u32 free_after[MAX_NR_ZONES];
	struct process *p;

	snprintf(path, sizeof(path), "/tests/%s", name);
	if (arg) {
		strlcpy(argbuf, arg, sizeof(argbuf));
		argv[1] = argbuf;
	}
	settle();
	r->mm_before = mm_stats;
	r->proc_before = proc_stats;
	snapshot_free(r->free_before);
	p = process_spawn(path, argv, envp);
	KASSERT_FALSE(t, IS_ERR(p));
	if (!process_exited_within(p, user_test_timeout * 1000)) {
		kprintf("    # %s: still running after %u s: killed, with every "
			"process it started\n", name, user_test_timeout);
		process_kill_tree(p);
		KEXPECT_TRUE(t, process_exited_within(p, 5000));
	}
	r->status = process_wait(p);
	settle();
	KEXPECT_EQ(t, proc_stats.nr_alive, 0);
	KEXPECT_EQ(t, r->status, 0);
	snapshot_free(free_after);
	for (u32 z = 0; z < MAX_NR_ZONES; z++)
		KEXPECT_EQ(t, free_after[z], r->free_before[z]);
	kprintf("    # %s: %u forks, %u execs, %llu COW copies, %llu COW "
		  "reuses, %llu zero fills; free pages DMA/Normal/HighMem %u/%u/%u "
		  "before and after\n", name,
		  proc_stats.forks - r->proc_before.forks,
		  proc_stats.execs - r->proc_before.execs,
		  mm_stats.cow_copies - r->mm_before.cow_copies,
		  mm_stats.cow_reuses - r->mm_before.cow_reuses,
		  mm_stats.zero_fills - r->mm_before.zero_fills,
		  free_after[0], free_after[1], free_after[2]);
	kprintf("    # %s: %llu user pages above 4 GiB; HighMem page tables "
		"at the peak since boot %u\n", name,
		mm_stats.user_pages_above_4g - r->mm_before.user_pages_above_4g,
		mm_stats.pte_pages_highmem_peak);
}

static bool have_highmem(void)
{
	return zones[ZONE_HIGHMEM].managed_pages > 0;
}

static void fork_cow(struct ktest *t)
{
	struct user_run r;

	run_user(t, &r, "fork_cow", NULL);
	KEXPECT_GT(t, proc_stats.forks - r.proc_before.forks, 1);
	KEXPECT_GT(t, mm_stats.cow_copies - r.mm_before.cow_copies, 0);
	KEXPECT_GT(t, mm_stats.cow_reuses - r.mm_before.cow_reuses, 0);
}

static void demand_zero(struct ktest *t)
{
	struct user_run r;

	run_user(t, &r, "demand_zero", NULL);
	KEXPECT_GT(t, mm_stats.zero_fills - r.mm_before.zero_fills, 0);
}

static void exec(struct ktest *t)
{
	struct user_run r;

	run_user(t, &r, "exec", NULL);
	KEXPECT_GT(t, proc_stats.execs - r.proc_before.execs, 1);
}

static void bad_pointers(struct ktest *t)
{
	struct user_run r;
	u32 fixups = uaccess_fixups;

	run_user(t, &r, "bad_pointers", NULL);
	KEXPECT_GT(t, uaccess_fixups, fixups);
	KEXPECT_EQ(t, proc_stats.killed, r.proc_before.killed);
}

static void segfault(struct ktest *t)
{
	struct user_run r;

	run_user(t, &r, "segfault", NULL);
	KEXPECT_GE(t, proc_stats.killed - r.proc_before.killed, 2);
}

/*
 * Both branches of the page cache's user copies ran: write() from a user
 * page not yet there (the atomic copy came up short with pagefaults
 * disabled; the page was faulted in; the copy retried), and read() into
 * one (the copy faulted it in, the page-cache page still mapped).
 */
static void read_write_faults(struct ktest *t)
{
	u64 retries = fs_stats.write_retries, faults = fs_stats.read_faults;
	struct user_run r;

	run_user(t, &r, "read_write_faults", NULL);
	KEXPECT_GT(t, fs_stats.write_retries, retries);
	KEXPECT_GT(t, fs_stats.read_faults, faults);
	kprintf("    # write() retried %llu times, read() faulted %llu times\n",
		fs_stats.write_retries - retries, fs_stats.read_faults - faults);
}

static void highpte(struct ktest *t)
{
	struct user_run r;

	run_user(t, &r, "highpte", NULL);
	if (have_highmem())
		KEXPECT_GE(t, mm_stats.pte_pages_highmem_peak, 2);
}

/*
 * User memory fills HighMem, then spills into Normal only down to Normal's
 * min watermark plus the reserve it keeps against HighMem's users: the
 * lowest free count a fallback left there says so.
 */
/* What user/tests/oom.c's hogs can map at the most: 4 x 2800 MiB, below
 * their 3 GiB of address space each. */
#define OOM_HOGS_PAGES	(4U * 2800U << (20 - PAGE_SHIFT))

static void oom(struct ktest *t)
{
	struct zone *normal = &zones[ZONE_NORMAL];
	u32 keep = normal->watermark_min + normal->lowmem_reserve[ZONE_HIGHMEM];
	u32 usable = zone_free_pages(&zones[ZONE_HIGHMEM]) +
		     (zone_free_pages(normal) > keep ? zone_free_pages(normal) - keep : 0);
	struct user_run r;
	u32 flags;

	spin_lock_irqsave(&normal->lock, flags);
	normal->fallback_free_low = ~0U;
	spin_unlock_irqrestore(&normal->lock, flags);
	run_user(t, &r, "oom", NULL);
	if (usable > OOM_HOGS_PAGES) {
		/* 61 GiB: the hogs' address space runs out before memory. */
		kprintf("    # %u pages for user memory, more than the hogs can "
			"map (%u): nobody ran out of memory\n", usable,
			OOM_HOGS_PAGES);
		KEXPECT_EQ(t, proc_stats.killed, r.proc_before.killed);
		return;
	}
	KEXPECT_GT(t, proc_stats.killed - r.proc_before.killed, 0);
	/* Filling memory takes every frame, those above 4 GiB too. */
	if (max_pfn > (u32)(4 * GiB >> PAGE_SHIFT))
		KEXPECT_GT(t, mm_stats.user_pages_above_4g -
			   r.mm_before.user_pages_above_4g, 0);
	if (!have_highmem())
		return;
	KEXPECT_NE(t, normal->fallback_free_low, ~0U);
	KEXPECT_GE(t, normal->fallback_free_low, keep);
	kprintf("    # Normal kept %u free pages at its lowest under user "
		"memory (min watermark + reserve: %u); HighMem %u pages\n",
		normal->fallback_free_low, keep,
		zones[ZONE_HIGHMEM].managed_pages);
}

static void forkbomb(struct ktest *t)
{
	struct user_run r;

	run_user(t, &r, "forkbomb", NULL);
	KEXPECT_GE(t, proc_stats.nr_alive_peak, NR_PROCS_MAX);
}

/* The programs whose checks are all their own. */
#define PLAIN_USER_CASE(name)						\
	static void name(struct ktest *t)				\
	{								\
		struct user_run r;					\
									\
		run_user(t, &r, #name, NULL);				\
	}
PLAIN_USER_CASE(brk_mmap)
PLAIN_USER_CASE(pipe)
PLAIN_USER_CASE(files)
PLAIN_USER_CASE(syscalls)
PLAIN_USER_CASE(libc)
PLAIN_USER_CASE(execstack)
PLAIN_USER_CASE(sync_truncate)
PLAIN_USER_CASE(pread_pwrite)
PLAIN_USER_CASE(sysinfo_uname)

/*
 * The deadline's kill: the shell sleeps in the kernel reading the console;
 * process_kill_tree() wakes it, its read ends, and it dies on its way back
 * to ring 3 with SIGKILL's status; its memory comes back.
 */
static void kill_ends_a_sleeping_process(struct ktest *t)
{
	static char *argv[] = { "/bin/sh", NULL };
	static char *envp[] = { NULL };
	u32 free_before[MAX_NR_ZONES], free_after[MAX_NR_ZONES];
	u32 killed = proc_stats.killed;
	struct process *p;

	settle();
	snapshot_free(free_before);
	p = process_spawn("/bin/sh", argv, envp);
	KASSERT_FALSE(t, IS_ERR(p));
	KEXPECT_FALSE(t, process_exited_within(p, 300));
	process_kill_tree(p);
	KASSERT_TRUE(t, process_exited_within(p, 5000));	/* or it stays */
	KEXPECT_EQ(t, process_wait(p), W_EXITCODE(0, SIGKILL));
	KEXPECT_EQ(t, proc_stats.killed, killed + 1);
	settle();
	snapshot_free(free_after);
	for (u32 z = 0; z < MAX_NR_ZONES; z++)
		KEXPECT_EQ(t, free_after[z], free_before[z]);
}

/* Without an initramfs holding /tests there is nothing to run. */
static int user_suite_init(void)
{
	struct file *f = filp_open("/tests/fork_cow", O_RDONLY, 0);

	if (IS_ERR(f))
		return 1;
	fput(f);
	return 0;
}

static struct ktest_case user_cases[] = {
	KTEST_CASE(fork_cow),
	KTEST_CASE(demand_zero),
	KTEST_CASE(exec),
	KTEST_CASE(brk_mmap),
	KTEST_CASE(bad_pointers),
	KTEST_CASE(segfault),
	KTEST_CASE(pipe),
	KTEST_CASE(files),
	KTEST_CASE(read_write_faults),
	KTEST_CASE(sync_truncate),
	KTEST_CASE(pread_pwrite),
	KTEST_CASE(sysinfo_uname),
	KTEST_CASE(highpte),
	KTEST_CASE(syscalls),
	KTEST_CASE(libc),
	KTEST_CASE(execstack),
	KTEST_CASE(oom),
	KTEST_CASE(forkbomb),
	KTEST_CASE(kill_ends_a_sleeping_process),
	{}
};
KTEST_SUITE_FULL(user, user_cases, user_suite_init, NULL, NULL);
