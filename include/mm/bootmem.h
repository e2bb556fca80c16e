/* SPDX-License-Identifier: MIT */
/*
 * The boot allocator: page tables and arrays before the buddy allocator
 * exists (mm/bootmem.c). It hands out zeroed, direct-mapped lowmem from the
 * sanitized memory map, above the kernel image, and never frees.
 */
#ifndef HM386_MM_BOOTMEM_H
#define HM386_MM_BOOTMEM_H

#include <boot/bootinfo.h>
#include <types.h>

/*
 * memmap_setup - make @bi's memory map trustworthy: sanitize it, reserve
 * the BIOS's first page (as Linux does: it is not RAM the kernel counts),
 * drop what the CPU cannot address, print it. Panics, naming the cause, when
 * the map is missing or holds no usable RAM.
 */
void memmap_setup(struct boot_info *bi);

/*
 * memory_map_init - memmap_setup(&boot_info) (honouring `mem=`) and find
 * max_pfn, the end of RAM. Before memlayout_init(), which needs max_pfn.
 */
void memory_map_init(void);

/*
 * bootmem_init - start allocating lowmem above the kernel image and below
 * max_low_pfn (so after memlayout_init() chose it), up to the boot map.
 */
void bootmem_init(void);

/* bootmem_alloc - @size zeroed bytes aligned to @align (a power of two);
 * panics when lowmem runs out. */
void *bootmem_alloc(size_t size, size_t align);

#define BOOTMEM_MAX_RANGES 8

/*
 * bootmem_ranges - the physical ranges handed out so far (type MEM_USABLE,
 * each one contiguous) into @out; returns how many (at most @max).
 */
u32 bootmem_ranges(struct mem_region *out, u32 max);

/* mem_limit - the address `mem=` stops RAM at, 0 when not in force. */
u64 mem_limit(void);

/* bootmem_retire - no more allocations: the buddy allocator owns the rest. */
void bootmem_retire(void);

#endif
