/* SPDX-License-Identifier: MIT */
/*
 * PAE page-table entries and primitives (mm/paging.c).
 *
 * PAE: CR3 points at a 4-entry PDPT (one per GiB); each entry points at a
 * page directory of 512 64-bit entries (2 MiB each), each of those at a page
 * table of 512 64-bit entries (4 KiB each), or maps a 2 MiB page itself
 * (_PAGE_PSE). Entries hold physical addresses above 4 GiB in their high
 * bits; bit 63 is no-execute when EFER.NXE is set.
 */
#ifndef HM386_ARCH_X86_PGTABLE_H
#define HM386_ARCH_X86_PGTABLE_H

#include <arch/x86/layout.h>
#include <types.h>

typedef u64 pte_t;

#define _PAGE_PRESENT	(1ULL << 0)
#define _PAGE_RW	(1ULL << 1)
#define _PAGE_USER	(1ULL << 2)
#define _PAGE_PWT	(1ULL << 3)
#define _PAGE_PCD	(1ULL << 4)
#define _PAGE_ACCESSED	(1ULL << 5)
#define _PAGE_DIRTY	(1ULL << 6)
#define _PAGE_PSE	(1ULL << 7)	/* in a PDE: a 2 MiB page */
#define _PAGE_GLOBAL	(1ULL << 8)
#define _PAGE_NX	(1ULL << 63)
#define PTE_ADDR_MASK	0x000ffffffffff000ULL
#define PAGE_MASK_64	(~(u64)(PAGE_SIZE - 1))

#define PTRS_PER_PTE	512
#define PTRS_PER_PD	512
#define PTRS_PER_PDPT	4

/* Kernel protections, before page_prot() adapts them to the CPU. */
#define PAGE_KERNEL		(_PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RO		(_PAGE_PRESENT | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_EXEC	(_PAGE_PRESENT | _PAGE_GLOBAL)
#define PAGE_KERNEL_NOCACHE	(PAGE_KERNEL | _PAGE_PCD)

/* The PTE bits this CPU takes: set by cpu_detect() (arch/x86/cpu.c). */
extern pte_t supported_pte_mask;

/*
 * page_prot - @prot as this CPU can take it: without NX in use the NX bit
 * is reserved (it would fault), without PGE in use no page is global.
 */
static inline pte_t page_prot(pte_t prot)
{
	return prot & supported_pte_mask;
}

static inline u32 pdpt_index(u32 va) { return va >> 30; }
static inline u32 pd_index(u32 va) { return (va >> 21) & (PTRS_PER_PD - 1); }
static inline u32 pt_index(u32 va) { return (va >> 12) & (PTRS_PER_PTE - 1); }

static inline phys_addr_t pte_phys(pte_t pte) { return pte & PTE_ADDR_MASK; }

/*
 * set_pte - store a 64-bit entry with two 32-bit writes, in the order that
 * never shows the CPU a present entry with half an address: when making it
 * present, the high half first; when taking it down, the low half first.
 */
static inline void set_pte(pte_t *ptep, pte_t pte)
{
	volatile u32 *p = (volatile u32 *)ptep;

	if (pte & _PAGE_PRESENT) {
		p[0] = 0;
		__asm__ volatile("" : : : "memory");
		p[1] = (u32)(pte >> 32);
		__asm__ volatile("" : : : "memory");
		p[0] = (u32)pte;
	} else {
		p[0] = (u32)pte;
		__asm__ volatile("" : : : "memory");
		p[1] = (u32)(pte >> 32);
	}
}

/*
 * set_pte_new - store @pte, present, into an entry known not to be present:
 * the high half, then the low half with the present bit (two stores, where
 * set_pte() needs three for an entry that may be present). In assembly, so
 * that both stores address the entry directly. set_pte_new_halves() takes
 * the halves, for a caller that builds them apart (no 64-bit arithmetic).
 */
static inline void set_pte_new_halves(pte_t *ptep, u32 high, u32 low)
{
	u32 *p = (u32 *)ptep;

	__asm__ volatile("movl %2, %0\n\tmovl %3, %1"
			 : "=m"(p[1]), "=m"(p[0]) : "r"(high), "r"(low)
			 : "memory");
}

static inline void set_pte_new(pte_t *ptep, pte_t pte)
{
	set_pte_new_halves(ptep, (u32)(pte >> 32), (u32)pte);
}

/* pte_clear - take an entry down: the low half (the present bit) first. */
static inline void pte_clear(pte_t *ptep)
{
	u32 *p = (u32 *)ptep;

	__asm__ volatile("movl $0, %0\n\tmovl $0, %1"
			 : "=m"(p[0]), "=m"(p[1]) : : "memory");
}

/* flush_tlb_one_local - drop this CPU's TLB entry for @va (invlpg). */
static inline void flush_tlb_one_local(u32 va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* flush_tlb_local - drop this CPU's non-global TLB entries (CR3 reload). */
static inline void flush_tlb_local(void)
{
	__asm__ volatile("mov %%cr3, %%eax; mov %%eax, %%cr3" : : : "eax", "memory");
}

#endif
