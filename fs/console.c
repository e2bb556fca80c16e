// SPDX-License-Identifier: MIT
/*
 * The console as a file: fds 0, 1 and 2 of PID 1. write() sends the bytes
 * as they are to every console (COM1, and the VGA mirror); read() returns
 * one line typed on COM1, edited and echoed as a terminal in canonical
 * mode would (lib/lineedit.c: backspace, Ctrl-U, arrows for history), with
 * its "\n"; Ctrl-D on an empty line is end of file (read() returns 0). COM1
 * is polled, as the monitor polls it.
 */
#include <arch/x86/serial.h>
#include "fs/file_internal.h"
#include <kernel/mutex.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <lib/lineedit.h>
#include <lib/string.h>

#define CONSOLE_POLL_MS		10
#define CONSOLE_CHUNK		256	/* bytes copied in per console_write() */
#define CTRL_D			0x04

/* One reader at a time owns the line being typed. */
static DEFINE_MUTEX(console_read_lock);
static struct line_editor editor;
static bool editor_ready;
static char line[LINE_EDIT_MAX + 1];	/* a finished line and its "\n" */
static u32 line_len, line_off;

static void echo(const char *s, size_t len, void *ctx)
{
	console_write(s, len);
}

/* Wait for a finished line; false on Ctrl-D at the start of one. */
static bool get_line(void)
{
	if (!editor_ready) {
		line_editor_init(&editor, echo, NULL);
		editor_ready = true;
	}
	for (;;) {
		int c = serial_getc();

		if (current->killed)
			return false;	/* killed: end of file, then it ends */
		if (c < 0) {
			msleep(CONSOLE_POLL_MS);
			continue;
		}
		if (c == CTRL_D && !editor.len)
			return false;
		if (line_editor_feed(&editor, c))
			break;
	}
	line_len = strlen(editor.buf);
	memcpy(line, editor.buf, line_len);
	line[line_len++] = '\n';
	line_off = 0;
	return true;
}

static long console_read(struct file *f, struct fs_iter *to, u32 count, u64 *pos)
{
	u32 n, left;

	if (!count)
		return 0;
	mutex_lock(&console_read_lock);
	if (line_off == line_len && !get_line()) {
		mutex_unlock(&console_read_lock);
		return 0;
	}
	n = MIN(count, line_len - line_off);
	left = fs_iter_to(to, line + line_off, n);
	line_off += n - left;
	mutex_unlock(&console_read_lock);
	return n - left ? (long)(n - left) : -EFAULT;
}

static long console_file_write(struct file *f, struct fs_iter *from, u32 count,
			       u64 *pos)
{
	char buf[CONSOLE_CHUNK];
	u32 done = 0;

	while (done < count) {
		u32 n = MIN(count - done, CONSOLE_CHUNK);
		u32 left = fs_iter_from(from, buf, n);

		console_write(buf, n - left);
		done += n - left;
		if (left)
			return done ? (long)done : -EFAULT;
	}
	return done;
}

static const struct file_ops console_ops = {
	.kind = "console", .read = console_read, .write = console_file_write,
};

struct file *console_file_open(void)
{
	return file_alloc(&console_ops, O_RDWR);
}
