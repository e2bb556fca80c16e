// SPDX-License-Identifier: MIT
/*
 * The vmalloc area, for now only what kernel stacks need: ranges of pages
 * with a guard page below each. A bitmap marks the area's pages that are
 * taken (mapped or guard), first fit.
 *
 * The pages are GFP_HIGHUSER ones, as Linux's vmalloc takes them: HighMem
 * first, then Normal, then DMA. Their only kernel address is the one given
 * here, so nothing may treat a vmalloc address (a thread's stack included)
 * as a direct-map one: __pa() and virt_to_page() do not apply, and
 * vmalloc_to_page() finds the page through the PTE.
 */
#include <mm/memlayout.h>
#include <arch/x86/pgtable.h>
#include <mm/paging.h>
#include <arch/x86/tlbflush.h>
#include <kernel/sched.h>
#include <kernel/panic.h>
#include <kernel/spinlock.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/vmalloc.h>

#define VMALLOC_MAX_PAGES	((256U << 20) >> PAGE_SHIFT)	/* bitmap size */

static u32 taken[VMALLOC_MAX_PAGES / 32];
static u8 is_guard[VMALLOC_MAX_PAGES / 8];
static DEFINE_SPINLOCK(vmalloc_lock);

static u32 area_start(void)
{
	return kernel_areas[AREA_VMALLOC].start;
}

static u32 area_pages(void)
{
	u32 n = (kernel_areas[AREA_VMALLOC].end - area_start()) >> PAGE_SHIFT;

	return MIN(n, VMALLOC_MAX_PAGES);
}

static bool test_bit(const u32 *map, u32 i) { return map[i / 32] & (1U << (i % 32)); }
static void set_bit(u32 *map, u32 i) { map[i / 32] |= 1U << (i % 32); }
static void clear_bit(u32 *map, u32 i) { map[i / 32] &= ~(1U << (i % 32)); }

/* Reserve @n consecutive pages of the area; returns the first index or -1. */
static int reserve_range(u32 n)
{
	u32 flags, run = 0;

	spin_lock_irqsave(&vmalloc_lock, flags);
	for (u32 i = 0; i < area_pages(); i++) {
		run = test_bit(taken, i) ? 0 : run + 1;
		if (run == n) {
			for (u32 k = i + 1 - n; k <= i; k++)
				set_bit(taken, k);
			spin_unlock_irqrestore(&vmalloc_lock, flags);
			return (int)(i + 1 - n);
		}
	}
	spin_unlock_irqrestore(&vmalloc_lock, flags);
	return -1;
}

static void release_range(u32 first, u32 n)
{
	u32 flags;

	spin_lock_irqsave(&vmalloc_lock, flags);
	for (u32 k = first; k < first + n; k++)
		clear_bit(taken, k);
	clear_bit((u32 *)is_guard, first);
	spin_unlock_irqrestore(&vmalloc_lock, flags);
}

/*
 * Unmap and free the @n pages mapped from @base. Every CPU may have used
 * them (a thread's stack on the CPUs it ran on): the pages go back only
 * after a shootdown has flushed them from every TLB, or a CPU could write
 * through a stale entry into a page someone else now owns.
 */
static void unmap_pages(u32 base, u32 n)
{
	struct page *pages[THREAD_STACK_PAGES * 4];

	BUG_ON(n > ARRAY_SIZE(pages));
	for (u32 i = 0; i < n; i++) {
		pages[i] = vmalloc_to_page((void *)(base + i * PAGE_SIZE));
		BUG_ON(!pages[i]);
		pte_clear(kernel_pte_lookup(base + i * PAGE_SIZE));
	}
	if (n)
		flush_tlb_kernel_range(base, base + n * PAGE_SIZE);
	for (u32 i = 0; i < n; i++)
		__free_page(pages[i]);
}

static bool in_area(u32 addr)
{
	return addr >= area_start() && addr < area_start() + area_pages() * PAGE_SIZE;
}

struct page *vmalloc_to_page(const void *addr)
{
	pte_t *pte;

	if (!in_area((u32)addr))
		return NULL;
	pte = kernel_pte_lookup((u32)addr);
	if (!pte || !(*pte & _PAGE_PRESENT))
		return NULL;
	return pfn_to_page((u32)(pte_phys(*pte) >> PAGE_SHIFT));
}

void *vmalloc_guarded(u32 pages)
{
	int first = reserve_range(pages + 1);
	u32 base;

	if (first < 0)
		return NULL;
	base = area_start() + ((u32)first + 1) * PAGE_SIZE;
	for (u32 i = 0; i < pages; i++) {
		struct page *page = alloc_page(GFP_HIGHUSER);
		pte_t *pte = kernel_pte_alloc(base + i * PAGE_SIZE);

		if (!page || !pte) {
			if (page)
				__free_page(page);
			unmap_pages(base, i);
			release_range(first, pages + 1);
			return NULL;
		}
		set_pte(pte, page_to_phys(page) | page_prot(PAGE_KERNEL));
	}
	set_bit((u32 *)is_guard, first);
	return (void *)base;
}

void vfree_guarded(void *addr, u32 pages)
{
	u32 base = (u32)addr;

	unmap_pages(base, pages);
	release_range(((base - area_start()) >> PAGE_SHIFT) - 1, pages + 1);
}

u32 vmalloc_guard_of(u32 addr)
{
	u32 i;

	if (!in_area(addr))
		return 0;
	i = (addr - area_start()) >> PAGE_SHIFT;
	return test_bit((u32 *)is_guard, i) ? area_start() + (i + 1) * PAGE_SIZE : 0;
}
