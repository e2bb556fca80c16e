// SPDX-License-Identifier: MIT
/*
 * Host unit tests of boot/efi_tables.c: EFI memory maps (types, unsorted and
 * adjacent descriptors, descriptors bigger than the struct, truncation)
 * converted and then sanitized, and the EFI32 system table's ACPI entries.
 * Every map is copied into a heap buffer of exactly its size, so ASan
 * reports a read past the bytes the converter was given.
 */
#include "htest.h"

#include <boot/efi_tables.h>
#include <mm/firmware_map.h>

/* One descriptor of a test map. */
struct desc {
	u32 type;
	u64 base;
	u64 pages;
	u64 attribute;
};

#define PAGES(bytes)	((bytes) / EFI_PAGE_SIZE)

static struct mem_region out[BOOT_MMAP_MAX];
static bool truncated;

/*
 * convert - lay @n descriptors @desc_size bytes apart (the bytes beyond the
 * struct filled with 0xa5, as a newer firmware's fields would be), plus
 * @extra stray bytes, and convert them into at most @max entries.
 */
static u32 convert(const struct desc *d, u32 n, u32 desc_size, u32 extra,
		   u32 max)
{
	u32 bytes = n * desc_size + extra, count, i;
	u8 *buf = malloc(bytes ? bytes : 1);

	memset(buf, 0xa5, bytes);
	for (i = 0; i < n; i++) {
		struct efi_memory_desc e = {
			.type = d[i].type, .phys_start = d[i].base,
			.virt_start = 0xdead0000, .nr_pages = d[i].pages,
			.attribute = d[i].attribute,
		};

		memcpy(buf + i * desc_size, &e, MIN(sizeof(e), desc_size));
	}
	memset(out, 0x5a, sizeof(out));
	truncated = false;
	count = efi_mmap_convert(buf, bytes, desc_size, out, max, &truncated);
	free(buf);
	return count;
}

static void expect_region(const struct mem_region *r, u64 base, u64 len,
			  u32 type)
{
	HT_EXPECT_EQ(r->base, base);
	HT_EXPECT_EQ(r->len, len);
	HT_EXPECT_EQ(r->type, type);
}

HTEST(types_convert)
{
	static const struct { u32 efi; u32 region; } table[] = {
		{ EFI_RESERVED_MEMORY_TYPE, MEM_RESERVED },
		{ EFI_LOADER_CODE, MEM_USABLE },
		{ EFI_LOADER_DATA, MEM_USABLE },
		{ EFI_BOOT_SERVICES_CODE, MEM_USABLE },
		{ EFI_BOOT_SERVICES_DATA, MEM_USABLE },
		{ EFI_RUNTIME_SERVICES_CODE, MEM_RESERVED },
		{ EFI_RUNTIME_SERVICES_DATA, MEM_RESERVED },
		{ EFI_CONVENTIONAL_MEMORY, MEM_USABLE },
		{ EFI_UNUSABLE_MEMORY, MEM_BAD },
		{ EFI_ACPI_RECLAIM_MEMORY, MEM_ACPI_RECLAIM },
		{ EFI_ACPI_MEMORY_NVS, MEM_ACPI_NVS },
		{ EFI_MEMORY_MAPPED_IO, MEM_RESERVED },
		{ EFI_MEMORY_MAPPED_IO_PORT_SPACE, MEM_RESERVED },
		{ EFI_PAL_CODE, MEM_RESERVED },
		{ EFI_PERSISTENT_MEMORY, MEM_RESERVED },
		{ EFI_UNACCEPTED_MEMORY, MEM_RESERVED },
		{ 16, MEM_RESERVED },
		{ 0x70000000, MEM_RESERVED },	/* OEM */
		{ 0x80000000, MEM_RESERVED },	/* OS loader */
		{ 0xffffffff, MEM_RESERVED },
	};
	u32 i;

	for (i = 0; i < ARRAY_SIZE(table); i++) {
		struct desc d = { table[i].efi, 0x100000, 2, 0 };

		HT_EXPECT_EQ(efi_mem_type_to_region(table[i].efi, 0),
			     table[i].region);
		HT_EXPECT_EQ(convert(&d, 1, sizeof(struct efi_memory_desc),
				     0, BOOT_MMAP_MAX), 1);
		expect_region(&out[0], 0x100000, 0x2000, table[i].region);
	}
}

