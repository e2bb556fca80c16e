/* SPDX-License-Identifier: MIT */
/*
 * The counters that say what the running code may do (kernel/preempt.c):
 * preemption disabled, in a hardware interrupt, pagefaults disabled. They
 * live in the running task (struct task). preempt_disable() and
 * preempt_enable() are inline: kmap_local_page() calls them on every map
 * and unmap (docs/benchmarks.md); their checks and the reschedule are out
 * of line.
 *
 * preempt_count layout, as in Linux: bits 0-7 preemption-disable depth,
 * bits 16-19 hardirq nesting.
 */
#ifndef HM386_KERNEL_PREEMPT_H
#define HM386_KERNEL_PREEMPT_H

#include <arch/x86/cpu.h>
#include <kernel/sched.h>
#include <types.h>

#define PREEMPT_MASK	0x000000ffU
#define HARDIRQ_SHIFT	16
#define HARDIRQ_OFFSET	(1U << HARDIRQ_SHIFT)
#define HARDIRQ_MASK	0x000f0000U

/* preempt_count - this CPU's count (layout above). */
u32 preempt_count(void);

/* The out-of-line halves: panics naming the bad count. */
void __noreturn preempt_count_overflow(u32 count);
void __noreturn preempt_count_underflow(u32 count);

/* preempt_disable - no preemption until the matching preempt_enable(). */
static inline void preempt_disable(void)
{
	struct task *t = current;

	if (unlikely((t->preempt_count & PREEMPT_MASK) == PREEMPT_MASK))
		preempt_count_overflow(t->preempt_count);
	t->preempt_count++;
	barrier();
}

/* preempt_enable - undo one preempt_disable(); an unmatched one panics.
 * Reschedules here if the count reaches 0 with a reschedule pending. */
static inline void preempt_enable(void)
{
	struct task *t = current;

	barrier();
	if (unlikely(!(t->preempt_count & PREEMPT_MASK)))
		preempt_count_underflow(t->preempt_count);
	if (--t->preempt_count == 0 && unlikely(t->need_resched) &&
	    !irqs_disabled())
		preempt_schedule();
}

/* The out-of-line halves of the pagefault counter's checks. */
void __noreturn pagefault_count_overflow(void);
void __noreturn pagefault_count_underflow(void);

/* pagefault_disable - page faults no longer sleep or panic when the faulting
 * instruction has a fixup (extable.h): they fail the access instead.
 * Inline: kmap_atomic() calls it on every map. */
static inline void pagefault_disable(void)
{
	struct task *t = current;

	if (unlikely(t->pagefault_disabled == ~0U))
		pagefault_count_overflow();
	t->pagefault_disabled++;
	barrier();
}

/* pagefault_enable - undo one pagefault_disable(); unmatched panics. */
static inline void pagefault_enable(void)
{
	struct task *t = current;

	barrier();
	if (unlikely(!t->pagefault_disabled))
		pagefault_count_underflow();
	t->pagefault_disabled--;
}

/* pagefault_disabled - true between pagefault_disable() and _enable(). */
bool pagefault_disabled(void);

/* irq_enter, irq_exit - bracket a hardware or software interrupt handler. */
void irq_enter(void);
void irq_exit(void);

/* in_interrupt - true inside an interrupt handler. */
bool in_interrupt(void);

/* in_atomic - true when the code may not sleep: preemption disabled or in
 * an interrupt. */
bool in_atomic(void);

#endif
