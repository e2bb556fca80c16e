/* SPDX-License-Identifier: MIT */
/*
 * The kernel's page tables (mm/paging.c): the direct map of lowmem built by
 * paging_init(), page tables for the areas mapped page by page (vmalloc,
 * pkmap, fixmap), and walks of the current tables. The entry format is the
 * machine's (<arch/x86/pgtable.h>).
 */
#ifndef HM386_MM_PAGING_H
#define HM386_MM_PAGING_H

#include <arch/x86/pgtable.h>
#include <types.h>

/* paging_init - build the kernel page tables and switch to them (the
 * double-fault task still has the boot tables: gdt_set_df_cr3()). */
void paging_init(void);

/*
 * kernel_pte_alloc - the page-table entry for kernel address @va, allocating
 * the page table (from lowmem) if its 2 MiB has none yet. NULL when memory
 * is short. For areas mapped page by page (vmalloc); the page tables are
 * shared by all CPUs and never freed.
 */
pte_t *kernel_pte_alloc(u32 va);

/*
 * kernel_pt_alloc_early - at boot, before the page allocator: a zeroed page
 * table from bootmem, installed for the 2 MiB at @va (which nothing maps
 * yet). Returns it. Not-present entries are never cached, so no flush.
 */
pte_t *kernel_pt_alloc_early(u32 va);

/*
 * kernel_pt_install - at boot: install the zeroed lowmem page table @pt for
 * the 2 MiB at @va (which nothing maps yet).
 */
void kernel_pt_install(u32 va, pte_t *pt);

/*
 * kernel_pte_lookup - the page-table entry for kernel address @va when its
 * 2 MiB has a page table (the entry itself may be empty); NULL when it has
 * none or is mapped by a large page. Never allocates.
 */
pte_t *kernel_pte_lookup(u32 va);

/*
 * lookup_pte - the entry that maps @va in the current tables, or NULL when
 * a level above it is not present. *@size is set to the size it maps
 * (4 KiB, or 2 MiB for a large page).
 */
pte_t *lookup_pte(u32 va, u32 *size);

/*
 * virt_to_phys_walk - translate @va by walking the tables; false when it is
 * not mapped.
 */
bool virt_to_phys_walk(u32 va, phys_addr_t *phys);

/* The kernel PDPT and the end of the direct map (virtual). */
extern u64 kernel_pdpt[PTRS_PER_PDPT];
extern u32 high_memory;

#endif
