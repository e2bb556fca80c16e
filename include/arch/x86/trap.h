/* SPDX-License-Identifier: MIT */
/* What the interrupt stubs (isr.asm) save, and the exception handling entry. */
#ifndef HM386_ARCH_X86_TRAP_H
#define HM386_ARCH_X86_TRAP_H

#include <types.h>

/* The stack as trap_common leaves it; the order is fixed by isr.asm. */
struct trap_frame {
	u32 gs, fs, es, ds;
	u32 edi, esi, ebp, esp_at_pushad, ebx, edx, ecx, eax;
	u32 vector, error_code;
	u32 eip, cs, eflags;
	/* esp and ss follow only on a privilege change: never in hm386 yet */
};

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

/*
 * set_single_step_hook - call @fn for each debug exception (#DB) raised by
 * the trap flag (EFLAGS.TF), instead of treating it as fatal; NULL removes
 * it. For the benchmark harness's instruction profile (kernel/bench.c).
 */
void set_single_step_hook(void (*fn)(struct trap_frame *tf));

/* trap_dispatch - called by isr.asm for every vector. */
void trap_dispatch(struct trap_frame *tf);

/* idt_init - load the IDT with all 256 stubs and the double-fault task gate. */
void idt_init(void);

/*
 * An interrupt handler runs between irq_enter() and irq_exit(), with
 * interrupts off, on the interrupted stack; it may change @tf's registers,
 * which the interrupted code gets back. It must leave the kmap_local stack
 * as it found it (checked on return).
 */
typedef void (*interrupt_handler_t)(struct trap_frame *tf);

/*
 * set_interrupt_handler - make @fn the handler of @vector (32-255), or
 * remove the current one when @fn is NULL. Installing over another handler
 * panics: a vector has one owner, who removes it. A vector with no handler
 * is reported as unexpected (unexpected_interrupt_count).
 */
void set_interrupt_handler(u32 vector, interrupt_handler_t fn);

/* unexpected_interrupt_count - interrupts that arrived with no handler. */
extern u32 unexpected_interrupt_count;

/*
 * run_in_interrupt - call @fn(@arg) from the TEST_VECTOR handler (int
 * $0x81), that is in interrupt context, and return when it has. Nests: @fn
 * may call run_in_interrupt() again. For self-tests; TEST_VECTOR must have
 * no other handler meanwhile.
 */
void run_in_interrupt(void (*fn)(void *arg), void *arg);

/* pic_init - remap the 8259 PICs to IRQ_BASE and mask every line. */
void pic_init(void);

/* x86_exception_name - "page fault" for 14, and so on. */
const char *x86_exception_name(u32 vector);

/* pf_describe - decode a #PF error code into @buf ("not-present write"). */
void pf_describe(u32 error_code, char *buf, size_t size);

#endif
