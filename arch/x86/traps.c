// SPDX-License-Identifier: MIT
/*
 * The IDT and what happens on each vector. A CPU exception in the kernel is
 * fatal: it is reported (name, vector, decoded error code, CR2 for a page
 * fault), then the kernel panics with the faulting registers and backtrace.
 * The ways back are page faults, in Linux's order: at a user address in a
 * process, with pagefaults enabled and outside an interrupt, the process's
 * memory serves it (demand paging, copy-on-write; mm/memory.c); any fault
 * not served (no VMA, a protection violation, pagefaults disabled, no
 * process, a kernel address) on an instruction listed in the exception
 * table (extable.c: the user copies, copy_from_kernel_nofault()) resumes at
 * the fixup, whatever the context. Only a fault at an unlisted instruction
 * panics.
 *
 * An exception in user mode (ring 3) never panics: a page fault goes to the
 * process's memory, and what cannot be resolved ends the process
 * (user_fault_kill()), as Linux's SIGSEGV, SIGILL or SIGFPE would.
 *
 * Vectors 32-255 are interrupts: each runs its handler, if it has one,
 * between irq_enter() and irq_exit(), and must leave kmap_local as it found
 * it.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/extable.h>
#include <arch/x86/gdt.h>
#include <arch/x86/layout.h>
#include <arch/x86/trap.h>
#include <kernel/sched.h>
#include <mm/vmalloc.h>
#include <kernel/ksyms.h>
#include <kernel/panic.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <lib/printf.h>
#include <arch/x86/syscall.h>
#include <arch/x86/uaccess.h>
#include <mm/highmem_hooks.h>
#include <mm/mm.h>
#include <mm/pkmap.h>
#include <proc/process_hooks.h>
#include <uapi/hm386/wait.h>

#define GATE_INTR	0x8e	/* present, ring 0, 32-bit interrupt gate */
#define GATE_INTR_USER	0xee	/* the same, callable from ring 3 (int $0x80) */
#define GATE_TASK	0x85	/* present, ring 0, task gate */

struct idt_ptr {
	u16 limit;
	u32 base;
} __packed;

static u64 idt[NR_VECTORS] __aligned(8);
extern char boot_stack_guard[];
extern const u32 isr_stub_table[NR_VECTORS];

/* Written only with interrupts off on this CPU (there is one CPU). */
static interrupt_handler_t interrupt_handlers[NR_VECTORS];
u32 unexpected_interrupt_count;

static const char *const exception_names[32] = {
	"divide error", "debug", "non-maskable interrupt", "breakpoint",
	"overflow", "bound range exceeded", "invalid opcode",
	"device not available", "double fault", "coprocessor segment overrun",
	"invalid TSS", "segment not present", "stack-segment fault",
	"general protection fault", "page fault", "reserved (15)",
	"x87 floating-point error", "alignment check", "machine check",
	"SIMD floating-point error", "virtualization exception",
	"control protection exception", "reserved (22)", "reserved (23)",
	"reserved (24)", "reserved (25)", "reserved (26)", "reserved (27)",
	"hypervisor injection", "VMM communication", "security exception",
	"reserved (31)",
};

const char *x86_exception_name(u32 vector)
{
	return vector < 32 ? exception_names[vector] : "interrupt";
}

static u64 idt_gate(u32 offset, u16 selector, u8 type)
{
	return (u64)(offset & 0xffff) | ((u64)selector << 16) |
	       ((u64)type << 40) | ((u64)(offset >> 16) << 48);
}

void idt_init(void)
{
	struct idt_ptr ptr = { sizeof(idt) - 1, (u32)idt };

	for (u32 v = 0; v < NR_VECTORS; v++)
		idt[v] = idt_gate(isr_stub_table[v], GDT_KERNEL_CS, GATE_INTR);
	idt[X86_TRAP_DF] = idt_gate(0, GDT_DF_TSS, GATE_TASK);
	idt[SYSCALL_VECTOR] = idt_gate(isr_stub_table[SYSCALL_VECTOR],
				       GDT_KERNEL_CS, GATE_INTR_USER);
	__asm__ volatile("lidt %0" : : "m"(ptr));
}

/*
 * A fault at a user address: the process's memory may resolve it (0: retry
 * the instruction), unless pagefaults are disabled (an atomic user copy
 * stops short instead) or no process runs here.
 */
static int user_address_fault(struct trap_frame *tf, u32 cr2, const char **why)
{
	struct mm_struct *mm = current->mm;

	*why = "no process";
	if (!mm)
		return -EFAULT;
	*why = "pagefaults disabled";
	if (pagefault_disabled() || in_interrupt())
		return -EFAULT;
	if (user_mode(tf))
		sti();		/* a user fault may take its time */
	return handle_mm_fault(mm, cr2, tf->error_code, why);
}

