// SPDX-License-Identifier: MIT
/*
 * The page-table walk check (include/arch/x86/ptw_check.h): one user page
 * whose page table lies above 4 GiB, written and read back through the MMU
 * with the probe's address space loaded. A walker that cannot reach the
 * table faults; with pagefaults disabled the user copy stops short instead
 * of retrying, so the check never hangs.
 */
#include <arch/x86/ptw_check.h>
#include <arch/x86/uaccess.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <arch/x86/trap_frame.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/page.h>

#define PROBE_ADDR	0x40000000U	/* any user address */
#define PROBE_VALUE	0x50a3c0deU

bool ptw_above_4g_ok = true;

/* Write and read PROBE_ADDR through @mm's tables: true when both worked. */
static bool probe_walk(struct mm_struct *mm)
{
	u32 in = PROBE_VALUE, out = 0;
	unsigned long left;

	preempt_disable();
	switch_mm(mm);
	pagefault_disable();
	left = __copy_to_user_inatomic((void __user *)PROBE_ADDR, &in, sizeof(in));
	left |= __copy_from_user_inatomic(&out, (const void __user *)PROBE_ADDR,
					  sizeof(out));
	pagefault_enable();
	switch_mm(NULL);
	preempt_enable();
	return !left && out == PROBE_VALUE;
}

void ptw_check(void)
{
	struct mm_struct *mm;
	gfp_t saved = user_pte_gfp;
	u32 pt_pfn = 0;

	if (max_pfn <= PFN_4G)
		return;
	mm = mm_create();
	if (mm && !mm_map(mm, PROBE_ADDR, PAGE_SIZE, VM_READ | VM_WRITE)) {
		user_pte_gfp = GFP_HIGHUSER | __GFP_ABOVE_4G;
		if (!handle_mm_fault(mm, PROBE_ADDR, PF_USER | PF_WRITE, NULL))
			pt_pfn = mm_pte_page_pfn(mm, PROBE_ADDR);
		user_pte_gfp = saved;
	}
	if (pt_pfn >= PFN_4G)
		ptw_above_4g_ok = probe_walk(mm);
	if (mm)
		mm_destroy(mm);
	if (pt_pfn < PFN_4G) {
		pr_warn("paging: could not place a page table above 4 GiB to "
			"check the CPU's walk; user page tables stay below 4 GiB\n");
		ptw_above_4g_ok = false;
	} else if (ptw_above_4g_ok) {
		pr_info("paging: the CPU walks page tables above 4 GiB (pfn 0x%x): "
			"user page tables anywhere in HighMem\n", pt_pfn);
		return;
	} else {
		pr_warn("paging: the CPU cannot walk a page table above 4 GiB "
			"(pfn 0x%x read as empty: QEMU 7.2's qemu-system-i386 "
			"does this); user page tables stay in HighMem below 4 GiB\n",
			pt_pfn);
	}
	user_pte_gfp = GFP_HIGHUSER | __GFP_BELOW_4G;
}
