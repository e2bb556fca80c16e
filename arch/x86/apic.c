// SPDX-License-Identifier: MIT
/*
 * The local APIC: enabling it, its timer, and sending IPIs.
 *
 * The registers sit at one physical page (0xFEE00000 unless the firmware
 * moved it) that every CPU decodes as its own APIC; the boot CPU maps that
 * page once at FIX_APIC_BASE, uncached, and every CPU uses the same mapping.
 *
 * The timer counts down the bus clock divided by 16. Its rate differs from
 * machine to machine, so the boot CPU measures it once against the PIT (as
 * tsc.c does for the TSC) and every CPU then loads the same count, in
 * periodic mode, for HZ interrupts a second. The handler acknowledges the
 * interrupt first and then calls scheduler_tick(), which may switch tasks.
 */
#include <arch/x86/apic.h>
#include <arch/x86/cpu.h>
#include <mm/fixmap.h>
#include <arch/x86/pit.h>
#include <arch/x86/trap.h>
#include <arch/x86/tsc.h>
#include <kernel/panic.h>
#include <kernel/percpu.h>
#include <kernel/printk.h>
#include <kernel/sched_hooks.h>
#include <lib/div64.h>

#define CALIBRATE_MS		5
#define ICR_SEND_TIMEOUT_US	100000	/* the MP spec expects 20 us */

static bool apic_ready;
u32 lapic_timer_count_per_tick;
u32 apic_spurious_count;

static volatile u32 *lapic_reg(u32 reg)
{
	return (volatile u32 *)(fix_to_virt(FIX_APIC_BASE) + reg);
}

u32 lapic_read(u32 reg)
{
	return *lapic_reg(reg);
}

void lapic_write(u32 reg, u32 value)
{
	*lapic_reg(reg) = value;
}

u32 lapic_id(void)
{
	return lapic_read(APIC_ID) >> 24;
}

void lapic_eoi(void)
{
	lapic_write(APIC_EOI, 0);
}

bool lapic_present(void)
{
	return apic_ready;
}

/* Acknowledge first: scheduler_tick() may switch away for a long time. */
static void lapic_timer_interrupt(struct trap_frame *tf)
{
	lapic_eoi();
	this_cpu()->apic_timer_irqs++;
	scheduler_tick(tf);
}

/* Raised when an interrupt vanished before the CPU took it: no EOI. */
static void spurious_interrupt(struct trap_frame *tf)
{
	__atomic_add_fetch(&apic_spurious_count, 1, __ATOMIC_RELAXED);
}

/*
 * This CPU's APIC on, accepting every priority, with its error interrupt
 * and (on an AP) its LINT pins masked. The boot CPU keeps the LINT setup
 * the firmware chose (virtual-wire mode for the 8259s).
 */
static void lapic_enable_this_cpu(bool is_ap)
{
	u64 base = rdmsr(MSR_IA32_APIC_BASE);

	if (!(base & APIC_BASE_ENABLE))
		wrmsr(MSR_IA32_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic_write(APIC_TPR, 0);
	lapic_write(APIC_LVT_ERROR, APIC_LVT_MASKED);
	lapic_write(APIC_ESR, 0);	/* two writes clear it */
	lapic_write(APIC_ESR, 0);
	if (is_ap) {
		lapic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);
		lapic_write(APIC_LVT_LINT1, APIC_LVT_MASKED);
	}
	lapic_write(APIC_SVR, SPURIOUS_APIC_VECTOR | APIC_SVR_ENABLE);
}

/* The timer's counter as a rising number, for pit_measure(). */
static u64 lapic_timer_elapsed(void)
{
	return 0xffffffffU - lapic_read(APIC_TIMER_CURRENT);
}

/* Count-down steps per second, measured over CALIBRATE_MS of the PIT. */
static u32 lapic_timer_calibrate(void)
{
	u64 start, counted;
	u32 rem;

	lapic_write(APIC_TIMER_DIVIDE, APIC_TIMER_DIVIDE_16);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	lapic_write(APIC_TIMER_INIT, 0xffffffffU);	/* one-shot, from the top */
	counted = pit_measure(CALIBRATE_MS, lapic_timer_elapsed, &start);
	lapic_write(APIC_TIMER_INIT, 0);		/* stop it */
	return (u32)div_u64_rem(counted * 1000, CALIBRATE_MS, &rem);
}

