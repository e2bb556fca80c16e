// SPDX-License-Identifier: MIT
/*
 * Processes the kernel starts itself: PID 1, and the programs the
 * self-tests run. The new task execs the program from the initramfs, then
 * leaves for ring 3; the kernel is its parent and waits for it.
 */
#include <arch/x86/syscall.h>
#include <boot/bootinfo.h>
#include <fs/file.h>
#include <fs/vfs_boot.h>
#include <kernel/cmdline.h>
#include <kernel/printk.h>
#include <kernel/qemu_exit.h>
#include <kernel/sched.h>
#include <lib/err.h>
#include <lib/string.h>
#include <proc/process.h>
#include <uapi/hm386/fcntl.h>
#include <uapi/hm386/wait.h>
#include "proc/internal.h"

static int spawn_entry(void *arg)
{
	struct process *p = arg;
	struct trap_frame tf;
	int err = do_execve(p->spawn_path, p->spawn_argv, p->spawn_envp, &tf);

	if (err) {
		pr_err("hm386: cannot run %s: error %d\n", p->spawn_path, err);
		do_exit(W_EXITCODE(127, 0));
	}
	return_to_user(&tf, current->stack_top);
}

struct process *process_spawn(const char *path, char *const argv[],
			      char *const envp[])
{
	const char *base = strrchr(path, '/');
	struct files_struct *files;
	struct process *p;
	int err;

	p = process_alloc(NULL, base ? base + 1 : path);
	if (IS_ERR(p))
		return p;
	p->spawn_path = path;
	p->spawn_argv = argv;
	p->spawn_envp = envp;
	files = files_alloc_console();
	err = -ENOMEM;
	if (files) {
		err = process_start(p, spawn_entry, NULL, files);
		if (!err)
			return p;
		files_release(files);
	}
	process_free(p);
	return ERR_PTR(err);
}

#define INIT_ARGS_MAX	16

static char init_path[64];
KERNEL_PARAM_STRING(init, init_path,
		    "the program to run as PID 1 (default /init from the initramfs)");

/* Split the command line's words after `--` into @argv (from index 1). */
static u32 init_arguments(char *buf, size_t size, char **argv, u32 max)
{
	char *s, *word;
	u32 n = 1;

	strlcpy(buf, boot_info.cmdline, size);
	s = strstr(buf, " -- ");
	if (!s)
		return n;
	s += 4;
	while (n < max && *s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		word = s;
		while (*s && *s != ' ')
			s++;
		if (*s)
			*s++ = '\0';
		argv[n++] = word;
	}
	return n;
}

void init_run(void)
{
	static char words[BOOT_CMDLINE_MAX];
	static char *argv[INIT_ARGS_MAX + 1];
	static char *envp[] = { "HOME=/", "TERM=linux", NULL };
	struct process *init;
	struct file *f;
	int status;
	u32 argc;

	if (!init_path[0]) {
		f = filp_open("/init", O_RDONLY, 0);
		if (IS_ERR(f))
			return;		/* no initramfs, or no /init: the monitor */
		fput(f);
		strlcpy(init_path, "/init", sizeof(init_path));
	}
	argv[0] = init_path;
	argc = init_arguments(words, sizeof(words), argv, INIT_ARGS_MAX);
	argv[argc] = NULL;
	pr_info("hm386: running %s as PID 1 (%u argument%s)\n", init_path,
		argc - 1, argc == 2 ? "" : "s");
	init = process_spawn(init_path, argv, envp);
	if (IS_ERR(init)) {
		pr_err("hm386: cannot start PID 1: error %ld\n", PTR_ERR(init));
		qemu_exit(QEMU_EXIT_FAIL);
	}
	status = process_wait(init);
	if (WIFEXITED(status))
		pr_info("hm386: PID 1 (%s) exited with status %d: leaving QEMU "
			"with %s\n", init_path, WEXITSTATUS(status),
			WEXITSTATUS(status) ? "the failure status (35)" :
			"the pass status (33)");
	else
		pr_info("hm386: PID 1 (%s) was killed by signal %d: leaving QEMU "
			"with the failure status (35)\n", init_path, WTERMSIG(status));
	vfs_umount_all();		/* nothing written is lost */
	qemu_exit(status == 0 ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
}
