/* SPDX-License-Identifier: MIT */
/*
 * Can this CPU walk page tables above 4 GiB (arch/x86/ptw_check.c)? PAE
 * says yes: a page-directory entry holds a table's full physical address.
 * QEMU 7.2's qemu-system-i386 says no: its TCG page-table walker reads
 * table entries through a 32-bit address, so a table above 4 GiB reads as
 * empty and a user access that needs it faults for ever. hm386 asks the CPU
 * instead of trusting either.
 */
#ifndef HM386_ARCH_X86_PTW_CHECK_H
#define HM386_ARCH_X86_PTW_CHECK_H

#include <types.h>

/*
 * ptw_check - when there is RAM above 4 GiB: build a user page table
 * there, read through it with pagefaults disabled, and if the read fails
 * keep user page tables below 4 GiB (user_pte_gfp gains __GFP_BELOW_4G),
 * saying so in one line. After mm_init() and kmap_init(); any context
 * that may switch CR3 (boot, before other CPUs run processes).
 */
void ptw_check(void);

/* ptw_above_4g_ok - the answer: true when the CPU walked the table (or
 * there is no RAM above 4 GiB to ask about). */
extern bool ptw_above_4g_ok;

#endif
