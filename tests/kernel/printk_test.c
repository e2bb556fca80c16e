// SPDX-License-Identifier: MIT
/*
 * printk as the consoles see it, read back from the log: each line starts
 * with a boot timestamp, a line continued by a second printk has only one,
 * levels above `loglevel=` are not printed, and kprintf adds nothing.
 */
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <lib/string.h>

static char tail[256];

/* True if @s is "[%5u.%06u] " at its start. */
static bool starts_with_timestamp(const char *s)
{
	if (s[0] != '[' || s[13] != ']' || s[14] != ' ' || s[6] != '.')
		return false;
	for (int i = 7; i < 13; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return s[5] >= '0' && s[5] <= '9';
}

/* The last line of the log (after its last-but-one newline). */
static const char *last_line(void)
{
	size_t n;

	log_read_tail(tail, sizeof(tail));
	n = strlen(tail);
	if (n && tail[n - 1] == '\n')
		n--;
	while (n && tail[n - 1] != '\n')
		n--;
	return tail + n;
}

static void lines_carry_timestamps(struct ktest *t)
{
	const char *line;

	printk(KERN_INFO "printk-probe %d\n", 1);
	line = last_line();
	KEXPECT_TRUE(t, starts_with_timestamp(line));
	KEXPECT_STREQ(t, line + 15, "printk-probe 1\n");
}

static void continued_line_has_one_timestamp(struct ktest *t)
{
	const char *line;

	printk(KERN_INFO "part-a ");
	printk(KERN_INFO "part-b\n");
	line = last_line();
	KEXPECT_TRUE(t, starts_with_timestamp(line));
	KEXPECT_STREQ(t, line + 15, "part-a part-b\n");
	/* After a partial kprintf, printk continues that line. */
	kprintf("    # partial ");
	printk(KERN_INFO "continued\n");
	KEXPECT_STREQ(t, last_line(), "    # partial continued\n");
}

static void debug_level_filtered(struct ktest *t)
{
	u64 before = log_read_tail(tail, sizeof(tail));

	printk(KERN_DEBUG "must not be printed at loglevel 6\n");
	KEXPECT_EQ(t, log_read_tail(tail, sizeof(tail)), before);
	KEXPECT_NULL(t, strstr(tail, "must not be printed"));
}

static void kprintf_prints_verbatim(struct ktest *t)
{
	kprintf("    # kprintf-probe %s %04x\n", "ok", 0xbe);
	KEXPECT_STREQ(t, last_line(), "    # kprintf-probe ok 00be\n");
}

static struct ktest_case printk_cases[] = {
	KTEST_CASE(lines_carry_timestamps),
	KTEST_CASE(continued_line_has_one_timestamp),
	KTEST_CASE(debug_level_filtered),
	KTEST_CASE(kprintf_prints_verbatim),
	{}
};
KTEST_SUITE(printk, printk_cases);
