// SPDX-License-Identifier: MIT
/*
 * ACPI, only as far as SMP needs it: RSDP -> RSDT/XSDT -> MADT -> the list
 * of local APICs (CPUs) and I/O APICs.
 *
 * The first half is pure: parsers over bytes already in memory, which never
 * read past the length they were given and check every checksum, and the
 * CPU list they fill (struct smp_config, shared with mptable.c). It is
 * compiled for the host too (-DHM386_HOST) and tested there with broken
 * tables. The second half is the kernel's: where the tables are in
 * physical memory, and copying them in.
 */
#include <arch/x86/acpi.h>
#include <lib/bytes.h>
#include <lib/string.h>

/* Fields are little-endian and often unaligned: read them byte-wise. */
/* ---------------------------------------------------------------- CPU list */

void smp_config_init(struct smp_config *cfg, u32 boot_apic_id, u32 max_cpus)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->max_cpus = MIN(MAX(max_cpus, 1U), (u32)NR_CPUS);
	cfg->apic_ids[0] = boot_apic_id;
	cfg->nr_cpus = 1;
}

/*
 * Whether a CPU with @apic_id was numbered already. One beyond max_cpus
 * repeated is not recognised and counts as dropped again: harmless.
 */
static bool smp_config_has(const struct smp_config *cfg, u32 apic_id)
{
	for (u32 i = 1; i < cfg->nr_cpus; i++)
		if (cfg->apic_ids[i] == apic_id)
			return true;
	return false;
}

void smp_config_add_cpu(struct smp_config *cfg, u32 apic_id, bool usable)
{
	if (!usable) {
		cfg->nr_disabled++;
		return;
	}
	if (apic_id == cfg->apic_ids[0]) {
		if (cfg->boot_cpu_listed) {
			cfg->nr_duplicates++;
			return;
		}
		cfg->boot_cpu_listed = true;
		cfg->nr_enabled++;
		return;
	}
	if (smp_config_has(cfg, apic_id)) {
		cfg->nr_duplicates++;
		return;
	}
	cfg->nr_enabled++;
	if (cfg->nr_cpus == cfg->max_cpus) {
		cfg->nr_dropped++;
		return;
	}
	cfg->apic_ids[cfg->nr_cpus++] = apic_id;
}

void smp_config_add_ioapic(struct smp_config *cfg, u32 id, u32 phys, u32 gsi_base)
{
	if (cfg->nr_ioapics == SMP_MAX_IOAPICS) {
		cfg->nr_ioapics_dropped++;
		return;
	}
	cfg->ioapics[cfg->nr_ioapics++] = (struct ioapic_desc){ id, phys, gsi_base };
}

/* ---------------------------------------------------------------- parsers */

/* RSDP offsets. */
#define RSDP_CHECKSUM	8
#define RSDP_OEM_ID	9
#define RSDP_REVISION	15
#define RSDP_RSDT	16
#define RSDP_LENGTH	20
#define RSDP_XSDT	24

int acpi_parse_rsdp(const void *p, u32 avail, struct acpi_rsdp_info *out)
{
	const u8 *b = p;
	u32 length;

	if (avail < ACPI_RSDP_V1_SIZE)
		return ACPI_ETRUNCATED;
	if (memcmp(b, ACPI_RSDP_SIG, 8))
		return ACPI_ESIGNATURE;
	if (byte_sum(b, ACPI_RSDP_V1_SIZE))
		return ACPI_ECHECKSUM;
	memset(out, 0, sizeof(*out));
	out->revision = b[RSDP_REVISION];
	out->rsdt_phys = get_le32(b + RSDP_RSDT);
	memcpy(out->oem_id, b + RSDP_OEM_ID, 6);
	if (out->revision < 2)
		return 0;
	if (avail < ACPI_RSDP_V2_SIZE)
		return ACPI_ETRUNCATED;
	length = get_le32(b + RSDP_LENGTH);
	if (length < ACPI_RSDP_V2_SIZE || length > avail)
		return ACPI_ETRUNCATED;
	if (byte_sum(b, length))
		return ACPI_ECHECKSUM;
	out->xsdt_phys = get_le64(b + RSDP_XSDT);
	return 0;
}

/* System description table header offsets. */
#define SDT_LENGTH	4

u32 acpi_sdt_length(const void *p)
{
	return get_le32((const u8 *)p + SDT_LENGTH);
}

