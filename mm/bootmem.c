// SPDX-License-Identifier: MIT
/*
 * The boot allocator. It walks the sanitized memory map upward from the end
 * of the kernel image and hands out memory in order, like a bump pointer;
 * each stretch it used is remembered so that the page allocator can keep
 * its hands off it later.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/layout.h>
#include <boot/bootinfo.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/bootmem.h>
#include <mm/firmware_map.h>
#include <mm/page.h>
#include <mm/memlayout.h>
#include <kernel/cmdline.h>


static u64 mem_param;
KERNEL_PARAM(mem, KPARAM_SIZE, &mem_param, "use no RAM at or above this address");

#define MEM_PARAM_MIN	(32ULL << 20)	/* below this hm386 cannot boot */

static bool retired;		/* the buddy allocator has taken over */
static phys_addr_t limit;	/* allocations end below this: lowmem */

static struct mem_region used[BOOTMEM_MAX_RANGES];
static u32 nr_used;
static u32 cur_region;		/* index into boot_info.mmap */
static phys_addr_t cur;		/* next free byte */
static bool below_dma_end;	/* now allocating below 16 MiB */

#define DMA_END		(16ULL << 20)
#define BIOS_PAGE_END	PAGE_SIZE	/* the BIOS owns [0, BIOS_PAGE_END) */

static void print_line(const char *text)
{
	pr_info("%s\n", text);
}

void memmap_setup(struct boot_info *bi)
{
	u64 lost;
	int err;

	if (!bi->has_mmap)
		panic("the boot loader gave no memory map: hm386 needs one "
		      "(multiboot flag 6, or a multiboot2 memory-map tag)");
	if (bi->mmap_truncated)
		pr_warn("memory map: more than %u entries, the rest ignored\n",
			BOOT_MMAP_MAX);

	err = memmap_sanitize(bi->mmap, &bi->mmap_count, BOOT_MMAP_MAX);
	if (err == MEMMAP_ENOUSABLE)
		panic("the memory map has no usable RAM (%u entries after "
		      "sanitizing)", bi->mmap_count);
	if (err)
		panic("the memory map cannot be sanitized (error %d)", err);
	/*
	 * The first page holds the real-mode interrupt vectors and the BIOS
	 * data area; firmware lists it as RAM. Like Linux, reserve it before
	 * anything counts RAM, so that it is not a present page.
	 */
	if (memmap_reserve(bi->mmap, &bi->mmap_count, BOOT_MMAP_MAX, 0,
			   BIOS_PAGE_END) == MEMMAP_EOVERFLOW)
		pr_warn("memory map: full, page 0 (BIOS data) stays listed usable\n");
	lost = memmap_clip(bi->mmap, &bi->mmap_count, phys_addr_limit(), false);
	if (lost)
		pr_warn("memory map: %llu MiB of RAM at or above 0x%llx ignored: this "
			"CPU has %u physical address bits\n", lost >> 20,
			phys_addr_limit(), boot_cpu.phys_bits);
	if (mem_param && !mem_limit())
		pr_warn("mem=%llu is below the %llu MiB hm386 needs; ignored\n",
			mem_param, MEM_PARAM_MIN >> 20);
	else if (mem_param)
		pr_info("mem=%llu MiB: %llu MiB of RAM above it left unused\n",
			mem_param >> 20, memmap_clip(bi->mmap, &bi->mmap_count,
			mem_limit(), true) >> 20);
	if (!memmap_usable_bytes(bi->mmap, bi->mmap_count))
		panic("the memory map has no usable RAM below 0x%llx",
		      phys_addr_limit());

	pr_info("Physical memory map (sanitized):\n");
	memmap_print(bi->mmap, bi->mmap_count, print_line);
}

void memory_map_init(void)
{
	memmap_setup(&boot_info);
	for (u32 i = 0; i < boot_info.mmap_count; i++) {
		const struct mem_region *r = &boot_info.mmap[i];

		if (r->type == MEM_USABLE)
			max_pfn = MAX(max_pfn, (u32)((r->base + r->len) >> PAGE_SHIFT));
	}
	pr_info("RAM: %llu MiB usable, ends at 0x%llx: max_pfn 0x%x\n",
		memmap_usable_bytes(boot_info.mmap, boot_info.mmap_count) >> 20,
		(u64)max_pfn << PAGE_SHIFT, max_pfn);
}

void bootmem_init(void)
{
	limit = MIN((phys_addr_t)max_low_pfn << PAGE_SHIFT, (phys_addr_t)BOOT_MAP_SIZE);

	/* The DMA zone is small and precious: allocate above it first. */
	cur = DMA_END;
	cur_region = 0;
}

/*
 * Move to the next usable region that can hold @size bytes at @align: above
 * 16 MiB while there is room, then from the end of the kernel image up.
 */
static bool bootmem_fit(size_t size, size_t align)
{
	for (;; cur_region++) {
		const struct mem_region *r;
		phys_addr_t start, end;

		if (cur_region == boot_info.mmap_count) {
			if (below_dma_end)
				return false;
			below_dma_end = true;
			cur_region = 0;
			cur = ALIGN_UP((phys_addr_t)__pa(_kernel_end), PAGE_SIZE);
		}
		r = &boot_info.mmap[cur_region];
		end = MIN(r->base + r->len, below_dma_end ? DMA_END : limit);
		if (r->type != MEM_USABLE || end <= cur)
			continue;
		start = ALIGN_UP(MAX(cur, r->base), (phys_addr_t)align);
		if (start + size <= end) {
			cur = start;
			return true;
		}
	}
}

static void note_used(phys_addr_t start, size_t size)
{
	struct mem_region *last = nr_used ? &used[nr_used - 1] : NULL;

	if (last && last->base + last->len == start) {
		last->len += size;
		return;
	}
	if (nr_used == BOOTMEM_MAX_RANGES)
		panic("bootmem: more than %u separate ranges", BOOTMEM_MAX_RANGES);
	used[nr_used++] = (struct mem_region){ start, size, MEM_USABLE };
}

void *bootmem_alloc(size_t size, size_t align)
{
	void *p;

	BUG_ON(!align || (align & (align - 1)));
	if (retired)
		panic("bootmem_alloc(%zu) after the buddy allocator took over: "
		      "use alloc_pages()", size);
	if (!bootmem_fit(size, align))
		panic("bootmem: out of lowmem for %zu bytes (align %zu)", size, align);
	p = __va((u32)cur);
	note_used(cur, size);
	cur += size;
	memset(p, 0, size);
	return p;
}

u64 mem_limit(void)
{
	return mem_param >= MEM_PARAM_MIN ? ALIGN_DOWN(mem_param, (u64)PAGE_SIZE) : 0;
}

void bootmem_retire(void)
{
	retired = true;
}

u32 bootmem_ranges(struct mem_region *out, u32 max)
{
	u32 n = MIN(max, nr_used);

	memcpy(out, used, n * sizeof(*out));
	return n;
}
