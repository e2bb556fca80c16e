/* SPDX-License-Identifier: MIT */
/*
 * A hook header: what the kernel core (kernel/, below mm in the layers)
 * asks of mm for its tasks, implemented in mm/task_memory.c. The task
 * structure is lowmem; the stack is in the vmalloc area above a guard page,
 * on HighMem pages while there are any (docs/sched.md). Backtraces ask
 * whether a frame can be read without a fault.
 */
#ifndef HM386_MM_TASK_MEMORY_H
#define HM386_MM_TASK_MEMORY_H

#include <types.h>

/* task_struct_alloc - @size zeroed bytes of lowmem (at most two pages) for
 * a struct task, or NULL. May sleep. task_struct_free() gives them back. */
void *task_struct_alloc(size_t size);
void task_struct_free(void *task, size_t size);

/*
 * task_stack_alloc - a kernel stack of @pages pages above an unmapped guard
 * page; returns its lowest address, or NULL. May sleep.
 * task_stack_free() unmaps it on every CPU and frees its pages.
 */
void *task_stack_alloc(u32 pages);
void task_stack_free(void *bottom, u32 pages);

struct task;

/*
 * task_switch_mm - the scheduler is about to run @next after @prev on this
 * CPU, interrupts off: load @next's user address space (or the kernel's,
 * for a kernel thread) when it differs from @prev's.
 */
void task_switch_mm(struct task *prev, struct task *next);

/*
 * kernel_range_mapped - true when the @len bytes at @va can surely be read
 * without a fault: in the kernel image's data, in the direct map, or on
 * present pages of the vmalloc area. Any context; never allocates.
 */
bool kernel_range_mapped(u32 va, u32 len);

#endif
