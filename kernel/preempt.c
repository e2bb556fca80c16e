// SPDX-License-Identifier: MIT
/*
 * preempt_count and the pagefault-disable depth: what the running code may
 * do. preempt_enable() that brings the count to zero reschedules if the
 * timer asked for it.
 *
 * Every unmatched enable or exit panics, naming the call and the count it
 * found; every disable or enter checks that its field cannot overflow.
 */
#include <arch/x86/cpu.h>
#include <kernel/context_check.h>
#include <kernel/panic.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>

/*
 * Both counts live in the running task (interrupt handlers count in the
 * interrupted task's, as they run on its stack). Only the CPU running the
 * task touches them, with interrupts nesting on top in strict LIFO order,
 * so plain loads and stores suffice.
 */
#define preempt_count_value	(current->preempt_count)
#define pagefault_disable_depth	(current->pagefault_disabled)

/* Keeps the compiler from moving memory accesses across a count change. */
#define count_barrier() __asm__ volatile("" : : : "memory")

u32 preempt_count(void)
{
	return preempt_count_value;
}

void preempt_count_overflow(u32 count)
{
	panic("preempt_disable() nested too deep: preempt_count 0x%08x", count);
}

void preempt_count_underflow(u32 count)
{
	panic("preempt_enable() without preempt_disable(): preempt_count 0x%08x",
	      count);
}

void pagefault_count_overflow(void)
{
	panic("pagefault_disable() nested too deep");
}

void pagefault_count_underflow(void)
{
	panic("pagefault_enable() without pagefault_disable()");
}

bool pagefault_disabled(void)
{
	return pagefault_disable_depth != 0;
}

void irq_enter(void)
{
	if ((preempt_count_value & HARDIRQ_MASK) == HARDIRQ_MASK)
		panic("irq_enter() nested too deep: preempt_count 0x%08x",
		      preempt_count_value);
	preempt_count_value += HARDIRQ_OFFSET;
	count_barrier();
}

void irq_exit(void)
{
	count_barrier();
	if (!(preempt_count_value & HARDIRQ_MASK))
		panic("irq_exit() without irq_enter(): preempt_count 0x%08x",
		      preempt_count_value);
	preempt_count_value -= HARDIRQ_OFFSET;
}

bool in_interrupt(void)
{
	return preempt_count_value & HARDIRQ_MASK;
}

bool in_atomic(void)
{
	return preempt_count_value != 0;
}

/*
 * What a finished piece of work must have given back: every
 * preempt_disable() and pagefault_disable() undone (hardirq nesting cannot
 * outlive its handler, so only the disable depths count).
 */
static u32 preempt_disable_depth(void)
{
	return preempt_count_value & PREEMPT_MASK;
}

static void preempt_depth_reset(void)
{
	preempt_count_value &= ~PREEMPT_MASK;
}
CONTEXT_CHECK(preempt, CONTEXT_TASK, "preempt_disable() not undone",
	      preempt_disable_depth, preempt_depth_reset);

static u32 pagefault_depth(void)
{
	return pagefault_disable_depth;
}

static void pagefault_depth_reset(void)
{
	pagefault_disable_depth = 0;
}
CONTEXT_CHECK(pagefault, CONTEXT_TASK, "pagefault_disable() not undone",
	      pagefault_depth, pagefault_depth_reset);