HTEST(runtime_attribute_keeps_ram_reserved)
{
	static const u32 ram[] = {
		EFI_LOADER_CODE, EFI_LOADER_DATA, EFI_BOOT_SERVICES_CODE,
		EFI_BOOT_SERVICES_DATA, EFI_CONVENTIONAL_MEMORY,
	};
	u32 i;

	for (i = 0; i < ARRAY_SIZE(ram); i++)
		HT_EXPECT_EQ(efi_mem_type_to_region(ram[i], EFI_MEMORY_RUNTIME |
						    0xf), MEM_RESERVED);
	/* Other attribute bits (cacheability) change nothing. */
	HT_EXPECT_EQ(efi_mem_type_to_region(EFI_CONVENTIONAL_MEMORY, 0xf),
		     MEM_USABLE);
	HT_EXPECT_EQ(efi_mem_type_to_region(EFI_ACPI_MEMORY_NVS,
					    EFI_MEMORY_RUNTIME), MEM_ACPI_NVS);
}

/* An OVMF-like map: low RAM, the NVS at 8 MiB, RAM, runtime, ACPI, MMIO. */
static const struct desc ovmf[] = {
	{ EFI_BOOT_SERVICES_CODE, 0x0, PAGES(0x1000), 0xf },
	{ EFI_CONVENTIONAL_MEMORY, 0x1000, PAGES(0x9f000), 0xf },
	{ EFI_LOADER_CODE, 0x100000, PAGES(0x100000), 0xf },
	{ EFI_CONVENTIONAL_MEMORY, 0x200000, PAGES(0x600000), 0xf },
	{ EFI_ACPI_MEMORY_NVS, 0x800000, PAGES(0x8000), 0xf },
	{ EFI_BOOT_SERVICES_DATA, 0x808000, PAGES(0x8000), 0xf },
	{ EFI_ACPI_MEMORY_NVS, 0x810000, PAGES(0xf00000), 0xf },
	{ EFI_LOADER_DATA, 0x1710000, PAGES(0x10000), 0xf },
	{ EFI_CONVENTIONAL_MEMORY, 0x1720000, PAGES(0x3e8e0000), 0xf },
	{ EFI_RUNTIME_SERVICES_DATA, 0x40000000, PAGES(0x100000),
	  EFI_MEMORY_RUNTIME | 0xf },
	{ EFI_ACPI_RECLAIM_MEMORY, 0x40100000, PAGES(0x10000), 0xf },
	{ EFI_MEMORY_MAPPED_IO, 0xffc00000, PAGES(0x400000),
	  EFI_MEMORY_RUNTIME | 1 },
};

static void expect_ovmf_raw(void)
{
	/* Adjacent descriptors of one converted type are one entry. */
	expect_region(&out[0], 0x0, 0xa0000, MEM_USABLE);
	expect_region(&out[1], 0x100000, 0x700000, MEM_USABLE);
	expect_region(&out[2], 0x800000, 0x8000, MEM_ACPI_NVS);
	expect_region(&out[3], 0x808000, 0x8000, MEM_USABLE);
	expect_region(&out[4], 0x810000, 0xf00000, MEM_ACPI_NVS);
	expect_region(&out[5], 0x1710000, 0x3e8f0000, MEM_USABLE);
	expect_region(&out[6], 0x40000000, 0x100000, MEM_RESERVED);
	expect_region(&out[7], 0x40100000, 0x10000, MEM_ACPI_RECLAIM);
	expect_region(&out[8], 0xffc00000, 0x400000, MEM_RESERVED);
}

HTEST(sorted_map_adjacent_descriptors_merge)
{
	HT_EXPECT_EQ(convert(ovmf, ARRAY_SIZE(ovmf),
			     sizeof(struct efi_memory_desc), 0, BOOT_MMAP_MAX), 9);
	expect_ovmf_raw();
	HT_EXPECT_FALSE(truncated);
}

