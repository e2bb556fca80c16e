/* SPDX-License-Identifier: MIT */
/*
 * struct sysinfo as Linux's i386 sysinfo(2) (number 116) fills it: 64
 * bytes. The memory fields count units of mem_unit bytes: 1 when all of
 * RAM fits in 32 bits of bytes, else the page size (Linux's rule).
 */
#ifndef HM386_UAPI_SYSINFO_H
#define HM386_UAPI_SYSINFO_H

struct sysinfo {
	long uptime;			/* seconds since boot */
	unsigned long loads[3];		/* load averages: 1, 5, 15 min */
	unsigned long totalram;		/* what the allocator manages */
	unsigned long freeram;		/* of it, free now */
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;		/* processes */
	unsigned short pad;
	unsigned long totalhigh;	/* of totalram, HighMem */
	unsigned long freehigh;		/* of freeram, HighMem */
	unsigned int mem_unit;		/* bytes per unit of the above */
	char _f[8];
};

#endif
