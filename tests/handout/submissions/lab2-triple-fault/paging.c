// SPDX-License-Identifier: MIT
/*
 * A lab 2 submission that triple-faults (tests/handout/gradescope.py): it
 * loads an empty IDT, so the breakpoint, then the #GP and the double fault
 * cannot be delivered, and the CPU resets. QEMU (-no-reboot) exits, and
 * the grading run must fail every case with the reboot as the reason.
 */
#include <arch/x86/pgtable.h>
#include <mm/paging.h>

struct empty_idt {
	u16 limit;
	u32 base;
} __attribute__((packed));

pte_t *lookup_pte(u32 va, u32 *size)
{
	static const struct empty_idt idt = { 0, 0 };

	__asm__ volatile("lidt %0\n\tint3" : : "m"(idt));
	return NULL;
}

bool virt_to_phys_walk(u32 va, phys_addr_t *phys)
{
	return lookup_pte(va, NULL) != NULL;
}
