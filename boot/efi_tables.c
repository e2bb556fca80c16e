// SPDX-License-Identifier: MIT
/*
 * The EFI memory map and system table, as the kernel reads them after the
 * loader exited boot services; the contracts are in include/boot/efi_tables.h.
 */
#include <boot/efi_tables.h>
#include <lib/bytes.h>
#include <lib/string.h>

u32 efi_mem_type_to_region(u32 type, u64 attribute)
{
	switch (type) {
	case EFI_LOADER_CODE:
	case EFI_LOADER_DATA:
	case EFI_BOOT_SERVICES_CODE:
	case EFI_BOOT_SERVICES_DATA:
	case EFI_CONVENTIONAL_MEMORY:
		/* Runtime firmware may live in any of them: keep its hands on it. */
		return attribute & EFI_MEMORY_RUNTIME ? MEM_RESERVED : MEM_USABLE;
	case EFI_ACPI_RECLAIM_MEMORY:
		return MEM_ACPI_RECLAIM;
	case EFI_ACPI_MEMORY_NVS:
		return MEM_ACPI_NVS;
	case EFI_UNUSABLE_MEMORY:
		return MEM_BAD;
	default:
		return MEM_RESERVED;
	}
}

u32 efi_mmap_convert(const void *descs, u32 bytes, u32 desc_size,
		     struct mem_region *out, u32 max, bool *truncated)
{
	const u8 *p = descs;
	u32 offset, count = 0;

	if (desc_size < sizeof(struct efi_memory_desc))
		return 0;
	for (offset = 0; bytes - offset >= desc_size; offset += desc_size) {
		struct efi_memory_desc d;
		struct mem_region *prev = count ? &out[count - 1] : NULL;
		u64 len;
		u32 type;

		memcpy(&d, p + offset, sizeof(d));	/* may be unaligned */
		if (!d.nr_pages)
			continue;
		type = efi_mem_type_to_region(d.type, d.attribute);
		len = d.nr_pages > ~0ULL / EFI_PAGE_SIZE ? ~0ULL :
		      d.nr_pages * EFI_PAGE_SIZE;
		len = MIN(len, ~0ULL - d.phys_start);
		if (prev && prev->type == type &&
		    prev->base + prev->len == d.phys_start &&
		    len <= ~0ULL - prev->base - prev->len) {
			prev->len += len;
			continue;
		}
		if (count == max) {
			*truncated = true;
			break;
		}
		out[count++] = (struct mem_region){ d.phys_start, len, type };
	}
	return count;
}

/* Offsets in the 32-bit EFI_SYSTEM_TABLE. */
#define ST_SIGNATURE		0
#define ST_REVISION		8
#define ST_HEADER_SIZE		12
#define ST_NR_TABLES		64
#define ST_CONFIG_TABLE		68

int efi32_parse_systab(const void *p, u32 avail, struct efi32_systab_info *out)
{
	const u8 *b = p;
	u64 signature;

	if (avail < EFI32_SYSTEM_TABLE_SIZE)
		return EFI_ETRUNCATED;
	signature = get_le64(b + ST_SIGNATURE);
	if (signature != EFI_SYSTEM_TABLE_SIGNATURE)
		return EFI_ESIGNATURE;
	if (get_le32(b + ST_HEADER_SIZE) < EFI32_SYSTEM_TABLE_SIZE)
		return EFI_ETRUNCATED;
	out->revision = get_le32(b + ST_REVISION);
	out->nr_tables = get_le32(b + ST_NR_TABLES);
	out->tables_phys = get_le32(b + ST_CONFIG_TABLE);
	return 0;
}

/* The two ACPI GUIDs, as bytes in memory (EFI_GUID is little-endian). */
static const u8 acpi20_guid[16] = {
	0x71, 0xe8, 0x68, 0x88, 0xf1, 0xe4, 0xd3, 0x11,
	0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81,
};
static const u8 acpi10_guid[16] = {
	0x30, 0x2d, 0x9d, 0xeb, 0x88, 0x2d, 0xd3, 0x11,
	0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d,
};

int efi32_config_acpi(const void *p, u32 *rsdp_phys)
{
	const u8 *b = p;
	int version;

	if (!memcmp(b, acpi20_guid, sizeof(acpi20_guid)))
		version = 2;
	else if (!memcmp(b, acpi10_guid, sizeof(acpi10_guid)))
		version = 1;
	else
		return 0;
	*rsdp_phys = get_le32(b + sizeof(acpi20_guid));
	return version;
}
