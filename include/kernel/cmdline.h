/* SPDX-License-Identifier: MIT */
/*
 * Kernel command-line parameters, registered beside the code that uses them:
 *
 *	static u32 loglevel = LOGLEVEL_DEFAULT;
 *	KERNEL_PARAM(loglevel, KPARAM_UINT, &loglevel, "console log level 0-7");
 *
 * The line is "name=value name2 ...", split at spaces; a value may be quoted
 * ("a b"). A bare name sets a bool parameter. A bad value keeps the default
 * and warns, naming the parameter and the value; an unknown name warns and
 * boot goes on. A first word containing '/' is the image path some loaders
 * prepend (QEMU -kernel), and is skipped.
 */
#ifndef HM386_KERNEL_CMDLINE_H
#define HM386_KERNEL_CMDLINE_H

#include <types.h>

enum kparam_type {
	KPARAM_BOOL,	/* bool: 1/0, on/off, yes/no, true/false, or bare */
	KPARAM_UINT,	/* u32, decimal or 0x hex */
	KPARAM_U64,	/* u64, decimal or 0x hex */
	KPARAM_SIZE,	/* u64 bytes, with an optional K, M or G suffix */
	KPARAM_STRING,	/* char[size], truncation is an error */
};

struct kernel_param {
	const char *name;
	enum kparam_type type;
	void *value;
	u32 size;		/* KPARAM_STRING: the buffer's size */
	const char *help;
};

#define KERNEL_PARAM_SIZED(pname, ptype, ptr, psize, phelp)		\
	static const struct kernel_param __kparam_##pname		\
	__used __section(".kparams") __aligned(4) = {			\
		.name = #pname, .type = ptype, .value = ptr,		\
		.size = psize, .help = phelp }

#define KERNEL_PARAM(pname, ptype, ptr, phelp)				\
	KERNEL_PARAM_SIZED(pname, ptype, ptr, 0, phelp)

#define KERNEL_PARAM_STRING(pname, buf, phelp)				\
	KERNEL_PARAM_SIZED(pname, KPARAM_STRING, buf, sizeof(buf), phelp)

/*
 * cmdline_parse - apply @line to the @n parameters of @params, calling
 * @warn(msg) for each problem; words after `--` are init's, not looked
 * at (as in Linux). Returns the number of warnings. Pure: it
 * touches only the parameters' values, so tests can feed it their own table.
 */
u32 cmdline_parse(const char *line, const struct kernel_param *params,
		  size_t n, void (*warn)(const char *msg));

/* cmdline_init - apply the kernel command line @line (kmain passes the
 * loader's) to every registered parameter, warning about bad words. */
void cmdline_init(const char *line);

/* cmdline_describe - print every registered parameter and its value. */
void cmdline_describe(void);

#endif
