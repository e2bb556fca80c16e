/* SPDX-License-Identifier: MIT */
/*
 * The vmalloc area: kernel virtual ranges backed by pages from anywhere
 * (GFP_HIGHUSER: HighMem first, as Linux's vmalloc), each with an unmapped
 * guard page below it (mm/vmalloc.c). Kernel stacks live here, so running
 * off the bottom of one faults instead of corrupting what lies below. A
 * vmalloc address is not a direct-map one: __pa() and virt_to_page() do
 * not apply to it (nor to a variable on a thread's stack); use
 * vmalloc_to_page().
 */
#ifndef HM386_MM_VMALLOC_H
#define HM386_MM_VMALLOC_H

#include <mm/page.h>
#include <types.h>

/*
 * vmalloc_guarded - @pages pages of memory, mapped writable and NX at a
 * fresh range of the vmalloc area, above one guard page that stays unmapped.
 * The pages come from HighMem while it has free pages, then from Normal,
 * then DMA (GFP_HIGHUSER), and need not be contiguous. Returns the lowest
 * mapped address, or NULL when memory or address space is short. May sleep.
 */
void *vmalloc_guarded(u32 pages);

/* vfree_guarded - unmap what vmalloc_guarded(@pages) returned, flush it
 * from every CPU's TLB, and give its pages back to their zones. */
void vfree_guarded(void *addr, u32 pages);

/*
 * vmalloc_to_page - the page mapped at vmalloc address @addr (found through
 * its PTE), or NULL when @addr is outside the area or not mapped. Any
 * context.
 */
struct page *vmalloc_to_page(const void *addr);

/* vmalloc_guard_of - if @addr is a guard page of the vmalloc area, the
 * address of the range above it; else 0. */
u32 vmalloc_guard_of(u32 addr);

#endif
