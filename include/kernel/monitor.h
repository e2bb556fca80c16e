/* SPDX-License-Identifier: MIT */
/*
 * The kernel monitor (top/monitor.c): a command line on the serial
 * console where the kernel lands after its boot report when no `ktest=` is
 * given. Commands are registered beside the code they inspect, like
 * self-test suites, through a linker section:
 *
 *	static int cmd_pkmap(int argc, char **argv)
 *	{
 *		if (argc != 1)
 *			return MONITOR_USAGE;
 *		...print...
 *		return 0;
 *	}
 *	MONITOR_COMMAND(pkmap, cmd_pkmap, "",
 *			"the pkmap pool's live slots and its counters");
 *
 * argv[0] is the command's name; arguments are split at blanks. A command
 * returns 0, MONITOR_USAGE (the monitor prints "usage: NAME USAGE") or
 * MONITOR_ERROR (it printed its own error). It runs in the monitor's task
 * (process context, may sleep) and must never panic on bad input.
 */
#ifndef HM386_KERNEL_MONITOR_H
#define HM386_KERNEL_MONITOR_H

#include <types.h>

#define MONITOR_USAGE	(-1)
#define MONITOR_ERROR	(-2)
#define MONITOR_MAX_ARGS 8
#define MONITOR_PROMPT	"hm386> "

struct monitor_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *usage;	/* the arguments: "ADDR", "" for none */
	const char *help;	/* one line */
};

#define MONITOR_COMMAND(cname, cfn, cusage, chelp)			\
	static const struct monitor_cmd __monitor_cmd_##cname		\
	__used __section(".monitor_cmds") __aligned(4) = {		\
		.name = #cname, .fn = cfn, .usage = cusage,		\
		.help = chelp }

#endif
