// SPDX-License-Identifier: MIT
/*
 * What the system says about itself, as Linux's i386 calls say it:
 * sysinfo(2) (memory, uptime, processes) and uname(2) (the kernel's name,
 * release and machine). A program calls them to learn where it runs: the
 * benchmark reads totalhigh/freehigh to see whether its file's pages came
 * from HighMem.
 */
#include <arch/x86/uaccess.h>
#include <kernel/printk.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/mmzone.h>
#include <proc/process.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/sysinfo.h>
#include <uapi/hm386/utsname.h>

#define NSEC_PER_SEC	1000000000ULL

static void count_process(struct process *p, void *arg)
{
	(*(u32 *)arg)++;
}

/*
 * Linux's units: pages scaled to bytes (mem_unit 1) when the whole of RAM
 * in bytes fits in 32 bits, else left in pages (mem_unit PAGE_SIZE). No
 * swap, no load average, no buffer or shared-memory count: those are 0.
 * free counts what the allocator has free, its per-CPU lists included
 * (zone_free_pages(), as hm386_meminfo and meminfo do).
 */
static long sys_sysinfo(struct sysinfo __user *out)
{
	struct sysinfo si;
	u64 ns = boot_time_ns();
	u32 total = 0, free = 0, procs = 0, shift = 0;

	memset(&si, 0, sizeof(si));
	for (u32 z = 0; z < MAX_NR_ZONES; z++) {
		total += zones[z].managed_pages;
		free += zone_free_pages(&zones[z]);
	}
	if (((u64)total << PAGE_SHIFT) <= 0xffffffffULL)
		shift = PAGE_SHIFT;
	si.mem_unit = shift ? 1 : PAGE_SIZE;
	si.totalram = total << shift;
	si.freeram = free << shift;
	si.totalhigh = zones[ZONE_HIGHMEM].managed_pages << shift;
	si.freehigh = zone_free_pages(&zones[ZONE_HIGHMEM]) << shift;
	si.uptime = (long)(ns / NSEC_PER_SEC) + (ns % NSEC_PER_SEC ? 1 : 0);
	process_for_each(count_process, &procs);
	si.procs = (unsigned short)procs;
	return copy_to_user(out, &si, sizeof(si)) ? -EFAULT : 0;
}
SYSCALL_DEFINE(__NR_sysinfo, sysinfo, sys_sysinfo);

/* sysname "hm386", the release of VERSION, the git revision as version. */
static long sys_uname(struct utsname __user *out)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "hm386", UTSNAME_LEN);
	strlcpy(u.nodename, "hm386", UTSNAME_LEN);
	strlcpy(u.release, HM386_VERSION, UTSNAME_LEN);
	strlcpy(u.version, "#1 " HM386_GIT, UTSNAME_LEN);
	strlcpy(u.machine, "i686", UTSNAME_LEN);
	strlcpy(u.domainname, "(none)", UTSNAME_LEN);
	return copy_to_user(out, &u, sizeof(u)) ? -EFAULT : 0;
}
SYSCALL_DEFINE(__NR_uname, uname, sys_uname);
