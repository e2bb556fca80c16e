/* SPDX-License-Identifier: MIT */
/*
 * The build settings: each one a default that the Makefile may override
 * with -D (`make KMAP_DEBUG=0`, `make NR_CPUS=4`). Code that depends on a
 * setting includes this header rather than the header of some subject
 * that happens to define it.
 */
#ifndef HM386_CONFIG_H
#define HM386_CONFIG_H

/*
 * CONFIG_KMAP_DEBUG - 1 (the default) builds kmap_local with its debugging:
 * a guard slot that is never mapped between live slots, and the history of
 * every slot (last pfn, where it was mapped and unmapped) for the fault
 * diagnosis and the pkmap fault-injection parameter. 0 is the release
 * build: half as many slots per CPU, no history (`make KMAP_DEBUG=0`).
 */
#ifndef CONFIG_KMAP_DEBUG
#define CONFIG_KMAP_DEBUG 1
#endif

/*
 * NR_CPUS - how many CPUs the kernel can use (default 8, at most 32: one
 * bit each in the TLB-flush request). CPUs the firmware lists beyond it
 * are reported and ignored. It sizes the per-CPU arrays and the kmap_local
 * area in the fixmap (NR_CPUS * KM_MAX_IDX slots).
 */
#ifndef NR_CPUS
#define NR_CPUS 8
#endif

#endif
