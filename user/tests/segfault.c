// SPDX-License-Identifier: MIT
/*
 * A user fault that is neither a demand-zero page nor a COW kills the
 * process with SIGSEGV, and only it: children write and read address 0,
 * read and write a kernel address, write their own code, and execute
 * their stack and their heap (where the CPU has NX); the parent sees each
 * die by SIGSEGV and goes on.
 *
 * Debian's 686-pae Linux 6.1 lets these programs execute their stack and
 * heap although it reports NX active: it leaves NX clear in their page
 * table entries (QEMU's `info tlb` shows it set on the kernel's data pages
 * only), although their PT_GNU_STACK is RW and the same binaries fault on
 * x86-64 Linux. There the two NX cases skip when the child lives, so that
 * hm386 alone is held to them.
 */
#include <child.h>
#include <ktap.h>
#include <stdlib.h>
#include <unistd.h>

#define KERNEL_ADDRESS	0xc0100000ul	/* in the kernel's GiB on both */
#define RET_OPCODE	0xc3

static int null_write(void *unused)
{
	*(volatile int *)0 = 1;
	return 0;
}

static int null_read(void *unused)
{
	return *(volatile int *)0 == 7;
}

static int kernel_read(void *unused)
{
	return *(volatile int *)KERNEL_ADDRESS == 7;
}

static int kernel_write(void *unused)
{
	*(volatile int *)KERNEL_ADDRESS = 1;
	return 0;
}

static int text_write(void *unused)
{
	*(volatile uint8_t *)(void *)null_read = RET_OPCODE;
	return 0;
}

/* Call a `ret` placed in @code: returns only when the page executes. */
static int call_ret_at(uint8_t *code)
{
	*(volatile uint8_t *)code = RET_OPCODE;
	((void (*)(void))code)();
	return 0;
}

static int stack_execute(void *unused)
{
	uint8_t code[16];

	return call_ret_at(code);
}

static int heap_execute(void *unused)
{
	return call_ret_at(malloc(16));
}

/* True when the CPU has NX (CPUID 0x80000001, EDX bit 20). */
static bool cpu_has_nx(void)
{
	unsigned int eax, ebx, ecx, edx;

	__asm__ volatile("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx)
			 : "a"(0x80000000));
	if (eax < 0x80000001)
		return false;
	__asm__ volatile("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx)
			 : "a"(0x80000001));
	return edx & (1u << 20);
}

static int live(void *unused)
{
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void *);
	bool needs_nx;
} cases[] = {
	{ "null_write", null_write, false },
	{ "null_read", null_read, false },
	{ "kernel_address_read", kernel_read, false },
	{ "kernel_address_write", kernel_write, false },
	{ "text_write", text_write, false },
	{ "stack_execute_nx", stack_execute, true },
	{ "heap_execute_nx", heap_execute, true },
};

int main(void)
{
	bool nx = cpu_has_nx();
	char text[24];

	ktap_begin("segfault", ARRAY_SIZE(cases) + 1);
	for (unsigned i = 0; i < ARRAY_SIZE(cases); i++) {
		int status;

		if (cases[i].needs_nx && !nx) {
			ktap_skip(cases[i].name, "the CPU has no NX");
			continue;
		}
		status = run_child(cases[i].fn, NULL);
		if (cases[i].needs_nx && status == 0 && !on_hm386()) {
			ktap_skip(cases[i].name, "this Linux executed it");
			continue;
		}
		if (!killed_by(status, SIGSEGV))
			ktap_fail(__FILE__, __LINE__, "child: %s, not SIGSEGV",
				  status_text(status, text, sizeof(text)));
		ktap_case(cases[i].name);
	}
	EXPECT_EQ(run_child(live, NULL), 0);
	ktap_case("parent_lives_on");
	return ktap_end();
}
