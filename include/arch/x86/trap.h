/* SPDX-License-Identifier: MIT */
/* Interrupt and exception handling: the IDT, handlers, the self-test vector. */
#ifndef HM386_ARCH_X86_TRAP_H
#define HM386_ARCH_X86_TRAP_H

#include <arch/x86/trap_frame.h>
#include <types.h>

/*
 * set_single_step_hook - call @fn for each debug exception (#DB) raised by
 * the trap flag (EFLAGS.TF), instead of treating it as fatal; NULL removes
 * it. For the benchmark harness's instruction profile (top/bench.c).
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

/*
 * pic_enable_irq - let legacy line @irq (0-15) interrupt, at vector
 * IRQ_BASE + @irq on the boot CPU (the cascade line too for 8-15). Install
 * the vector's handler first; the interrupt entry sends the PIC its end of
 * interrupt after the handler.
 */
void pic_enable_irq(u32 irq);

/* double_fault_report - the double-fault task's C code (isr.asm): report
 * the fault of the interrupted code and panic. */
void __noreturn double_fault_report(u32 error_code);

/* x86_exception_name - "page fault" for 14, and so on. */
const char *x86_exception_name(u32 vector);


#endif
