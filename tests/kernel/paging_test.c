// SPDX-License-Identifier: MIT
/*
 * Paging: the direct map reaches the right physical memory, PAE reaches
 * memory above 4 GiB, the identity map is gone, and W^X holds — checked on
 * the page-table entries themselves and, in death cases, by the faults.
 */
#include <arch/x86/cpu.h>
#include <mm/fixmap.h>
#include <arch/x86/pgtable.h>
#include <mm/paging.h>
#include <boot/bootinfo.h>
#include <top/main.h>
#include <kernel/ktest.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/page.h>

extern char boot_stack_guard[];
static const u32 rodata_word = 0x12345678;
static u32 data_word = 1;

static pte_t pte_of(struct ktest *t, const void *va)
{
	u32 size;
	pte_t *pte = lookup_pte((u32)va, &size);

	KASSERT_NOT_NULL(t, pte);
	KASSERT_TRUE(t, *pte & _PAGE_PRESENT);
	return *pte;
}

static void identity_map_gone(struct ktest *t)
{
	for (u32 i = 0; i < pdpt_index(PAGE_OFFSET); i++)
		KEXPECT_FALSE(t, kernel_pdpt[i] & _PAGE_PRESENT);
	KEXPECT_NULL(t, lookup_pte(0x100000, NULL));
	KEXPECT_NULL(t, lookup_pte(0, NULL));
	KEXPECT_EQ(t, read_cr3(), __pa(kernel_pdpt));
}

/*
 * The size of the page that maps @va, read from its page directory entry
 * (not with lookup_pte(), whose answer it checks): PMD_SIZE for a 2 MiB
 * page (_PAGE_PSE), PAGE_SIZE for a page table.
 */
static u32 page_size_of(u32 va)
{
	const u64 *pd = __va((u32)pte_phys(kernel_pdpt[pdpt_index(va)]));

	return pd[pd_index(va)] & _PAGE_PSE ? PMD_SIZE : PAGE_SIZE;
}

/*
 * Samples of lowmem translate to their direct-map address, and lookup_pte()
 * reports the size of the page it found: the samples meet the 4 KiB pages
 * around the kernel image and the 2 MiB pages of the rest.
 */
static void direct_map_translates(struct ktest *t)
{
	u32 span = high_memory - PAGE_OFFSET, checked = 0, seen[2] = { 0, 0 };

	/* 64 samples spread over lowmem, each at an odd offset in its page. */
	for (u32 va = PAGE_OFFSET + 0x123; va < high_memory; va += span / 64 + PAGE_SIZE) {
		phys_addr_t pa;
		u32 size = 0;

		KASSERT_TRUE(t, virt_to_phys_walk(va, &pa));
		KEXPECT_EQ(t, pa, (phys_addr_t)__pa(va));
		KASSERT_NOT_NULL(t, lookup_pte(va, &size));
		KEXPECT_EQ(t, size, page_size_of(va));
		seen[page_size_of(va) == PMD_SIZE]++;
		checked++;
	}
	KEXPECT_GE(t, checked, 32);
	KEXPECT_GE(t, seen[0], 1);
	KEXPECT_GE(t, seen[1], 1);
	KEXPECT_FALSE(t, virt_to_phys_walk(high_memory, &(phys_addr_t){ 0 }));
}

/* Write through one mapping of a physical page, read through another. */
static void direct_map_aliases_fixmap(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	u32 *direct;
	volatile u32 *alias;

	KASSERT_NOT_NULL(t, page);
	direct = page_address(page);

	for (u32 i = 0; i < PAGE_SIZE / 4; i++)
		direct[i] = 0xa5000000 | i;
	alias = set_fixmap(FIX_TEST_0, __pa(direct), PAGE_KERNEL);
	KEXPECT_EQ(t, (u32)alias, fix_to_virt(FIX_TEST_0));
	KEXPECT_EQ(t, pte_phys(*fixmap_pte(FIX_TEST_0)), (phys_addr_t)__pa(direct));
	for (u32 i = 0; i < PAGE_SIZE / 4; i += 97)
		KEXPECT_EQ(t, alias[i], 0xa5000000 | i);
	alias[7] = 0xdeadbeef;
	KEXPECT_EQ(t, direct[7], 0xdeadbeef);
	clear_fixmap(FIX_TEST_0);
	KEXPECT_EQ(t, *fixmap_pte(FIX_TEST_0), 0);
	__free_page(page);
}

/* The highest usable page, if it lies above 4 GiB. */
static phys_addr_t highest_page_above_4g(void)
{
	for (u32 i = boot_info.mmap_count; i-- > 0;) {
		const struct mem_region *r = &boot_info.mmap[i];

		if (r->type == MEM_USABLE && r->base + r->len > 4 * GiB)
			return r->base + r->len - PAGE_SIZE;
	}
	return 0;
}

static void pae_reaches_above_4g(struct ktest *t)
{
	phys_addr_t high = highest_page_above_4g();
	struct page *page;
	u32 *low;
	volatile u32 *hi_map, *lo_map;

	if (!high)
		ktest_skip(t, "no RAM above 4 GiB (boot with -m 4G or more)");
	page = alloc_page(GFP_KERNEL);
	KASSERT_NOT_NULL(t, page);
	low = page_address(page);
	/* The same low 32 bits as `low`: a mapping that dropped the high bits
	 * of the address would alias the two. */
	high = (high & ~0xffffffffULL) | __pa(low);
	if (high >= (phys_addr_t)max_pfn << PAGE_SHIFT)
		high -= 4 * GiB;
	KASSERT_GE(t, high, 4 * GiB);

	hi_map = set_fixmap(FIX_TEST_0, high, PAGE_KERNEL);
	lo_map = set_fixmap(FIX_TEST_1, __pa(low), PAGE_KERNEL);
	KEXPECT_EQ(t, pte_phys(*fixmap_pte(FIX_TEST_0)), high);
	hi_map[0] = 0x4916a000;
	lo_map[0] = 0x10f0000;
	KEXPECT_EQ(t, hi_map[0], 0x4916a000);
	KEXPECT_EQ(t, low[0], 0x10f0000);
	clear_fixmap(FIX_TEST_0);
	clear_fixmap(FIX_TEST_1);
	/* Map it again: the value stayed in that physical page. */
	hi_map = set_fixmap(FIX_TEST_0, high, PAGE_KERNEL);
	KEXPECT_EQ(t, hi_map[0], 0x4916a000);
	clear_fixmap(FIX_TEST_0);
	__free_page(page);
}

