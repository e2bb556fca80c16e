// SPDX-License-Identifier: MIT
/*
 * Where the instructions go: while a region runs with the trap flag set,
 * the CPU raises a debug exception after every instruction, and the hook
 * here counts it against the function it is in (kernel/ksyms.c). The
 * in-kernel benchmarks step their timed regions (top/bench.c); a process
 * steps the kernel work of its own system calls and page faults with
 * hm386_profile() (trap_dispatch() sets the trap flag on every kernel
 * entry of a task whose step_kernel is set). Both need `bench_profile=on`.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/trap.h>
#include <arch/x86/uaccess.h>
#include <kernel/cmdline.h>
#include <kernel/ksyms.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <top/profile.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/unistd.h>

#define PROFILE_FUNCS		160	/* distinct functions counted */
#define PROFILE_PRINTED		24
#define PROFILE_NAME_MAX	48

bool bench_profile;
KERNEL_PARAM(bench_profile, KPARAM_BOOL, &bench_profile,
	     "count the instructions of each benchmark by function (bench=, "
	     "and hm386_profile() for user programs)");

static struct profile_entry {
	const char *func;
	u32 steps;
} profile[PROFILE_FUNCS];
static u32 profile_other;

static void profile_step(struct trap_frame *tf)
{
	u32 offset;
	const char *func = ksym_lookup(tf->eip, &offset);

	for (u32 i = 0; i < PROFILE_FUNCS; i++) {
		if (!profile[i].func)
			profile[i].func = func;
		if (profile[i].func == func) {
			profile[i].steps++;
			return;
		}
	}
	profile_other++;
}

void profile_begin(void)
{
	set_single_step_hook(profile_step);
}

void profile_end(const char *name)
{
	u32 total = profile_other;

	set_single_step_hook(NULL);
	if (!name)
		goto forget;
	for (u32 i = 0; i < PROFILE_FUNCS && profile[i].func; i++)
		total += profile[i].steps;
	kprintf("bench: %s profile steps=%u", name, total);
	for (u32 n = 0; n < PROFILE_PRINTED; n++) {
		struct profile_entry *top = NULL;

		for (u32 i = 0; i < PROFILE_FUNCS && profile[i].func; i++)
			if (profile[i].steps && (!top || profile[i].steps > top->steps))
				top = &profile[i];
		if (!top)
			break;
		kprintf(" %s=%u", top->func ? top->func : "?", top->steps);
		top->steps = 0;
	}
	if (profile_other)
		kprintf(" other=%u", profile_other);
	kprintf("\n");
forget:
	memset(profile, 0, sizeof(profile));
	profile_other = 0;
}

/*
 * hm386_profile(on, name): on != 0 starts counting the kernel instructions
 * of the calling process's system calls and faults (and of the children it
 * forks from then on); on == 0 stops, and prints the counts under @name
 * (at most PROFILE_NAME_MAX - 1 bytes, a string in user memory). -EPERM
 * without `bench_profile=on`: stepping makes the kernel hundreds of times
 * slower. On Linux the number is unknown: -ENOSYS.
 */
static long sys_hm386_profile(u32 on, const char __user *uname)
{
	char name[PROFILE_NAME_MAX];
	long len;

	if (!bench_profile)
		return -EPERM;
	if (on) {
		profile_begin();
		current->step_kernel = true;
		return 0;
	}
	len = strncpy_from_user(name, uname, sizeof(name));
	if (len < 0)
		return len;
	if (len == sizeof(name))
		return -ENAMETOOLONG;
	current->step_kernel = false;
	write_eflags(read_eflags() & ~X86_EFLAGS_TF);
	profile_end(name);
	return 0;
}
SYSCALL_DEFINE(__NR_hm386_profile, hm386_profile, sys_hm386_profile);