/*
 * Returns when the fault is resolved (the instruction runs again), when the
 * faulting kernel instruction has a fixup (the fault was not served: a user
 * copy at an address with no mapping, or one at a page not there yet with
 * pagefaults disabled; a listed load at a bad kernel address), or after
 * ending a user process. Anything else panics.
 */
static void page_fault(struct trap_frame *tf)
{
	char what[96];
	u32 cr2 = read_cr2();
	const char *context, *why;
	int err;

	/* A process's own memory, touched by it or by the kernel for it (a
	 * kernel thread has none: its faults below TASK_SIZE are bugs). */
	if (cr2 < TASK_SIZE && (current->mm || user_mode(tf))) {
		err = user_address_fault(tf, cr2, &why);
		if (!err)
			return;
		/* Out of memory: Linux's OOM killer sends SIGKILL. */
		if (user_mode(tf) && err == -ENOMEM)
			user_fault_kill(tf, SIGKILL, cr2, "out of memory");
		if (user_mode(tf))
			user_fault_kill(tf, SIGSEGV, cr2, why);
	} else if (user_mode(tf)) {
		user_fault_kill(tf, SIGSEGV, cr2, "kernel address");
	}
	/* Not served: a listed instruction fails its access, as in Linux. */
	if (fixup_exception(tf)) {
		if (cr2 < TASK_SIZE && current->mm)	/* a process's copy */
			__atomic_fetch_add(&uaccess_fixups, 1, __ATOMIC_RELAXED);
		return;
	}
	kmap_local_fault_diagnose(cr2, tf);
	pkmap_fault_diagnose(cr2, tf);

	context = pagefault_disabled() ? " with pagefaults disabled" : "";
	pf_describe(tf->error_code, what, sizeof(what));
	printk(KERN_EMERG "page fault at 0x%08x%s: %s (error code 0x%x), eip 0x%08x\n",
	       cr2, context, what, tf->error_code, tf->eip);
	panic_at(tf, "page fault at 0x%08x%s: %s", cr2, context, what);
}

/* An exception in ring 3 ends the process with Linux's signal for it. */
static void __noreturn user_exception(struct trap_frame *tf)
{
	int sig = SIGSEGV;

	if (tf->vector == X86_TRAP_DE)
		sig = SIGFPE;
	else if (tf->vector == X86_TRAP_UD)
		sig = SIGILL;
	user_fault_kill(tf, sig, tf->eip, x86_exception_name(tf->vector));
}

static void __noreturn fatal_exception(struct trap_frame *tf)
{
	printk(KERN_EMERG "%s (vector %u, error code 0x%x) at eip 0x%08x\n",
	       x86_exception_name(tf->vector), tf->vector, tf->error_code,
	       tf->eip);
	panic_at(tf, "%s (vector %u) at eip 0x%08x",
		 x86_exception_name(tf->vector), tf->vector, tf->eip);
}

/* The PIC raises IRQ 7 or 15 without a request behind it: not an error. */
static bool irq_is_spurious(u32 irq)
{
	u16 port = irq == 7 ? 0x20 : 0xa0;

	if (irq != 7 && irq != 15)
		return false;
	outb(port, 0x0b);		/* read the in-service register */
	if (inb(port) & 0x80)
		return false;
	if (irq == 15)
		outb(0x20, 0x20);	/* the master did see a request */
	return true;
}

void set_interrupt_handler(u32 vector, interrupt_handler_t fn)
{
	char owner[64];

	if (vector < FIRST_EXTERNAL_VECTOR || vector >= NR_VECTORS)
		panic("set_interrupt_handler(%u): not an interrupt vector "
		      "(%u-%u)", vector, FIRST_EXTERNAL_VECTOR, NR_VECTORS - 1);
	if (fn && interrupt_handlers[vector]) {
		ksym_format((u32)interrupt_handlers[vector], owner, sizeof(owner));
		panic("set_interrupt_handler(%u): vector already handled by %s",
		      vector, owner);
	}
	interrupt_handlers[vector] = fn;
}

static void unexpected_interrupt(struct trap_frame *tf)
{
	unexpected_interrupt_count++;
	/* Every PIC line is masked: an IRQ here means it is misprogrammed. */
	if (tf->vector < IRQ_BASE + NR_IRQS)
		pr_warn("unexpected IRQ %u (vector %u)\n", tf->vector - IRQ_BASE,
			tf->vector);
	else
		pr_warn("unexpected interrupt (vector %u) at eip 0x%08x\n",
			tf->vector, tf->eip);
}

