/* SPDX-License-Identifier: MIT */
/*
 * System call numbers: Linux's i386 table (arch/x86/entry/syscalls/
 * syscall_32.tbl), for the calls hm386 implements, so that one static i386
 * binary runs on both. Shared by the kernel and user/ (the uapi headers
 * include nothing). Numbers from HM386_NR_BASE up are hm386's own, far
 * above Linux's range, for what Linux has no call for (docs/processes.md).
 */
#ifndef HM386_UAPI_UNISTD_H
#define HM386_UAPI_UNISTD_H

#define __NR_exit		1
#define __NR_fork		2
#define __NR_read		3
#define __NR_write		4
#define __NR_open		5
#define __NR_close		6
#define __NR_waitpid		7
#define __NR_unlink		10
#define __NR_execve		11
#define __NR_lseek		19
#define __NR_getpid		20
#define __NR_mount		21
#define __NR_sync		36
#define __NR_rename		38
#define __NR_mkdir		39
#define __NR_rmdir		40
#define __NR_pipe		42
#define __NR_brk		45
#define __NR_umount2		52
#define __NR_dup2		63
#define __NR_getppid		64
#define __NR_munmap		91
#define __NR_truncate		92
#define __NR_ftruncate		93
#define __NR_wait4		114
#define __NR_sysinfo		116
#define __NR_fsync		118
#define __NR_uname		122
#define __NR_mprotect		125
#define __NR_fdatasync		148
#define __NR_sched_yield	158
#define __NR_nanosleep		162
#define __NR_pread64		180
#define __NR_pwrite64		181
#define __NR_mmap2		192
#define __NR_stat64		195
#define __NR_lstat64		196
#define __NR_fstat64		197
#define __NR_getdents64		220
#define __NR_exit_group		252

/* hm386's own calls: no Linux kernel has these numbers. */
#define HM386_NR_BASE		1000
#define __NR_hm386_monitor	1000	/* run the kernel monitor on the console */
#define __NR_hm386_meminfo	1001	/* free pages per zone, for the tests */
#define __NR_hm386_fs_stats	1002	/* the page cache's counters (u64[4]) */
#define __NR_hm386_profile	1003	/* count its kernel work by function */

#define NR_SYSCALLS_MAX		1004	/* one past the highest number */

#endif
