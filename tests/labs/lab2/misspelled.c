// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 2 (tools/grade.py --check, tests/host/labs.mk):
 * the stubs of labs/lab2/paging.c, with virt_to_phys_walk() spelled
 * virt_to_phys_wakl(). The kernel still calls virt_to_phys_walk(), which
 * this file does not define, so lab 2's kernel must not link, and the
 * message names virt_to_phys_walk().
 */
#include <arch/x86/cpu.h>
#include <arch/x86/pgtable.h>
#include <mm/paging.h>

/*
 * lookup_pte - the entry that maps @va in the current tables, or NULL when
 * a level on the way is not present. For a 2 MiB page that is the page
 * directory entry itself (it has _PAGE_PSE); *@size (if @size is not NULL)
 * receives the size the entry maps: PMD_SIZE or PAGE_SIZE.
 */
pte_t *lookup_pte(u32 va, u32 *size)
{
	/* CR3 holds the PDPT's physical address (32-byte aligned, lowmem). */
	u64 *pdpt = (u64 *)((read_cr3() & ~0x1fU) + PAGE_OFFSET);
	u64 pdpte = pdpt[pdpt_index(va)];
	u64 *pd, *pt;

	if (!(pdpte & _PAGE_PRESENT))
		return NULL;
	pd = __va((u32)pte_phys(pdpte));
	if (!(pd[pd_index(va)] & _PAGE_PRESENT))
		return NULL;
	/*
	 * TODO: a page directory entry with _PAGE_PSE maps 2 MiB itself: it
	 * points at the page, not at a page table, and is the answer.
	 */
	pt = __va((u32)pte_phys(pd[pd_index(va)]));
	if (size)
		*size = PAGE_SIZE;
	return &pt[pt_index(va)];
}

/*
 * virt_to_phys_walk - translate @va by walking the tables; false when it is
 * not mapped. Works for 4 KiB and 2 MiB pages.
 */
bool virt_to_phys_wakl(u32 va, phys_addr_t *phys)
{
	u32 size;
	pte_t *pte = lookup_pte(va, &size);

	if (!pte || !(*pte & _PAGE_PRESENT))
		return false;
	/*
	 * TODO: the offset of @va inside its page depends on the page's
	 * size, which lookup_pte() returned in size.
	 */
	*phys = pte_phys(*pte) + (va & (PAGE_SIZE - 1));
	return true;
}
