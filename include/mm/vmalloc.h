/* SPDX-License-Identifier: MIT */
/*
 * The vmalloc area: kernel virtual ranges backed by pages from anywhere,
 * each with an unmapped guard page below it (mm/vmalloc.c). Kernel stacks
 * live here, so running off the bottom of one faults instead of corrupting
 * what lies below.
 */
#ifndef HM386_MM_VMALLOC_H
#define HM386_MM_VMALLOC_H

#include <types.h>

/*
 * vmalloc_guarded - @pages pages of memory, mapped writable and NX at a
 * fresh range of the vmalloc area, above one guard page that stays unmapped.
 * Returns the lowest mapped address, or NULL when memory or address space is
 * short. May sleep (takes pages with GFP_KERNEL).
 */
void *vmalloc_guarded(u32 pages);

/* vfree_guarded - unmap and free what vmalloc_guarded(@pages) returned. */
void vfree_guarded(void *addr, u32 pages);

/* vmalloc_guard_of - if @addr is a guard page of the vmalloc area, the
 * address of the range above it; else 0. */
u32 vmalloc_guard_of(u32 addr);

#endif
