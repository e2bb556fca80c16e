// SPDX-License-Identifier: MIT
/*
 * The harness tests itself: a failed expectation must be recorded (also
 * for 64-bit values differing only in their high half), an assertion must
 * end the case, a skip must carry its reason, and the glob must select
 * exactly what it names. Inner cases run on a private, quiet struct ktest.
 */
#include <kernel/ktest.h>
#include <top/ktest_runner.h>
#include <lib/string.h>

static const struct ktest_case inner_case = { .name = "inner" };

/* Run @body on a fresh quiet ktest; returns its status. */
static enum ktest_status run_inner(void (*body)(struct ktest *), bool *reached_end)
{
	static struct ktest inner;

	memset(&inner, 0, sizeof(inner));
	inner.tcase = &inner_case;
	inner.quiet = true;
	*reached_end = false;
	if (k_setjmp(&inner.abort) == 0)
		body(&inner);
	else
		return inner.status;
	*reached_end = true;
	return inner.status;
}

static void body_expect_fails(struct ktest *t)
{
	KEXPECT_EQ(t, 1, 2);
}

static void body_expect_passes(struct ktest *t)
{
	KEXPECT_EQ(t, 3, 3);
	KEXPECT_LT(t, -1, 0);
	KEXPECT_STREQ(t, "abc", "abc");
	KEXPECT_MEMEQ(t, "xyz", "xyz", 3);
	KEXPECT_NULL(t, NULL);
}

static void body_high_half_differs(struct ktest *t)
{
	KEXPECT_EQ(t, 0x100000000ULL, 0ULL);
}

static void body_assert_stops(struct ktest *t)
{
	KASSERT_TRUE(t, false);
	KEXPECT_TRUE(t, true);
}

static void body_skips(struct ktest *t)
{
	ktest_skip(t, "not today");
}

static void body_streq_fails(struct ktest *t)
{
	KEXPECT_STREQ(t, "abc", "abd");
}

static void body_memeq_fails(struct ktest *t)
{
	KEXPECT_MEMEQ(t, "abc", "abd", 3);
}

static void expectation_failure_is_recorded(struct ktest *t)
{
	bool end;

	KEXPECT_EQ(t, run_inner(body_expect_fails, &end), KTEST_FAIL);
	KEXPECT_TRUE(t, end);	/* an EXPECT goes on */
	KEXPECT_EQ(t, run_inner(body_expect_passes, &end), KTEST_PASS);
	KEXPECT_EQ(t, run_inner(body_high_half_differs, &end), KTEST_FAIL);
	KEXPECT_EQ(t, run_inner(body_streq_fails, &end), KTEST_FAIL);
	KEXPECT_EQ(t, run_inner(body_memeq_fails, &end), KTEST_FAIL);
}

static void assertion_ends_the_case(struct ktest *t)
{
	bool end;

	KEXPECT_EQ(t, run_inner(body_assert_stops, &end), KTEST_FAIL);
	KEXPECT_FALSE(t, end);
}

static void skip_carries_reason(struct ktest *t)
{
	bool end;
	static struct ktest probe;

	KEXPECT_EQ(t, run_inner(body_skips, &end), KTEST_SKIP);
	KEXPECT_FALSE(t, end);
	memset(&probe, 0, sizeof(probe));
	probe.tcase = &inner_case;
	if (k_setjmp(&probe.abort) == 0)
		ktest_skip(&probe, "because");
	KEXPECT_STREQ(t, probe.skip_reason, "because");
}

struct glob_case {
	const char *glob, *name;
	bool match;
};

static const struct glob_case globs[] = {
	{ "paging.*", "paging.identity_map_gone", true },
	{ "paging.*", "pagingx.a", false },
	{ "*.null_*", "paging.null_deref_faults", true },
	{ "paging.null_deref_faults", "paging.null_deref_faults", true },
	{ "paging.null_deref_faults", "paging.null_deref_fault", false },
	{ "p?ging.*", "paging.x", true },
	{ "*", "anything.at_all", true },
	{ "a*b*c", "a_b_c", true },
	{ "a*b*c", "a_c_b", false },
	{ "", "x", false },
};

static void describe_glob(const void *p, char *buf, size_t size)
{
	const struct glob_case *g = p;

	strlcpy(buf, g->glob[0] ? g->glob : "(empty)", size);
}

static const struct ktest_params glob_params = {
	globs, ARRAY_SIZE(globs), sizeof(globs[0]), describe_glob,
};

static void glob_selects_cases(struct ktest *t)
{
	const struct glob_case *g = t->param;

	KEXPECT_EQ(t, ktest_glob_match(g->glob, g->name), g->match);
}

static int init_calls, exit_calls;

static void count_init(struct ktest *t)
{
	init_calls++;
	t->priv = &init_calls;
}

static void count_exit(struct ktest *t)
{
	exit_calls++;
}

static void setup_runs_before_each_case(struct ktest *t)
{
	KEXPECT_EQ(t, (u32)t->priv, (u32)&init_calls);
	KEXPECT_EQ(t, init_calls, exit_calls + 1);
}

static void teardown_ran_after_previous_case(struct ktest *t)
{
	KEXPECT_GE(t, exit_calls, 1);
	KEXPECT_EQ(t, init_calls, exit_calls + 1);
}

static struct ktest_case ktest_cases[] = {
	KTEST_CASE(expectation_failure_is_recorded),
	KTEST_CASE(assertion_ends_the_case),
	KTEST_CASE(skip_carries_reason),
	KTEST_PARAM_CASE(glob_selects_cases, glob_params),
	KTEST_CASE(setup_runs_before_each_case),
	KTEST_CASE(teardown_ran_after_previous_case),
	{}
};
KTEST_SUITE_FULL(ktest, ktest_cases, NULL, count_init, count_exit);
