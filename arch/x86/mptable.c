// SPDX-License-Identifier: MIT
/*
 * The MP specification's tables, the fallback when ACPI has no MADT: find
 * the floating pointer, check it and the configuration table it points at,
 * and record the processors and I/O APICs in a struct smp_config. The
 * parsers (first half) are pure and also compiled for the host; the search
 * (second half) is the kernel's.
 */
#include <arch/x86/mptable.h>
#include <lib/bytes.h>
#include <lib/string.h>

#define MPF_CONFIG	4
#define MPF_LENGTH	8	/* in paragraphs */
#define MPF_SPEC_REV	9
#define MPF_FEATURE1	11

#define MPC_BASE_LENGTH	4
#define MPC_ENTRY_COUNT	34
#define MPC_LAPIC_ADDR	36

#define MP_DEFAULT_LAPIC	0xfee00000U
#define MP_DEFAULT_IOAPIC	0xfec00000U

int mpf_parse(const void *p, u32 avail, struct mpf_info *out)
{
	const u8 *b = p;
	u32 length;

	if (avail < MPF_SIZE)
		return MPTABLE_ETRUNCATED;
	if (memcmp(b, "_MP_", 4))
		return MPTABLE_ESIGNATURE;
	length = b[MPF_LENGTH] * 16U;
	if (length < MPF_SIZE || length > avail)
		return MPTABLE_ETRUNCATED;
	if (byte_sum(b, length))
		return MPTABLE_ECHECKSUM;
	out->config_phys = get_le32(b + MPF_CONFIG);
	out->spec_rev = b[MPF_SPEC_REV];
	out->default_config = b[MPF_FEATURE1];
	return 0;
}

int mpc_parse(const void *p, u32 avail, struct smp_config *cfg)
{
	const u8 *b = p;
	u32 length, count, off = MPC_HEADER_SIZE;

	if (avail < MPC_HEADER_SIZE)
		return MPTABLE_ETRUNCATED;
	if (memcmp(b, "PCMP", 4))
		return MPTABLE_ESIGNATURE;
	length = get_le16(b + MPC_BASE_LENGTH);
	if (length < MPC_HEADER_SIZE || length > avail)
		return MPTABLE_ETRUNCATED;
	if (byte_sum(b, length))
		return MPTABLE_ECHECKSUM;
	cfg->lapic_phys = get_le32(b + MPC_LAPIC_ADDR);
	count = get_le16(b + MPC_ENTRY_COUNT);

	for (u32 i = 0; i < count; i++) {
		const u8 *e = b + off;
		u32 size;

		if (off >= length)
			return MPTABLE_ETRUNCATED;
		switch (e[0]) {
		case MPC_PROCESSOR:
			size = MPC_PROCESSOR_SIZE;
			break;
		case MPC_BUS: case MPC_IOAPIC: case MPC_IOINTR: case MPC_LINTR:
			size = MPC_OTHER_SIZE;
			break;
		default:
			return MPTABLE_EBADENTRY;	/* its size is unknown */
		}
		if (size > length - off)
			return MPTABLE_ETRUNCATED;
		if (e[0] == MPC_PROCESSOR)
			smp_config_add_cpu(cfg, e[1], e[3] & MPC_CPU_ENABLED);
		else if (e[0] == MPC_IOAPIC && (e[3] & MPC_IOAPIC_ENABLED))
			smp_config_add_ioapic(cfg, e[1], get_le32(e + 4), 0);
		off += size;
	}
	return 0;
}

void mptable_default_config(u32 type, struct smp_config *cfg)
{
	cfg->lapic_phys = MP_DEFAULT_LAPIC;
	smp_config_add_cpu(cfg, 0, true);
	smp_config_add_cpu(cfg, 1, true);
	smp_config_add_ioapic(cfg, 2, MP_DEFAULT_IOAPIC, 0);
}

#ifndef HM386_HOST
/* ---------------------------------------------------------------- kernel */
#include <arch/x86/acpi.h>
#include <arch/x86/layout.h>
#include <kernel/printk.h>
#include <mm/gfp.h>

#define BDA_BASE_MEM_KIB	0x413	/* BIOS data area: base memory in KiB */
#define BIOS_ROM_START		0xf0000
#define BIOS_ROM_END		0x100000
#define MPC_MAX_LENGTH		0xffff	/* the base length is 16 bits */

/* Scan [start, end) of the first MiB (direct-mapped) for a floating pointer. */
static u32 mpf_scan(u32 start, u32 end, struct mpf_info *info)
{
	for (u32 pa = start; pa + MPF_SIZE <= end; pa += MPF_SIZE)
		if (mpf_parse(__va(pa), end - pa, info) == 0)
			return pa;
	return 0;
}

static u32 mpf_find(struct mpf_info *info)
{
	u32 ebda = bios_ebda_phys();
	u32 base_end = (u32)*(const u16 *)__va(BDA_BASE_MEM_KIB) * 1024;
	u32 at = 0;

	if (ebda)
		at = mpf_scan(ebda, ebda + 1024, info);
	if (!at && base_end >= 1024 && base_end <= 0xa0000)
		at = mpf_scan(base_end - 1024, base_end, info);
	if (!at)
		at = mpf_scan(BIOS_ROM_START, BIOS_ROM_END, info);
	return at;
}

int mptable_find_smp_config(struct smp_config *cfg)
{
	u8 header[MPC_HEADER_SIZE];
	struct mpf_info mpf;
	u32 at = mpf_find(&mpf), length, order;
	void *table;
	int ret;

	if (!at) {
		pr_warn("MP table: no floating pointer found\n");
		return MPTABLE_ENOTFOUND;
	}
	if (mpf.default_config) {
		pr_info("MP table: floating pointer at 0x%x: default "
			"configuration %u\n", at, mpf.default_config);
		mptable_default_config(mpf.default_config, cfg);
		return 0;
	}
	if (!mpf.config_phys ||
	    !firmware_read(header, mpf.config_phys, sizeof(header))) {
		pr_warn("MP table: floating pointer at 0x%x has no usable "
			"configuration table (0x%x)\n", at, mpf.config_phys);
		return MPTABLE_ENOTFOUND;
	}
	length = get_le16(header + MPC_BASE_LENGTH);
	order = length > PAGE_SIZE ? 4 : 0;	/* the 16-bit length fits 64 KiB */
	table = (void *)__get_free_pages(GFP_KERNEL, order);
	if (!table)
		return MPTABLE_ENOTFOUND;
	ret = firmware_read(table, mpf.config_phys, MAX(length, (u32)MPC_HEADER_SIZE)) ?
	      mpc_parse(table, MAX(length, (u32)MPC_HEADER_SIZE), cfg) :
	      MPTABLE_ETRUNCATED;
	free_pages((u32)table, order);
	if (ret < 0) {
		pr_warn("MP table: configuration table at 0x%x is malformed "
			"(error %d)\n", mpf.config_phys, ret);
		return ret;
	}
	pr_info("MP table: at 0x%x (spec 1.%u): %u usable CPU(s), %u disabled, "
		"%u I/O APIC(s), local APICs at 0x%08x\n", mpf.config_phys,
		mpf.spec_rev, cfg->nr_enabled, cfg->nr_disabled, cfg->nr_ioapics,
		cfg->lapic_phys);
	return 0;
}
#endif /* !HM386_HOST */
