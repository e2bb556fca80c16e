/* SPDX-License-Identifier: MIT */
/*
 * ktest: in-kernel self-tests with KUnit's shape and KTAP version 1 output.
 *
 * A suite is a file in tests/kernel/ (or beside the code it tests):
 *
 *	static void adds(struct ktest *t)
 *	{
 *		KEXPECT_EQ(t, 1 + 1, 2);
 *	}
 *	static struct ktest_case cases[] = {
 *		KTEST_CASE(adds),
 *		KTEST_DEATH_CASE(null_faults, "page fault at 0x00000000"),
 *		{}
 *	};
 *	KTEST_SUITE(arith, cases);
 *
 * KEXPECT_* record a failure and go on; KASSERT_* record it and end the
 * case. ktest_skip() ends the case as skipped. A death case must panic with
 * a message containing its string; it runs only when it is the one case that
 * `ktest=` selects (the host runner boots each alone), and is reported as
 * skipped in a wider run.
 *
 * `ktest=all` or `ktest=GLOB` (matched against "suite.case") runs tests and
 * then leaves QEMU with pass or fail; `ktest=list` prints the catalogue.
 */
#ifndef HM386_KERNEL_KTEST_H
#define HM386_KERNEL_KTEST_H

#include <types.h>
#include <lib/setjmp.h>

struct ktest;

/* A parameterized case runs once per element of a table. */
struct ktest_params {
	const void *array;
	u32 count;
	u32 elem_size;
	/* describe - a short name for element @p (into @buf). */
	void (*describe)(const void *p, char *buf, size_t size);
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
	const char *death_message;	/* non-NULL: a death case */
	const struct ktest_params *params;
};

struct ktest_suite {
	const char *name;
	struct ktest_case *cases;
	int (*suite_init)(void);	/* non-zero: skip the suite */
	void (*init)(struct ktest *t);	/* before each case */
	void (*exit)(struct ktest *t);	/* after each case, even failed */
};

enum ktest_status {
	KTEST_PASS,
	KTEST_FAIL,
	KTEST_SKIP,
};

struct ktest {
	const struct ktest_suite *suite;
	const struct ktest_case *tcase;
	const void *param;		/* the current element, if any */
	enum ktest_status status;
	char skip_reason[96];
	void *priv;			/* for init/exit and the case */
	bool quiet;			/* record failures without printing */
	struct jmp_buf abort;		/* KASSERT and ktest_skip land here */
};

#define KTEST_CASE(fn) { .name = #fn, .run = fn }
#define KTEST_DEATH_CASE(fn, msg) { .name = #fn, .run = fn, .death_message = msg }
#define KTEST_PARAM_CASE(fn, p) { .name = #fn, .run = fn, .params = &(p) }

#define KTEST_SUITE_FULL(sname, scases, sinit, cinit, cexit)		\
	static const struct ktest_suite __ktest_suite_##sname		\
	__used __section(".ktest_suites") __aligned(4) = {		\
		.name = #sname, .cases = scases, .suite_init = sinit,	\
		.init = cinit, .exit = cexit }
#define KTEST_SUITE(sname, scases) KTEST_SUITE_FULL(sname, scases, NULL, NULL, NULL)

/* Failure reporting, used by the macros below. */
void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
	__printf(4, 5);
void __noreturn ktest_abort(struct ktest *t);

/* ktest_skip - end the current case as skipped, with @reason. */
void __noreturn ktest_skip(struct ktest *t, const char *reason);

/*
 * Integer comparisons: both sides are evaluated once and widened to 64 bits,
 * so u64 physical addresses compare exactly.
 */
