/* SPDX-License-Identifier: MIT */
/*
 * What the trap code and the scheduler ask of kmap_local (mm/kmap_local.c):
 * the depth of this context's slot stack, the check that an interrupt
 * handler left it as it found it, the diagnosis of a page fault inside the
 * kmap_local area, and the switch of a task's slots at a context switch.
 */
#ifndef HM386_MM_HIGHMEM_HOOKS_H
#define HM386_MM_HIGHMEM_HOOKS_H

#include <types.h>

struct trap_frame;

/* kmap_local_init - each CPU's slot addresses for the inline paths (after
 * fixmap_init()). */
void kmap_local_init(void);

/* kmap_local_depth - how many kmap_local slots this context holds now. */
u32 kmap_local_depth(void);

/*
 * kmap_local_irq_exit_check - panic if an interrupt handler for @vector
 * returns with a different depth than @depth_at_entry (it mapped without
 * unmapping, or unmapped the interrupted code's mappings).
 */
void kmap_local_irq_exit_check(u32 depth_at_entry, u32 vector);

/*
 * kmap_local_fault_diagnose - if @addr lies in the kmap_local area, panic
 * with what is known about its slot (guard, free or live, last pfn, where
 * it was mapped and unmapped); otherwise return.
 */
void kmap_local_fault_diagnose(u32 addr, const struct trap_frame *tf);

struct task;

/*
 * kmap_local_switch - on a context switch on this CPU: take @prev's live
 * slots down (PTE cleared, invlpg) and put @next's saved PTEs back.
 */
void kmap_local_switch(struct task *prev, struct task *next);

/* kmap_local_slot_live - true when @task holds slot @idx of CPU @cpu. */
bool kmap_local_slot_live(const struct task *task, u32 cpu, u32 idx);

#endif