int acpi_check_sdt(const void *p, u32 avail, const char *signature)
{
	u32 length;

	if (avail < ACPI_SDT_HEADER_SIZE)
		return ACPI_ETRUNCATED;
	if (memcmp(p, signature, 4))
		return ACPI_ESIGNATURE;
	length = acpi_sdt_length(p);
	if (length < ACPI_SDT_HEADER_SIZE || length > avail ||
	    length > 0x7fffffffU)
		return ACPI_ETRUNCATED;
	if (byte_sum(p, length))
		return ACPI_ECHECKSUM;
	return (int)length;
}

u32 acpi_sdt_entries(const void *sdt, u32 len, bool xsdt, u64 *out, u32 max)
{
	const u8 *b = (const u8 *)sdt + ACPI_SDT_HEADER_SIZE;
	u32 size = xsdt ? 8 : 4;
	u32 n = len < ACPI_SDT_HEADER_SIZE ? 0 : (len - ACPI_SDT_HEADER_SIZE) / size;

	for (u32 i = 0; i < n && i < max; i++)
		out[i] = xsdt ? get_le64(b + i * size) : get_le32(b + i * size);
	return n;
}

/* MADT: header fields and the entries' sizes. */
#define MADT_LAPIC_ADDR		36
#define MADT_LOCAL_APIC_SIZE	8	/* type, len, uid, apic id, flags */
#define MADT_IO_APIC_SIZE	12	/* type, len, id, 0, addr, gsi base */
#define MADT_OVERRIDE_SIZE	12	/* type, len, 2 reserved, 64-bit addr */

int acpi_parse_madt(const void *p, u32 avail, struct smp_config *cfg)
{
	const u8 *b = p;
	int length = acpi_check_sdt(p, avail, "APIC");
	u32 off = ACPI_MADT_ENTRIES;

	if (length < 0)
		return length;
	if ((u32)length < ACPI_MADT_ENTRIES)
		return ACPI_ETRUNCATED;
	cfg->lapic_phys = get_le32(b + MADT_LAPIC_ADDR);

	while (off < (u32)length) {
		u32 type, len;
		const u8 *e = b + off;

		if ((u32)length - off < 2)
			return ACPI_ETRUNCATED;
		type = e[0];
		len = e[1];
		if (len < 2 || len > (u32)length - off)
			return ACPI_ETRUNCATED;
		switch (type) {
		case MADT_LOCAL_APIC:
			if (len < MADT_LOCAL_APIC_SIZE)
				return ACPI_ETRUNCATED;
			smp_config_add_cpu(cfg, e[3],
					   (get_le32(e + 4) & MADT_LAPIC_ENABLED) &&
					   e[3] != MADT_LAPIC_BAD_ID);
			break;
		case MADT_IO_APIC:
			if (len < MADT_IO_APIC_SIZE)
				return ACPI_ETRUNCATED;
			smp_config_add_ioapic(cfg, e[2], get_le32(e + 4),
					      get_le32(e + 8));
			break;
		case MADT_LAPIC_OVERRIDE:
			if (len < MADT_OVERRIDE_SIZE)
				return ACPI_ETRUNCATED;
			if (get_le64(e + 4) < (1ULL << 32))
				cfg->lapic_phys = (u32)get_le64(e + 4);
			break;
		default:
			break;		/* interrupt overrides, NMIs, x2APICs... */
		}
		off += len;
	}
	return 0;
}

#ifndef HM386_HOST
/* ---------------------------------------------------------------- kernel */
#include <arch/x86/cpu.h>
#include <mm/fixmap.h>
#include <boot/bootinfo.h>
#include <boot/efi_tables.h>
#include <kernel/cmdline.h>
#include <kernel/printk.h>
#include <mm/gfp.h>

#define BDA_EBDA_SEGMENT	0x40e	/* BIOS data area: the EBDA's segment */
#define BIOS_ROM_START		0xe0000
#define BIOS_ROM_END		0x100000
#define RSDP_ALIGN		16
#define ACPI_TABLE_MAX		(64 * 1024)	/* larger tables are refused */
#define ACPI_MAX_SDT_ENTRIES	64

static bool acpi_enabled = true;
KERNEL_PARAM(acpi, KPARAM_BOOL, &acpi_enabled,
	     "read the ACPI tables (acpi=off: the MP table finds the CPUs)");

bool firmware_read(void *dst, u64 phys, u32 len)
{
	u8 *out = dst;

	if (phys + len > phys_addr_limit() || phys + len < phys)
		return false;
	while (len) {
		u32 offset = (u32)phys & (PAGE_SIZE - 1);
		u32 chunk = MIN(len, (u32)PAGE_SIZE - offset);
		const u8 *window = set_fixmap(FIX_FIRMWARE, phys & PAGE_MASK_64,
					      PAGE_KERNEL_RO);

		memcpy(out, window + offset, chunk);
		out += chunk;
		phys += chunk;
		len -= chunk;
	}
	clear_fixmap(FIX_FIRMWARE);
	return true;
}