/* Periodic, HZ a second; delivered once this CPU enables interrupts. */
static void lapic_timer_start(void)
{
	lapic_write(APIC_TIMER_DIVIDE, APIC_TIMER_DIVIDE_16);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	lapic_write(APIC_TIMER_INIT, lapic_timer_count_per_tick);
}

bool lapic_init_boot(void)
{
	u32 phys, per_second;

	if (!boot_cpu.apic || !boot_cpu.msr) {
		pr_warn("APIC: this CPU has no local APIC: one CPU, no timer\n");
		return false;
	}
	phys = (u32)rdmsr(MSR_IA32_APIC_BASE) & APIC_BASE_ADDR_MASK;
	set_fixmap(FIX_APIC_BASE, phys, PAGE_KERNEL_NOCACHE);

	set_interrupt_handler(LOCAL_TIMER_VECTOR, lapic_timer_interrupt);
	set_interrupt_handler(SPURIOUS_APIC_VECTOR, spurious_interrupt);
	lapic_enable_this_cpu(false);
	apic_ready = true;

	per_second = lapic_timer_calibrate();
	lapic_timer_count_per_tick = per_second / HZ;
	if (!lapic_timer_count_per_tick) {
		pr_warn("APIC: timer calibration failed (no PIT?): using 1 MHz\n");
		lapic_timer_count_per_tick = 1000000 / HZ;
	}
	lapic_timer_start();
	pr_info("APIC: local APIC at 0x%08x, id %u, version 0x%x; timer %u kHz "
		"(bus / 16), %u Hz: count %u\n", phys, lapic_id(),
		lapic_read(APIC_LVR) & 0xff, per_second / 1000, HZ,
		lapic_timer_count_per_tick);
	return true;
}

void lapic_init_ap(void)
{
	lapic_enable_this_cpu(true);
	lapic_timer_start();
}

/* Wait for the ICR's delivery status to clear; false on timeout. */
static bool icr_wait_idle(void)
{
	for (u32 waited = 0; lapic_read(APIC_ICR_LOW) & APIC_ICR_BUSY; waited++) {
		if (waited >= ICR_SEND_TIMEOUT_US)
			return false;
		udelay(1);
	}
	return true;
}

/*
 * Write the ICR, high word first (writing the low word sends), with
 * interrupts off so that no handler's IPI lands between the two writes.
 * True when the APIC reported the IPI sent.
 */
static bool icr_send(u32 dest_apic_id, u32 low)
{
	u32 flags;
	bool sent;

	local_irq_save(flags);
	sent = icr_wait_idle();
	if (sent) {
		lapic_write(APIC_ICR_HIGH, dest_apic_id << APIC_ICR_DEST_SHIFT);
		lapic_write(APIC_ICR_LOW, low);
		sent = icr_wait_idle();
	}
	local_irq_restore(flags);
	return sent;
}

void send_ipi(u32 cpu, u32 vector)
{
	BUG_ON(cpu >= NR_CPUS || !cpu_info[cpu].online);
	if (!icr_send(cpu_info[cpu].apic_id, APIC_DM_FIXED | APIC_ICR_ASSERT | vector))
		panic("send_ipi(CPU %u, vector 0x%x): the APIC never sent it "
		      "(ICR 0x%08x)", cpu, vector, lapic_read(APIC_ICR_LOW));
}

void send_ipi_all_but_self(u32 vector)
{
	if (!icr_send(0, APIC_DEST_ALL_BUT_SELF | APIC_DM_FIXED |
		      APIC_ICR_ASSERT | vector))
		panic("send_ipi_all_but_self(vector 0x%x): the APIC never sent it "
		      "(ICR 0x%08x)", vector, lapic_read(APIC_ICR_LOW));
}

bool apic_send_init(u32 apic_id)
{
	if (!icr_send(apic_id, APIC_DM_INIT | APIC_ICR_LEVEL_TRIG | APIC_ICR_ASSERT))
		return false;
	udelay(200);
	return icr_send(apic_id, APIC_DM_INIT | APIC_ICR_LEVEL_TRIG);
}

bool apic_send_startup(u32 apic_id, u32 page)
{
	lapic_write(APIC_ESR, 0);
	return icr_send(apic_id, APIC_DM_STARTUP | (page & 0xff));
}