static void text_is_read_only_exec(struct ktest *t)
{
	pte_t pte = pte_of(t, (const void *)kmain);

	KEXPECT_FALSE(t, pte & _PAGE_RW);
	KEXPECT_FALSE(t, pte & _PAGE_NX);
	KEXPECT_FALSE(t, pte & _PAGE_PSE);
}

static void rodata_is_read_only_nx(struct ktest *t)
{
	pte_t pte = pte_of(t, &rodata_word);

	KEXPECT_FALSE(t, pte & _PAGE_RW);
	KEXPECT_EQ(t, !!(pte & _PAGE_NX), boot_cpu.nx_used);
}

static void data_is_writable_nx(struct ktest *t)
{
	pte_t pte = pte_of(t, &data_word);

	KEXPECT_TRUE(t, pte & _PAGE_RW);
	KEXPECT_EQ(t, !!(pte & _PAGE_NX), boot_cpu.nx_used);
	pte = pte_of(t, (void *)(high_memory - PAGE_SIZE));
	KEXPECT_TRUE(t, pte & _PAGE_RW);
	KEXPECT_EQ(t, !!(pte & _PAGE_NX), boot_cpu.nx_used);
}

static void kernel_pages_global_with_pge(struct ktest *t)
{
	KEXPECT_EQ(t, !!(pte_of(t, (const void *)kmain) & _PAGE_GLOBAL), boot_cpu.pge_used);
	KEXPECT_EQ(t, !!(pte_of(t, &data_word) & _PAGE_GLOBAL), boot_cpu.pge_used);
	KEXPECT_EQ(t, !!(read_cr4() & X86_CR4_PGE), boot_cpu.pge_used);
	KEXPECT_TRUE(t, read_cr4() & X86_CR4_PAE);
	KEXPECT_TRUE(t, read_cr0() & X86_CR0_WP);
	if (boot_cpu.msr)
		KEXPECT_EQ(t, !!(rdmsr(MSR_EFER) & EFER_NXE), boot_cpu.nx_used);
}

static void stack_guard_unmapped(struct ktest *t)
{
	pte_t *pte = lookup_pte((u32)boot_stack_guard, NULL);

	KASSERT_NOT_NULL(t, pte);
	KEXPECT_FALSE(t, *pte & _PAGE_PRESENT);
	KEXPECT_TRUE(t, pte_of(t, boot_stack_guard + PAGE_SIZE) & _PAGE_PRESENT);
}

/* Death cases: each must end in the named fault. */
static void null_deref_faults(struct ktest *t)
{
	KEXPECT_EQ(t, *(volatile u32 *)0, 0);
}

static void identity_access_faults(struct ktest *t)
{
	KEXPECT_EQ(t, *(volatile u32 *)KERNEL_PHYS, 0);
}

static void text_write_faults(struct ktest *t)
{
	*(volatile u8 *)kmain = 0x90;
}

static void rodata_write_faults(struct ktest *t)
{
	*(volatile u32 *)&rodata_word = 0;
}

static void data_exec_faults(struct ktest *t)
{
	static u8 code[16] = { 0xc3 };	/* ret */

	if (!boot_cpu.nx_used)
		ktest_skip(t, "the CPU has no NX");
	((void (*)(void))code)();
}

static volatile u32 recursion_limit = 0xffffffff;

static u32 __attribute__((noinline)) recurse(u32 depth)
{
	volatile u8 frame[256];

	frame[0] = (u8)depth;
	if (depth >= recursion_limit)
		return frame[0];
	return recurse(depth + 1) + frame[0];
}

static void stack_overflow_double_faults(struct ktest *t)
{
	KEXPECT_EQ(t, recurse(0), 0);
}

static struct ktest_case paging_cases[] = {
	KTEST_CASE(identity_map_gone),
	KTEST_CASE(direct_map_translates),
	KTEST_CASE(direct_map_aliases_fixmap),
	KTEST_CASE(pae_reaches_above_4g),
	KTEST_CASE(text_is_read_only_exec),
	KTEST_CASE(rodata_is_read_only_nx),
	KTEST_CASE(data_is_writable_nx),
	KTEST_CASE(kernel_pages_global_with_pge),
	KTEST_CASE(stack_guard_unmapped),
	KTEST_DEATH_CASE(null_deref_faults,
			 "page fault at 0x00000000: not-present read in kernel mode"),
	KTEST_DEATH_CASE(identity_access_faults,
			 "page fault at 0x00100000: not-present read in kernel mode"),
	KTEST_DEATH_CASE(text_write_faults, "protection-violation write in kernel mode"),
	KTEST_DEATH_CASE(rodata_write_faults, "protection-violation write in kernel mode"),
	KTEST_DEATH_CASE(data_exec_faults,
			 "protection-violation instruction-fetch in kernel mode"),
	KTEST_DEATH_CASE(stack_overflow_double_faults,
			 "kernel stack overflow: the boot stack ran into its guard page"),
	{}
};
KTEST_SUITE(paging, paging_cases);
