// SPDX-License-Identifier: MIT
/*
 * The context counters: preemption, hardirq and pagefault-disable depths
 * nest and unwind exactly, in_atomic() and in_interrupt() answer from them
 * (also inside a real interrupt handler), and an unmatched enable or exit
 * panics with a message that names it.
 */
#include <arch/x86/trap.h>
#include <kernel/ktest.h>
#include <kernel/preempt.h>
#include <lib/printf.h>

#define NESTING 5

static void preempt_count_nests(struct ktest *t)
{
	u32 base = preempt_count();

	KASSERT_EQ(t, base, 0);
	for (u32 i = 1; i <= NESTING; i++) {
		preempt_disable();
		KEXPECT_EQ(t, preempt_count(), i);
	}
	for (u32 i = NESTING; i > 0; i--) {
		KEXPECT_EQ(t, preempt_count(), i);
		preempt_enable();
	}
	KEXPECT_EQ(t, preempt_count(), base);
}

/* Linux's own semantics: pagefault_disable() is a count of its own. */
static void pagefault_depth_nests(struct ktest *t)
{
	KASSERT_FALSE(t, pagefault_disabled());
	for (u32 i = 0; i < NESTING; i++) {
		pagefault_disable();
		KEXPECT_TRUE(t, pagefault_disabled());
	}
	KEXPECT_EQ(t, preempt_count(), 0);
	for (u32 i = 0; i < NESTING; i++) {
		KEXPECT_TRUE(t, pagefault_disabled());
		pagefault_enable();
	}
	KEXPECT_FALSE(t, pagefault_disabled());
}

static void irq_enter_counts_hardirq(struct ktest *t)
{
	preempt_disable();
	irq_enter();
	KEXPECT_EQ(t, preempt_count(), HARDIRQ_OFFSET + 1);
	irq_enter();
	KEXPECT_EQ(t, preempt_count(), 2 * HARDIRQ_OFFSET + 1);
	KEXPECT_EQ(t, preempt_count() & HARDIRQ_MASK, 2 * HARDIRQ_OFFSET);
	KEXPECT_EQ(t, preempt_count() & PREEMPT_MASK, 1);
	irq_exit();
	KEXPECT_EQ(t, preempt_count(), HARDIRQ_OFFSET + 1);
	irq_exit();
	preempt_enable();
	KEXPECT_EQ(t, preempt_count(), 0);
}

/* One row: what a context is, and what the predicates must say in it. */
struct context_row {
	const char *name;
	bool preempt_off, pagefault_off, irq;
	bool in_interrupt, in_atomic, pagefault_disabled;
};

static const struct context_row context_rows[] = {
	{ "task",		false, false, false,	false, false, false },
	{ "preempt_off",	true,  false, false,	false, true,  false },
	{ "pagefault_off",	false, true,  false,	false, false, true },
	{ "both_off",		true,  true,  false,	false, true,  true },
	{ "interrupt",		false, false, true,	true,  true,  false },
	{ "interrupt_pf_off",	false, true,  true,	true,  true,  true },
	{ "interrupt_preempt_off", true, false, true,	true,  true,  false },
};

static void describe_context(const void *p, char *buf, size_t size)
{
	snprintf(buf, size, "%s", ((const struct context_row *)p)->name);
}

static const struct ktest_params context_params = {
	context_rows, ARRAY_SIZE(context_rows), sizeof(context_rows[0]),
	describe_context,
};

/* What the predicates said: recorded, then checked outside the handler. */
struct context_seen {
	bool in_interrupt, in_atomic, pagefault_disabled;
};

static void record_context(void *arg)
{
	struct context_seen *seen = arg;

	seen->in_interrupt = in_interrupt();
	seen->in_atomic = in_atomic();
	seen->pagefault_disabled = pagefault_disabled();
}

/* Interrupt rows run the check in a real handler (int TEST_VECTOR). */
static void context_truth_table(struct ktest *t)
{
	const struct context_row *row = t->param;
	struct context_seen seen;

	if (row->preempt_off)
		preempt_disable();
	if (row->pagefault_off)
		pagefault_disable();
	if (row->irq)
		run_in_interrupt(record_context, &seen);
	else
		record_context(&seen);
	if (row->pagefault_off)
		pagefault_enable();
	if (row->preempt_off)
		preempt_enable();

	KEXPECT_EQ(t, seen.in_interrupt, row->in_interrupt);
	KEXPECT_EQ(t, seen.in_atomic, row->in_atomic);
	KEXPECT_EQ(t, seen.pagefault_disabled, row->pagefault_disabled);
	KEXPECT_EQ(t, preempt_count(), 0);
	KEXPECT_FALSE(t, pagefault_disabled());
}

static void unbalanced_preempt_enable_panics(struct ktest *t)
{
	preempt_enable();
}

static void unbalanced_pagefault_enable_panics(struct ktest *t)
{
	pagefault_disable();
	pagefault_enable();
	pagefault_enable();
}

static void unbalanced_irq_exit_panics(struct ktest *t)
{
	irq_exit();
}

static void preempt_disable_overflow_panics(struct ktest *t)
{
	for (u32 i = 0; i <= PREEMPT_MASK; i++)
		preempt_disable();
}

static struct ktest_case preempt_cases[] = {
	KTEST_CASE(preempt_count_nests),
	KTEST_CASE(pagefault_depth_nests),
	KTEST_CASE(irq_enter_counts_hardirq),
	KTEST_PARAM_CASE(context_truth_table, context_params),
	KTEST_DEATH_CASE(unbalanced_preempt_enable_panics,
			 "preempt_enable() without preempt_disable()"),
	KTEST_DEATH_CASE(unbalanced_pagefault_enable_panics,
			 "pagefault_enable() without pagefault_disable()"),
	KTEST_DEATH_CASE(unbalanced_irq_exit_panics,
			 "irq_exit() without irq_enter()"),
	KTEST_DEATH_CASE(preempt_disable_overflow_panics,
			 "preempt_disable() nested too deep"),
	{}
};
KTEST_SUITE(preempt, preempt_cases);
