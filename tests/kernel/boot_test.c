// SPDX-License-Identifier: MIT
/*
 * What early boot established: boot_info from the loader, the sanitized
 * memory map, the boot allocator, the CPU features and the boot clock.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/layout.h>
#include <arch/x86/tsc.h>
#include <arch/x86/vga.h>
#include <boot/bootinfo.h>
#include <kernel/ktest.h>
#include <top/ktest_runner.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/bootmem.h>
#include <mm/firmware_map.h>
#include <mm/gfp.h>
#include <mm/page.h>


static void boot_info_filled(struct ktest *t)
{
	KEXPECT_TRUE(t, boot_info.path == BOOT_PATH_MULTIBOOT1 ||
			boot_info.path == BOOT_PATH_MULTIBOOT2);
	KEXPECT_TRUE(t, boot_info.has_mmap);
	KEXPECT_GT(t, boot_info.mmap_count, 1);
	KEXPECT_GT(t, strlen(boot_info.loader_name), 0);
	/* We are running because the command line said ktest=..., unless
	 * the monitor's `test` runs us. */
	if (ktest_started_by_cmdline())
		KEXPECT_NOT_NULL(t, strstr(boot_info.cmdline, "ktest="));
}

static void memory_map_sorted_and_disjoint(struct ktest *t)
{
	for (u32 i = 0; i < boot_info.mmap_count; i++) {
		const struct mem_region *r = &boot_info.mmap[i];

		KEXPECT_GT(t, r->len, 0);
		KEXPECT_LE(t, r->base + r->len, phys_addr_limit());
		if (r->type == MEM_USABLE) {
			KEXPECT_EQ(t, r->base & (PAGE_SIZE - 1), 0);
			KEXPECT_EQ(t, r->len & (PAGE_SIZE - 1), 0);
		}
		if (i == 0)
			continue;
		KEXPECT_GE(t, r->base, boot_info.mmap[i - 1].base + boot_info.mmap[i - 1].len);
		/* adjacent entries of one type would have been merged */
		if (r->base == boot_info.mmap[i - 1].base + boot_info.mmap[i - 1].len)
			KEXPECT_NE(t, r->type, boot_info.mmap[i - 1].type);
	}
}

/* The region of the sanitized map holding [start, end), or NULL. */
static const struct mem_region *region_of(phys_addr_t start, phys_addr_t end)
{
	for (u32 i = 0; i < boot_info.mmap_count; i++) {
		const struct mem_region *r = &boot_info.mmap[i];

		if (start >= r->base && end <= r->base + r->len)
			return r;
	}
	return NULL;
}

static void kernel_image_in_usable_ram(struct ktest *t)
{
	const struct mem_region *r = region_of(__pa(_kernel_start), __pa(_kernel_end));

	KASSERT_NOT_NULL(t, r);
	KEXPECT_EQ(t, r->type, MEM_USABLE);
	KEXPECT_EQ(t, (u32)_kernel_start, KERNEL_VIRT);
	KEXPECT_GE(t, max_pfn, max_low_pfn);
}

/* What bootmem gave out (page tables, mem_map) stayed out of the buddy
 * allocators: reserved, page for page. */
static void bootmem_ranges_stay_reserved(struct ktest *t)
{
	struct mem_region used[BOOTMEM_MAX_RANGES];
	u32 n = bootmem_ranges(used, BOOTMEM_MAX_RANGES), bad = 0;

	KASSERT_GT(t, n, 0);
	for (u32 i = 0; i < n; i++) {
		u32 pfn = used[i].base >> PAGE_SHIFT;
		u32 end = (used[i].base + used[i].len + PAGE_SIZE - 1) >> PAGE_SHIFT;

		KEXPECT_GE(t, used[i].base, __pa(_kernel_end));
		KEXPECT_EQ(t, region_of(used[i].base, used[i].base + used[i].len)->type,
			   MEM_USABLE);
		for (; pfn < end; pfn++)
			bad += !PageReserved(pfn_to_page(pfn));
	}
	KEXPECT_EQ(t, bad, 0);
	/* mem_map itself is one of them. */
	KEXPECT_TRUE(t, PageReserved(virt_to_page(mem_map)));
}

static void bootmem_after_buddy_panics(struct ktest *t)
{
	bootmem_alloc(64, 8);
}

static void cpu_features_consistent(struct ktest *t)
{
	u32 a, b, c, d;

	KEXPECT_TRUE(t, boot_cpu.pae);
	KEXPECT_EQ(t, strlen(boot_cpu.vendor), 12);
	cpuid(1, &a, &b, &c, &d);
	KEXPECT_EQ(t, !!(d & (1U << 13)), boot_cpu.pge);
	KEXPECT_EQ(t, !!(d & (1U << 4)), boot_cpu.tsc);
	KEXPECT_LE(t, boot_cpu.nx_used, boot_cpu.nx);
	KEXPECT_GE(t, boot_cpu.phys_bits, 32);
	KEXPECT_LE(t, phys_addr_limit(), PHYS_LIMIT);
	KEXPECT_LE(t, (u64)max_pfn << PAGE_SHIFT, phys_addr_limit());
	KEXPECT_LE(t, boot_cpu.pge_used, boot_cpu.pge);
}

