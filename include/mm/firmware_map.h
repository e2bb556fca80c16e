/* SPDX-License-Identifier: MIT */
/*
 * The firmware memory map (mm/firmware_map.c): turns the raw list of
 * regions the firmware reported through the loader (boot_info.mmap) into
 * one the allocators can trust. (Not mem_map, the struct page array of
 * <mm/page.h>.)
 *
 * Loaders and firmware produce maps that are unsorted, overlapping,
 * duplicated, split at odd byte boundaries, or that describe memory a PAE
 * kernel cannot reach. memmap_sanitize() resolves all of that once, in early
 * boot, so that nothing later has to.
 *
 * Nothing here allocates, sleeps or takes a lock, and stack use is a few
 * dozen bytes: early boot may call every function in this header.
 */
#ifndef HM386_MM_FIRMWARE_MAP_H
#define HM386_MM_FIRMWARE_MAP_H

#include <boot/bootinfo.h>
#include <types.h>

/* Errors of memmap_sanitize(); all negative. */
#define MEMMAP_ENOUSABLE	(-1)	/* no usable RAM is left */
#define MEMMAP_EOVERFLOW	(-2)	/* the result needs over @max entries */
#define MEMMAP_EINVAL		(-3)	/* *@count > @max */

/**
 * memmap_sanitize - sort, clip and de-overlap a memory map in place
 * @map: the regions; at least @max entries of storage
 * @count: in: entries used in @map; out: entries in the result
 * @max: capacity of @map, in entries
 *
 * The result describes, for every byte, one type, decided as follows:
 *
 * - Zero-length entries are ignored. A type outside enum mem_type counts as
 *   MEM_RESERVED.
 * - Only [0, PHYS_LIMIT) (64 GiB, the PAE limit) is kept: an entry starting
 *   at or above it is dropped, one crossing it is cut there; so is an entry
 *   whose base + len overflows 64 bits.
 * - Where entries overlap, the higher-priority type wins:
 *	MEM_BAD > MEM_ACPI_NVS > MEM_RESERVED > MEM_ACPI_RECLAIM > MEM_USABLE
 *   Anything non-usable beats usable; NVS and bad memory must survive
 *   everything, and ACPI reclaimable memory yields to the rest because it
 *   is RAM again once the tables are read.
 * - Usable memory is then kept in whole 4 KiB pages only: a page is usable
 *   when the usable entries cover all of it and no other entry touches it.
 *   Usable entries that are split at a page boundary count as one.
 *
 * The result is sorted by base, its entries do not overlap, neighbours of
 * the same type are merged, and every usable entry is page-aligned in base
 * and length. Bytes no entry describes are holes and stay unlisted.
 *
 * Works in place, in O(n^2) time for n = *@count; no allocation, no static
 * scratch, so it is reentrant. Resolving overlaps can split an entry in
 * two, so the result may have more entries than the input: it fits when
 * @max >= 2 * *@count - 1, and otherwise exactly when the resolved map has
 * at most @max entries.
 *
 * Returns 0 on success. MEMMAP_ENOUSABLE: the map is sanitized as above
 * (possibly empty) but has no usable entry. MEMMAP_EOVERFLOW: *@count is
 * set to 0 and the contents of @map are undefined. MEMMAP_EINVAL: nothing
 * is changed.
 */
int memmap_sanitize(struct mem_region *map, u32 *count, u32 max);

/**
 * memmap_reserve - mark a range of a sanitized map reserved
 * @map: a map returned by memmap_sanitize(); at least @max entries of storage
 * @count: in: entries in @map; out: entries in the result
 * @max: capacity of @map, in entries
 * @base: first byte of the range
 * @len: bytes in the range
 *
 * For what the firmware should have listed and did not, such as the BIOS's
 * first page: [@base, @base + @len) becomes MEM_RESERVED where it was usable
 * RAM or ACPI reclaimable, as if the loader had listed it reserved; NVS and
 * bad memory keep their types, and a usable page the range touches at all
 * stops being usable. The result has the shape memmap_sanitize() promises.
 *
 * Returns 0, or MEMMAP_EOVERFLOW without changing anything when the map has
 * no room for the split a reservation may cause (*@count + 2 > @max), or
 * MEMMAP_ENOUSABLE when no usable RAM is left.
 */
int memmap_reserve(struct mem_region *map, u32 *count, u32 max, u64 base,
		   u64 len);

/*
 * memmap_clip - drop what lies at or above @limit from @map (any order, in
 * place): entries starting there go, entries crossing it are cut; with
 * @usable_only, only usable RAM is touched. Returns the usable bytes removed.
 */
u64 memmap_clip(struct mem_region *map, u32 *count, u64 limit, bool usable_only);

/**
 * memmap_usable_bytes - total size of the MEM_USABLE entries of @map
 * @map: a map, typically one returned by memmap_sanitize()
 * @count: entries in @map
 *
 * Overlapping usable entries are counted twice: sanitize first.
 */
u64 memmap_usable_bytes(const struct mem_region *map, u32 count);

/**
 * memmap_type_name - a short name for a memory-map type
 * @type: an enum mem_type value, or any other number
 *
 * Returns "usable", "reserved", "ACPI reclaim", "ACPI NVS", "bad", or
 * "unknown" for a number outside enum mem_type. The string is static.
 */
const char *memmap_type_name(u32 type);

/* Width of the longest memmap_type_name(), for tables. */
#define MEMMAP_TYPE_NAME_WIDTH	12

/* One memmap_print() line, NUL included, is at most this long. */
#define MEMMAP_LINE_MAX		80

/**
 * memmap_print - describe a memory map, one line per entry
 * @map: the entries to print
 * @count: entries in @map
 * @line: called once per entry, in order, with the text of a line (no
 *        newline; valid only during the call)
 *
 * Lines look like (inclusive end address; the size in the largest unit of
 * B, KiB, MiB, GiB that holds it whole, or in which it is at least 100,
 * rounded down by less than 1%):
 *
 *	  [mem 0x0000000000000000-0x000000000009fbff] usable          639 KiB
 *
 * The caller chooses the output: printk in the kernel, printf on the host.
 */
void memmap_print(const struct mem_region *map, u32 count,
		  void (*line)(const char *text));

#endif
