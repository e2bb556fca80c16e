/* SPDX-License-Identifier: MIT */
/*
 * The kernel's virtual memory map, computed at boot (mm/memlayout.c)
 * the way Linux's i386 does it, from the top of the address space down:
 *
 *   FIXADDR_TOP ... FIXADDR_START   fixmap (fixmap.h)
 *   PKMAP_BASE + 2 MiB ... PKMAP_BASE   pkmap: LAST_PKMAP pages, 2 MiB aligned
 *   VMALLOC_END = PKMAP_BASE - 2 pages  (a guard gap)
 *   VMALLOC_START = high_memory + VMALLOC_OFFSET, rounded up
 *   high_memory = PAGE_OFFSET + max_low_pfn pages
 *   PAGE_OFFSET   direct map of lowmem
 *
 * The direct map may grow up to MAXMEM = VMALLOC_END - PAGE_OFFSET - the
 * vmalloc reserve (128 MiB, or `vmalloc=`); RAM above it, or forced there by
 * `highmem=`, is HighMem.
 */
#ifndef HM386_ARCH_X86_MEMLAYOUT_H
#define HM386_ARCH_X86_MEMLAYOUT_H

#include <mm/fixmap.h>
#include <arch/x86/layout.h>

#define LAST_PKMAP		512	/* pkmap slots: one page table */
#define PKMAP_BASE		((FIXADDR_START - PAGE_SIZE * (LAST_PKMAP + 1)) & PMD_MASK)
#define PKMAP_END		(PKMAP_BASE + LAST_PKMAP * PAGE_SIZE)
#define VMALLOC_END		(PKMAP_BASE - 2 * PAGE_SIZE)
#define VMALLOC_OFFSET		(8UL << 20)	/* gap between direct map and vmalloc */
#define VMALLOC_RESERVE_DEFAULT	(128UL << 20)
#define LOWMEM_MIN		(64UL << 20)	/* what highmem=/vmalloc= must leave */

/* One area of the kernel's virtual address space: [start, end). */
struct vm_area_desc {
	const char *name;
	u32 start, end;
};

enum kernel_area {
	AREA_LOWMEM,
	AREA_VMALLOC,
	AREA_PKMAP,
	AREA_FIXMAP,
	NR_KERNEL_AREAS
};

/* The layout in force, lowest area first. */
extern struct vm_area_desc kernel_areas[NR_KERNEL_AREAS];

/* The vmalloc reserve: 128 MiB, or `vmalloc=` plus the 8 MiB gap below it. */
extern u32 vmalloc_reserve;

/* maxmem_pfn - the most page frames the direct map can cover. */
u32 maxmem_pfn(void);

/*
 * memlayout_init - choose max_low_pfn for @max_pfn page frames of RAM (with
 * `highmem=` and `vmalloc=`), then fill kernel_areas and check them.
 */
void memlayout_init(u32 ram_pfns);

/*
 * memlayout_check - panic, naming both, if two of the @n areas overlap, are
 * out of order, or the pkmap area is not one aligned page table.
 */
void memlayout_check(const struct vm_area_desc *areas, u32 n);

/* memlayout_report - print the layout, like Linux's "virtual kernel memory layout". */
void memlayout_report(void);

/* vmalloc_param_bytes - the vmalloc size `vmalloc=` set, 0 if none in force. */
u32 vmalloc_param_bytes(void);

/* highmem_param_pages - the pages `highmem=` asked for (0 if not given). */
u32 highmem_param_pages(void);

#endif
