// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 2 (tools/grade.py --check, tests/host/labs.mk):
 * lookup_pte() finds the right entry, a 2 MiB page's too, but always
 * reports *size as PAGE_SIZE; virt_to_phys_walk() does not ask it and
 * reads the page's size from the entry's _PAGE_PSE bit instead, so every
 * translation is right. A caller that trusts *size (the contract) takes a
 * 2 MiB page for a 4 KiB one; paging.direct_map_translates checks the size
 * and must fail.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/pgtable.h>
#include <mm/paging.h>

pte_t *lookup_pte(u32 va, u32 *size)
{
	u64 *pdpt = (u64 *)((read_cr3() & ~0x1fU) + PAGE_OFFSET);
	u64 pdpte = pdpt[pdpt_index(va)];
	u64 *pd, *pt;

	if (size)
		*size = PAGE_SIZE;		/* wrong: also for 2 MiB */
	if (!(pdpte & _PAGE_PRESENT))
		return NULL;
	pd = __va((u32)pte_phys(pdpte));
	if (!(pd[pd_index(va)] & _PAGE_PRESENT))
		return NULL;
	if (pd[pd_index(va)] & _PAGE_PSE)
		return &pd[pd_index(va)];
	pt = __va((u32)pte_phys(pd[pd_index(va)]));
	return &pt[pt_index(va)];
}

bool virt_to_phys_walk(u32 va, phys_addr_t *phys)
{
	pte_t *pte = lookup_pte(va, NULL);
	u32 size;

	if (!pte || !(*pte & _PAGE_PRESENT))
		return false;
	size = *pte & _PAGE_PSE ? PMD_SIZE : PAGE_SIZE;
	*phys = (pte_phys(*pte) & ~(phys_addr_t)(size - 1)) + (va & (size - 1));
	return true;
}
