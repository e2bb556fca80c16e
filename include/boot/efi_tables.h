/* SPDX-License-Identifier: MIT */
/*
 * What the kernel reads from 32-bit UEFI firmware's tables once boot
 * services have been exited (boot/efi_tables.c; the UEFI loader that exits
 * them is a separate program, boot/efi/): the EFI memory map, converted to
 * mem_region entries, and the ACPI RSDP's address from the EFI system
 * table's configuration table. Layouts from the UEFI specification (sections
 * "EFI_BOOT_SERVICES.GetMemoryMap()", "EFI_SYSTEM_TABLE",
 * "EFI_CONFIGURATION_TABLE"), for IA32: pointers and UINTN are 32 bits.
 *
 * The functions are pure: they read only the bytes they are given, never
 * past the length they are told, and also run on the host
 * (tests/host/test_efi_tables.c).
 */
#ifndef HM386_BOOT_EFI_TABLES_H
#define HM386_BOOT_EFI_TABLES_H

#include <boot/bootinfo.h>
#include <types.h>

/* EFI_MEMORY_TYPE */
enum efi_memory_type {
	EFI_RESERVED_MEMORY_TYPE = 0,
	EFI_LOADER_CODE = 1,
	EFI_LOADER_DATA = 2,
	EFI_BOOT_SERVICES_CODE = 3,
	EFI_BOOT_SERVICES_DATA = 4,
	EFI_RUNTIME_SERVICES_CODE = 5,
	EFI_RUNTIME_SERVICES_DATA = 6,
	EFI_CONVENTIONAL_MEMORY = 7,
	EFI_UNUSABLE_MEMORY = 8,
	EFI_ACPI_RECLAIM_MEMORY = 9,
	EFI_ACPI_MEMORY_NVS = 10,
	EFI_MEMORY_MAPPED_IO = 11,
	EFI_MEMORY_MAPPED_IO_PORT_SPACE = 12,
	EFI_PAL_CODE = 13,
	EFI_PERSISTENT_MEMORY = 14,
	EFI_UNACCEPTED_MEMORY = 15,
};

/* Attribute: the OS must keep the range mapped for runtime services. */
#define EFI_MEMORY_RUNTIME	(1ULL << 63)
#define EFI_PAGE_SIZE		4096

/*
 * EFI_MEMORY_DESCRIPTOR, version 1. Firmware may hand out bigger
 * descriptors (its descriptor size): the next one starts that many bytes
 * after this one, never sizeof() bytes.
 */
struct efi_memory_desc {
	u32 type;		/* enum efi_memory_type */
	u32 pad;
	u64 phys_start;		/* 4 KiB aligned */
	u64 virt_start;
	u64 nr_pages;		/* of EFI_PAGE_SIZE */
	u64 attribute;
} __packed;

/**
 * efi_mem_type_to_region - the mem_region type of an EFI memory type
 * @type: an enum efi_memory_type value, or any other number
 * @attribute: the descriptor's attribute bits
 *
 * After ExitBootServices(), loader and boot-services code and data are
 * free RAM, as is conventional memory: MEM_USABLE, unless @attribute has
 * EFI_MEMORY_RUNTIME. ACPI reclaim memory is MEM_ACPI_RECLAIM (reserved
 * until the tables are read: hm386 never frees it), ACPI NVS is
 * MEM_ACPI_NVS, unusable memory is MEM_BAD. Everything else (runtime
 * services, MMIO, reserved, persistent, unaccepted, unknown and OEM types)
 * is MEM_RESERVED.
 */
u32 efi_mem_type_to_region(u32 type, u64 attribute);

/**
 * efi_mmap_convert - convert an EFI memory map into mem_region entries
 * @descs: the descriptors
 * @bytes: bytes readable at @descs
 * @desc_size: the firmware's descriptor size, the stride between
 *             descriptors; at least sizeof(struct efi_memory_desc)
 * @out: where the entries go
 * @max: room in @out, in entries
 * @truncated: set to true when entries were lost for lack of room; left
 *             alone otherwise
 *
 * Reads whole descriptors only, in their order; a descriptor that would
 * run past @bytes ends the map. Descriptors without pages are skipped; one
 * whose end overflows 64 bits is cut at 2^64 - 1 (the sanitizer clips it).
 * Each one extending the previous entry (same converted type, starting
 * where it ends) is merged into it, so that a firmware map of hundreds of
 * descriptors fits in few entries; the result is otherwise raw (unsorted,
 * overlapping): memmap_sanitize() is the caller's next step.
 *
 * Returns the number of entries written; 0 when @desc_size is too small.
 */
u32 efi_mmap_convert(const void *descs, u32 bytes, u32 desc_size,
		     struct mem_region *out, u32 max, bool *truncated);

/* ------------------------------------------------------------ tables */

#define EFI_SYSTEM_TABLE_SIGNATURE	0x5453595320494249ULL	/* "IBI SYST" */
#define EFI32_SYSTEM_TABLE_SIZE		72	/* bytes read by the parser */
#define EFI32_CONFIG_ENTRY_SIZE		20	/* EFI_GUID + 32-bit pointer */

/* What an EFI32 system table says about its configuration table. */
struct efi32_systab_info {
	u32 revision;		/* major << 16 | minor */
	u32 nr_tables;		/* NumberOfTableEntries */
	u32 tables_phys;	/* ConfigurationTable */
};

/* Errors; all negative. */
#define EFI_ESIGNATURE	(-1)	/* not an EFI system table */
#define EFI_ETRUNCATED	(-2)	/* fewer bytes than the structure needs */

/*
 * efi32_parse_systab - check the 32-bit EFI system table in the @avail
 * bytes at @p (its signature, a header size covering the fields read) and
 * fill @out. Returns 0 or a negative EFI_E* error.
 */
int efi32_parse_systab(const void *p, u32 avail,
		       struct efi32_systab_info *out);

/*
 * efi32_config_acpi - which ACPI RSDP the configuration-table entry at @p
 * (EFI32_CONFIG_ENTRY_SIZE bytes) points at: returns 2 for the ACPI 2.0+
 * GUID, 1 for the ACPI 1.0 GUID, 0 for any other table; *@rsdp_phys gets
 * the entry's pointer when the result is not 0.
 */
int efi32_config_acpi(const void *p, u32 *rsdp_phys);

#endif
