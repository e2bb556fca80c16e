// SPDX-License-Identifier: MIT
/*
 * A program linked with -z execstack (its PT_GNU_STACK asks for an
 * executable stack, user/Makefile.inc): the stack executes, as Linux's i386
 * loader allows; segfault.c, linked like every other program with -z
 * noexecstack, checks the opposite.
 */
#include <child.h>
#include <ktap.h>
#include <unistd.h>

#define RET_OPCODE	0xc3

static int stack_execute(void *unused)
{
	volatile uint8_t code[16];

	code[0] = RET_OPCODE;
	((void (*)(void))(uintptr_t)code)();
	return 0;
}

int main(void)
{
	ktap_begin("execstack", 1);
	EXPECT_EQ(run_child(stack_execute, NULL), 0);
	ktap_case("stack_executes_when_asked");
	return ktap_end();
}