#define __KTEST_CMP(t, a, op, b, fatal) do {				\
	s64 __a = (s64)(a), __b = (s64)(b);				\
	if (!(__a op __b)) {						\
		ktest_fail(t, __FILE__, __LINE__,			\
			   "Expected %s %s %s, but\n"			\
			   "        %s == %lld (0x%llx)\n"		\
			   "        %s == %lld (0x%llx)",		\
			   #a, #op, #b, #a, __a, (u64)__a, #b, __b, (u64)__b); \
		if (fatal)						\
			ktest_abort(t);					\
	}								\
} while (0)

#define KEXPECT_EQ(t, a, b)	__KTEST_CMP(t, a, ==, b, 0)
#define KEXPECT_NE(t, a, b)	__KTEST_CMP(t, a, !=, b, 0)
#define KEXPECT_LT(t, a, b)	__KTEST_CMP(t, a, <, b, 0)
#define KEXPECT_LE(t, a, b)	__KTEST_CMP(t, a, <=, b, 0)
#define KEXPECT_GT(t, a, b)	__KTEST_CMP(t, a, >, b, 0)
#define KEXPECT_GE(t, a, b)	__KTEST_CMP(t, a, >=, b, 0)
#define KEXPECT_TRUE(t, c)	__KTEST_CMP(t, !!(c), ==, 1, 0)
#define KEXPECT_FALSE(t, c)	__KTEST_CMP(t, !!(c), ==, 0, 0)
#define KASSERT_EQ(t, a, b)	__KTEST_CMP(t, a, ==, b, 1)
#define KASSERT_NE(t, a, b)	__KTEST_CMP(t, a, !=, b, 1)
#define KASSERT_LT(t, a, b)	__KTEST_CMP(t, a, <, b, 1)
#define KASSERT_LE(t, a, b)	__KTEST_CMP(t, a, <=, b, 1)
#define KASSERT_GT(t, a, b)	__KTEST_CMP(t, a, >, b, 1)
#define KASSERT_GE(t, a, b)	__KTEST_CMP(t, a, >=, b, 1)
#define KASSERT_TRUE(t, c)	__KTEST_CMP(t, !!(c), ==, 1, 1)
#define KASSERT_FALSE(t, c)	__KTEST_CMP(t, !!(c), ==, 0, 1)

#define __KTEST_PTR(t, p, want_null, fatal) do {			\
	const void *__p = (p);						\
	if ((__p == NULL) != (want_null)) {				\
		ktest_fail(t, __FILE__, __LINE__,			\
			   "Expected %s %s NULL, but %s == %p",		\
			   #p, (want_null) ? "==" : "!=", #p, __p);	\
		if (fatal)						\
			ktest_abort(t);					\
	}								\
} while (0)
#define KEXPECT_NULL(t, p)		__KTEST_PTR(t, p, true, 0)
#define KEXPECT_NOT_NULL(t, p)		__KTEST_PTR(t, p, false, 0)
#define KASSERT_NULL(t, p)		__KTEST_PTR(t, p, true, 1)
#define KASSERT_NOT_NULL(t, p)		__KTEST_PTR(t, p, false, 1)

bool __ktest_streq(struct ktest *t, const char *file, int line,
		   const char *as, const char *bs, const char *a, const char *b);
bool __ktest_memeq(struct ktest *t, const char *file, int line,
		   const char *as, const char *bs, const void *a, const void *b,
		   size_t n);
#define KEXPECT_STREQ(t, a, b) __ktest_streq(t, __FILE__, __LINE__, #a, #b, a, b)
#define KASSERT_STREQ(t, a, b) do {					\
	if (!__ktest_streq(t, __FILE__, __LINE__, #a, #b, a, b))	\
		ktest_abort(t);						\
} while (0)
#define KEXPECT_MEMEQ(t, a, b, n) __ktest_memeq(t, __FILE__, __LINE__, #a, #b, a, b, n)
#define KASSERT_MEMEQ(t, a, b, n) do {					\
	if (!__ktest_memeq(t, __FILE__, __LINE__, #a, #b, a, b, n))	\
		ktest_abort(t);						\
} while (0)

#endif
