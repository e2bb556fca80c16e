// SPDX-License-Identifier: MIT
/*
 * Where lowmem ends. The direct map, vmalloc, pkmap and the fixmap share the
 * kernel's 1 GiB; the fixed areas at the top decide how much is left for the
 * direct map, and so which RAM is lowmem and which is HighMem.
 */
#include <mm/memlayout.h>
#include <kernel/cmdline.h>
#include <kernel/monitor.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <mm/highmem.h>
#include <mm/page.h>

struct vm_area_desc kernel_areas[NR_KERNEL_AREAS];
u32 vmalloc_reserve = VMALLOC_RESERVE_DEFAULT;

static u64 highmem_param;
KERNEL_PARAM(highmem, KPARAM_SIZE, &highmem_param,
	     "force this much RAM into HighMem (at least 64 MiB stays lowmem)");
static u64 vmalloc_param;
static u32 vmalloc_applied;	/* the size `vmalloc=` set, once accepted */
KERNEL_PARAM(vmalloc, KPARAM_SIZE, &vmalloc_param,
	     "size of the vmalloc area (default 128M); moves the lowmem boundary");

#define PFN(bytes)	((u32)((bytes) >> PAGE_SHIFT))

u32 maxmem_pfn(void)
{
	return PFN(VMALLOC_END - PAGE_OFFSET - vmalloc_reserve);
}

u32 vmalloc_param_bytes(void)
{
	return vmalloc_applied;
}

u32 highmem_param_pages(void)
{
	return (u32)(highmem_param >> PAGE_SHIFT);
}

/*
 * Accept `vmalloc=` if it leaves at least LOWMEM_MIN of direct map. As in
 * Linux, the reserve is the size asked for plus the gap below the area.
 */
static void apply_vmalloc_param(void)
{
	u32 room = VMALLOC_END - PAGE_OFFSET - LOWMEM_MIN - VMALLOC_OFFSET;

	if (!vmalloc_param)
		return;
	if (vmalloc_param > room || vmalloc_param < PAGE_SIZE) {
		pr_warn("vmalloc=%llu bytes leaves no room for %lu MiB of lowmem "
			"(at most %u MiB); keeping %u MiB\n", vmalloc_param,
			LOWMEM_MIN >> 20, room >> 20, vmalloc_reserve >> 20);
		return;
	}
	vmalloc_applied = ALIGN_UP((u32)vmalloc_param, PAGE_SIZE);
	vmalloc_reserve = vmalloc_applied + VMALLOC_OFFSET;
}

/* The lowmem boundary for @ram_pfns page frames, honouring `highmem=`. */
static u32 choose_max_low_pfn(u32 ram_pfns)
{
	u32 low = MIN(ram_pfns, maxmem_pfn());
	u32 forced = highmem_param_pages();

	if (!forced)
		return low;
	if (forced >= ram_pfns || ram_pfns - forced < PFN(LOWMEM_MIN)) {
		pr_warn("highmem=%llu MiB would leave less than %lu MiB of lowmem "
			"below max_pfn 0x%x; lowmem keeps %lu MiB, HighMem gets "
			"the rest\n", highmem_param >> 20, LOWMEM_MIN >> 20,
			ram_pfns, LOWMEM_MIN >> 20);
		return MIN(low, PFN(LOWMEM_MIN));
	}
	return MIN(low, ram_pfns - forced);
}

void memlayout_init(u32 ram_pfns)
{
	u32 high;

	apply_vmalloc_param();
	max_low_pfn = choose_max_low_pfn(ram_pfns);
	kmap_local_set_direct();	/* kmap_local_page()'s lowmem fast path */
	high = PAGE_OFFSET + (max_low_pfn << PAGE_SHIFT);

	kernel_areas[AREA_LOWMEM] = (struct vm_area_desc){ "lowmem", PAGE_OFFSET, high };
	kernel_areas[AREA_VMALLOC] = (struct vm_area_desc){ "vmalloc",
		ALIGN_UP(high + VMALLOC_OFFSET, VMALLOC_OFFSET), VMALLOC_END };
	kernel_areas[AREA_PKMAP] = (struct vm_area_desc){ "pkmap", PKMAP_BASE, PKMAP_END };
	kernel_areas[AREA_FIXMAP] = (struct vm_area_desc){ "fixmap", FIXADDR_START,
		FIXADDR_TOP };
	memlayout_check(kernel_areas, NR_KERNEL_AREAS);
}

void memlayout_check(const struct vm_area_desc *areas, u32 n)
{
	for (u32 i = 0; i < n; i++) {
		const struct vm_area_desc *a = &areas[i];

		if (a->end < a->start || (a->end == a->start && i != AREA_VMALLOC))
			panic("virtual area %s is empty or inverted: 0x%08x-0x%08x",
			      a->name, a->start, a->end);
		if (i + 1 < n && a->end > areas[i + 1].start)
			panic("virtual areas overlap: %s 0x%08x-0x%08x and %s "
			      "0x%08x-0x%08x", a->name, a->start, a->end,
			      areas[i + 1].name, areas[i + 1].start, areas[i + 1].end);
	}
	if (n > AREA_PKMAP && (areas[AREA_PKMAP].start & ~PMD_MASK))
		panic("the pkmap area 0x%08x is not 2 MiB aligned",
		      areas[AREA_PKMAP].start);
	if (n > AREA_FIXMAP && areas[AREA_FIXMAP].start < (FIXADDR_TOP & PMD_MASK))
		panic("the fixmap (0x%08x-) outgrew its page table at 0x%08lx",
		      areas[AREA_FIXMAP].start, FIXADDR_TOP & PMD_MASK);
}

/* "   123 KiB" or "   12 MiB" */
static void print_area(const char *name, u32 start, u32 end)
{
	u32 size = end - start;

	if (size >= (16U << 20))
		pr_info("    %-8s: 0x%08x - 0x%08x   (%5u MiB)\n", name, start, end,
			size >> 20);
	else
		pr_info("    %-8s: 0x%08x - 0x%08x   (%5u KiB)\n", name, start, end,
			size >> 10);
}

void memlayout_report(void)
{

	pr_info("Virtual kernel memory layout:\n");
	for (int i = NR_KERNEL_AREAS - 1; i >= 0; i--)
		print_area(kernel_areas[i].name, kernel_areas[i].start,
			   kernel_areas[i].end);
	print_area("  .text", (u32)_text_start, (u32)_text_end);
	print_area("  .rodata", (u32)_rodata_start, (u32)_rodata_end);
	print_area("  .data+bss", (u32)_data_start, (u32)_kernel_end);
}

static int cmd_layout(int argc, char **argv)
{
	if (argc != 1)
		return MONITOR_USAGE;
	memlayout_report();
	return 0;
}
MONITOR_COMMAND(layout, cmd_layout, "",
		"the kernel's virtual memory map, with real addresses");
