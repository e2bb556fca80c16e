// SPDX-License-Identifier: MIT
/*
 * The kernel monitor: a prompt on COM1, a line editor (lib/lineedit.c), and
 * the commands that the rest of the kernel registers beside its own code
 * (MONITOR_COMMAND, gathered by the linker between __start_monitor_cmds and
 * __stop_monitor_cmds). This file has the loop and the commands about the
 * monitor itself: help, halt, and kmap/kunmap, which take pkmap slots on the
 * user's behalf.
 *
 * Input is polled: the monitor sleeps MONITOR_POLL_MS between looks at the
 * UART, so an idle monitor leaves the CPU in the idle task's hlt. QEMU holds
 * back what the UART's FIFO cannot take, so nothing typed is lost.
 */
#define HM386_LEGACY_KMAP_USER	/* kmap/kunmap commands: the deprecated pool at work */

#include <arch/x86/serial.h>
#include <fs/vfs_boot.h>
#include <kernel/context_check.h>
#include <kernel/monitor.h>
#include <top/bench_harness.h>
#include <top/ktest_runner.h>
#include <top/monitor.h>
#include <kernel/printk.h>
#include <kernel/panic.h>
#include <kernel/qemu_exit.h>
#include <kernel/syscall.h>
#include <uapi/hm386/errno.h>
#include <proc/process.h>
#include <kernel/sched.h>
#include <lib/lineedit.h>
#include <lib/parse.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/highmem.h>
#include <mm/pkmap.h>
#include "mm/pkmap_internal.h"

#define MONITOR_POLL_MS		10
#define MONITOR_KMAPS		32	/* kmap()s the monitor may hold */
#define KMAP_SHOW_BYTES		16

extern const struct monitor_cmd __start_monitor_cmds[], __stop_monitor_cmds[];

#define for_each_monitor_cmd(c) \
	for (const struct monitor_cmd *c = __start_monitor_cmds; c < __stop_monitor_cmds; c++)

static struct line_editor editor;

bool monitor_kernel_clean(const char *tools)
{
	char held[CONTEXT_HELD_MAX];

	if (!context_held(CONTEXT_ALL, held, sizeof(held)))
		return true;
	kprintf("the kernel holds %s (kunmap what the monitor kmap()ed: "
		"pkmap lists it); %s start from a clean kernel\n", held, tools);
	return false;
}