HTEST(descriptors_bigger_than_the_struct)
{
	static const u32 sizes[] = { 48, 56, 64, 200 };
	u32 i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		HT_EXPECT_EQ(convert(ovmf, ARRAY_SIZE(ovmf), sizes[i], 0,
				     BOOT_MMAP_MAX), 9);
		expect_ovmf_raw();
	}
}

HTEST(descriptor_size_too_small_gives_nothing)
{
	HT_EXPECT_EQ(convert(ovmf, 1, sizeof(struct efi_memory_desc) - 1, 0,
			     BOOT_MMAP_MAX), 0);
	HT_EXPECT_EQ(convert(ovmf, 1, 0, 0, BOOT_MMAP_MAX), 0);
}

HTEST(partial_trailing_descriptor_ignored)
{
	HT_EXPECT_EQ(convert(ovmf, 2, 48, 47, BOOT_MMAP_MAX), 1);
	expect_region(&out[0], 0x0, 0xa0000, MEM_USABLE);
	HT_EXPECT_EQ(convert(ovmf, 0, 48, 47, BOOT_MMAP_MAX), 0);
}

HTEST(empty_descriptors_skipped)
{
	static const struct desc d[] = {
		{ EFI_CONVENTIONAL_MEMORY, 0x0, 1, 0 },
		{ EFI_RESERVED_MEMORY_TYPE, 0x1000, 0, 0 },	/* no pages */
		{ EFI_CONVENTIONAL_MEMORY, 0x1000, 1, 0 },
	};

	HT_EXPECT_EQ(convert(d, 3, 48, 0, BOOT_MMAP_MAX), 1);
	expect_region(&out[0], 0x0, 0x2000, MEM_USABLE);
}

HTEST(huge_descriptors_do_not_overflow)
{
	static const struct desc d[] = {
		{ EFI_CONVENTIONAL_MEMORY, 0xfffffffffffff000ULL, 16, 0 },
		{ EFI_CONVENTIONAL_MEMORY, 0x1000, ~0ULL, 0 },
	};

	HT_EXPECT_EQ(convert(d, 2, 48, 0, BOOT_MMAP_MAX), 2);
	expect_region(&out[0], 0xfffffffffffff000ULL, 0xfff, MEM_USABLE);
	expect_region(&out[1], 0x1000, ~0ULL - 0x1000, MEM_USABLE);
}

HTEST(unsorted_map_sanitizes)
{
	/* The OVMF map, backwards and with the RAM split around the NVS. */
	struct desc d[ARRAY_SIZE(ovmf)];
	u32 count, i, n = ARRAY_SIZE(ovmf);

	for (i = 0; i < n; i++)
		d[i] = ovmf[n - 1 - i];
	count = convert(d, n, 48, 0, BOOT_MMAP_MAX);
	HT_EXPECT_EQ(count, n);		/* nothing is adjacent backwards */
	HT_EXPECT_EQ(memmap_sanitize(out, &count, BOOT_MMAP_MAX), 0);
	HT_EXPECT_EQ(count, 9);
	expect_ovmf_raw();
}

HTEST(overlapping_descriptors_reserved_wins)
{
	static const struct desc d[] = {
		{ EFI_CONVENTIONAL_MEMORY, 0x0, PAGES(0x400000), 0 },
		{ EFI_RUNTIME_SERVICES_CODE, 0x200000, 1, EFI_MEMORY_RUNTIME },
		{ EFI_ACPI_MEMORY_NVS, 0x3ff000, 2, 0 },
	};
	u32 count = convert(d, 3, 48, 0, BOOT_MMAP_MAX);

	HT_EXPECT_EQ(memmap_sanitize(out, &count, BOOT_MMAP_MAX), 0);
	HT_EXPECT_EQ(count, 4);
	expect_region(&out[0], 0x0, 0x200000, MEM_USABLE);
	expect_region(&out[1], 0x200000, 0x1000, MEM_RESERVED);
	expect_region(&out[2], 0x201000, 0x1fe000, MEM_USABLE);
	expect_region(&out[3], 0x3ff000, 0x2000, MEM_ACPI_NVS);
}