u32 bios_ebda_phys(void)
{
	u32 ebda = (u32)*(const u16 *)__va(BDA_EBDA_SEGMENT) << 4;

	/* A sane EBDA lies between 512 KiB and the end of base memory. */
	return ebda >= 0x80000 && ebda < 0xa0000 ? ebda : 0;
}

/* Scan [start, end) of the first MiB (direct-mapped) for a valid RSDP. */
static u32 rsdp_scan(u32 start, u32 end, struct acpi_rsdp_info *info)
{
	for (u32 pa = start; pa + ACPI_RSDP_V1_SIZE <= end; pa += RSDP_ALIGN)
		if (acpi_parse_rsdp(__va(pa), end - pa, info) == 0)
			return pa;
	return 0;
}

/*
 * The RSDP's address from the EFI system table's configuration table
 * (ACPI 2.0+ preferred over 1.0), or 0. The tables live in runtime-services
 * memory, which stays reserved.
 */
static u64 rsdp_from_efi(u32 systab)
{
	u8 st[EFI32_SYSTEM_TABLE_SIZE], entry[EFI32_CONFIG_ENTRY_SIZE];
	struct efi32_systab_info info;
	u32 rsdp, acpi10 = 0;

	if (!firmware_read(st, systab, sizeof(st)) ||
	    efi32_parse_systab(st, sizeof(st), &info)) {
		pr_warn("ACPI: no valid EFI system table at 0x%08x\n", systab);
		return 0;
	}
	for (u32 i = 0; i < info.nr_tables; i++) {
		u64 at = info.tables_phys + (u64)i * EFI32_CONFIG_ENTRY_SIZE;

		if (!firmware_read(entry, at, sizeof(entry)))
			break;
		switch (efi32_config_acpi(entry, &rsdp)) {
		case 2:
			return rsdp;
		case 1:
			acpi10 = acpi10 ? acpi10 : rsdp;
			break;
		}
	}
	return acpi10;
}

/* Whether a valid RSDP is at @phys; fills @info. */
static bool rsdp_at(u64 phys, struct acpi_rsdp_info *info)
{
	u8 copy[ACPI_RSDP_V2_SIZE];

	return phys && firmware_read(copy, phys, sizeof(copy)) &&
	       acpi_parse_rsdp(copy, sizeof(copy), info) == 0;
}

/*
 * Find the RSDP: through the EFI system table, from the loader's copy, or
 * in the BIOS areas. Returns where it was found (for the log), or NULL.
 */
static const char *rsdp_find(struct acpi_rsdp_info *info, u64 *where)
{
	u32 ebda = bios_ebda_phys();

	if (boot_info.efi_systab) {
		*where = rsdp_from_efi(boot_info.efi_systab);
		if (rsdp_at(*where, info))
			return "EFI system table";
		pr_warn("ACPI: no valid RSDP in the EFI system table\n");
	}
	/*
	 * The loader's copy of the RSDP (multiboot2) lies in its information
	 * structure, whose memory the kernel may have reused since: trust it
	 * only if it still checks out.
	 */
	if (boot_info.acpi_rsdp) {
		*where = boot_info.acpi_rsdp;
		if (rsdp_at(*where, info))
			return "boot loader's copy";
		pr_warn("ACPI: the loader's RSDP copy at 0x%llx is no longer "
			"valid\n", boot_info.acpi_rsdp);
	}
	/* UEFI machines have no BIOS areas: what is there is not ours to read. */
	if (boot_info.efi)
		return NULL;
	if (ebda && (*where = rsdp_scan(ebda, ebda + 1024, info)))
		return "EBDA";
	if ((*where = rsdp_scan(BIOS_ROM_START, BIOS_ROM_END, info)))
		return "BIOS ROM area";
	return NULL;
}

/*
 * Copy the table at @phys, whose signature must be @sig, into a fresh
 * allocation (*@order pages) and check it. Returns it, or NULL with a
 * warning.
 */
