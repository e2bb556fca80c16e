// SPDX-License-Identifier: MIT
/*
 * Backtraces and the symbol table: a known call chain, on the boot stack
 * and on a thread's, must come back with the right function names, in
 * order, and lookups must name the function that contains an address.
 */
#include <top/main.h>
#include <arch/x86/trap.h>
#include <arch/x86/trap_frame.h>
#include <kernel/ksyms.h>
#include <kernel/ktest.h>
#include <kernel/sched.h>
#include <lib/string.h>

#define NOINLINE __attribute__((noinline))

struct chain {
	u32 addrs[STACKTRACE_MAX];
	u32 n;
};

static NOINLINE void bt_level3(struct chain *c)
{
	c->n = stack_trace_here(c->addrs, STACKTRACE_MAX);
	__asm__ volatile("" : : : "memory");	/* no tail call */
}

static NOINLINE void bt_level2(struct chain *c)
{
	bt_level3(c);
	__asm__ volatile("" : : : "memory");
}

static NOINLINE void bt_level1(struct chain *c)
{
	bt_level2(c);
	__asm__ volatile("" : : : "memory");
}

/* The name of the function that made the call returning to @ret. */
static const char *caller_name(u32 ret)
{
	return ksym_lookup(ret - 1, NULL);
}

static void backtrace_names_callers(struct ktest *t)
{
	struct chain c = { .n = 0 };

	bt_level1(&c);
	KASSERT_GE(t, c.n, 5);
	KEXPECT_STREQ(t, caller_name(c.addrs[0]), "bt_level3");
	KEXPECT_STREQ(t, caller_name(c.addrs[1]), "bt_level2");
	KEXPECT_STREQ(t, caller_name(c.addrs[2]), "bt_level1");
	KEXPECT_STREQ(t, caller_name(c.addrs[3]), "backtrace_names_callers");
	/* ... and it ends at kmain, which the boot code called. */
	KEXPECT_STREQ(t, caller_name(c.addrs[c.n - 2]), "kmain");
}

static NOINLINE int bt_thread(void *arg)
{
	bt_level1(arg);
	__asm__ volatile("" : : : "memory");
	return 0;
}

/* A thread's stack is in the vmalloc area (HighMem pages when there are
 * some): the walk must follow it too, up to the thread's first frame. */
static void backtrace_on_thread_stack(struct ktest *t)
{
	static struct chain c;

	c.n = 0;
	KASSERT_EQ(t, kthread_join(kthread_run(bt_thread, &c, -1, "bt")), 0);
	KASSERT_GE(t, c.n, 5);
	KEXPECT_STREQ(t, caller_name(c.addrs[0]), "bt_level3");
	KEXPECT_STREQ(t, caller_name(c.addrs[1]), "bt_level2");
	KEXPECT_STREQ(t, caller_name(c.addrs[2]), "bt_level1");
	KEXPECT_STREQ(t, caller_name(c.addrs[3]), "bt_thread");
	KEXPECT_STREQ(t, caller_name(c.addrs[4]), "task_entry");
}

static NOINLINE void bt_in_interrupt(void *arg)
{
	struct chain *c = arg;

	c->n = stack_trace_here(c->addrs, STACKTRACE_MAX);
	__asm__ volatile("" : : : "memory");
}

/*
 * A walk from inside a trap handler steps into the trap frame: after the
 * return to isr.asm comes the EIP the trap interrupted (here just after
 * run_in_interrupt()'s `int`), then that function's caller. A panic in a
 * fault handler names the function that faulted this way.
 */
static void backtrace_crosses_a_trap_frame(struct ktest *t)
{
	struct chain c = { .n = 0 };
	u32 i = 0;

	run_in_interrupt(bt_in_interrupt, &c);
	while (i < c.n && c.addrs[i] != (u32)trap_dispatch_return)
		i++;
	KASSERT_LT(t, i + 2, c.n);
	/* Exact, not a return address: look it up as it is. */
	KEXPECT_STREQ(t, ksym_lookup(c.addrs[i + 1], NULL), "run_in_interrupt");
	KEXPECT_STREQ(t, caller_name(c.addrs[i + 2]),
		      "backtrace_crosses_a_trap_frame");
}

static void backtrace_from_explicit_frame(struct ktest *t)
{
	u32 addrs[4];
	u32 n = stack_trace_save(0x1234, (u32)__builtin_frame_address(0), addrs, 4);

	KASSERT_EQ(t, n, 4);
	KEXPECT_EQ(t, addrs[0], 0x1234);
	KEXPECT_NOT_NULL(t, caller_name(addrs[1]));
	/* A bogus frame pointer stops the walk instead of faulting. */
	KEXPECT_EQ(t, stack_trace_save(0, 0x10, addrs, 4), 0);
	KEXPECT_EQ(t, stack_trace_save(0, 0xfffffff0, addrs, 4), 0);
}

static void lookup_names_function_and_offset(struct ktest *t)
{
	u32 offset = 99;

	KEXPECT_STREQ(t, ksym_lookup((u32)kmain, &offset), "kmain");
	KEXPECT_EQ(t, offset, 0);
	KEXPECT_STREQ(t, ksym_lookup((u32)kmain + 5, &offset), "kmain");
	KEXPECT_EQ(t, offset, 5);
	KEXPECT_EQ(t, ksym_address("kmain"), (u32)kmain);
	KEXPECT_EQ(t, ksym_address("bt_level2"), (u32)bt_level2);
	KEXPECT_EQ(t, ksym_address("no_such_function"), 0);
}

static void lookup_outside_text_is_null(struct ktest *t)
{
	static u32 some_data;

	KEXPECT_NULL(t, ksym_lookup(0, NULL));
	KEXPECT_NULL(t, ksym_lookup((u32)&some_data, NULL));
	KEXPECT_NULL(t, ksym_lookup(0xffffffff, NULL));
}

static void format_names_symbol(struct ktest *t)
{
	char buf[96];

	ksym_format((u32)bt_level1 + 3, buf, sizeof(buf));
	KEXPECT_EQ(t, strncmp(buf, "bt_level1+0x3/0x", 16), 0);
	ksym_format(0x42, buf, sizeof(buf));
	KEXPECT_STREQ(t, buf, "0x00000042");
}

static struct ktest_case backtrace_cases[] = {
	KTEST_CASE(backtrace_names_callers),
	KTEST_CASE(backtrace_on_thread_stack),
	KTEST_CASE(backtrace_crosses_a_trap_frame),
	KTEST_CASE(backtrace_from_explicit_frame),
	KTEST_CASE(lookup_names_function_and_offset),
	KTEST_CASE(lookup_outside_text_is_null),
	KTEST_CASE(format_names_symbol),
	{}
};
KTEST_SUITE(backtrace, backtrace_cases);
