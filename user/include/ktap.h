/* SPDX-License-Identifier: MIT */
/*
 * KTAP version 1 for the /tests programs, shaped like the kernel's self-tests
 * (KUnit): a program is one subtest whose cases are its checks.
 *
 *	ktap_begin("fork_cow", 3);		header and plan
 *	EXPECT_EQ(byte, 0x5a);			in a case: a failed expectation
 *						prints where and what, the case
 *						goes on
 *	ktap_case("child_sees_parent_bytes");	the case's result line
 *	ktap_skip("oom_killed", "hm386 only");	a case that cannot run here
 *	return ktap_end();			0 when no case failed, else 1
 *
 * Every line is indented by the number in the environment variable
 * KTAP_INDENT (0 when absent): the kernel's `user` suite, or /bin/runtests,
 * runs a program with KTAP_INDENT=4 and prints the program's own result
 * line ("  ok N fork_cow") from its exit status, so the program's lines nest
 * as a parameterized case's do. Diagnostics sit two spaces deeper than the
 * result they precede. Output goes to fd 1 with one write() per line, so a
 * forked child's lines never mix inside a parent's.
 */
#ifndef USER_KTAP_H
#define USER_KTAP_H

#include <stddef.h>

/* Print the header of subtest @name with @plan cases. */
void ktap_begin(const char *name, int plan);
/* Print a diagnostic line "# ..." for the case under way. */
void ktap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Record a failed expectation of the case under way and print where. */
void ktap_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Close the case under way: "ok N @name", or "not ok" when an expectation
 * failed since the last case. Returns true when it passed. */
bool ktap_case(const char *name);
/* A case that does not run here: "ok N @name # SKIP @reason". */
void ktap_skip(const char *name, const char *reason);
/* The exit status: 0 when every case passed or was skipped and as many ran
 * as planned, 1 otherwise (a wrong count gets a diagnostic). */
int ktap_end(void);

/* 1 when an expectation failed in this process since the last case, else
 * 0: what a forked child that checked part of a case exits with, so that
 * its parent's case can EXPECT it (the child's diagnostics print as it
 * goes; only the parent prints result lines). */
int ktap_case_status(void);

/* The indentation KTAP_INDENT asks for (0 when absent or not a number). */
int ktap_indent(void);

#define EXPECT(cond) \
	((cond) ? 1 : (ktap_fail(__FILE__, __LINE__, "%s", #cond), 0))
/* ktap_expect_errno - a failure unless @ret is -1 with errno @err; @what
 * names the call. The body of EXPECT_ERRNO(). */
int ktap_expect_errno(const char *file, int line, long ret, int err,
		      const char *what);
#define EXPECT_ERRNO(ret, err, what) \
	ktap_expect_errno(__FILE__, __LINE__, (long)(ret), err, what)
#define EXPECT_EQ(a, b) ({ \
	long long _a = (long long)(a), _b = (long long)(b); \
	_a == _b ? 1 : (ktap_fail(__FILE__, __LINE__, \
		"Expected %s == %s, got %lld (0x%llx) and %lld (0x%llx)", \
		#a, #b, _a, _a, _b, _b), 0); })
#define EXPECT_NE(a, b) ({ \
	long long _a = (long long)(a), _b = (long long)(b); \
	_a != _b ? 1 : (ktap_fail(__FILE__, __LINE__, \
		"Expected %s != %s, both %lld", #a, #b, _a), 0); })

#endif
