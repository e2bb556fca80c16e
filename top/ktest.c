// SPDX-License-Identifier: MIT
/*
 * The self-test runner: selects cases by `ktest=`, runs them, prints KTAP
 * version 1 on the console and leaves QEMU with pass or fail.
 *
 * Output shape (two spaces of indent per level):
 *
 *	KTAP version 1
 *	1..2
 *	  KTAP version 1
 *	  # Subtest: paging
 *	  1..2
 *	  ok 1 identity_map_gone
 *	    # direct_map: EXPECTATION FAILED at tests/kernel/paging_test.c:40
 *	    # Expected ...
 *	  not ok 2 direct_map
 *	not ok 1 paging
 */
#include <kernel/cmdline.h>
#include <kernel/context_check.h>
#include <kernel/ktest.h>
#include <kernel/monitor.h>
#include <kernel/printk.h>
#include <kernel/qemu_exit.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <top/ktest_runner.h>
#include <top/monitor.h>

#define KTEST_GLOB_MAX 128

extern const struct ktest_suite __start_ktest_suites[], __stop_ktest_suites[];

static char ktest_glob[KTEST_GLOB_MAX];
KERNEL_PARAM_STRING(ktest, ktest_glob,
		    "run self-tests: all, list, or a glob on suite.case");

#define for_each_suite(s) \
	for (const struct ktest_suite *s = __start_ktest_suites; s < __stop_ktest_suites; s++)
#define for_each_case(s, c) \
	for (const struct ktest_case *c = (s)->cases; c->name; c++)

bool ktest_glob_match(const char *glob, const char *name)
{
	const char *star = NULL, *resume = NULL;

	while (*name) {
		if (*glob == '*') {
			star = glob++;
			resume = name;
		} else if (*glob == '?' || *glob == *name) {
			glob++;
			name++;
		} else if (star) {
			glob = star + 1;
			name = ++resume;
		} else {
			return false;
		}
	}
	while (*glob == '*')
		glob++;
	return !*glob;
}

/* The glob of the run in progress: `ktest=`'s, or the monitor's. */
static const char *run_glob;
static bool run_by_cmdline;

bool ktest_started_by_cmdline(void)
{
	return run_by_cmdline;
}

static bool case_selected(const struct ktest_suite *s, const struct ktest_case *c)
{
	char full[128];

	if (!strcmp(run_glob, "all"))
		return true;
	snprintf(full, sizeof(full), "%s.%s", s->name, c->name);
	return ktest_glob_match(run_glob, full);
}

/* Print @text as KTAP diagnostic lines ("# ...") at @indent spaces. */
static void print_diag(int indent, const char *text)
{
	while (*text) {
		const char *nl = strchr(text, '\n');
		int len = nl ? nl - text : (int)strlen(text);

		kprintf("%*s# %.*s\n", indent, "", len, text);
		text += len + (nl ? 1 : 0);
	}
}

static int diag_indent = 4;

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int n;

	t->status = KTEST_FAIL;
	if (t->quiet)
		return;
	n = snprintf(msg, sizeof(msg), "%s: EXPECTATION FAILED at %s:%d\n",
		     t->tcase->name, file, line);
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	va_end(ap);
	print_diag(diag_indent, msg);
}

void ktest_abort(struct ktest *t)
{
	k_longjmp(&t->abort, 1);
}

void ktest_skip(struct ktest *t, const char *reason)
{
	if (t->status != KTEST_FAIL)
		t->status = KTEST_SKIP;
	strlcpy(t->skip_reason, reason, sizeof(t->skip_reason));
	k_longjmp(&t->abort, 1);
}

bool __ktest_streq(struct ktest *t, const char *file, int line,
		   const char *as, const char *bs, const char *a, const char *b)
{
	if (a && b && !strcmp(a, b))
		return true;
	ktest_fail(t, file, line, "Expected %s == %s, but\n        %s == \"%s\"\n"
		   "        %s == \"%s\"", as, bs, as, a ? a : "(null)", bs,
		   b ? b : "(null)");
	return false;
}

bool __ktest_memeq(struct ktest *t, const char *file, int line,
		   const char *as, const char *bs, const void *a, const void *b,
		   size_t n)
{
	const u8 *x = a, *y = b;

	for (size_t i = 0; i < n; i++) {
		if (x[i] != y[i]) {
			ktest_fail(t, file, line, "Expected %s == %s (%zu bytes), "
				   "but byte %zu differs: 0x%02x vs 0x%02x",
				   as, bs, n, i, x[i], y[i]);
			return false;
		}
	}
	return true;
}

/*
 * A case must give back what it took: whatever a CONTEXT_CHECK counts
 * (kmap_local slots, kmap() users, disabled preemption or pagefaults).
 * One that did not (often a KASSERT that ended it early) fails, and the
 * state is repaired so that the next case starts clean.
 */
static void check_case_left_clean(struct ktest *t)
{
	char held[CONTEXT_HELD_MAX];

	if (context_held(CONTEXT_ALL, held, sizeof(held))) {
		ktest_fail(t, __FILE__, __LINE__, "the case left %s", held);
		context_repair(CONTEXT_ALL);
	}
}

/* Run @t's case once (for one parameter if it has them). */
static enum ktest_status run_once(struct ktest *t)
{
	t->status = KTEST_PASS;
	t->skip_reason[0] = '\0';
	t->priv = NULL;
	if (k_setjmp(&t->abort) == 0) {
		if (t->suite->init)
			t->suite->init(t);
		t->tcase->run(t);
	}
	if (t->suite->exit && k_setjmp(&t->abort) == 0)
		t->suite->exit(t);
	check_case_left_clean(t);
	return t->status;
}

