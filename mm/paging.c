// SPDX-License-Identifier: MIT
/*
 * The kernel page tables. entry.asm ran on a boot map (the first 1 GiB at 0
 * and at PAGE_OFFSET, 2 MiB pages, all writable and executable); this file
 * replaces it with the real one:
 *
 *  - the direct map of lowmem at PAGE_OFFSET, in 2 MiB pages where it can;
 *  - 4 KiB pages around the kernel image, so that text is read-only and
 *    executable, rodata read-only and NX, data and bss writable and NX;
 *  - the page below the boot stack left unmapped (a guard);
 *  - nothing below PAGE_OFFSET: NULL and the identity map fault;
 *  - the fixmap page table at the top.
 *
 * Kernel mappings are global when the CPU has PGE; NX is used when it has NX.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/pgtable.h>
#include <kernel/ksyms.h>
#include <kernel/lab.h>
#include <kernel/monitor.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <lib/parse.h>
#include <mm/bootmem.h>
#include <mm/fixmap.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/memlayout.h>
#include <mm/page.h>
#include <mm/paging.h>

#define LEGACY_VIDEO_START	0xa0000
#define LEGACY_VIDEO_END	0x100000

extern char boot_stack_guard[];

u64 kernel_pdpt[PTRS_PER_PDPT] __aligned(32);
static u64 kernel_pd[PTRS_PER_PD] __aligned(PAGE_SIZE);
u32 high_memory;

/* The protection of the 4 KiB direct-map page at kernel virtual @va. */
static pte_t kernel_page_prot(u32 va)
{
	u32 pa = __pa(va);

	if (va == (u32)boot_stack_guard)
		return 0;
	if (va >= (u32)_text_start && va < (u32)_text_end)
		return PAGE_KERNEL_EXEC;
	if (va >= (u32)_rodata_start && va < (u32)_rodata_end)
		return PAGE_KERNEL_RO;
	if (pa >= LEGACY_VIDEO_START && pa < LEGACY_VIDEO_END)
		return PAGE_KERNEL_NOCACHE;
	return PAGE_KERNEL;
}

void kernel_pt_install(u32 va, pte_t *pt)
{
	BUG_ON(va < PAGE_OFFSET || (kernel_pd[pd_index(va)] & _PAGE_PRESENT));
	kernel_pd[pd_index(va)] = __pa(pt) | _PAGE_PRESENT | _PAGE_RW;
}

pte_t *kernel_pt_alloc_early(u32 va)
{
	pte_t *pt = bootmem_alloc(PAGE_SIZE, PAGE_SIZE);

	kernel_pt_install(va, pt);
	return pt;
}

/* Map the 2 MiB at @va page by page, up to @end (the end of lowmem). */
static void map_small_pages(u32 va, u32 end)
{
	pte_t *pt = kernel_pt_alloc_early(va);

	for (u32 i = 0; i < PTRS_PER_PTE; i++) {
		u32 page = va + i * PAGE_SIZE;
		pte_t prot;

		if (page >= end)
			break;
		prot = kernel_page_prot(page);
		if (prot)
			pt[i] = __pa(page) | page_prot(prot);
	}
}

void paging_init(void)
{
	u32 image_end = ALIGN_UP((u32)_kernel_end, PMD_SIZE);
	u32 va;

	if (boot_cpu.nx_used)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);

	high_memory = PAGE_OFFSET + (max_low_pfn << PAGE_SHIFT);
	for (va = PAGE_OFFSET; va < high_memory && va >= PAGE_OFFSET; va += PMD_SIZE) {
		if (va < image_end || high_memory - va < PMD_SIZE)
			map_small_pages(va, high_memory);
		else
			kernel_pd[pd_index(va)] = __pa(va) | _PAGE_PSE |
						  page_prot(PAGE_KERNEL);
	}

	kernel_pdpt[pdpt_index(PAGE_OFFSET)] = __pa(kernel_pd) | _PAGE_PRESENT;
	write_cr3(__pa(kernel_pdpt));
	if (boot_cpu.pge_used)
		write_cr4(read_cr4() | X86_CR4_PGE);

	pr_info("paging: PAE on, direct map 0x%08x-0x%08x (%u MiB), NX %s, "
		"global pages %s\n", (u32)PAGE_OFFSET, high_memory - 1,
		(high_memory - (u32)PAGE_OFFSET) >> 20,
		boot_cpu.nx_used ? "on" : "off", boot_cpu.pge_used ? "on" : "off");
	/* Whole pages, as kernel_page_prot() maps them. */
	pr_info("paging: kernel text 0x%08x-0x%08x r-x, rodata 0x%08x-0x%08x r--, "
		"data+bss 0x%08x-0x%08x rw- but the boot stack's guard page "
		"0x%08x (not mapped)\n", (u32)_text_start,
		ALIGN_UP((u32)_text_end, (u32)PAGE_SIZE) - 1, (u32)_rodata_start,
		ALIGN_UP((u32)_rodata_end, (u32)PAGE_SIZE) - 1, (u32)_data_start,
		(u32)_kernel_end - 1, (u32)boot_stack_guard);
}

pte_t *kernel_pte_alloc(u32 va)
{
	static DEFINE_SPINLOCK(pt_lock);
	u64 *pde = &kernel_pd[pd_index(va)];
	u32 flags;

	BUG_ON(va < PAGE_OFFSET);
	spin_lock_irqsave(&pt_lock, flags);
	if (!(*pde & _PAGE_PRESENT)) {
		struct page *pt = alloc_page(GFP_KERNEL | __GFP_ZERO);

		if (!pt) {
			spin_unlock_irqrestore(&pt_lock, flags);
			return NULL;
		}
		set_pte(pde, page_to_phys(pt) | _PAGE_PRESENT | _PAGE_RW);
	}
	spin_unlock_irqrestore(&pt_lock, flags);
	BUG_ON(*pde & _PAGE_PSE);
	return (pte_t *)__va((u32)pte_phys(*pde)) + pt_index(va);
}

