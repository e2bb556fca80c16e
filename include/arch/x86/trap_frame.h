/* SPDX-License-Identifier: MIT */
/*
 * What the interrupt stubs (isr.asm) save, the vector numbers and the page
 * fault's error code: the machine's words for a trap, which every layer
 * that reports one (panic, the kmap fault diagnosis) uses. Header-only.
 */
#ifndef HM386_ARCH_X86_TRAP_FRAME_H
#define HM386_ARCH_X86_TRAP_FRAME_H

#include <lib/printf.h>
#include <types.h>

/* The stack as trap_common leaves it; the order is fixed by isr.asm. */
struct trap_frame {
	u32 gs, fs, es, ds;
	u32 edi, esi, ebp, esp_at_pushad, ebx, edx, ecx, eax;
	u32 vector, error_code;
	u32 eip, cs, eflags;
	/* Pushed by the CPU only on a privilege change: from user mode. */
	u32 user_esp, user_ss;
};

/* user_mode - the trap came from ring 3. */
static inline bool user_mode(const struct trap_frame *tf)
{
	return (tf->cs & 3) == 3;
}

/*
 * trap_dispatch_return - the address trap_dispatch() returns to in
 * isr.asm. A backtrace that meets it as a return address finds the trap
 * frame as trap_dispatch()'s argument, and in it the interrupted EIP.
 */
extern const char trap_dispatch_return[];

#define X86_TRAP_DE	0	/* divide error */
#define X86_TRAP_DB	1
#define X86_TRAP_NMI	2
#define X86_TRAP_BP	3
#define X86_TRAP_OF	4
#define X86_TRAP_BR	5
#define X86_TRAP_UD	6	/* invalid opcode */
#define X86_TRAP_NM	7
#define X86_TRAP_DF	8	/* double fault: a task gate, see gdt.c */
#define X86_TRAP_TS	10
#define X86_TRAP_NP	11
#define X86_TRAP_SS	12
#define X86_TRAP_GP	13
#define X86_TRAP_PF	14	/* page fault */
#define IRQ_BASE	32	/* the PIC's 16 lines are remapped here */
#define NR_IRQS		16
#define FIRST_EXTERNAL_VECTOR	32	/* below: CPU exceptions */
#define NR_VECTORS	256
#define TEST_VECTOR	0x81	/* a software interrupt for self-tests */
#define SYSCALL_VECTOR	0x80	/* int $0x80: Linux's i386 system calls */

/* #PF error code bits. */
#define PF_PROT		(1U << 0)	/* 0: not present, 1: protection */
#define PF_WRITE	(1U << 1)
#define PF_USER		(1U << 2)
#define PF_RSVD		(1U << 3)
#define PF_INSTR	(1U << 4)

/*
 * The value of ESP when the trap happened in kernel mode: just above the
 * frame. The double fault arrives by task switch instead, and its report
 * stores the interrupted ESP in esp_at_pushad.
 */
static inline u32 trap_frame_esp(const struct trap_frame *tf)
{
	if (tf->vector == 8)
		return tf->esp_at_pushad;
	return (u32)&tf->eflags + sizeof(tf->eflags);
}

/* pf_describe - decode a #PF error code into @buf ("not-present write in
 * kernel mode"). */
static inline void pf_describe(u32 error_code, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s %s in %s mode",
		 error_code & PF_RSVD ? "reserved-bit " : "",
		 error_code & PF_PROT ? "protection-violation" : "not-present",
		 error_code & PF_INSTR ? "instruction-fetch" :
		 error_code & PF_WRITE ? "write" : "read",
		 error_code & PF_USER ? "user" : "kernel");
}

#endif
