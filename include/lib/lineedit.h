/* SPDX-License-Identifier: MIT */
/*
 * A line editor for a serial console (lib/lineedit.c): printable characters,
 * backspace, Ctrl-U (erase the line), Ctrl-C (abandon it), and a history
 * walked with the up and down arrow keys (ANSI "ESC [ A", "ESC [ B", or
 * "ESC O A/B" in application mode); other escape sequences are swallowed.
 * Enter is CR, LF or CR LF (one line, not two).
 *
 * Pure: it sees bytes and answers through an echo callback, so it runs on
 * the host too (tests/host/test_lineedit.c). No allocation.
 */
#ifndef HM386_LIB_LINEEDIT_H
#define HM386_LIB_LINEEDIT_H

#include <types.h>

#define LINE_EDIT_MAX		128	/* bytes of a line, NUL included */
#define LINE_EDIT_HISTORY	16	/* lines remembered */

struct line_editor {
	char buf[LINE_EDIT_MAX];	/* the line being edited, NUL-terminated */
	u32 len;
	char draft[LINE_EDIT_MAX];	/* the new line, while browsing history */
	char history[LINE_EDIT_HISTORY][LINE_EDIT_MAX];	/* a ring */
	u32 nr_history;			/* lines in the ring, <= LINE_EDIT_HISTORY */
	u32 newest;			/* ring index of the latest line */
	u32 browse;			/* 0: editing; n: showing the n-th latest */
	u8 esc;				/* escape-sequence state */
	bool after_cr;			/* the last byte was CR: skip one LF */
	void (*echo)(const char *s, size_t len, void *ctx);
	void *ctx;
};

/*
 * line_editor_init - an empty editor with no history that answers through
 * @echo(@ctx) (what the terminal must show: typed characters, "\b \b" to
 * erase one, "\n" at the end of a line).
 */
void line_editor_init(struct line_editor *le,
		      void (*echo)(const char *s, size_t len, void *ctx),
		      void *ctx);

/*
 * line_editor_feed - take one byte @c from the terminal. Returns true when
 * it ended a line: le->buf then holds it (NUL-terminated; empty after
 * Ctrl-C), a non-empty line different from the latest one has been added to
 * the history, and the next byte starts a new line.
 */
bool line_editor_feed(struct line_editor *le, int c);

#endif
