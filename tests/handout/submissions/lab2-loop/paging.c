// SPDX-License-Identifier: MIT
/*
 * A lab 2 submission that never returns (tests/handout/gradescope.py): the
 * grading run must end at its time limit and fail every case, saying so.
 */
#include <arch/x86/pgtable.h>
#include <mm/paging.h>

pte_t *lookup_pte(u32 va, u32 *size)
{
	for (;;)
		__asm__ volatile("pause");
}

bool virt_to_phys_walk(u32 va, phys_addr_t *phys)
{
	return lookup_pte(va, NULL) != NULL;
}
