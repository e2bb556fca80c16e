// SPDX-License-Identifier: MIT
/*
 * User address spaces: creating, destroying and loading them. The contract
 * and the layout are in include/mm/mm.h; the page tables and faults are
 * mm/memory.c, the VMAs and system calls mm/mmap.c.
 *
 * Why the top levels live in lowmem:
 *  - the PDPT: CR3 holds a 32-bit physical address, so the PDPT must lie
 *    below 4 GiB, and the kernel writes it through the direct map; it shares
 *    its lowmem page with the mm_struct and the VMA slots (mm_internal.h);
 *  - the three user page directories: a PAE CPU reads the four PDPT entries
 *    when CR3 is loaded and keeps them, so they are filled once, here, and
 *    never change while the PDPT may be loaded; every walk of the user
 *    tables reads a directory, and lowmem makes that a plain load, leaving
 *    the one kmap_local mapping of a walk to the HighMem page table below.
 * The fourth entry is the kernel's page directory (the top GiB), shared by
 * every address space: kernel mappings made later (vmalloc, pkmap, fixmap)
 * show in all of them.
 */
#include <arch/x86/cpu.h>
#include <kernel/panic.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/paging.h>
#include "mm_internal.h"

static struct mm_frame *mm_frame_of(struct mm_struct *mm)
{
	return container_of(mm, struct mm_frame, mm);
}

/* Free the page directories that were allocated, then the frame page. */
static void mm_free_top(struct mm_frame *f)
{
	for (u32 i = 0; i < ARRAY_SIZE(f->mm.pd); i++)
		if (f->mm.pd[i])
			__free_page(f->mm.pd[i]);
	free_pages((u32)f, 0);
}

struct mm_struct *mm_create(void)
{
	struct mm_frame *f;
	struct mm_struct *mm;

	BUILD_BUG_ON(MM_VMA_SLOTS < 16);
	f = (struct mm_frame *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 0);
	if (!f)
		return NULL;
	mm = &f->mm;
	for (u32 i = 0; i < ARRAY_SIZE(mm->pd); i++) {
		mm->pd[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!mm->pd[i]) {
			mm_free_top(f);
			return NULL;
		}
		f->pdpt[i] = page_to_phys(mm->pd[i]) | _PAGE_PRESENT;
	}
	f->pdpt[pdpt_index(PAGE_OFFSET)] = kernel_pdpt[pdpt_index(PAGE_OFFSET)];
	mm->pdpt = f->pdpt;
	mm->pdpt_phys = __pa(f->pdpt);
	INIT_LIST_HEAD(&mm->vmas);
	INIT_LIST_HEAD(&mm->free_vmas);
	for (u32 i = 0; i < MM_VMA_SLOTS; i++)
		list_add_tail(&f->vma_slots[i].list, &mm->free_vmas);
	mm->nr_free_vmas = MM_VMA_SLOTS;
	return mm;
}

void mm_destroy(struct mm_struct *mm)
{
	if (mm_is_loaded(mm))
		panic("mm_destroy: the address space at PDPT 0x%x is loaded on "
		      "this CPU (switch_mm(NULL) first)", mm->pdpt_phys);
	while (!list_empty(&mm->vmas))
		vma_free(mm, list_first_entry(&mm->vmas, struct vm_area, list));
	zap_user_range(mm, 0, USER_STACK_TOP);
	free_pte_tables(mm, 0, USER_STACK_TOP);
	BUG_ON(mm->rss || mm->nr_pte_pages);
	mm_free_top(mm_frame_of(mm));
}

void switch_mm(struct mm_struct *mm)
{
	write_cr3(mm ? mm->pdpt_phys : __pa(kernel_pdpt));
}

bool mm_is_loaded(struct mm_struct *mm)
{
	return (read_cr3() & ~0x1fU) == mm->pdpt_phys;
}

struct vm_area *vma_alloc(struct mm_struct *mm)
{
	struct vm_area *vma;

	if (list_empty(&mm->free_vmas))
		return NULL;
	vma = list_first_entry(&mm->free_vmas, struct vm_area, list);
	list_del(&vma->list);
	mm->nr_free_vmas--;
	return vma;
}

void vma_free(struct mm_struct *mm, struct vm_area *vma)
{
	list_del(&vma->list);
	list_add(&vma->list, &mm->free_vmas);
	mm->nr_free_vmas++;
}
