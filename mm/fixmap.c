// SPDX-License-Identifier: MIT
/*
 * The fixmap page table: it covers the top 2 MiB of the address space, is
 * part of the kernel image (its address a link-time constant), and is
 * installed once at boot, so a slot's PTE is found by
 * index and mapping a slot is one PTE store plus, on unmap, one invlpg.
 */
#include <arch/x86/cpu.h>
#include <mm/fixmap.h>
#include <kernel/panic.h>
#include <arch/x86/pgtable.h>
#include <mm/paging.h>

pte_t fixmap_pt[PTRS_PER_PTE] __aligned(PAGE_SIZE);

void fixmap_init(void)
{
	BUILD_BUG_ON(FIXADDR_SIZE > PMD_SIZE);
	kernel_pt_install(FIXMAP_PT_BASE, fixmap_pt);
}

void *set_fixmap(enum fixed_addresses idx, phys_addr_t phys, pte_t prot)
{
	u32 va = fix_to_virt(idx);

	BUG_ON(idx == FIX_HOLE || idx >= __end_of_fixed_addresses);
	BUG_ON(phys >= phys_addr_limit());
	set_pte(fixmap_pte(idx), (phys & PAGE_MASK_64) | page_prot(prot));
	flush_tlb_one_local(va);
	return (void *)va;
}

void clear_fixmap(enum fixed_addresses idx)
{
	BUG_ON(idx == FIX_HOLE || idx >= __end_of_fixed_addresses);
	pte_clear(fixmap_pte(idx));
	flush_tlb_one_local(fix_to_virt(idx));
}
