/* SPDX-License-Identifier: MIT */
/*
 * The fixmap: virtual pages with addresses fixed at compile time, counted
 * down from FIXADDR_TOP, whose page table exists from boot, so that mapping
 * one is a single PTE store (mm/fixmap.c). The top page stays a hole.
 * It holds the local APIC's registers, a window for reading firmware tables
 * (ACPI, MP) wherever they lie, and the kmap_local slots: KM_MAX_IDX per
 * CPU, CPU 0's first.
 */
#ifndef HM386_ARCH_X86_FIXMAP_H
#define HM386_ARCH_X86_FIXMAP_H

#include <arch/x86/pgtable.h>
#include <arch/x86/kmap_size.h>
#include <config.h>

#define FIXADDR_TOP	0xfffff000UL

enum fixed_addresses {
	FIX_HOLE,		/* FIXADDR_TOP itself: never mapped */
	FIX_TEST_0,		/* two pages for the self-tests' aliases */
	FIX_TEST_1,
	FIX_APIC_BASE,		/* the local APIC's registers, uncached (apic.c) */
	FIX_FIRMWARE,		/* one page of a firmware table being read (acpi.c) */
	FIX_TLB_TEST,		/* the TLB shootdown self-tests' probe page */
	FIX_KMAP_BEGIN,		/* kmap_local slots, KM_MAX_IDX per CPU */
	FIX_KMAP_END = FIX_KMAP_BEGIN + KM_MAX_IDX * NR_CPUS - 1,
	__end_of_fixed_addresses
};

#define FIXADDR_SIZE	(__end_of_fixed_addresses << PAGE_SHIFT)
#define FIXADDR_START	(FIXADDR_TOP - FIXADDR_SIZE + PAGE_SIZE)

static inline u32 fix_to_virt(enum fixed_addresses idx)
{
	return FIXADDR_TOP - ((u32)idx << PAGE_SHIFT);
}

static inline enum fixed_addresses virt_to_fix(u32 va)
{
	return (enum fixed_addresses)((FIXADDR_TOP - (va & PAGE_MASK)) >> PAGE_SHIFT);
}

/* fixmap_init - install the fixmap page table in the kernel's page
 * directory (after paging_init()): from then on a slot is one PTE store
 * away. */
void fixmap_init(void);

/* The 2 MiB that the fixmap's one page table covers. */
#define FIXMAP_PT_BASE	(FIXADDR_TOP & PMD_MASK)

/* The fixmap's page table (mm/fixmap.c): in the kernel image, so its
 * address is known when the kernel is linked. */
extern pte_t fixmap_pt[PTRS_PER_PTE];

/*
 * fixmap_virt_pte - the PTE of the fixmap page at @va (no walk, no check:
 * @va lies in the fixmap). A constant table and a constant offset: the
 * caller's store is one instruction addressing the entry by @va >> 12.
 */
static inline pte_t *fixmap_virt_pte(u32 va)
{
	/* Where the entry of page 0 would be; an integer, so that a compiler
	 * that sees a constant @va outside the fixmap on a path that never
	 * runs does not call it out of bounds. */
	pte_t *page0 = (pte_t *)((u32)fixmap_pt -
				 (FIXMAP_PT_BASE >> PAGE_SHIFT) * sizeof(pte_t));

	return page0 + (va >> PAGE_SHIFT);
}

/* fixmap_pte - the PTE of slot @idx (no walk: the table is known). */
static inline pte_t *fixmap_pte(enum fixed_addresses idx)
{
	return fixmap_virt_pte(fix_to_virt(idx));
}

/*
 * set_fixmap - map physical page @phys (any address below 64 GiB) at slot
 * @idx with @prot, and drop this CPU's stale TLB entry. Returns the address.
 */
void *set_fixmap(enum fixed_addresses idx, phys_addr_t phys, pte_t prot);

/* clear_fixmap - unmap slot @idx and flush it on this CPU. */
void clear_fixmap(enum fixed_addresses idx);

#endif