static void print_result(int indent, enum ktest_status st, u32 n,
			 const char *name, const char *skip_reason)
{
	kprintf("%*s%s %u %s", indent, "", st == KTEST_FAIL ? "not ok" : "ok",
		n, name);
	if (st == KTEST_SKIP)
		kprintf(" # SKIP %s", skip_reason);
	kprintf("\n");
}

/* A parameterized case: a nested subtest with one result per element. */
static enum ktest_status run_params(struct ktest *t)
{
	const struct ktest_params *p = t->tcase->params;
	enum ktest_status worst = KTEST_SKIP;
	char desc[64];

	kprintf("    KTAP version 1\n    # Subtest: %s\n    1..%u\n",
		t->tcase->name, p->count);
	diag_indent = 6;
	for (u32 i = 0; i < p->count; i++) {
		enum ktest_status st;

		t->param = (const u8 *)p->array + i * p->elem_size;
		p->describe(t->param, desc, sizeof(desc));
		st = run_once(t);
		print_result(4, st, i + 1, desc, t->skip_reason);
		if (st == KTEST_FAIL || (st == KTEST_PASS && worst == KTEST_SKIP))
			worst = st;
	}
	diag_indent = 4;
	t->param = NULL;
	return worst;
}

static enum ktest_status run_case(const struct ktest_suite *s,
				  const struct ktest_case *c, bool alone,
				  struct ktest *t)
{
	memset(t, 0, sizeof(*t));
	t->suite = s;
	t->tcase = c;
	if (c->death_message && !alone) {
		strlcpy(t->skip_reason, "death test (runs alone)", sizeof(t->skip_reason));
		return KTEST_SKIP;
	}
	if (c->death_message)
		kprintf("    # death-expect: %s\n", c->death_message);
	if (c->params)
		return run_params(t);
	if (run_once(t) == KTEST_PASS && c->death_message) {
		print_diag(4, "death case returned without the expected panic");
		return KTEST_FAIL;
	}
	return t->status;
}

static void ktest_list(void)
{
	for_each_suite(s) {
		for_each_case(s, c) {
			if (c->death_message)
				kprintf("ktest-list: %s.%s death \"%s\"\n", s->name,
					c->name, c->death_message);
			else
				kprintf("ktest-list: %s.%s\n", s->name, c->name);
		}
	}
}

/* Run the selected cases of @s as subtest @index; true when none failed. */
static bool run_suite(const struct ktest_suite *s, u32 index, bool alone)
{
	u32 n = 0, skipped = 0, failed = 0;
	bool suite_skipped;
	struct ktest t;

	for_each_case(s, c)
		n += case_selected(s, c);
	kprintf("  KTAP version 1\n  # Subtest: %s\n  1..%u\n", s->name, n);
	suite_skipped = s->suite_init && s->suite_init() != 0;
	n = 0;
	for_each_case(s, c) {
		enum ktest_status st = KTEST_SKIP;

		if (!case_selected(s, c))
			continue;
		if (suite_skipped)
			strlcpy(t.skip_reason, "suite_init failed", sizeof(t.skip_reason));
		else
			st = run_case(s, c, alone, &t);
		print_result(2, st, ++n, c->name, t.skip_reason);
		failed += st == KTEST_FAIL;
		skipped += st == KTEST_SKIP;
	}
	print_result(0, failed ? KTEST_FAIL : skipped == n ? KTEST_SKIP : KTEST_PASS,
		     index, s->name, "all cases skipped");
	return !failed;
}

bool ktest_run(const char *glob, bool allow_death)
{
	u32 nr_suites = 0, nr_cases = 0, index = 0;
	bool passed = true;

	run_glob = glob;
	for_each_suite(s) {
		u32 n = 0;

		for_each_case(s, c)
			n += case_selected(s, c);
		nr_cases += n;
		nr_suites += n > 0;
	}
	kprintf("KTAP version 1\n1..%u\n", nr_suites);
	if (!nr_cases)
		kprintf("# no test matches ktest=%s\n", glob);
	for_each_suite(s) {
		bool any = false;

		for_each_case(s, c)
			any |= case_selected(s, c);
		if (any)
			passed &= run_suite(s, ++index,
					   allow_death && nr_cases == 1);
	}
	kprintf("# ktest: %u cases in %u suites, %s\n", nr_cases, nr_suites,
		passed && nr_cases ? "all passed" : "FAILED");
	return passed && nr_cases;
}

void ktest_run_from_cmdline(void)
{
	if (!ktest_glob[0])
		return;
	if (!strcmp(ktest_glob, "list")) {
		ktest_list();
		qemu_exit(QEMU_EXIT_PASS);
	}
	run_by_cmdline = true;
	qemu_exit(ktest_run(ktest_glob, true) ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
}

static int cmd_test(int argc, char **argv)
{
	if (argc != 2)
		return MONITOR_USAGE;
	if (!strcmp(argv[1], "list")) {
		ktest_list();
		return 0;
	}
	/* Cases check that they leave the kernel clean, and the pkmap cases
	 * count on the whole pool: start from a clean kernel. */
	if (!monitor_kernel_clean("the self-tests"))
		return MONITOR_ERROR;
	ktest_run(argv[1], false);
	return 0;
}
MONITOR_COMMAND(test, cmd_test, "GLOB|all|list",
		"run the self-tests GLOB matches (suite.case; no death tests)");