HTEST(full_map_truncates)
{
	struct desc d[6];
	u32 i;

	for (i = 0; i < ARRAY_SIZE(d); i++)	/* alternating: no merge */
		d[i] = (struct desc){ i % 2 ? EFI_ACPI_MEMORY_NVS :
				      EFI_CONVENTIONAL_MEMORY, i * 0x1000, 1, 0 };
	HT_EXPECT_EQ(convert(d, 6, 48, 0, 4), 4);
	HT_EXPECT_TRUE(truncated);
	expect_region(&out[3], 0x3000, 0x1000, MEM_ACPI_NVS);
	/* A merge needs no room: a map that fits after merging is whole. */
	for (i = 0; i < ARRAY_SIZE(d); i++)
		d[i].type = EFI_BOOT_SERVICES_DATA;
	HT_EXPECT_EQ(convert(d, 6, 48, 0, 1), 1);
	HT_EXPECT_FALSE(truncated);
	expect_region(&out[0], 0x0, 0x6000, MEM_USABLE);
}

/* ------------------------------------------------------------ tables */

static void put32(u8 *p, u32 v)
{
	memcpy(p, &v, 4);
}

static void make_systab(u8 *st, u32 header_size)
{
	memset(st, 0, EFI32_SYSTEM_TABLE_SIZE);
	memcpy(st, "IBI SYST", 8);
	put32(st + 8, 0x20046);		/* UEFI 2.70 */
	put32(st + 12, header_size);
	put32(st + 64, 11);		/* NumberOfTableEntries */
	put32(st + 68, 0x7e9ed000);	/* ConfigurationTable */
}

HTEST(systab_parses)
{
	u8 *st = malloc(EFI32_SYSTEM_TABLE_SIZE);
	struct efi32_systab_info info;

	make_systab(st, EFI32_SYSTEM_TABLE_SIZE);
	HT_EXPECT_EQ(efi32_parse_systab(st, EFI32_SYSTEM_TABLE_SIZE, &info), 0);
	HT_EXPECT_EQ(info.revision, 0x20046);
	HT_EXPECT_EQ(info.nr_tables, 11);
	HT_EXPECT_EQ(info.tables_phys, 0x7e9ed000);
	HT_EXPECT_EQ(efi32_parse_systab(st, EFI32_SYSTEM_TABLE_SIZE - 1, &info),
		     EFI_ETRUNCATED);
	make_systab(st, EFI32_SYSTEM_TABLE_SIZE - 4);
	HT_EXPECT_EQ(efi32_parse_systab(st, EFI32_SYSTEM_TABLE_SIZE, &info),
		     EFI_ETRUNCATED);
	make_systab(st, EFI32_SYSTEM_TABLE_SIZE);
	st[7] = 'X';
	HT_EXPECT_EQ(efi32_parse_systab(st, EFI32_SYSTEM_TABLE_SIZE, &info),
		     EFI_ESIGNATURE);
	free(st);
}

HTEST(config_entries_name_acpi)
{
	/* EFI_GUIDs as the firmware stores them (little-endian fields). */
	static const u8 acpi20[16] = { 0x71, 0xe8, 0x68, 0x88, 0xf1, 0xe4,
		0xd3, 0x11, 0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81 };
	static const u8 acpi10[16] = { 0x30, 0x2d, 0x9d, 0xeb, 0x88, 0x2d,
		0xd3, 0x11, 0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d };
	u8 *entry = malloc(EFI32_CONFIG_ENTRY_SIZE);
	u32 rsdp = 0;

	memcpy(entry, acpi20, 16);
	put32(entry + 16, 0x7eb7e014);
	HT_EXPECT_EQ(efi32_config_acpi(entry, &rsdp), 2);
	HT_EXPECT_EQ(rsdp, 0x7eb7e014);
	memcpy(entry, acpi10, 16);
	put32(entry + 16, 0x7eb7e000);
	HT_EXPECT_EQ(efi32_config_acpi(entry, &rsdp), 1);
	HT_EXPECT_EQ(rsdp, 0x7eb7e000);
	entry[15] ^= 1;			/* SMBIOS or anything else */
	rsdp = 0x1234;
	HT_EXPECT_EQ(efi32_config_acpi(entry, &rsdp), 0);
	HT_EXPECT_EQ(rsdp, 0x1234);
	free(entry);
}

HTEST_MAIN("efi_tables")
