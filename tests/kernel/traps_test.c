// SPDX-License-Identifier: MIT
/*
 * Exceptions and panics: the #PF decoder, the exception names, WARN_ON's
 * report-once rule, and death cases for a divide error, an invalid opcode,
 * a breakpoint, BUG_ON and panic() itself.
 */
#include <arch/x86/trap.h>
#include <kernel/ktest.h>
#include <kernel/panic.h>
#include <lib/printf.h>

struct pf_case {
	u32 error_code;
	const char *text;
};

static const struct pf_case pf_cases[] = {
	{ 0x0, "not-present read in kernel mode" },
	{ 0x2, "not-present write in kernel mode" },
	{ 0x3, "protection-violation write in kernel mode" },
	{ 0x1, "protection-violation read in kernel mode" },
	{ 0x11, "protection-violation instruction-fetch in kernel mode" },
	{ 0x10, "not-present instruction-fetch in kernel mode" },
	{ 0x9, "reserved-bit protection-violation read in kernel mode" },
	{ 0x6, "not-present write in user mode" },
};

static void describe_pf(const void *p, char *buf, size_t size)
{
	snprintf(buf, size, "error_0x%x", ((const struct pf_case *)p)->error_code);
}

static const struct ktest_params pf_params = {
	pf_cases, ARRAY_SIZE(pf_cases), sizeof(pf_cases[0]), describe_pf,
};

static void page_fault_error_decoded(struct ktest *t)
{
	const struct pf_case *c = t->param;
	char buf[96];

	pf_describe(c->error_code, buf, sizeof(buf));
	KEXPECT_STREQ(t, buf, c->text);
}

static void exception_names(struct ktest *t)
{
	KEXPECT_STREQ(t, x86_exception_name(0), "divide error");
	KEXPECT_STREQ(t, x86_exception_name(6), "invalid opcode");
	KEXPECT_STREQ(t, x86_exception_name(8), "double fault");
	KEXPECT_STREQ(t, x86_exception_name(13), "general protection fault");
	KEXPECT_STREQ(t, x86_exception_name(14), "page fault");
	KEXPECT_STREQ(t, x86_exception_name(40), "interrupt");
}

static bool warn_site(bool cond)
{
	return WARN_ON(cond);
}

static void warn_on_reports_once(struct ktest *t)
{
	u32 before = warn_count;

	KEXPECT_FALSE(t, warn_site(false));
	KEXPECT_EQ(t, warn_count, before);
	KEXPECT_TRUE(t, warn_site(true));
	KEXPECT_TRUE(t, warn_site(true));
	KEXPECT_EQ(t, warn_count, before + 1);
}

static volatile u32 zero;

static void divide_error_panics(struct ktest *t)
{
	volatile u32 x = 10 / zero;

	(void)x;
}

static void invalid_opcode_panics(struct ktest *t)
{
	__asm__ volatile("ud2");
}

static void breakpoint_panics(struct ktest *t)
{
	__asm__ volatile("int3");
}

static void bug_on_panics(struct ktest *t)
{
	BUG_ON(zero == 0);
}

static void panic_names_location(struct ktest *t)
{
	panic("self-test panic %d", 42);
}

static struct ktest_case traps_cases[] = {
	KTEST_PARAM_CASE(page_fault_error_decoded, pf_params),
	KTEST_CASE(exception_names),
	KTEST_CASE(warn_on_reports_once),
	KTEST_DEATH_CASE(divide_error_panics, "divide error (vector 0)"),
	KTEST_DEATH_CASE(invalid_opcode_panics, "invalid opcode (vector 6)"),
	KTEST_DEATH_CASE(breakpoint_panics, "breakpoint (vector 3)"),
	KTEST_DEATH_CASE(bug_on_panics, "BUG_ON(zero == 0)"),
	KTEST_DEATH_CASE(panic_names_location, "self-test panic 42"),
	{}
};
KTEST_SUITE(traps, traps_cases);
