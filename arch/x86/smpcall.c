// SPDX-License-Identifier: MIT
/*
 * Running a function on another CPU: smp_call_function_single(); and the
 * scheduler's nudge, smp_send_reschedule().
 *
 * Each CPU has one request slot, guarded by a spinlock so that callers
 * take turns. The caller fills the slot and sends CALL_FUNCTION_VECTOR; the
 * target's handler acknowledges the IPI, takes fn and arg out of the slot,
 * says it started, runs fn and says it finished. The caller takes the lock
 * and spins on those steps with interrupts on, so that it can answer other
 * CPUs' IPIs meanwhile (the deadlock rule in smp.h).
 */
#include <arch/x86/apic.h>
#include <arch/x86/cpu.h>
#include <arch/x86/smp.h>
#include <arch/x86/trap.h>
#include <arch/x86/tsc.h>
#include <kernel/panic.h>
#include <kernel/preempt.h>
#include <kernel/sched_hooks.h>
#include <kernel/smp.h>
#include <kernel/spinlock.h>

#define CALL_TIMEOUT_US	(10 * 1000 * 1000)	/* then it is a bug: panic */

enum call_state {
	CALL_IDLE,
	CALL_QUEUED,		/* filled, IPI sent */
	CALL_STARTED,		/* the target copied fn and arg */
	CALL_DONE,		/* fn returned (only when the caller waits) */
};

struct call_request {
	spinlock_t lock;	/* one caller at a time */
	void (*fn)(void *arg);
	void *arg;
	bool wait;
	u32 state;		/* enum call_state */
};

static struct call_request call_requests[NR_CPUS];

static void call_function_interrupt(struct trap_frame *tf)
{
	struct call_request *req = &call_requests[smp_processor_id()];
	void (*fn)(void *arg) = req->fn;
	void *arg = req->arg;
	bool wait = req->wait;

	lapic_eoi();		/* fn may enable interrupts: let others nest */
	this_cpu()->call_function_ipis++;
	if (!wait)
		__atomic_store_n(&req->state, CALL_STARTED, __ATOMIC_RELEASE);
	fn(arg);
	if (wait)
		__atomic_store_n(&req->state, CALL_DONE, __ATOMIC_RELEASE);
}

/* Another CPU made a task runnable here. */
static void reschedule_interrupt(struct trap_frame *tf)
{
	lapic_eoi();	/* before a switch: the APIC blocks its class until EOI */
	scheduler_ipi();
}

void smp_send_reschedule(u32 cpu)
{
	send_ipi(cpu, RESCHEDULE_VECTOR);
}

void smp_call_init(void)
{
	for (u32 cpu = 0; cpu < NR_CPUS; cpu++)
		spin_lock_init(&call_requests[cpu].lock, "call_request");
	set_interrupt_handler(CALL_FUNCTION_VECTOR, call_function_interrupt);
	set_interrupt_handler(RESCHEDULE_VECTOR, reschedule_interrupt);
}

int smp_call_function_single(u32 cpu, void (*fn)(void *arg), void *arg, bool wait)
{
	struct call_request *req;
	u32 flags, want = wait ? CALL_DONE : CALL_STARTED, waited = 0;

	if (!cpu_online(cpu))
		return -1;
	preempt_disable();
	if (cpu == smp_processor_id()) {
		local_irq_save(flags);
		fn(arg);
		local_irq_restore(flags);
		preempt_enable();
		return 0;
	}
	if (irqs_disabled())
		panic("smp_call_function_single(CPU %u) with interrupts disabled: "
		      "a CPU that waits for another with interrupts off can "
		      "deadlock with one that waits for it", cpu);

	req = &call_requests[cpu];
	spin_lock(&req->lock);
	req->fn = fn;
	req->arg = arg;
	req->wait = wait;
	__atomic_store_n(&req->state, CALL_QUEUED, __ATOMIC_RELEASE);
	send_ipi(cpu, CALL_FUNCTION_VECTOR);
	while (__atomic_load_n(&req->state, __ATOMIC_ACQUIRE) != want) {
		if (++waited > CALL_TIMEOUT_US)
			panic("smp_call_function_single: CPU %u did not %s the "
			      "call within %u s", cpu, wait ? "finish" : "start",
			      CALL_TIMEOUT_US / 1000000);
		udelay(1);
	}
	req->state = CALL_IDLE;
	spin_unlock(&req->lock);
	preempt_enable();
	return 0;
}
