/* SPDX-License-Identifier: MIT */
/*
 * The self-test runner (top/ktest.c): what kmain, the monitor and the
 * runner's own tests call. Test files register suites and check results
 * through <kernel/ktest.h>, which any file may include; this header is for
 * the top floor and the tests only.
 */
#ifndef HM386_TOP_KTEST_RUNNER_H
#define HM386_TOP_KTEST_RUNNER_H

#include <types.h>

/* ktest_run_from_cmdline - run what `ktest=` selects and leave QEMU; returns
 * only when no `ktest=` was given. */
void ktest_run_from_cmdline(void);

/*
 * ktest_run - run the cases @glob selects ("all", or a glob on suite.case)
 * and print KTAP; true when at least one ran and none failed. Death cases
 * run only when @allow_death and one case is selected; otherwise they are
 * skipped. Returns to the caller (the monitor's `test`).
 */
bool ktest_run(const char *glob, bool allow_death);

/* ktest_started_by_cmdline - true while `ktest=` runs the tests; false when
 * the monitor's `test` does (the command line then has no ktest=). */
bool ktest_started_by_cmdline(void);

/* ktest_glob_match - shell-style match of @name against @glob (* and ?). */
bool ktest_glob_match(const char *glob, const char *name);

#endif
