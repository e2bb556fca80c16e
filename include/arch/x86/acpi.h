/* SPDX-License-Identifier: MIT */
/*
 * The few ACPI tables hm386 reads (arch/x86/acpi.c): the RSDP, the RSDT or
 * XSDT it points at, and the MADT ("APIC"), which lists the processors'
 * local APICs and the I/O APICs. Layouts from the ACPI specification
 * (sections "Root System Description Pointer", "System Description Table
 * Header", "Multiple APIC Description Table").
 *
 * The parsers are pure functions over bytes in memory, with every length
 * and checksum checked before use: they also run on the host, where
 * tests/host/test_acpi.c feeds them broken tables. The kernel part finds
 * the tables in physical memory and copies them in first.
 */
#ifndef HM386_ARCH_X86_ACPI_H
#define HM386_ARCH_X86_ACPI_H

#include <arch/x86/smp.h>
#include <types.h>

/* Errors of the parsers; all negative. */
#define ACPI_ESIGNATURE	(-1)	/* not the table asked for */
#define ACPI_ECHECKSUM	(-2)	/* its bytes do not sum to 0 */
#define ACPI_ETRUNCATED	(-3)	/* a length points past the bytes given */
#define ACPI_ENOTFOUND	(-4)	/* no such table (kernel part) */

#define ACPI_RSDP_SIG		"RSD PTR "
#define ACPI_RSDP_V1_SIZE	20	/* ACPI 1.0: covered by the checksum */
#define ACPI_RSDP_V2_SIZE	36	/* ACPI 2.0+: the extended checksum's */
#define ACPI_SDT_HEADER_SIZE	36
#define ACPI_MADT_ENTRIES	44	/* offset of the first MADT entry */

/* MADT entry types and the Processor Local APIC flags. */
#define MADT_LOCAL_APIC		0
#define MADT_IO_APIC		1
#define MADT_LAPIC_OVERRIDE	5	/* a 64-bit local APIC address */
#define MADT_LAPIC_ENABLED	(1U << 0)
#define MADT_LAPIC_BAD_ID	0xff

/* What an RSDP says. */
struct acpi_rsdp_info {
	u32 revision;		/* 0: ACPI 1.0 (RSDT only); 2+: has an XSDT */
	u32 rsdt_phys;
	u64 xsdt_phys;		/* 0 when revision < 2 */
	char oem_id[7];
};

/*
 * acpi_parse_rsdp - check the RSDP in the @avail bytes at @p: signature,
 * the ACPI 1.0 checksum over 20 bytes, and for revision 2 or more its
 * length (>= 36, within @avail) and the extended checksum. Fills @out.
 * Returns 0 or a negative ACPI_E* error.
 */
int acpi_parse_rsdp(const void *p, u32 avail, struct acpi_rsdp_info *out);

/*
 * acpi_check_sdt - check a system description table header and body: the
 * 4-byte @signature, a length of at least 36 bytes and within @avail, the
 * checksum over that length. Returns the table's length, or a negative
 * ACPI_E* error.
 */
int acpi_check_sdt(const void *p, u32 avail, const char *signature);

/* acpi_sdt_length - the length field of the table header at @p. */
u32 acpi_sdt_length(const void *p);

/*
 * acpi_sdt_entries - the physical addresses an RSDT (4-byte entries) or
 * XSDT (@xsdt: 8-byte entries) of @len checked bytes lists: up to @max of
 * them into @out. Returns how many the table lists (may exceed @max).
 */
u32 acpi_sdt_entries(const void *sdt, u32 len, bool xsdt, u64 *out, u32 max);

/*
 * acpi_parse_madt - check the MADT in the @avail bytes at @p and record,
 * into @cfg (already set up by smp_config_init()), every Processor Local
 * APIC entry (enabled ones numbered, disabled ones counted), every I/O
 * APIC, and the local APIC address (the 32-bit header field, or an
 * override below 4 GiB). An entry shorter than its type needs, or one that
 * runs past the table, makes the whole table invalid. Unknown types are
 * skipped. Returns 0 or a negative ACPI_E* error (@cfg is then partial).
 */
int acpi_parse_madt(const void *p, u32 avail, struct smp_config *cfg);

#ifndef HM386_HOST
/*
 * acpi_find_smp_config - find the RSDP (through the EFI system table's
 * configuration table when the loader gave one, else boot_info.acpi_rsdp
 * when it checks out, else, on BIOS machines only, a search of the EBDA's
 * first KiB and 0xE0000-0xFFFFF), then the MADT through the XSDT (entries above 4 GiB
 * ignored with a warning) or the RSDT, and parse it into @cfg (set up by
 * the caller). Returns 0, or a negative ACPI_E* error after a line saying
 * what was missing or broken. `acpi=off` makes it return ACPI_ENOTFOUND.
 */
int acpi_find_smp_config(struct smp_config *cfg);

/*
 * firmware_read - copy @len bytes of physical memory at @phys (below the
 * CPU's physical address limit) to @dst, through the FIX_FIRMWARE fixmap
 * slot, one page at a time. For firmware tables, which may lie outside
 * the direct map. Boot CPU, before the APs run (the slot is flushed only
 * locally). False when @phys + @len is beyond what the CPU can address.
 */
bool firmware_read(void *dst, u64 phys, u32 len);

/* The first KiB of the EBDA, from the BIOS data area; 0 if it has none. */
u32 bios_ebda_phys(void);
#endif

#endif