static const struct monitor_cmd *find_cmd(const char *name)
{
	for_each_monitor_cmd(c)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static void print_usage(const struct monitor_cmd *c)
{
	kprintf("usage: %s%s%s\n", c->name, c->usage[0] ? " " : "", c->usage);
}

/* Split @line in place at blanks; at most MONITOR_MAX_ARGS words, or -1. */
static int split_words(char *line, char **argv)
{
	int argc = 0;

	for (;;) {
		while (*line == ' ' || *line == '\t')
			*line++ = '\0';
		if (!*line)
			return argc;
		if (argc == MONITOR_MAX_ARGS)
			return -1;
		argv[argc++] = line;
		while (*line && *line != ' ' && *line != '\t')
			line++;
	}
}

static void run_line(char *line)
{
	char *argv[MONITOR_MAX_ARGS + 1];
	const struct monitor_cmd *c;
	int argc = split_words(line, argv);

	if (argc == 0)
		return;
	if (argc < 0) {
		kprintf("too many words (at most %d)\n", MONITOR_MAX_ARGS);
		return;
	}
	argv[argc] = NULL;
	c = find_cmd(argv[0]);
	if (!c) {
		kprintf("unknown command '%s'; 'help' lists the commands\n", argv[0]);
		return;
	}
	if (c->fn(argc, argv) == MONITOR_USAGE)
		print_usage(c);
}

/* Through kprintf: under the console lock, and printk knows the column. */
static void echo_to_console(const char *s, size_t len, void *ctx)
{
	kprintf("%.*s", (int)len, s);
}

static int monitor_getc(void)
{
	int c;

	while ((c = serial_getc()) < 0)
		msleep(MONITOR_POLL_MS);
	return c;
}

/* Entered from a user shell (hm386_monitor): `user` goes back to it. */
static bool from_user, back_to_user;

/* Read and run lines until `user` asks to go back (never without a shell). */
static void monitor_loop(void)
{
	line_editor_init(&editor, echo_to_console, NULL);
	while (!back_to_user) {
		kprintf(MONITOR_PROMPT);
		while (!line_editor_feed(&editor, monitor_getc()))
			;
		run_line(editor.buf);
	}
}

void monitor_run(void)
{
	kprintf("hm386 monitor: 'help' lists the commands; arrow keys recall "
		"lines; 'halt' leaves QEMU\n");
	monitor_loop();
	panic("the monitor's loop ended without a user shell to go back to");
}

/*
 * hm386_monitor(): hm386's own system call (above Linux's numbers, which
 * have nothing like it): the calling process (the shell's `monitor`) runs
 * the monitor on the console until `user`; it returns 0 then. One process
 * at a time: another gets -EBUSY.
 */
static long sys_hm386_monitor(void)
{
	if (__atomic_exchange_n(&from_user, true, __ATOMIC_ACQUIRE))
		return -EBUSY;
	kprintf("hm386 monitor, entered from pid %u: 'help' lists the "
		"commands; 'user' goes back to the shell\n",
		current_process()->pid);
	back_to_user = false;
	monitor_loop();
	back_to_user = false;
	__atomic_store_n(&from_user, false, __ATOMIC_RELEASE);
	return 0;
}
SYSCALL_DEFINE(__NR_hm386_monitor, hm386_monitor, sys_hm386_monitor);

static int cmd_user(int argc, char **argv)
{
	if (argc != 1)
		return MONITOR_USAGE;
	if (!from_user) {
		kprintf("the monitor was not entered from a user shell: there "
			"is none to go back to (boot with an initramfs, then "
			"type 'monitor' in its shell)\n");
		return MONITOR_ERROR;
	}
	back_to_user = true;
	return 0;
}
MONITOR_COMMAND(user, cmd_user, "",
		"go back to the user shell that entered the monitor (its "
		"'monitor' command)");

static int cmd_help(int argc, char **argv)
{
	const struct monitor_cmd *c;

	if (argc > 2)
		return MONITOR_USAGE;
	if (argc == 2) {
		c = find_cmd(argv[1]);
		if (!c) {
			kprintf("no command '%s'\n", argv[1]);
			return MONITOR_ERROR;
		}
		print_usage(c);
		kprintf("  %s\n", c->help);
		return 0;
	}
	/* In name order, whatever the link order: pick the next each time. */
	for (const struct monitor_cmd *prev = NULL;; prev = c) {
		char synopsis[32];

		c = NULL;
		for_each_monitor_cmd(cmd)
			if ((!prev || strcmp(cmd->name, prev->name) > 0) &&
			    (!c || strcmp(cmd->name, c->name) < 0))
				c = cmd;
		if (!c)
			return 0;
		snprintf(synopsis, sizeof(synopsis), "%s%s%s", c->name,
			 c->usage[0] ? " " : "", c->usage);
		kprintf("  %-20s %s\n", synopsis, c->help);
	}
}
MONITOR_COMMAND(help, cmd_help, "[COMMAND]", "list the commands, or explain one");

static int cmd_halt(int argc, char **argv)
{
	if (argc != 1)
		return MONITOR_USAGE;
	vfs_umount_all();		/* nothing written is lost */
	kprintf("hm386: halting\n");
	qemu_exit(QEMU_EXIT_PASS);
}
MONITOR_COMMAND(halt, cmd_halt, "", "leave QEMU (status 33), or halt the CPU");

/*
 * kmap and kunmap: the pfns the monitor has kmap()ed, one entry per call,
 * so that kunmap drops only a user the monitor itself added (kunmap() of a
 * page with no user panics, by design).
 */
static u32 monitor_kmaps[MONITOR_KMAPS];
static u32 nr_monitor_kmaps;
/* The last pfns whose every monitor kmap() was undone, newest first. */
static u32 monitor_unmapped[MONITOR_KMAPS];
static u32 nr_monitor_unmapped;

static bool pfn_in(const u32 *pfns, u32 nr, u32 pfn)
{
	for (u32 i = 0; i < nr; i++)
		if (pfns[i] == pfn)
			return true;
	return false;
}

/* Remember that the monitor holds no kmap() of @pfn any more. */
static void note_monitor_unmapped(u32 pfn)
{
	if (pfn_in(monitor_kmaps, nr_monitor_kmaps, pfn) ||
	    pfn_in(monitor_unmapped, nr_monitor_unmapped, pfn))
		return;
	if (nr_monitor_unmapped < MONITOR_KMAPS)
		nr_monitor_unmapped++;
	memmove(&monitor_unmapped[1], &monitor_unmapped[0],
		(nr_monitor_unmapped - 1) * sizeof(monitor_unmapped[0]));
	monitor_unmapped[0] = pfn;
}

/* The HighMem page named by @arg, or NULL after saying what is wrong. */
static struct page *highmem_page_arg(const char *arg, u32 *pfn)
{
	struct page *page;

	if (parse_u32(arg, pfn) < 0) {
		kprintf("'%s' is not a page frame number (decimal or 0x hex)\n", arg);
		return NULL;
	}
	if (*pfn >= max_pfn) {
		kprintf("pfn 0x%x is beyond the last page frame (max_pfn 0x%x)\n",
			*pfn, max_pfn);
		return NULL;
	}
	page = pfn_to_page(*pfn);
	if (!PageHighMem(page)) {
		kprintf("pfn 0x%x is lowmem: the direct map always has it at "
			"0x%08x, so kmap() takes no pkmap slot for it (HighMem "
			"starts at pfn 0x%x)\n", *pfn, (u32)page_address(page),
			max_low_pfn);
		return NULL;
	}
	return page;
}

static int cmd_kmap(int argc, char **argv)
{
	struct page *page;
	const u8 *p;
	u32 pfn, nr;

	if (argc != 2)
		return MONITOR_USAGE;
	page = highmem_page_arg(argv[1], &pfn);
	if (!page)
		return MONITOR_ERROR;
	if (PageReserved(page)) {
		kprintf("pfn 0x%x is not RAM the kernel manages (a hole or "
			"firmware memory): not mapping it\n", pfn);
		return MONITOR_ERROR;
	}
	if (nr_monitor_kmaps == MONITOR_KMAPS) {
		kprintf("the monitor holds %u kmap()s already; kunmap one first\n",
			nr_monitor_kmaps);
		return MONITOR_ERROR;
	}
	p = kmap(page);
	monitor_kmaps[nr_monitor_kmaps++] = pfn;
	nr = pkmap_nr((u32)p);
	kprintf("kmap pfn 0x%x -> 0x%08x (pkmap slot %u, count %u):", pfn,
		(u32)p, nr, pkmap_slot_count(nr));
	for (u32 i = 0; i < KMAP_SHOW_BYTES; i++)
		kprintf(" %02x", p[i]);
	kprintf("\n");
	return 0;
}
MONITOR_COMMAND(kmap, cmd_kmap, "PFN",
		"kmap() a HighMem page: its pkmap address and first bytes");

static int cmd_kunmap(int argc, char **argv)
{
	struct page *page;
	void *addr;
	u32 pfn, i;

	if (argc != 2)
		return MONITOR_USAGE;
	page = highmem_page_arg(argv[1], &pfn);
	if (!page)
		return MONITOR_ERROR;
	addr = page_address(page);
	if (!addr) {
		kprintf("pfn 0x%x is not mapped in the pkmap pool\n", pfn);
		return MONITOR_ERROR;
	}
	for (i = 0; i < nr_monitor_kmaps && monitor_kmaps[i] != pfn; i++)
		;
	if (i == nr_monitor_kmaps &&
	    pfn_in(monitor_unmapped, nr_monitor_unmapped, pfn)) {
		kprintf("pfn 0x%x: the monitor's last kmap() of it was already "
			"undone; its slot at 0x%08x stays mapped (count %u) until "
			"the pool wraps\n", pfn, (u32)addr,
			pkmap_slot_count(pkmap_nr((u32)addr)));
		return MONITOR_ERROR;
	}
	if (i == nr_monitor_kmaps || pkmap_slot_count(pkmap_nr((u32)addr)) < 2) {
		kprintf("pfn 0x%x is at 0x%08x (count %u) but not kmap()ed from "
			"the monitor: only its owner may kunmap it\n", pfn,
			(u32)addr, pkmap_slot_count(pkmap_nr((u32)addr)));
		return MONITOR_ERROR;
	}
	monitor_kmaps[i] = monitor_kmaps[--nr_monitor_kmaps];
	kunmap(page);
	note_monitor_unmapped(pfn);
	kprintf("kunmap pfn 0x%x: slot %u count %u (mapped, unused, until the "
		"pool wraps)\n", pfn, pkmap_nr((u32)addr),
		pkmap_slot_count(pkmap_nr((u32)addr)));
	return 0;
}
MONITOR_COMMAND(kunmap, cmd_kunmap, "PFN",
		"kunmap() a page the monitor kmap()ed: one user less");
