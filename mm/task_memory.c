// SPDX-License-Identifier: MIT
/*
 * The memory of tasks (include/mm/task_memory.h): what the scheduler's
 * kthread code and the backtrace walker, in the layer below mm, ask of it.
 */
#include <arch/x86/layout.h>
#include <mm/memlayout.h>
#include <arch/x86/pgtable.h>
#include <mm/paging.h>
#include <kernel/panic.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/task_memory.h>
#include <mm/vmalloc.h>

static u32 task_struct_order(size_t size)
{
	BUG_ON(size > 2 * PAGE_SIZE);
	return size > PAGE_SIZE ? 1 : 0;
}

void *task_struct_alloc(size_t size)
{
	return (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO,
					task_struct_order(size));
}

void task_struct_free(void *task, size_t size)
{
	free_pages((u32)task, task_struct_order(size));
}

void *task_stack_alloc(u32 pages)
{
	return vmalloc_guarded(pages);
}

void task_stack_free(void *bottom, u32 pages)
{
	vfree_guarded(bottom, pages);
}

struct mm_struct *use_mm(struct mm_struct *mm)
{
	struct mm_struct *old;

	preempt_disable();
	old = current->mm;
	current->mm = mm;
	switch_mm(mm);
	preempt_enable();
	return old;
}

/* Processes are single-threaded: two tasks share an mm only when both have
 * none (kernel threads run on the kernel's tables). */
void task_switch_mm(struct task *prev, struct task *next)
{
	if (prev->mm != next->mm)
		switch_mm(next->mm);
}

/* The boot and exception stacks live in the image's data and bss (the only
 * case before paging_init()); the APs' first stacks in the direct map;
 * thread stacks in the vmalloc area, where HighMem pages have no other
 * address. */
bool kernel_range_mapped(u32 va, u32 len)
{
	const struct vm_area_desc *vm = &kernel_areas[AREA_VMALLOC];
	u32 last = va + len - 1;

	if (!len || last < va)
		return false;
	if (va >= (u32)_data_start && last < (u32)_kernel_end)
		return true;
	if (va >= PAGE_OFFSET && last < high_memory)
		return true;
	if (va < vm->start || last >= vm->end)
		return false;
	for (u32 page = va & PAGE_MASK; page <= last; page += PAGE_SIZE) {
		const pte_t *pte = kernel_pte_lookup(page);

		if (!pte || !(*pte & _PAGE_PRESENT))
			return false;
	}
	return true;
}
