/* SPDX-License-Identifier: MIT */
/*
 * The kernel's virtual memory layout (3G/1G split, PAE), from the top down:
 *
 *   FIXADDR_TOP   0xFFFFF000  fixmap: fixed virtual pages (fixmap.h)
 *   FIXMAP_PT     0xFFE00000  the 2 MiB covered by the fixmap page table
 *   ...                       pkmap, vmalloc (memlayout.h)
 *   high_memory               end of the direct map (max_low_pfn)
 *   PAGE_OFFSET   0xC0000000  direct map: virt = phys + PAGE_OFFSET
 *   0x00000000                nothing mapped after boot
 *
 * NASM code has the same numbers in layout.inc; boot checks they agree.
 */
#ifndef HM386_ARCH_X86_LAYOUT_H
#define HM386_ARCH_X86_LAYOUT_H

#include <types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PMD_SHIFT	21			/* one PAE page-directory entry: 2 MiB */
#define PMD_SIZE	(1UL << PMD_SHIFT)
#define PMD_MASK	(~(PMD_SIZE - 1))
#define PUD_SHIFT	30			/* one PDPT entry: 1 GiB */

#define PAGE_OFFSET	0xC0000000UL
#define KERNEL_PHYS	0x00100000UL		/* where the loader puts the image */
#define KERNEL_VIRT	(PAGE_OFFSET + KERNEL_PHYS)

/* The boot page tables map this much at both 0 and PAGE_OFFSET (entry.asm). */
#define BOOT_MAP_SIZE	(1UL << PUD_SHIFT)

/* The PAE physical address limit: 36 bits. */
#define PHYS_LIMIT	(1ULL << 36)

#define __pa(v)		((u32)(v) - PAGE_OFFSET)
#define __va(p)		((void *)((u32)(p) + PAGE_OFFSET))

/* The kernel image's sections, where linker.ld puts them (virtual). */
extern char _kernel_start[], _kernel_end[], _boot_start[], _boot_end[];
extern char _text_start[], _text_end[], _rodata_start[], _rodata_end[];
extern char _data_start[];

#endif
