/* SPDX-License-Identifier: MIT */
/*
 * htest: a tiny test harness for code compiled on the host (with ASan and
 * UBSan). Cases register themselves with HTEST(name) { ... }; HTEST_MAIN()
 * runs them all and prints KTAP version 1, like the in-kernel suites, so the
 * host runner parses both the same way. Exit status: 0 all passed, 1 not.
 *
 *	HTEST(parses_empty) {
 *		HT_EXPECT_EQ(parse(""), 0);
 *	}
 *	HTEST_MAIN("lib")
 */
#ifndef HM386_TESTS_HTEST_H
#define HM386_TESTS_HTEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct htest_case {
	const char *name;
	void (*fn)(void);
	struct htest_case *next;
};

static struct htest_case *htest_head, **htest_tail = &htest_head;
static const char *htest_current;
static int htest_failed;	/* current case failed */

static inline void htest_register(struct htest_case *c)
{
	*htest_tail = c;
	htest_tail = &c->next;
}

#define HTEST(name)							\
	static void htest_fn_##name(void);				\
	static struct htest_case htest_case_##name = {			\
		#name, htest_fn_##name, NULL };				\
	__attribute__((constructor)) static void htest_reg_##name(void) \
	{ htest_register(&htest_case_##name); }				\
	static void htest_fn_##name(void)

#define HT_FAIL(fmt, ...) do {						\
	printf("    # %s: EXPECTATION FAILED at %s:%d\n    # " fmt "\n",	\
	       htest_current, __FILE__, __LINE__, ##__VA_ARGS__);	\
	htest_failed = 1;						\
} while (0)

/* Integer comparisons, evaluated once, printed as signed and hex. */
#define HT_EXPECT_OP(a, op, b) do {					\
	long long ht_a_ = (long long)(a), ht_b_ = (long long)(b);	\
	if (!(ht_a_ op ht_b_))						\
		HT_FAIL("expected %s %s %s, got %lld (0x%llx) vs %lld (0x%llx)", \
			#a, #op, #b, ht_a_, (unsigned long long)ht_a_,	\
			ht_b_, (unsigned long long)ht_b_);		\
} while (0)
#define HT_EXPECT_EQ(a, b) HT_EXPECT_OP(a, ==, b)
#define HT_EXPECT_NE(a, b) HT_EXPECT_OP(a, !=, b)
#define HT_EXPECT_LT(a, b) HT_EXPECT_OP(a, <, b)
#define HT_EXPECT_LE(a, b) HT_EXPECT_OP(a, <=, b)
#define HT_EXPECT_GT(a, b) HT_EXPECT_OP(a, >, b)
#define HT_EXPECT_GE(a, b) HT_EXPECT_OP(a, >=, b)
#define HT_EXPECT_TRUE(a) HT_EXPECT_OP(!!(a), ==, 1)
#define HT_EXPECT_FALSE(a) HT_EXPECT_OP(!!(a), ==, 0)
#define HT_EXPECT_STREQ(a, b) do {					\
	const char *ht_sa_ = (a), *ht_sb_ = (b);			\
	if (strcmp(ht_sa_, ht_sb_) != 0)				\
		HT_FAIL("expected %s == %s, got \"%s\" vs \"%s\"",	\
			#a, #b, ht_sa_, ht_sb_);			\
} while (0)
#define HT_EXPECT_MEMEQ(a, b, n) do {					\
	if (memcmp((a), (b), (n)) != 0)					\
		HT_FAIL("expected %zu bytes of %s == %s", (size_t)(n), #a, #b); \
} while (0)

#define HTEST_MAIN(suite)						\
int main(void)								\
{									\
	struct htest_case *c;						\
	int n = 0, i = 0, bad = 0;					\
	for (c = htest_head; c; c = c->next)				\
		n++;							\
	printf("KTAP version 1\n1..1\n  KTAP version 1\n"		\
	       "  # Subtest: %s\n  1..%d\n", suite, n);			\
	for (c = htest_head; c; c = c->next) {				\
		htest_current = c->name;				\
		htest_failed = 0;					\
		c->fn();						\
		bad += htest_failed;					\
		printf("  %sok %d %s\n", htest_failed ? "not " : "", ++i, c->name); \
		fflush(stdout);						\
	}								\
	printf("%sok 1 %s\n", bad ? "not " : "", suite);		\
	return bad ? 1 : 0;						\
}

#endif