pte_t *kernel_pte_lookup(u32 va)
{
	u64 pde = kernel_pd[pd_index(va)];

	BUG_ON(va < PAGE_OFFSET);
	if (!(pde & _PAGE_PRESENT) || (pde & _PAGE_PSE))
		return NULL;
	return (pte_t *)__va((u32)pte_phys(pde)) + pt_index(va);
}

LAB_EXERCISE(2) pte_t *lookup_pte(u32 va, u32 *size)
{
	u64 *pd, *pt;
	/* CR3 holds the PDPT's physical address (32-byte aligned, lowmem). */
	u64 pdpte = ((u64 *)((read_cr3() & ~0x1fU) + PAGE_OFFSET))[pdpt_index(va)];
	if (!(pdpte & _PAGE_PRESENT))
		return NULL;
	pd = __va((u32)pte_phys(pdpte));
	if (!(pd[pd_index(va)] & _PAGE_PRESENT) || (pd[pd_index(va)] & _PAGE_PSE)) {
		if (size)
			*size = PMD_SIZE;
		return (pd[pd_index(va)] & _PAGE_PRESENT) ? &pd[pd_index(va)] : NULL;
	}
	pt = __va((u32)pte_phys(pd[pd_index(va)]));
	if (size)
		*size = PAGE_SIZE;
	return &pt[pt_index(va)];
}

LAB_EXERCISE(2) bool virt_to_phys_walk(u32 va, phys_addr_t *phys)
{
	u32 size;
	pte_t *pte = lookup_pte(va, &size);

	if (!pte || !(*pte & _PAGE_PRESENT))
		return false;
	*phys = pte_phys(*pte) & ~(phys_addr_t)(size - 1);
	*phys += va & (size - 1);
	return true;
}

/* The monitor's `pt`: one line per level, every bit that matters decoded. */
static void pt_print_entry(const char *level, u32 index, pte_t e, bool pdpte,
			   bool leaf)
{
	kprintf("  %-5s[%3u] 0x%016llx: ", level, index, e);
	if (!(e & _PAGE_PRESENT)) {
		kprintf("not-present\n");
		return;
	}
	kprintf("present");
	if (!pdpte)	/* a PAE PDPTE has no access bits */
		kprintf(" %s %s %s", e & _PAGE_RW ? "rw" : "ro",
			e & _PAGE_USER ? "user" : "kernel",
			e & _PAGE_NX ? "nx" : "exec");
	if (leaf)
		kprintf(" %s", e & _PAGE_GLOBAL ? "global" : "local");
	if (!pdpte && !(e & _PAGE_PSE) && !leaf)
		kprintf(" table");
	if (e & _PAGE_PSE)
		kprintf(" large(2M)");
	kprintf(" pfn 0x%llx\n", pte_phys(e) >> PAGE_SHIFT);
}

static const char *pt_area_name(u32 va)
{
	if (va >= (u32)_text_start && va < (u32)_text_end)
		return "kernel text, in lowmem";
	if (va >= (u32)_rodata_start && va < (u32)_rodata_end)
		return "kernel rodata, in lowmem";
	if (va >= (u32)_data_start && va < (u32)_kernel_end)
		return "kernel data+bss, in lowmem";
	for (u32 i = 0; i < NR_KERNEL_AREAS; i++)
		if (va >= kernel_areas[i].start && va < kernel_areas[i].end)
			return kernel_areas[i].name;
	return va < PAGE_OFFSET ? "user space (nothing mapped)" : "no area";
}

/*
 * The walk is lookup_pte()'s and the translation virt_to_phys_walk()'s (lab
 * 2's exercises): `pt` shows what they answer, level by level.
 */
static int cmd_pt(int argc, char **argv)
{
	u64 *pdpt, *pd;
	phys_addr_t phys;
	pte_t *pte;
	u32 va, size;

	if (argc != 2)
		return MONITOR_USAGE;
	if (parse_u32(argv[1], &va) < 0 && !(va = ksym_address(argv[1]))) {
		kprintf("'%s' is neither an address nor a kernel function\n",
			argv[1]);
		return MONITOR_USAGE;
	}
	kprintf("0x%08x (%s), CR3 0x%08x:\n", va, pt_area_name(va), read_cr3());
	pdpt = (u64 *)((read_cr3() & ~0x1fU) + PAGE_OFFSET);
	pt_print_entry("PDPTE", pdpt_index(va), pdpt[pdpt_index(va)], true, false);
	if (!(pdpt[pdpt_index(va)] & _PAGE_PRESENT))
		goto unmapped;
	pd = __va((u32)pte_phys(pdpt[pdpt_index(va)]));
	pt_print_entry("PDE", pd_index(va), pd[pd_index(va)], false,
		       pd[pd_index(va)] & _PAGE_PSE);
	pte = lookup_pte(va, &size);
	if (!pte)
		goto unmapped;
	if (size == PAGE_SIZE)
		pt_print_entry("PTE", pt_index(va), *pte, false, true);
	if (!virt_to_phys_walk(va, &phys))
		goto unmapped;
	kprintf("  -> phys 0x%llx (%s page)\n", phys,
		size == PMD_SIZE ? "2 MiB" : "4 KiB");
	return 0;
unmapped:
	kprintf("  -> 0x%08x is not mapped\n", va);
	return 0;
}
MONITOR_COMMAND(pt, cmd_pt, "ADDR|FUNCTION",
		"walk the PAE tables for a virtual address, decoding each level");
