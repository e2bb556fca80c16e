// SPDX-License-Identifier: MIT
/*
 * Interrupt handlers: a handler registered on TEST_VECTOR runs on `int
 * $0x81` in interrupt context, sees the interrupted registers in its trap
 * frame and can change them; a vector without a handler is counted as
 * unexpected and returns; run_in_interrupt() nests; a second owner for a
 * vector, or an exception vector, panics.
 *
 * Handlers only record what they see: a KASSERT inside one would jump out
 * of it past irq_exit(). The suite's exit hook removes the TEST_VECTOR
 * handler, so a failed case leaves nothing registered.
 */
#include <arch/x86/gdt.h>
#include <arch/x86/trap.h>
#include <kernel/ktest.h>
#include <kernel/preempt.h>

#define UNUSED_VECTOR	0x82
#define EAX_IN		0x5eed1234U
#define EDX_IN		0x0dd5ca1eU

struct handler_seen {
	u32 calls;
	struct trap_frame frame;
	u32 esp;
	u32 preempt_count;
	bool in_interrupt;
};

static struct handler_seen seen;

/* Records the frame and the context, and flips EAX for the caller. */
static void recording_handler(struct trap_frame *tf)
{
	seen.calls++;
	seen.frame = *tf;
	seen.esp = trap_frame_esp(tf);
	seen.preempt_count = preempt_count();
	seen.in_interrupt = in_interrupt();
	tf->eax = ~tf->eax;
}

static void other_handler(struct trap_frame *tf)
{
}

static void interrupt_test_exit(struct ktest *t)
{
	set_interrupt_handler(TEST_VECTOR, NULL);
}

static void handler_sees_caller_registers(struct ktest *t)
{
	u32 eax = EAX_IN, edx = EDX_IN, esp_at_int, after_int;

	seen = (struct handler_seen){ 0 };
	set_interrupt_handler(TEST_VECTOR, recording_handler);
	__asm__ volatile("movl %%esp, %[esp]\n\t"
			 "int %[vector]\n"
			 "1:\tmovl $1b, %[after]"
			 : "+a"(eax), "+d"(edx), [esp] "=m"(esp_at_int),
			   [after] "=m"(after_int)
			 : [vector] "i"(TEST_VECTOR)
			 : "memory");
	set_interrupt_handler(TEST_VECTOR, NULL);

	KASSERT_EQ(t, seen.calls, 1);
	KEXPECT_EQ(t, seen.frame.vector, TEST_VECTOR);
	KEXPECT_EQ(t, seen.frame.error_code, 0);
	KEXPECT_EQ(t, seen.frame.eax, EAX_IN);
	KEXPECT_EQ(t, seen.frame.edx, EDX_IN);
	KEXPECT_EQ(t, seen.frame.eip, after_int);
	KEXPECT_EQ(t, seen.frame.cs, GDT_KERNEL_CS);
	KEXPECT_EQ(t, seen.esp, esp_at_int);
	/* The handler's change to the frame is what the caller got back. */
	KEXPECT_EQ(t, eax, ~EAX_IN);
	KEXPECT_EQ(t, edx, EDX_IN);
}

static void handler_runs_in_interrupt_context(struct ktest *t)
{
	seen = (struct handler_seen){ 0 };
	KASSERT_EQ(t, preempt_count(), 0);
	set_interrupt_handler(TEST_VECTOR, recording_handler);
	__asm__ volatile("int %0" : : "i"(TEST_VECTOR) : "eax", "memory");
	preempt_disable();
	__asm__ volatile("int %0" : : "i"(TEST_VECTOR) : "eax", "memory");
	KEXPECT_EQ(t, seen.preempt_count, HARDIRQ_OFFSET + 1);
	preempt_enable();
	set_interrupt_handler(TEST_VECTOR, NULL);

	KEXPECT_EQ(t, seen.calls, 2);
	KEXPECT_TRUE(t, seen.in_interrupt);
	KEXPECT_EQ(t, preempt_count(), 0);
	KEXPECT_FALSE(t, in_interrupt());
}

static void unregistered_vector_is_unexpected(struct ktest *t)
{
	u32 before = unexpected_interrupt_count;

	__asm__ volatile("int %0" : : "i"(UNUSED_VECTOR) : "memory");
	KEXPECT_EQ(t, unexpected_interrupt_count, before + 1);
	KEXPECT_EQ(t, preempt_count(), 0);
}

static void removed_handler_is_not_called(struct ktest *t)
{
	u32 before = unexpected_interrupt_count;

	seen = (struct handler_seen){ 0 };
	set_interrupt_handler(TEST_VECTOR, recording_handler);
	set_interrupt_handler(TEST_VECTOR, NULL);
	__asm__ volatile("int %0" : : "i"(TEST_VECTOR) : "memory");
	KEXPECT_EQ(t, seen.calls, 0);
	KEXPECT_EQ(t, unexpected_interrupt_count, before + 1);
}

static void record_count(void *arg)
{
	*(u32 *)arg = preempt_count();
}

/* counts[0] and [2] in the outer handler, [1] in the nested one. */
static void record_count_and_nest(void *arg)
{
	u32 *counts = arg;

	counts[0] = preempt_count();
	run_in_interrupt(record_count, &counts[1]);
	counts[2] = preempt_count();
}

static void run_in_interrupt_nests(struct ktest *t)
{
	u32 counts[3] = { 0 };

	run_in_interrupt(record_count_and_nest, counts);
	KEXPECT_EQ(t, counts[0], HARDIRQ_OFFSET);
	KEXPECT_EQ(t, counts[1], 2 * HARDIRQ_OFFSET);
	KEXPECT_EQ(t, counts[2], HARDIRQ_OFFSET);
	KEXPECT_EQ(t, preempt_count(), 0);
	/* The vector is free again: taking it does not panic. */
	set_interrupt_handler(TEST_VECTOR, other_handler);
	set_interrupt_handler(TEST_VECTOR, NULL);
}

static void second_handler_panics(struct ktest *t)
{
	set_interrupt_handler(TEST_VECTOR, recording_handler);
	set_interrupt_handler(TEST_VECTOR, other_handler);
}

static void exception_vector_handler_panics(struct ktest *t)
{
	set_interrupt_handler(X86_TRAP_PF, other_handler);
}

static struct ktest_case interrupt_cases[] = {
	KTEST_CASE(handler_sees_caller_registers),
	KTEST_CASE(handler_runs_in_interrupt_context),
	KTEST_CASE(unregistered_vector_is_unexpected),
	KTEST_CASE(removed_handler_is_not_called),
	KTEST_CASE(run_in_interrupt_nests),
	KTEST_DEATH_CASE(second_handler_panics,
			 "vector already handled by recording_handler"),
	KTEST_DEATH_CASE(exception_vector_handler_panics,
			 "set_interrupt_handler(14): not an interrupt vector"),
	{}
};
KTEST_SUITE_FULL(interrupt, interrupt_cases, NULL, NULL, interrupt_test_exit);
