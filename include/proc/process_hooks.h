/* SPDX-License-Identifier: MIT */
/*
 * A hook header: what the trap code (arch/x86/traps.c, below proc in the
 * layers) asks of the processes (proc/exit.c).
 */
#ifndef HM386_PROC_PROCESS_HOOKS_H
#define HM386_PROC_PROCESS_HOOKS_H

#include <types.h>

struct trap_frame;

/*
 * user_fault_kill - the current process did something it may not (a page
 * fault no mapping allows, a general protection fault, an invalid opcode)
 * or needed a page there was none of: print one line naming its pid,
 * program, @addr, the faulting eip and @why, and end it as Linux's signal
 * @sig would (its parent's wait sees WTERMSIG == @sig). Never returns; the
 * kernel goes on.
 */
void __noreturn user_fault_kill(struct trap_frame *tf, int sig, u32 addr,
				const char *why);

#endif
