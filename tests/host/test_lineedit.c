// SPDX-License-Identifier: MIT
/*
 * Host tests of lib/lineedit.c, the monitor's line editor: bytes in, the
 * finished line and the terminal echo out.
 */
#include "htest.h"

#include <lib/lineedit.h>

static struct line_editor le;
static char screen[4096];	/* everything echoed since reset() */
static size_t screen_len;

static void capture(const char *s, size_t len, void *ctx)
{
	if (screen_len + len < sizeof(screen)) {
		memcpy(screen + screen_len, s, len);
		screen_len += len;
		screen[screen_len] = '\0';
	}
}

static void reset(void)
{
	line_editor_init(&le, capture, NULL);
	screen_len = 0;
	screen[0] = '\0';
}

/* Feed @keys; return how many lines they ended. */
static int type(const char *keys)
{
	int lines = 0;

	for (; *keys; keys++)
		lines += line_editor_feed(&le, (unsigned char)*keys);
	return lines;
}

HTEST(plain_line_is_echoed_and_returned)
{
	reset();
	HT_EXPECT_EQ(type("pt 0x1000\r"), 1);
	HT_EXPECT_STREQ(le.buf, "pt 0x1000");
	HT_EXPECT_STREQ(screen, "pt 0x1000\n");
}

HTEST(cr_lf_ends_one_line_and_lf_alone_ends_one)
{
	reset();
	HT_EXPECT_EQ(type("a\r\nb\n\n"), 3);
	HT_EXPECT_STREQ(le.buf, "");	/* the last, empty line */
	HT_EXPECT_EQ(le.nr_history, 2);
}

HTEST(backspace_and_delete_erase_one_char)
{
	reset();
	HT_EXPECT_EQ(type("kmapp\x7f 1\b2\r"), 1);
	HT_EXPECT_STREQ(le.buf, "kmap 2");
	HT_EXPECT_STREQ(screen, "kmapp\b \b 1\b \b2\n");
}

HTEST(backspace_on_empty_line_does_nothing)
{
	reset();
	HT_EXPECT_EQ(type("\x7f\x7fx\r"), 1);
	HT_EXPECT_STREQ(le.buf, "x");
	HT_EXPECT_STREQ(screen, "x\n");
}

HTEST(up_arrow_recalls_latest_then_older)
{
	reset();
	type("one\rtwo\r");
	HT_EXPECT_EQ(type("\x1b[A\r"), 1);
	HT_EXPECT_STREQ(le.buf, "two");
	HT_EXPECT_EQ(type("\x1b[A\x1b[A\r"), 1);	/* two (again), then one */
	HT_EXPECT_STREQ(le.buf, "one");
}

HTEST(up_stops_at_oldest_and_down_returns_to_draft)
{
	reset();
	type("one\rtwo\r");
	type("dr");
	type("\x1b[A\x1b[A\x1b[A\x1b[A");	/* past the oldest: stays there */
	HT_EXPECT_STREQ(le.buf, "one");
	type("\x1b[B");
	HT_EXPECT_STREQ(le.buf, "two");
	type("\x1b[B");
	HT_EXPECT_STREQ(le.buf, "dr");
	type("\x1b[B");			/* below the draft: nothing */
	HT_EXPECT_STREQ(le.buf, "dr");
}

HTEST(recalled_line_is_edited_and_echo_replaces_it)
{
	reset();
	type("kmap 10\r");
	screen_len = 0;
	HT_EXPECT_EQ(type("\x1bOA\x7f" "1\r"), 1);	/* application mode */
	HT_EXPECT_STREQ(le.buf, "kmap 11");
	HT_EXPECT_STREQ(screen, "kmap 10\b \b1\n");
}

HTEST(other_escape_sequences_are_swallowed)
{
	reset();
	HT_EXPECT_EQ(type("a\x1b[3~\x1b[C\x1b[1;5Db\r"), 1);
	HT_EXPECT_STREQ(le.buf, "ab");
}

HTEST(history_skips_empty_and_repeated_lines)
{
	reset();
	type("x\rx\r\r  \ry\r");
	HT_EXPECT_EQ(le.nr_history, 3);	/* x, "  ", y */
}

HTEST(history_keeps_the_latest_when_full)
{
	char line[16];

	reset();
	for (int i = 0; i < LINE_EDIT_HISTORY + 5; i++) {
		snprintf(line, sizeof(line), "c%d\r", i);
		type(line);
	}
	HT_EXPECT_EQ(le.nr_history, LINE_EDIT_HISTORY);
	for (int i = 0; i < LINE_EDIT_HISTORY + 3; i++)
		type("\x1b[A");
	snprintf(line, sizeof(line), "c%d", 5);	/* the oldest kept */
	HT_EXPECT_STREQ(le.buf, line);
}

HTEST(ctrl_u_erases_and_ctrl_c_abandons)
{
	reset();
	HT_EXPECT_EQ(type("junk\x15ok\r"), 1);
	HT_EXPECT_STREQ(le.buf, "ok");
	HT_EXPECT_EQ(type("halt\x03"), 1);
	HT_EXPECT_STREQ(le.buf, "");
	HT_EXPECT_EQ(le.nr_history, 1);
}

HTEST(long_line_is_capped_and_controls_ignored)
{
	reset();
	for (int i = 0; i < LINE_EDIT_MAX + 10; i++)
		type("a");
	type("\x01\x02\t");
	HT_EXPECT_EQ(le.len, LINE_EDIT_MAX - 1);
	HT_EXPECT_EQ(type("\r"), 1);
	HT_EXPECT_EQ(strlen(le.buf), LINE_EDIT_MAX - 1);
}

HTEST_MAIN("lineedit")