static void *acpi_table_copy(u64 phys, const char *sig, u32 *order)
{
	u8 header[ACPI_SDT_HEADER_SIZE];
	u32 length;
	void *table;
	int ret;

	if (!firmware_read(header, phys, sizeof(header))) {
		pr_warn("ACPI: %.4s at 0x%llx is beyond the addressable memory\n",
			sig, phys);
		return NULL;
	}
	length = acpi_sdt_length(header);
	if (memcmp(header, sig, 4) || length < ACPI_SDT_HEADER_SIZE ||
	    length > ACPI_TABLE_MAX) {
		pr_warn("ACPI: no valid %.4s at 0x%llx (signature '%.4s', "
			"length %u)\n", sig, phys, (const char *)header, length);
		return NULL;
	}
	for (*order = 0; (PAGE_SIZE << *order) < length; (*order)++)
		;
	table = (void *)__get_free_pages(GFP_KERNEL, *order);
	if (!table) {
		pr_warn("ACPI: no memory to copy %.4s (%u bytes)\n", sig, length);
		return NULL;
	}
	ret = firmware_read(table, phys, length) ?
	      acpi_check_sdt(table, length, sig) : ACPI_ETRUNCATED;
	if (ret < 0) {
		pr_warn("ACPI: %.4s at 0x%llx fails its checks (%s)\n", sig, phys,
			ret == ACPI_ECHECKSUM ? "bad checksum" : "truncated");
		free_pages((u32)table, *order);
		return NULL;
	}
	return table;
}

/* The MADT's address from the XSDT (@xsdt) or RSDT at @phys, or 0. */
static u64 madt_phys_from(u64 phys, bool xsdt)
{
	u64 entries[ACPI_MAX_SDT_ENTRIES];
	u8 header[ACPI_SDT_HEADER_SIZE];
	const char *sig = xsdt ? "XSDT" : "RSDT";
	u32 order, n, above_4g = 0;
	u64 madt = 0;
	void *table = acpi_table_copy(phys, sig, &order);

	if (!table)
		return 0;
	n = acpi_sdt_entries(table, acpi_sdt_length(table), xsdt, entries,
			     ACPI_MAX_SDT_ENTRIES);
	free_pages((u32)table, order);
	if (n > ACPI_MAX_SDT_ENTRIES) {
		pr_warn("ACPI: %s lists %u tables, looking at the first %u\n",
			sig, n, ACPI_MAX_SDT_ENTRIES);
		n = ACPI_MAX_SDT_ENTRIES;
	}
	for (u32 i = 0; i < n && !madt; i++) {
		if (entries[i] >= (1ULL << 32)) {
			above_4g++;
			continue;
		}
		if (firmware_read(header, entries[i], sizeof(header)) &&
		    !memcmp(header, "APIC", 4))
			madt = entries[i];
	}
	if (above_4g)
		pr_warn("ACPI: %s: %u table(s) above 4 GiB ignored\n", sig, above_4g);
	return madt;
}

int acpi_find_smp_config(struct smp_config *cfg)
{
	struct acpi_rsdp_info rsdp;
	u64 rsdp_phys, madt_at = 0;
	const char *found_in;
	u32 order;
	void *madt;
	int ret;

	if (!acpi_enabled) {
		pr_info("ACPI: off (acpi=off)\n");
		return ACPI_ENOTFOUND;
	}
	found_in = rsdp_find(&rsdp, &rsdp_phys);
	if (!found_in) {
		pr_warn("ACPI: no RSDP found\n");
		return ACPI_ENOTFOUND;
	}
	pr_info("ACPI: RSDP at 0x%llx (%s), revision %u, OEM '%s'\n", rsdp_phys,
		found_in, rsdp.revision, rsdp.oem_id);
	if (rsdp.xsdt_phys >= (1ULL << 32))
		pr_warn("ACPI: XSDT at 0x%llx is above 4 GiB: ignored\n",
			rsdp.xsdt_phys);
	else if (rsdp.xsdt_phys)
		madt_at = madt_phys_from(rsdp.xsdt_phys, true);
	if (!madt_at && rsdp.rsdt_phys)
		madt_at = madt_phys_from(rsdp.rsdt_phys, false);
	if (!madt_at) {
		pr_warn("ACPI: no MADT\n");
		return ACPI_ENOTFOUND;
	}
	madt = acpi_table_copy(madt_at, "APIC", &order);
	if (!madt)
		return ACPI_ECHECKSUM;
	ret = acpi_parse_madt(madt, acpi_sdt_length(madt), cfg);
	free_pages((u32)madt, order);
	if (ret < 0) {
		pr_warn("ACPI: MADT at 0x%llx is malformed (error %d)\n", madt_at, ret);
		return ret;
	}
	pr_info("ACPI: MADT at 0x%llx: %u usable CPU(s), %u disabled, %u I/O "
		"APIC(s), local APICs at 0x%08x\n", madt_at, cfg->nr_enabled,
		cfg->nr_disabled, cfg->nr_ioapics, cfg->lapic_phys);
	return 0;
}
#endif /* !HM386_HOST */
