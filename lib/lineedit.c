// SPDX-License-Identifier: MIT
/*
 * The monitor's line editor: a small state machine over terminal bytes.
 * The terminal is assumed to be at the end of the line being edited, so
 * erasing is "\b \b" per character and replacing the line (history) is
 * erasing it all and echoing the new one.
 */
#include <lib/lineedit.h>
#include <lib/string.h>

#define KEY_CTRL_C	0x03
#define KEY_BS		0x08
#define KEY_LF		'\n'
#define KEY_CR		'\r'
#define KEY_CTRL_U	0x15
#define KEY_ESC		0x1b
#define KEY_DEL		0x7f

enum esc_state {
	ESC_NONE,
	ESC_SEEN,	/* ESC */
	ESC_CSI,	/* ESC [ or ESC O: parameters until a final byte */
};

static void echo(struct line_editor *le, const char *s, size_t len)
{
	le->echo(s, len, le->ctx);
}

void line_editor_init(struct line_editor *le,
		      void (*echo_fn)(const char *s, size_t len, void *ctx),
		      void *ctx)
{
	memset(le, 0, sizeof(*le));
	le->echo = echo_fn;
	le->ctx = ctx;
}

static void erase_line(struct line_editor *le)
{
	while (le->len) {
		echo(le, "\b \b", 3);
		le->buf[--le->len] = '\0';
	}
}

/* Show @text as the line being edited. */
static void replace_line(struct line_editor *le, const char *text)
{
	erase_line(le);
	strlcpy(le->buf, text, sizeof(le->buf));
	le->len = strlen(le->buf);
	echo(le, le->buf, le->len);
}

/* The n-th latest history line (1: the latest). */
static const char *history_line(const struct line_editor *le, u32 n)
{
	return le->history[(le->newest + LINE_EDIT_HISTORY - (n - 1)) %
			   LINE_EDIT_HISTORY];
}

static void history_up(struct line_editor *le)
{
	if (le->browse == le->nr_history)
		return;
	if (le->browse == 0)
		strlcpy(le->draft, le->buf, sizeof(le->draft));
	replace_line(le, history_line(le, ++le->browse));
}

static void history_down(struct line_editor *le)
{
	if (le->browse == 0)
		return;
	if (--le->browse == 0)
		replace_line(le, le->draft);
	else
		replace_line(le, history_line(le, le->browse));
}

static void history_add(struct line_editor *le)
{
	if (!le->len || (le->nr_history && !strcmp(history_line(le, 1), le->buf)))
		return;
	le->newest = (le->newest + 1) % LINE_EDIT_HISTORY;
	strlcpy(le->history[le->newest], le->buf, LINE_EDIT_MAX);
	if (le->nr_history < LINE_EDIT_HISTORY)
		le->nr_history++;
}

/* A byte of an escape sequence; arrow keys walk the history. */
static void feed_escape(struct line_editor *le, int c)
{
	if (le->esc == ESC_SEEN) {
		le->esc = (c == '[' || c == 'O') ? ESC_CSI : ESC_NONE;
		return;
	}
	if (c < 0x40 || c > 0x7e)	/* a parameter byte: wait for the final */
		return;
	le->esc = ESC_NONE;
	if (c == 'A')
		history_up(le);
	else if (c == 'B')
		history_down(le);
}

/* The line is complete: start the next one. */
static bool end_line(struct line_editor *le)
{
	echo(le, "\n", 1);
	history_add(le);
	le->len = 0;		/* buf keeps the line until the next byte */
	le->browse = 0;
	return true;
}

bool line_editor_feed(struct line_editor *le, int c)
{
	bool after_cr = le->after_cr;

	le->after_cr = c == KEY_CR;
	if (le->len == 0)
		le->buf[0] = '\0';	/* the previous line is gone */
	if (le->esc != ESC_NONE) {
		feed_escape(le, c);
		return false;
	}
	switch (c) {
	case KEY_CR:
		return end_line(le);
	case KEY_LF:
		return after_cr ? false : end_line(le);
	case KEY_BS:
	case KEY_DEL:
		if (le->len) {
			echo(le, "\b \b", 3);
			le->buf[--le->len] = '\0';
		}
		return false;
	case KEY_CTRL_U:
		erase_line(le);
		return false;
	case KEY_CTRL_C:
		echo(le, "^C", 2);
		le->len = 0;
		le->buf[0] = '\0';
		le->browse = 0;
		echo(le, "\n", 1);
		return true;
	case KEY_ESC:
		le->esc = ESC_SEEN;
		return false;
	}
	if (c < 0x20 || c > 0x7e || le->len + 1 >= LINE_EDIT_MAX)
		return false;	/* other control bytes; a full line */
	le->buf[le->len++] = (char)c;
	le->buf[le->len] = '\0';
	echo(le, le->buf + le->len - 1, 1);
	return false;
}
