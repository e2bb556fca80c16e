// SPDX-License-Identifier: MIT
/*
 * The system calls about time and the CPU: nanosleep and sched_yield, and
 * hm386's own hm386_meminfo (above Linux's numbers: Linux has no call that
 * reports free pages per zone; its /proc/zoneinfo is a file).
 */
#include <arch/x86/uaccess.h>
#include <kernel/sched.h>
#include <kernel/syscall.h>
#include <mm/mmzone.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/wait.h>

static long sys_nanosleep(const struct timespec32 __user *req,
			  struct timespec32 __user *rem)
{
	struct timespec32 ts;
	u64 ms;

	if (copy_from_user(&ts, req, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
		return -EINVAL;
	ms = (u64)ts.tv_sec * 1000 + ((u32)ts.tv_nsec + 999999) / 1000000;
	while (ms) {
		u32 step = ms > 0x10000000 ? 0x10000000 : (u32)ms;

		msleep(step);
		ms -= step;
	}
	/* Never interrupted (no signals): *rem is left alone, as Linux does
	 * for a sleep that ran to its end. */
	(void)rem;
	return 0;
}
SYSCALL_DEFINE(__NR_nanosleep, nanosleep, sys_nanosleep);

static long sys_sched_yield(void)
{
	yield();
	return 0;
}
SYSCALL_DEFINE(__NR_sched_yield, sched_yield, sys_sched_yield);

/*
 * hm386_meminfo(u32 out[6]): free pages of DMA, Normal, HighMem (those on
 * the CPUs' order-0 lists included), then their managed pages. For the user tests that check memory comes back.
 */
static long sys_hm386_meminfo(u32 __user *out)
{
	u32 v[2 * MAX_NR_ZONES];

	for (u32 z = 0; z < MAX_NR_ZONES; z++) {
		v[z] = zone_free_pages(&zones[z]);
		v[MAX_NR_ZONES + z] = zones[z].managed_pages;
	}
	return copy_to_user(out, v, sizeof(v)) ? -EFAULT : 0;
}
SYSCALL_DEFINE(__NR_hm386_meminfo, hm386_meminfo, sys_hm386_meminfo);
