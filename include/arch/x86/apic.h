/* SPDX-License-Identifier: MIT */
/*
 * The local APIC (arch/x86/apic.c): every CPU's own interrupt controller,
 * used here in xAPIC mode through its 4 KiB of registers at 0xFEE00000,
 * mapped once at the FIX_APIC_BASE fixmap slot, uncached. Every CPU sees
 * its own APIC at that same address.
 *
 * It gives each CPU a periodic timer (HZ ticks per second, calibrated once
 * against the PIT) and lets CPUs interrupt each other (IPIs): INIT and
 * STARTUP to bring the other CPUs up, fixed vectors for TLB shootdowns and
 * remote function calls.
 */
#ifndef HM386_ARCH_X86_APIC_H
#define HM386_ARCH_X86_APIC_H

#include <types.h>

#define HZ			100	/* timer ticks per second, every CPU */

/* Vectors the APIC code owns. Higher vectors win: the timer is lowest. */
#define LOCAL_TIMER_VECTOR	0xef
#define CALL_FUNCTION_VECTOR	0xfb	/* smp_call_function_single() */
#define RESCHEDULE_VECTOR	0xfc	/* wake_up_process() on another CPU */
#define TLB_FLUSH_VECTOR	0xfd	/* flush_tlb_kernel_range() */
#define SPURIOUS_APIC_VECTOR	0xff	/* low 4 bits must be 1 on old APICs */

#define APIC_DEFAULT_PHYS_BASE	0xfee00000U

/* IA32_APIC_BASE: where the registers are, and the global enable. */
#define MSR_IA32_APIC_BASE	0x1b
#define APIC_BASE_BSP		(1U << 8)	/* this CPU is the boot CPU */
#define APIC_BASE_ENABLE	(1U << 11)
#define APIC_BASE_ADDR_MASK	0xfffff000U

/* Register offsets (Intel SDM vol. 3, "Local APIC Register Address Map"). */
#define APIC_ID			0x020	/* bits 31-24: the APIC id */
#define APIC_LVR		0x030	/* version, max LVT entry */
#define APIC_TPR		0x080	/* task priority */
#define APIC_EOI		0x0b0
#define APIC_SVR		0x0f0	/* spurious vector, software enable */
#define APIC_ESR		0x280	/* error status */
#define APIC_ICR_LOW		0x300	/* interrupt command: writing sends */
#define APIC_ICR_HIGH		0x310	/* bits 31-24: destination APIC id */
#define APIC_LVT_TIMER		0x320
#define APIC_LVT_LINT0		0x350
#define APIC_LVT_LINT1		0x360
#define APIC_LVT_ERROR		0x370
#define APIC_TIMER_INIT		0x380	/* initial count: writing starts it */
#define APIC_TIMER_CURRENT	0x390
#define APIC_TIMER_DIVIDE	0x3e0

#define APIC_SVR_ENABLE		(1U << 8)	/* software enable */
#define APIC_LVT_MASKED		(1U << 16)
#define APIC_LVT_TIMER_PERIODIC	(1U << 17)
#define APIC_TIMER_DIVIDE_16	0x3		/* bits 3,1,0 = 0,1,1 */

/* ICR low word. */
#define APIC_DM_FIXED		(0U << 8)
#define APIC_DM_INIT		(5U << 8)
#define APIC_DM_STARTUP		(6U << 8)
#define APIC_ICR_BUSY		(1U << 12)	/* delivery status: send pending */
#define APIC_ICR_ASSERT		(1U << 14)	/* level: assert (0: de-assert) */
#define APIC_ICR_LEVEL_TRIG	(1U << 15)	/* trigger mode: level */
#define APIC_DEST_ALL_BUT_SELF	(3U << 18)	/* destination shorthand */
#define APIC_ICR_DEST_SHIFT	24		/* in ICR_HIGH */

/*
 * lapic_read, lapic_write - the register at offset @reg of this CPU's
 * local APIC. Only after lapic_init_boot() has mapped it.
 */
u32 lapic_read(u32 reg);
void lapic_write(u32 reg, u32 value);

/* lapic_id - this CPU's local APIC id (xAPIC: 8 bits). */
u32 lapic_id(void);

/*
 * lapic_eoi - end of interrupt: the APIC may deliver the next interrupt of
 * the same or lower priority. Every handler of an APIC vector calls it once
 * (not the spurious vector's).
 */
void lapic_eoi(void);

/*
 * lapic_init_boot - on the boot CPU, once: check that the CPU has an APIC,
 * map its registers at FIX_APIC_BASE (where IA32_APIC_BASE says), install
 * the timer's and the spurious vector's handlers, enable this CPU's APIC,
 * calibrate its timer against the PIT and start it. Returns false, with a
 * warning, when the CPU has no APIC: the kernel then runs on this CPU
 * alone, without a timer.
 */
bool lapic_init_boot(void);

/*
 * lapic_init_ap - on an AP coming up: enable its APIC (the registers are
 * already mapped: the fixmap is shared) and start its timer, masked by
 * EFLAGS.IF until the CPU enables interrupts. Prints nothing.
 */
void lapic_init_ap(void);

/* lapic_present - true once lapic_init_boot() succeeded. */
bool lapic_present(void);

/* The timer's initial count for one tick (HZ), as calibrated; 0 before. */
extern u32 lapic_timer_count_per_tick;

/*
 * send_ipi - interrupt CPU @cpu (a number, 0 .. NR_CPUS - 1, that is
 * online) with @vector, fixed delivery. Returns once this APIC has sent
 * it (the ICR's delivery status); panics if it never does. Any context.
 */
void send_ipi(u32 cpu, u32 vector);

/*
 * send_ipi_all_but_self - interrupt every other started CPU with @vector
 * (the "all excluding self" shorthand): CPUs that were never started or
 * that were parked ignore it.
 */
void send_ipi_all_but_self(u32 vector);

/*
 * apic_send_init, apic_send_startup - the bring-up IPIs to the APIC with id
 * @apic_id: INIT (assert, then de-assert, as the MP spec asks), and STARTUP
 * at real-mode page @page (the AP starts at physical @page << 12). False
 * when the APIC never reported the IPI as sent.
 */
bool apic_send_init(u32 apic_id);
bool apic_send_startup(u32 apic_id, u32 page);

/* Interrupts taken on the spurious vector, all CPUs. */
extern u32 apic_spurious_count;

#endif
