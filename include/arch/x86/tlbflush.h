/* SPDX-License-Identifier: MIT */
/*
 * Keeping the CPUs' TLBs in step with the kernel page tables
 * (arch/x86/tlbflush.c).
 *
 * All CPUs share the kernel's page tables, but each CPU caches translations
 * in its own TLB, and nothing flushes another CPU's TLB but that CPU. So a
 * kernel mapping that changes (a PTE now points elsewhere, or is cleared)
 * and that another CPU may have used must be flushed on every CPU: a TLB
 * shootdown. Changes only this CPU can have used (its kmap_local slots) are
 * flushed locally, which is what makes them cheap.
 */
#ifndef HM386_ARCH_X86_TLBFLUSH_H
#define HM386_ARCH_X86_TLBFLUSH_H

#include <types.h>

/* Above this many pages a range flush drops the whole TLB instead. */
#define TLB_FLUSH_ALL_THRESHOLD	32

/*
 * flush_tlb_one_kernel - drop this CPU's TLB entry for kernel address
 * @addr (invlpg), and only this CPU's: other CPUs may keep using the old
 * translation until they flush. For mappings no other CPU can have used.
 * Any context.
 */
void flush_tlb_one_kernel(u32 addr);

/*
 * flush_tlb_all_local - drop every TLB entry of this CPU, global ones
 * included (toggling CR4.PGE, or reloading CR3 without PGE). Any context.
 */
void flush_tlb_all_local(void);

/*
 * flush_tlb_kernel_range - after changing the kernel PTEs of [@start, @end)
 * (rounded out to pages; @end exclusive, above @start): flush them on this
 * CPU (page by page, or the whole TLB above TLB_FLUSH_ALL_THRESHOLD pages),
 * then send TLB_FLUSH_VECTOR to every other online CPU and return once
 * each has flushed the range too.
 *
 * Deadlock rule: when other CPUs are online it must be called with
 * interrupts enabled (it spins until they answer, and a CPU shooting at it
 * meanwhile needs its answer too); a call with interrupts disabled then
 * panics. Not from interrupt handlers. Preemption is disabled inside.
 */
void flush_tlb_kernel_range(u32 start, u32 end);

/* tlbflush_init - install the TLB_FLUSH_VECTOR handler (smp_init()). */
void tlbflush_init(void);

/* tlb_report - print each online CPU's TLB counters (cpu_info[].tlb). */
void tlb_report(void);

#endif