static void boot_clock_advances(struct ktest *t)
{
	u64 t0, t1;

	if (!boot_cpu.tsc)
		ktest_skip(t, "no TSC");
	KEXPECT_GT(t, tsc_khz, 1000);	/* faster than 1 MHz */
	t0 = boot_time_ns();
	for (volatile u32 i = 0; i < 100000; i++)
		;
	t1 = boot_time_ns();
	KEXPECT_GT(t, t1, t0);
	KEXPECT_LT(t, t0, 600ULL * 1000 * 1000 * 1000);	/* under ten minutes */
	KEXPECT_EQ(t, tsc_to_ns(tsc_khz), 1000000);	/* khz ticks = 1 ms */
}

static void console_mirrors_to_vga(struct ktest *t)
{
	char row[96];

	if (!vga_active())
		ktest_skip(t, "no VGA text mode (UEFI, or vga=off)");
	kprintf("    # console mirror check: vga-probe-%u\n", 7919);
	vga_row_text(vga_cursor_row() - 1, row, sizeof(row));
	KEXPECT_NOT_NULL(t, strstr(row, "vga-probe-7919"));
}

/* A map as a careless loader might give it: unsorted and overlapping. */
static struct boot_info hostile = {
	.has_mmap = true,
	.mmap_count = 4,
	.mmap = {
		{ 0x100000, 0x7f00000, MEM_USABLE },
		{ 0x0, 0x9fc00, MEM_USABLE },
		{ 0x8000000 - 0x20000, 0x40000, MEM_RESERVED },	/* overlaps the end */
		{ 0x200000, 0x1800, MEM_ACPI_NVS },		/* inside the RAM */
	},
};

static void memmap_setup_repairs_hostile_map(struct ktest *t)
{
	static const struct mem_region want[] = {
		{ 0x0, 0x1000, MEM_RESERVED },		/* the BIOS's page */
		{ 0x1000, 0x9e000, MEM_USABLE },
		{ 0x100000, 0x100000, MEM_USABLE },
		{ 0x200000, 0x1800, MEM_ACPI_NVS },
		{ 0x202000, 0x8000000 - 0x20000 - 0x202000, MEM_USABLE },
		{ 0x8000000 - 0x20000, 0x40000, MEM_RESERVED },
	};

	memmap_setup(&hostile);
	KASSERT_EQ(t, hostile.mmap_count, ARRAY_SIZE(want));
	for (u32 i = 0; i < ARRAY_SIZE(want); i++) {
		KEXPECT_EQ(t, hostile.mmap[i].base, want[i].base);
		KEXPECT_EQ(t, hostile.mmap[i].len, want[i].len);
		KEXPECT_EQ(t, hostile.mmap[i].type, want[i].type);
	}
}

/*
 * memmap_clip() returns the usable bytes it drops, those of the entry it
 * cuts included: the boot reports them (mem=, the CPU's address bits). A
 * 5 GiB map as QEMU gives it, cut at 1 GiB for usable RAM only (mem=1G),
 * then at 512 KiB for every type: reserved bytes are no RAM lost.
 */
static void memmap_clip_counts_what_it_drops(struct ktest *t)
{
	struct mem_region map[] = {
		{ 0x0, 0x9f000, MEM_USABLE },
		{ 0x100000, 0xc0000000 - 0x100000, MEM_USABLE },
		{ 0xfffc0000, 0x40000, MEM_RESERVED },
		{ 0x100000000ULL, 0x80000000, MEM_USABLE },
	};
	u32 count = ARRAY_SIZE(map);

	KEXPECT_EQ(t, memmap_clip(map, &count, 0x40000000, true),
		   0x80000000ULL + 0x80000000ULL);
	KASSERT_EQ(t, count, 3);
	KEXPECT_EQ(t, map[1].base, 0x100000);
	KEXPECT_EQ(t, map[1].len, 0x40000000 - 0x100000);
	KEXPECT_EQ(t, map[2].base, 0xfffc0000);
	KEXPECT_EQ(t, map[2].type, MEM_RESERVED);

	KEXPECT_EQ(t, memmap_clip(map, &count, 0x80000, false),
		   0x1f000ULL + 0x40000000 - 0x100000);
	KASSERT_EQ(t, count, 1);
	KEXPECT_EQ(t, map[0].base, 0);
	KEXPECT_EQ(t, map[0].len, 0x80000);
}

static void memmap_missing_panics(struct ktest *t)
{
	static struct boot_info none = { .has_mmap = false };

	memmap_setup(&none);
}

static void memmap_without_ram_panics(struct ktest *t)
{
	static struct boot_info no_ram = {
		.has_mmap = true,
		.mmap_count = 2,
		.mmap = {
			{ 0x0, 0x100000, MEM_RESERVED },
			{ 0x100000, 0x800, MEM_USABLE },	/* less than a page */
		},
	};

	memmap_setup(&no_ram);
}

static struct ktest_case boot_cases[] = {
	KTEST_CASE(boot_info_filled),
	KTEST_CASE(memory_map_sorted_and_disjoint),
	KTEST_CASE(kernel_image_in_usable_ram),
	KTEST_CASE(bootmem_ranges_stay_reserved),
	KTEST_DEATH_CASE(bootmem_after_buddy_panics, "after the buddy allocator took over"),
	KTEST_CASE(cpu_features_consistent),
	KTEST_CASE(boot_clock_advances),
	KTEST_CASE(memmap_setup_repairs_hostile_map),
	KTEST_CASE(memmap_clip_counts_what_it_drops),
	KTEST_CASE(console_mirrors_to_vga),
	KTEST_DEATH_CASE(memmap_missing_panics, "the boot loader gave no memory map"),
	KTEST_DEATH_CASE(memmap_without_ram_panics, "the memory map has no usable RAM"),
	{}
};
KTEST_SUITE(boot, boot_cases);