static void interrupt(struct trap_frame *tf)
{
	u32 vector = tf->vector;
	bool from_pic = vector >= IRQ_BASE && vector < IRQ_BASE + NR_IRQS;
	interrupt_handler_t handler = interrupt_handlers[vector];
	u32 kmap_depth;

	if (from_pic && irq_is_spurious(vector - IRQ_BASE))
		return;

	kmap_depth = kmap_local_depth();
	irq_enter();
	if (handler)
		handler(tf);
	else
		unexpected_interrupt(tf);
	irq_exit();
	kmap_local_irq_exit_check(kmap_depth, vector);

	if (from_pic) {
		if (vector - IRQ_BASE >= 8)
			outb(0xa0, 0x20);
		outb(0x20, 0x20);
	}
	/* The tick may have ended the running task's time slice. */
	preempt_schedule_irq();
}

static void (*single_step_hook)(struct trap_frame *tf);

void set_single_step_hook(void (*fn)(struct trap_frame *tf))
{
	single_step_hook = fn;
}

/*
 * A debug exception in the kernel: a step of a profiled region. One that
 * arrives after its profile ended (another task's trap flag) clears the
 * flag and goes on.
 */
static void kernel_single_step(struct trap_frame *tf)
{
	if (single_step_hook)
		single_step_hook(tf);
	else if (tf->eflags & X86_EFLAGS_TF)
		tf->eflags &= ~X86_EFLAGS_TF;
	else
		fatal_exception(tf);
}

void trap_dispatch(struct trap_frame *tf)
{
	/*
	 * A process being profiled (top/profile.c): step its kernel work. The
	 * iret back to ring 3 starts with the flag set, so a debug trap follows
	 * it at the user's next instruction: that one is the end of the
	 * stepped path, and is dropped.
	 */
	if (user_mode(tf) && current->step_kernel) {
		if (tf->vector == X86_TRAP_DB)
			return;
		if (single_step_hook)
			write_eflags(read_eflags() | X86_EFLAGS_TF);
	}
	if (tf->vector == X86_TRAP_PF)
		page_fault(tf);
	else if (tf->vector == SYSCALL_VECTOR && user_mode(tf))
		syscall_entry(tf);
	else if (tf->vector == X86_TRAP_DB && !user_mode(tf))
		kernel_single_step(tf);
	else if (tf->vector < FIRST_EXTERNAL_VECTOR && user_mode(tf))
		user_exception(tf);
	else if (tf->vector < FIRST_EXTERNAL_VECTOR)
		fatal_exception(tf);
	else
		interrupt(tf);
	/* Back to ring 3: give the CPU up first if the slice is over; a
	 * process the kernel killed ends here instead (process_kill_tree()). */
	if (user_mode(tf) && current->need_resched) {
		sti();
		schedule();
	}
	if (user_mode(tf) && current->killed)
		user_fault_kill(tf, current->kill_signal, tf->eip,
				current->kill_signal == SIGPIPE ?
				"a write to a pipe with no reader" :
				"killed by the kernel");
}

/* The call travels in EAX of the trap frame, so nested calls need no state. */
struct interrupt_call {
	void (*fn)(void *arg);
	void *arg;
};

static void run_in_interrupt_handler(struct trap_frame *tf)
{
	const struct interrupt_call *call = (const void *)tf->eax;

	call->fn(call->arg);
}

void run_in_interrupt(void (*fn)(void *arg), void *arg)
{
	struct interrupt_call call = { fn, arg };
	bool outermost = interrupt_handlers[TEST_VECTOR] != run_in_interrupt_handler;

	if (outermost)
		set_interrupt_handler(TEST_VECTOR, run_in_interrupt_handler);
	__asm__ volatile("int %[vector]"
			 : : "a"(&call), [vector] "i"(TEST_VECTOR) : "memory");
	if (outermost)
		set_interrupt_handler(TEST_VECTOR, NULL);
}

/* Runs in the double-fault task (isr.asm), on its own stack. */
void __noreturn double_fault_report(u32 error_code)
{
	struct trap_frame tf = { 0 };
	u32 cr2 = read_cr2();

	gdt_interrupted_frame(&tf);
	tf.vector = X86_TRAP_DF;
	tf.error_code = error_code;
	printk(KERN_EMERG "double fault at eip 0x%08x, esp 0x%08x, cr2 0x%08x\n",
	       tf.eip, tf.esp_at_pushad, cr2);
	/* A fault on a guard page could not push its own frame: overflow. */
	if (vmalloc_guard_of(cr2))
		panic_at(&tf, "kernel stack overflow: task %s (%u) ran into the guard "
			 "page at 0x%08x below its stack (double fault at eip 0x%08x)",
			 current->name, current->id, cr2 & (u32)PAGE_MASK, tf.eip);
	if (cr2 - (u32)boot_stack_guard < PAGE_SIZE)
		panic_at(&tf, "kernel stack overflow: the boot stack ran into its "
			 "guard page at 0x%08x (double fault at eip 0x%08x)",
			 (u32)boot_stack_guard, tf.eip);
	panic_at(&tf, "double fault at eip 0x%08x, esp 0x%08x", tf.eip,
		 tf.esp_at_pushad);
}
