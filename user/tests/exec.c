// SPDX-License-Identifier: MIT
/*
 * execve() builds Linux's initial stack: the argv and envp given, and an
 * auxiliary vector whose AT_PAGESZ, AT_PHDR (with AT_PHNUM, AT_PHENT),
 * AT_ENTRY and AT_RANDOM are right. The program runs itself again with
 * "--child" and checks these in the new image; the child's exit status
 * has one bit per check, and it writes its 16 AT_RANDOM bytes to fd 9, a
 * pipe that survives the execve, so the parent can see that two runs get
 * different bytes.
 */
#include <child.h>
#include <errno.h>
#include <ktap.h>
#include <pattern.h>
#include <stdio.h>
#include <string.h>
#include <uapi/hm386/auxv.h>
#include <unistd.h>

#define SELF		"/tests/exec"
#define RANDOM_FD	9	/* above the pipe's own two */

/* The program's first bytes: its ELF header (the linker's symbol). */
extern const uint8_t __executable_start[];
void _start(void);

/* The i386 ELF program header, as the linker wrote it. */
struct elf32_phdr {
	uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz;
	uint32_t p_flags, p_align;
};
#define PT_LOAD		1

enum check {
	CHECK_ARGV, CHECK_ENVP, CHECK_PAGESZ, CHECK_PHDR, CHECK_ENTRY,
	CHECK_RANDOM, NR_CHECKS
};

static const char *const check_names[NR_CHECKS] = {
	"argv_passed", "envp_passed", "auxv_pagesz", "auxv_phdr",
	"auxv_entry", "auxv_random",
};

static char *const child_argv[] = {
	SELF, "--child", "alpha", "two words", "", NULL
};

/* In the new image: one bit per failed check. */
static int child_checks(int argc, char **argv, char **envp)
{
	const uint32_t *ehdr_phoff = (const void *)(__executable_start + 28);
	const uint16_t *ehdr_phnum = (const void *)(__executable_start + 44);
	const struct elf32_phdr *ph;
	const uint8_t *random;
	int failed = 0, i, nenv = 0;
	bool found_text = false;

	if (!EXPECT_EQ(argc, 5))
		failed |= 1 << CHECK_ARGV;
	for (i = 0; i < 5 && i < argc; i++) {
		if (!EXPECT(!strcmp(argv[i], child_argv[i])))
			failed |= 1 << CHECK_ARGV;
	}
	if (!EXPECT(argv[argc] == NULL))
		failed |= 1 << CHECK_ARGV;

	while (envp[nenv])
		nenv++;
	if (!EXPECT_EQ(nenv, 3) || !EXPECT(!strcmp(envp[1], "HM386_A=1")) ||
	    !EXPECT(!strcmp(envp[2], "HM386_B=x=y")) ||
	    !EXPECT(environ == envp) || !EXPECT(envp == argv + argc + 1))
		failed |= 1 << CHECK_ENVP;

	if (!EXPECT_EQ(getauxval(AT_PAGESZ), PAGE_SIZE))
		failed |= 1 << CHECK_PAGESZ;

	ph = (const void *)getauxval(AT_PHDR);
	if (!EXPECT(ph == (const void *)(__executable_start + *ehdr_phoff)) ||
	    !EXPECT_EQ(getauxval(AT_PHNUM), *ehdr_phnum) ||
	    !EXPECT_EQ(getauxval(AT_PHENT), sizeof(*ph))) {
		failed |= 1 << CHECK_PHDR;
	} else {
		for (i = 0; i < *ehdr_phnum; i++) {
			uintptr_t entry = (uintptr_t)_start;

			found_text |= ph[i].p_type == PT_LOAD &&
				      entry >= ph[i].p_vaddr &&
				      entry < ph[i].p_vaddr + ph[i].p_memsz;
		}
		if (!EXPECT(found_text))
			failed |= 1 << CHECK_PHDR;
	}

	if (!EXPECT_EQ(getauxval(AT_ENTRY), (uintptr_t)_start))
		failed |= 1 << CHECK_ENTRY;

	/* 16 bytes on the stack, above the vectors, not all zero. */
	random = (const void *)getauxval(AT_RANDOM);
	if (!EXPECT(random > (const uint8_t *)(__auxv)) ||
	    !EXPECT(zero_mismatch(random, 16) >= 0) ||
	    !EXPECT_EQ(write(RANDOM_FD, random, 16), 16))
		failed |= 1 << CHECK_RANDOM;
	return failed;
}

/* Run the child image once: its wait status; its AT_RANDOM bytes are
 * written to fd RANDOM_FD. */
static int run_image(void)
{
	char indent[24];
	char *envp[] = { indent, "HM386_A=1", "HM386_B=x=y", NULL };
	pid_t pid;

	snprintf(indent, sizeof(indent), "KTAP_INDENT=%d", ktap_indent());
	pid = fork();
	if (pid == 0) {
		execve(SELF, child_argv, envp);
		ktap_diag("execve %s: %s", SELF, strerror(errno));
		_exit(255);
	}
	return pid < 0 ? -1 : wait_child(pid);
}

static int exit_42(void *unused)
{
	return 42;
}

int main(int argc, char **argv, char **envp)
{
	uint8_t random[2][16];
	int fds[2], status[2], failed = 0;

	if (argc > 1 && !strcmp(argv[1], "--child"))
		return child_checks(argc, argv, envp);

	ktap_begin("exec", NR_CHECKS + 2);
	if (pipe(fds) < 0 || dup2(fds[1], RANDOM_FD) < 0) {
		ktap_diag("pipe/dup2: %s", strerror(errno));
		return 1;
	}
	for (int run = 0; run < 2; run++) {
		status[run] = run_image();
		if (status[run] == -1 || WIFSIGNALED(status[run]) ||
		    WEXITSTATUS(status[run]) == 255) {
			ktap_fail(__FILE__, __LINE__, "run %d of %s --child: "
				  "status 0x%x", run, SELF, status[run]);
			failed = -1;
		} else {
			failed |= WEXITSTATUS(status[run]);
		}
	}
	close(RANDOM_FD);
	close(fds[1]);
	for (int i = 0; i < NR_CHECKS; i++) {
		EXPECT(failed != -1 && !(failed & 1 << i));
		if (i == CHECK_RANDOM && EXPECT_EQ(read(fds[0], random, 32), 32))
			EXPECT(memcmp(random[0], random[1], 16) != 0);
		ktap_case(check_names[i]);
	}
	close(fds[0]);

	EXPECT_EQ(execve("/tests/does-not-exist", child_argv, envp), -1);
	EXPECT_EQ(errno, ENOENT);
	EXPECT_EQ(execve(NULL, child_argv, envp), -1);
	EXPECT_EQ(errno, EFAULT);
	ktap_case("failed_execve_returns");

	status[0] = run_child(exit_42, NULL);
	EXPECT(status[0] != -1 && WIFEXITED(status[0]));
	EXPECT_EQ(WEXITSTATUS(status[0]), 42);
	ktap_case("exit_status_reaches_parent");
	return ktap_end();
}
