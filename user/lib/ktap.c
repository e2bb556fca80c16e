// SPDX-License-Identifier: MIT
/* KTAP output for the /tests programs (ktap.h). */
#include <errno.h>
#include <ktap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int indent = -1;
static int planned, done, failed_cases;
static bool case_failed;

int ktap_indent(void)
{
	if (indent < 0) {
		const char *v = getenv("KTAP_INDENT");

		indent = v ? atoi(v) : 0;
		if (indent < 0 || indent > 64)
			indent = 0;
	}
	return indent;
}

/* One line at @extra spaces past the indentation, in one write(). */
static void line(int extra, const char *fmt, va_list ap)
{
	char buf[512];
	int n = snprintf(buf, sizeof(buf), "%*s", ktap_indent() + extra, "");

	vsnprintf(buf + n, sizeof(buf) - n - 1, fmt, ap);
	n = strlen(buf);	/* cut short when it did not fit */
	buf[n++] = '\n';
	write(STDOUT_FILENO, buf, n);
}

static void linef(int extra, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line(extra, fmt, ap);
	va_end(ap);
}

void ktap_begin(const char *name, int plan)
{
	planned = plan;
	linef(0, "KTAP version 1");
	linef(0, "# Subtest: %s", name);
	linef(0, "1..%d", plan);
}

void ktap_diag(const char *fmt, ...)
{
	char text[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	linef(2, "# %s", text);
}

void ktap_fail(const char *file, int line_no, const char *fmt, ...)
{
	char text[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	case_failed = true;
	linef(2, "# EXPECTATION FAILED at %s:%d", file, line_no);
	linef(2, "# %s", text);
}

bool ktap_case(const char *name)
{
	bool passed = !case_failed;

	linef(0, "%s %d %s", passed ? "ok" : "not ok", ++done, name);
	failed_cases += !passed;
	case_failed = false;
	return passed;
}

void ktap_skip(const char *name, const char *reason)
{
	linef(0, "ok %d %s # SKIP %s", ++done, name, reason);
	case_failed = false;
}

int ktap_case_status(void)
{
	return case_failed;
}

int ktap_end(void)
{
	if (done != planned)
		linef(0, "# %d cases planned, %d ran", planned, done);
	return failed_cases || done != planned;
}

int ktap_expect_errno(const char *file, int line, long ret, int err,
		      const char *what)
{
	if (ret == -1 && errno == err)
		return 1;
	ktap_fail(file, line, "%s: %ld, errno %s, wanted %s", what, ret,
		  ret == -1 ? strerror(errno) : "-", strerror(err));
	return 0;
}
