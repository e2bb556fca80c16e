// SPDX-License-Identifier: MIT
/*
 * The command-line parser on good and bad values, with a table of its own
 * parameters (the registered ones are not touched).
 */
#include <kernel/cmdline.h>
#include <kernel/ktest.h>
#include <lib/printf.h>
#include <lib/string.h>

static bool p_flag;
static u32 p_count;
static u64 p_big;
static u64 p_mem;
static char p_name[8];

static const struct kernel_param test_params[] = {
	{ "flag", KPARAM_BOOL, &p_flag, 0, "" },
	{ "count", KPARAM_UINT, &p_count, 0, "" },
	{ "big", KPARAM_U64, &p_big, 0, "" },
	{ "mem", KPARAM_SIZE, &p_mem, 0, "" },
	{ "name", KPARAM_STRING, p_name, sizeof(p_name), "" },
};

static char last_warning[256];
static u32 nr_warnings;

static void record_warning(const char *msg)
{
	strlcpy(last_warning, msg, sizeof(last_warning));
	nr_warnings++;
}

/* Defaults, then parse @line; returns the number of warnings. */
static u32 parse(const char *line)
{
	p_flag = false;
	p_count = 7;
	p_big = 7;
	p_mem = 7;
	strlcpy(p_name, "dflt", sizeof(p_name));
	last_warning[0] = '\0';
	nr_warnings = 0;
	return cmdline_parse(line, test_params, ARRAY_SIZE(test_params), record_warning);
}

/* A table of lines that must parse without a warning. */
struct good_line {
	const char *line;
	bool flag;
	u32 count;
	u64 big, mem;
	const char *name;
};

static const struct good_line good_lines[] = {
	{ "", false, 7, 7, 7, "dflt" },
	{ "flag", true, 7, 7, 7, "dflt" },
	{ "flag=off count=42", false, 42, 7, 7, "dflt" },
	{ "flag=yes count=0x10", true, 16, 7, 7, "dflt" },
	{ "count=4294967295", false, 4294967295U, 7, 7, "dflt" },
	{ "big=18446744073709551615", false, 7, ~0ULL, 7, "dflt" },
	{ "mem=512M", false, 7, 7, 512 * MiB, "dflt" },
	{ "mem=2G", false, 7, 7, 2 * GiB, "dflt" },
	{ "mem=64k", false, 7, 7, 64 * KiB, "dflt" },
	{ "mem=4096", false, 7, 7, 4096, "dflt" },
	{ "name=abc", false, 7, 7, 7, "abc" },
	{ "name=\"a b c\"", false, 7, 7, 7, "a b c" },
	{ "  \tflag   mem=1M\t ", true, 7, 7, MiB, "dflt" },
	{ "/boot/hm386.elf flag", true, 7, 7, 7, "dflt" },
	{ "count=1 count=2", false, 2, 7, 7, "dflt" },
	/* after --: init's arguments, neither applied nor warned about */
	{ "count=3 -- count=4 profile flag", false, 3, 7, 7, "dflt" },
};

static void describe_line(const void *p, char *buf, size_t size)
{
	snprintf(buf, size, "'%s'", ((const struct good_line *)p)->line);
}

static const struct ktest_params good_line_params = {
	good_lines, ARRAY_SIZE(good_lines), sizeof(good_lines[0]), describe_line,
};

static void good_values_parse(struct ktest *t)
{
	const struct good_line *g = t->param;

	KEXPECT_EQ(t, parse(g->line), 0);
	KEXPECT_EQ(t, p_flag, g->flag);
	KEXPECT_EQ(t, p_count, g->count);
	KEXPECT_EQ(t, p_big, g->big);
	KEXPECT_EQ(t, p_mem, g->mem);
	KEXPECT_STREQ(t, p_name, g->name);
}

static void bad_size_warns_and_keeps_default(struct ktest *t)
{
	KEXPECT_EQ(t, parse("mem=12q"), 1);
	KEXPECT_EQ(t, p_mem, 7);
	KEXPECT_STREQ(t, last_warning, "bad value '12q' for parameter 'mem' "
		      "(expected a size such as 4096, 512K, 64M or 2G); keeping the default");
	KEXPECT_EQ(t, parse("mem="), 1);
	KEXPECT_EQ(t, parse("mem=M"), 1);
	KEXPECT_EQ(t, parse("mem=-1"), 1);
	KEXPECT_EQ(t, parse("mem=99999999999999999999"), 1);
	KEXPECT_EQ(t, p_mem, 7);
}

static void bad_numbers_warn(struct ktest *t)
{
	KEXPECT_EQ(t, parse("count=4294967296"), 1);
	KEXPECT_EQ(t, p_count, 7);
	KEXPECT_EQ(t, parse("count=12abc big=0x"), 2);
	KEXPECT_EQ(t, p_count, 7);
	KEXPECT_EQ(t, p_big, 7);
	KEXPECT_EQ(t, parse("count"), 1);
	KEXPECT_STREQ(t, last_warning, "bad value '' for parameter 'count' "
		      "(expected a number below 2^32); keeping the default");
}

static void bad_bool_and_long_string_warn(struct ktest *t)
{
	KEXPECT_EQ(t, parse("flag=maybe"), 1);
	KEXPECT_FALSE(t, p_flag);
	KEXPECT_EQ(t, parse("name=toolongvalue"), 1);
	KEXPECT_STREQ(t, p_name, "dflt");
}

static void unknown_parameter_warns_rest_applies(struct ktest *t)
{
	KEXPECT_EQ(t, parse("bogus=1 count=3 alsobogus"), 2);
	KEXPECT_EQ(t, p_count, 3);
	KEXPECT_STREQ(t, last_warning, "unknown parameter 'alsobogus' ignored");
	/* A path is skipped only as the first word. */
	KEXPECT_EQ(t, parse("flag /boot/x"), 1);
}

static struct ktest_case cmdline_cases[] = {
	KTEST_PARAM_CASE(good_values_parse, good_line_params),
	KTEST_CASE(bad_size_warns_and_keeps_default),
	KTEST_CASE(bad_numbers_warn),
	KTEST_CASE(bad_bool_and_long_string_warn),
	KTEST_CASE(unknown_parameter_warns_rest_applies),
	{}
};
KTEST_SUITE(cmdline, cmdline_cases);
