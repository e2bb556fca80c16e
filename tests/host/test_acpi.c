// SPDX-License-Identifier: MIT
/*
 * Host unit tests of the firmware-table parsers: ACPI (arch/x86/acpi.c:
 * RSDP, RSDT/XSDT, MADT) and the MP specification's tables
 * (arch/x86/mptable.c), and the CPU numbering they share (smp_config).
 *
 * Each table is built byte by byte here, in a buffer exactly its size on
 * the heap (so ASan catches a parser that reads past it), then broken in
 * one way at a time: checksums, signatures, lengths, entries.
 */
#include "htest.h"

#include <arch/x86/acpi.h>
#include <arch/x86/mptable.h>
#include <lib/bytes.h>

#define BOOT_ID	0
#define APIC_DEFAULT_PHYS_BASE_TEST	0xfee00000U

/* ---------------------------------------------------------------- builders */

struct table {
	unsigned char bytes[4096];
	u32 len;
};

static void put8(struct table *t, u32 v)
{
	t->bytes[t->len++] = (unsigned char)v;
}

static void put16(struct table *t, u32 v)
{
	put8(t, v & 0xff);
	put8(t, v >> 8);
}

static void put32(struct table *t, u32 v)
{
	put16(t, v & 0xffff);
	put16(t, v >> 16);
}

static void put64(struct table *t, u64 v)
{
	put32(t, (u32)v);
	put32(t, (u32)(v >> 32));
}

static void put_str(struct table *t, const char *s, u32 n)
{
	for (u32 i = 0; i < n; i++)
		put8(t, (unsigned char)s[i]);
}

static void set32(struct table *t, u32 off, u32 v)
{
	for (u32 i = 0; i < 4; i++)
		t->bytes[off + i] = (unsigned char)(v >> (8 * i));
}

/* Make the byte at @off the one that brings the sum of @len bytes to 0. */
static void fix_checksum(struct table *t, u32 off, u32 len)
{
	t->bytes[off] = 0;
	t->bytes[off] = (unsigned char)(0x100 - byte_sum(t->bytes, len));
}

/* A copy on the heap, exactly @len bytes: reads past it are caught. */
static void *heap_copy(const struct table *t, u32 len)
{
	void *p = malloc(len ? len : 1);

	memcpy(p, t->bytes, len);
	return p;
}

/* A system description table header for @sig; length fixed later. */
static void sdt_header(struct table *t, const char *sig)
{
	t->len = 0;
	put_str(t, sig, 4);
	put32(t, 0);			/* length */
	put8(t, 1);			/* revision */
	put8(t, 0);			/* checksum */
	put_str(t, "HM386 ", 6);	/* OEM id */
	put_str(t, "HM386TST", 8);	/* OEM table id */
	put32(t, 1);
	put32(t, 0x4d483338);		/* creator id */
	put32(t, 1);
}

static void sdt_finish(struct table *t)
{
	set32(t, 4, t->len);
	fix_checksum(t, 9, t->len);
}

static void madt_start(struct table *t, u32 lapic_phys)
{
	sdt_header(t, "APIC");
	put32(t, lapic_phys);
	put32(t, 1);			/* PCAT_COMPAT */
}

static void madt_lapic(struct table *t, u32 uid, u32 apic_id, u32 flags)
{
	put8(t, MADT_LOCAL_APIC);
	put8(t, 8);
	put8(t, uid);
	put8(t, apic_id);
	put32(t, flags);
}

static void madt_ioapic(struct table *t, u32 id, u32 phys, u32 gsi)
{
	put8(t, MADT_IO_APIC);
	put8(t, 12);
	put8(t, id);
	put8(t, 0);
	put32(t, phys);
	put32(t, gsi);
}

/* Parse @t as a MADT (a heap copy of its @len bytes) into @cfg. */
static int parse_madt(const struct table *t, u32 len, struct smp_config *cfg,
		      u32 boot_id, u32 max_cpus)
{
	void *copy = heap_copy(t, len);
	int ret;

	smp_config_init(cfg, boot_id, max_cpus);
	ret = acpi_parse_madt(copy, len, cfg);
	free(copy);
	return ret;
}

/* QEMU's shape: @n enabled CPUs with ids 0..n-1, one I/O APIC. */
static void madt_qemu(struct table *t, u32 n)
{
	madt_start(t, APIC_DEFAULT_PHYS_BASE_TEST);
	for (u32 i = 0; i < n; i++)
		madt_lapic(t, i, i, MADT_LAPIC_ENABLED);
	madt_ioapic(t, n, 0xfec00000, 0);
	sdt_finish(t);
}

/* ---------------------------------------------------------------- RSDP */

static void rsdp_build(struct table *t, u32 revision, u32 rsdt, u64 xsdt)
{
	t->len = 0;
	put_str(t, ACPI_RSDP_SIG, 8);
	put8(t, 0);			/* checksum */
	put_str(t, "BOCHS ", 6);
	put8(t, revision);
	put32(t, rsdt);
	if (revision >= 2) {
		put32(t, ACPI_RSDP_V2_SIZE);
		put64(t, xsdt);
		put8(t, 0);		/* extended checksum */
		put8(t, 0);
		put8(t, 0);
		put8(t, 0);
	}
	fix_checksum(t, 8, ACPI_RSDP_V1_SIZE);
	if (revision >= 2)
		fix_checksum(t, 32, ACPI_RSDP_V2_SIZE);
}

static int parse_rsdp(const struct table *t, u32 len, struct acpi_rsdp_info *info)
{
	void *copy = heap_copy(t, len);
	int ret = acpi_parse_rsdp(copy, len, info);

	free(copy);
	return ret;
}

HTEST(rsdp_v1_parsed)
{
	struct table t;
	struct acpi_rsdp_info info;

	rsdp_build(&t, 0, 0x3ffe1234, 0);
	HT_EXPECT_EQ(parse_rsdp(&t, t.len, &info), 0);
	HT_EXPECT_EQ(info.revision, 0);
	HT_EXPECT_EQ(info.rsdt_phys, 0x3ffe1234);
	HT_EXPECT_EQ(info.xsdt_phys, 0);
	HT_EXPECT_STREQ(info.oem_id, "BOCHS ");
}

HTEST(rsdp_v2_gives_xsdt)
{
	struct table t;
	struct acpi_rsdp_info info;

	rsdp_build(&t, 2, 0x7fe0000, 0x123456789ULL);
	HT_EXPECT_EQ(parse_rsdp(&t, t.len, &info), 0);
	HT_EXPECT_EQ(info.revision, 2);
	HT_EXPECT_EQ(info.xsdt_phys, 0x123456789ULL);
}

HTEST(rsdp_bad_signature_or_checksums)
{
	struct table t;
	struct acpi_rsdp_info info;

	rsdp_build(&t, 0, 0x1000, 0);
	t.bytes[0] = 'r';
	HT_EXPECT_EQ(parse_rsdp(&t, t.len, &info), ACPI_ESIGNATURE);

	rsdp_build(&t, 0, 0x1000, 0);
	t.bytes[16] ^= 1;		/* the RSDT address, under the checksum */
	HT_EXPECT_EQ(parse_rsdp(&t, t.len, &info), ACPI_ECHECKSUM);

	rsdp_build(&t, 2, 0x1000, 0x2000);
	t.bytes[24] ^= 1;		/* the XSDT: only the extended checksum */
	HT_EXPECT_EQ(parse_rsdp(&t, t.len, &info), ACPI_ECHECKSUM);
}

HTEST(rsdp_truncated)
{
	struct table t;
	struct acpi_rsdp_info info;

	rsdp_build(&t, 0, 0x1000, 0);
	HT_EXPECT_EQ(parse_rsdp(&t, ACPI_RSDP_V1_SIZE - 1, &info), ACPI_ETRUNCATED);
	rsdp_build(&t, 2, 0x1000, 0x2000);
	HT_EXPECT_EQ(parse_rsdp(&t, ACPI_RSDP_V2_SIZE - 1, &info), ACPI_ETRUNCATED);
	set32(&t, 20, 4096);		/* a length beyond the bytes given */
	fix_checksum(&t, 8, ACPI_RSDP_V1_SIZE);
	HT_EXPECT_EQ(parse_rsdp(&t, t.len, &info), ACPI_ETRUNCATED);
}

/* ---------------------------------------------------------------- RSDT/XSDT */

HTEST(rsdt_and_xsdt_entries)
{
	struct table t;
	u64 out[4];
	void *copy;

	sdt_header(&t, "RSDT");
	put32(&t, 0x1000);
	put32(&t, 0x2000);
	put32(&t, 0x3000);
	sdt_finish(&t);
	copy = heap_copy(&t, t.len);
	HT_EXPECT_EQ(acpi_check_sdt(copy, t.len, "RSDT"), (int)t.len);
	HT_EXPECT_EQ(acpi_sdt_entries(copy, t.len, false, out, 4), 3);
	HT_EXPECT_EQ(out[0], 0x1000);
	HT_EXPECT_EQ(out[2], 0x3000);
	HT_EXPECT_EQ(acpi_sdt_entries(copy, t.len, false, out, 1), 3);
	free(copy);

	sdt_header(&t, "XSDT");
	put64(&t, 0x1000);
	put64(&t, 0x100002000ULL);	/* above 4 GiB: the caller skips it */
	sdt_finish(&t);
	copy = heap_copy(&t, t.len);
	HT_EXPECT_EQ(acpi_check_sdt(copy, t.len, "XSDT"), (int)t.len);
	HT_EXPECT_EQ(acpi_sdt_entries(copy, t.len, true, out, 4), 2);
	HT_EXPECT_EQ(out[1], 0x100002000ULL);
	free(copy);
}

HTEST(sdt_checks)
{
	struct table t;
	void *copy;

	sdt_header(&t, "RSDT");
	put32(&t, 0x1000);
	sdt_finish(&t);
	copy = heap_copy(&t, t.len);
	HT_EXPECT_EQ(acpi_check_sdt(copy, t.len, "XSDT"), ACPI_ESIGNATURE);
	HT_EXPECT_EQ(acpi_check_sdt(copy, t.len - 1, "RSDT"), ACPI_ETRUNCATED);
	HT_EXPECT_EQ(acpi_check_sdt(copy, ACPI_SDT_HEADER_SIZE - 1, "RSDT"),
		     ACPI_ETRUNCATED);
	((unsigned char *)copy)[ACPI_SDT_HEADER_SIZE] ^= 0x10;
	HT_EXPECT_EQ(acpi_check_sdt(copy, t.len, "RSDT"), ACPI_ECHECKSUM);
	free(copy);

	set32(&t, 4, 20);		/* shorter than its own header */
	fix_checksum(&t, 9, 20);
	copy = heap_copy(&t, t.len);
	HT_EXPECT_EQ(acpi_check_sdt(copy, t.len, "RSDT"), ACPI_ETRUNCATED);
	free(copy);
}

/* ---------------------------------------------------------------- MADT */

HTEST(madt_qemu_four_cpus)
{
	struct table t;
	struct smp_config cfg;

	madt_qemu(&t, 4);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 8), 0);
	HT_EXPECT_EQ(cfg.nr_cpus, 4);
	HT_EXPECT_EQ(cfg.nr_enabled, 4);
	HT_EXPECT_TRUE(cfg.boot_cpu_listed);
	for (u32 i = 0; i < 4; i++)
		HT_EXPECT_EQ(cfg.apic_ids[i], i);
	HT_EXPECT_EQ(cfg.lapic_phys, APIC_DEFAULT_PHYS_BASE_TEST);
	HT_EXPECT_EQ(cfg.nr_ioapics, 1);
	HT_EXPECT_EQ(cfg.ioapics[0].id, 4);
	HT_EXPECT_EQ(cfg.ioapics[0].phys, 0xfec00000);
	HT_EXPECT_EQ(cfg.nr_disabled + cfg.nr_dropped + cfg.nr_duplicates, 0);
}

/* CPU 0 is the boot CPU wherever the table lists it; the rest in order. */
HTEST(madt_boot_cpu_is_cpu0)
{
	struct table t;
	struct smp_config cfg;

	madt_qemu(&t, 4);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, 2, 8), 0);
	HT_EXPECT_EQ(cfg.nr_cpus, 4);
	HT_EXPECT_EQ(cfg.apic_ids[0], 2);
	HT_EXPECT_EQ(cfg.apic_ids[1], 0);
	HT_EXPECT_EQ(cfg.apic_ids[2], 1);
	HT_EXPECT_EQ(cfg.apic_ids[3], 3);

	/* A boot CPU the table forgot still is CPU 0, reported as unlisted. */
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, 9, 8), 0);
	HT_EXPECT_FALSE(cfg.boot_cpu_listed);
	HT_EXPECT_EQ(cfg.nr_cpus, 5);
	HT_EXPECT_EQ(cfg.apic_ids[0], 9);
	HT_EXPECT_EQ(cfg.apic_ids[4], 3);
}

HTEST(madt_disabled_cpus_not_numbered)
{
	struct table t;
	struct smp_config cfg;

	madt_start(&t, APIC_DEFAULT_PHYS_BASE_TEST);
	madt_lapic(&t, 0, 0, MADT_LAPIC_ENABLED);
	madt_lapic(&t, 1, 1, 0);			/* disabled */
	madt_lapic(&t, 2, 2, 2);			/* online capable only */
	madt_lapic(&t, 3, MADT_LAPIC_BAD_ID, MADT_LAPIC_ENABLED);
	madt_lapic(&t, 4, 4, MADT_LAPIC_ENABLED);
	sdt_finish(&t);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 8), 0);
	HT_EXPECT_EQ(cfg.nr_cpus, 2);
	HT_EXPECT_EQ(cfg.apic_ids[1], 4);
	HT_EXPECT_EQ(cfg.nr_enabled, 2);
	HT_EXPECT_EQ(cfg.nr_disabled, 3);
}

HTEST(madt_more_cpus_than_nr_cpus)
{
	struct table t;
	struct smp_config cfg;

	madt_qemu(&t, 12);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 4), 0);
	HT_EXPECT_EQ(cfg.nr_cpus, 4);
	HT_EXPECT_EQ(cfg.nr_enabled, 12);
	HT_EXPECT_EQ(cfg.nr_dropped, 8);
	HT_EXPECT_EQ(cfg.apic_ids[3], 3);

	/* The boot CPU listed last still gets its place. */
	madt_start(&t, APIC_DEFAULT_PHYS_BASE_TEST);
	for (u32 i = 1; i <= 10; i++)
		madt_lapic(&t, i, i, MADT_LAPIC_ENABLED);
	madt_lapic(&t, 0, 0, MADT_LAPIC_ENABLED);
	sdt_finish(&t);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 3), 0);
	HT_EXPECT_TRUE(cfg.boot_cpu_listed);
	HT_EXPECT_EQ(cfg.nr_cpus, 3);
	HT_EXPECT_EQ(cfg.apic_ids[0], 0);
	HT_EXPECT_EQ(cfg.apic_ids[2], 2);
	HT_EXPECT_EQ(cfg.nr_dropped, 8);

	/* max_cpus is clamped to NR_CPUS: the array never overflows. */
	madt_qemu(&t, NR_CPUS + 5);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 1000), 0);
	HT_EXPECT_EQ(cfg.nr_cpus, NR_CPUS);
	HT_EXPECT_EQ(cfg.nr_dropped, 5);
}

HTEST(madt_duplicate_ids_counted_once)
{
	struct table t;
	struct smp_config cfg;

	madt_start(&t, APIC_DEFAULT_PHYS_BASE_TEST);
	madt_lapic(&t, 0, 0, MADT_LAPIC_ENABLED);
	madt_lapic(&t, 1, 1, MADT_LAPIC_ENABLED);
	madt_lapic(&t, 2, 1, MADT_LAPIC_ENABLED);
	madt_lapic(&t, 3, 0, MADT_LAPIC_ENABLED);
	sdt_finish(&t);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 8), 0);
	HT_EXPECT_EQ(cfg.nr_cpus, 2);
	HT_EXPECT_EQ(cfg.nr_enabled, 2);
	HT_EXPECT_EQ(cfg.nr_duplicates, 2);
}

HTEST(madt_bad_checksum_or_signature)
{
	struct table t;
	struct smp_config cfg;

	madt_qemu(&t, 2);
	t.bytes[t.len - 1] ^= 0x40;
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 8), ACPI_ECHECKSUM);
	madt_qemu(&t, 2);
	t.bytes[0] = 'X';
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 8), ACPI_ESIGNATURE);
}

HTEST(madt_truncated)
{
	struct table t;
	struct smp_config cfg;

	/* Fewer bytes than the header's length says. */
	madt_qemu(&t, 2);
	HT_EXPECT_EQ(parse_madt(&t, t.len - 1, &cfg, BOOT_ID, 8), ACPI_ETRUNCATED);

	/* A table too short for the MADT's own fields. */
	sdt_header(&t, "APIC");
	put32(&t, 0xfee00000);
	sdt_finish(&t);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 8), ACPI_ETRUNCATED);

	/* An entry that runs past the end of the table. */
	madt_start(&t, 0xfee00000);
	madt_lapic(&t, 0, 0, MADT_LAPIC_ENABLED);
	put8(&t, MADT_IO_APIC);
	put8(&t, 12);
	put8(&t, 1);
	put8(&t, 0);			/* 8 of its 12 bytes missing */
	sdt_finish(&t);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 8), ACPI_ETRUNCATED);

	/* Half an entry header at the end. */
	madt_start(&t, 0xfee00000);
	madt_lapic(&t, 0, 0, MADT_LAPIC_ENABLED);
	put8(&t, MADT_LOCAL_APIC);
	sdt_finish(&t);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 8), ACPI_ETRUNCATED);
}

HTEST(madt_bad_entry_lengths)
{
	struct table t;
	struct smp_config cfg;

	/* Length 0 would loop forever; 1 cannot hold its own header. */
	for (u32 len = 0; len < 2; len++) {
		madt_start(&t, 0xfee00000);
		put8(&t, 0x7f);
		put8(&t, len);
		put16(&t, 0);
		sdt_finish(&t);
		HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 8), ACPI_ETRUNCATED);
	}
	/* A local APIC entry too short for its flags. */
	madt_start(&t, 0xfee00000);
	put8(&t, MADT_LOCAL_APIC);
	put8(&t, 6);
	put8(&t, 1);
	put8(&t, 1);
	put16(&t, 1);
	sdt_finish(&t);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 8), ACPI_ETRUNCATED);
}

HTEST(madt_unknown_entries_skipped_override_applied)
{
	struct table t;
	struct smp_config cfg;

	madt_start(&t, 0xfee00000);
	put8(&t, 2);			/* interrupt source override, 10 bytes */
	put8(&t, 10);
	put_str(&t, "\0\0\0\0\0\0\0\0", 8);
	madt_lapic(&t, 0, 0, MADT_LAPIC_ENABLED);
	put8(&t, MADT_LAPIC_OVERRIDE);
	put8(&t, 12);
	put16(&t, 0);
	put64(&t, 0xfed00000);
	madt_lapic(&t, 1, 1, MADT_LAPIC_ENABLED);
	sdt_finish(&t);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 8), 0);
	HT_EXPECT_EQ(cfg.nr_cpus, 2);
	HT_EXPECT_EQ(cfg.lapic_phys, 0xfed00000);

	/* An override above 4 GiB cannot be used: the header's stays. */
	madt_start(&t, 0xfee00000);
	put8(&t, MADT_LAPIC_OVERRIDE);
	put8(&t, 12);
	put16(&t, 0);
	put64(&t, 0x1fee00000ULL);
	sdt_finish(&t);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 8), 0);
	HT_EXPECT_EQ(cfg.lapic_phys, 0xfee00000);
}

HTEST(madt_too_many_ioapics)
{
	struct table t;
	struct smp_config cfg;

	madt_start(&t, 0xfee00000);
	for (u32 i = 0; i < SMP_MAX_IOAPICS + 2; i++)
		madt_ioapic(&t, i, 0xfec00000 + i * 0x1000, i * 24);
	sdt_finish(&t);
	HT_EXPECT_EQ(parse_madt(&t, t.len, &cfg, BOOT_ID, 8), 0);
	HT_EXPECT_EQ(cfg.nr_ioapics, SMP_MAX_IOAPICS);
	HT_EXPECT_EQ(cfg.nr_ioapics_dropped, 2);
	HT_EXPECT_EQ(cfg.ioapics[1].gsi_base, 24);
}

/* ---------------------------------------------------------------- MP tables */

static void mpf_build(struct table *t, u32 config, u32 feature1)
{
	t->len = 0;
	put_str(t, "_MP_", 4);
	put32(t, config);
	put8(t, 1);			/* length: one paragraph */
	put8(t, 4);			/* spec 1.4 */
	put8(t, 0);			/* checksum */
	put8(t, feature1);
	put32(t, 0);
	fix_checksum(t, 10, MPF_SIZE);
}

static void mpc_start(struct table *t)
{
	t->len = 0;
	put_str(t, "PCMP", 4);
	put16(t, 0);			/* base length */
	put8(t, 4);
	put8(t, 0);			/* checksum */
	put_str(t, "HM386   ", 8);
	put_str(t, "TEST        ", 12);
	put32(t, 0);
	put16(t, 0);
	put16(t, 0);			/* entry count */
	put32(t, 0xfee00000);
	put16(t, 0);
	put8(t, 0);
	put8(t, 0);
}

static void mpc_cpu(struct table *t, u32 apic_id, u32 flags)
{
	put8(t, MPC_PROCESSOR);
	put8(t, apic_id);
	put8(t, 0x14);
	put8(t, flags);
	put32(t, 0x600);
	put32(t, 0);
	put32(t, 0);
	put32(t, 0);
}

static void mpc_eight(struct table *t, u32 type, u32 b1, u32 flags, u32 addr)
{
	put8(t, type);
	put8(t, b1);
	put8(t, 0x11);
	put8(t, flags);
	put32(t, addr);
}

static void mpc_finish(struct table *t, u32 entries)
{
	t->bytes[4] = (unsigned char)t->len;
	t->bytes[5] = (unsigned char)(t->len >> 8);
	t->bytes[34] = (unsigned char)entries;
	t->bytes[35] = (unsigned char)(entries >> 8);
	fix_checksum(t, 7, t->len);
}

static int parse_mpc(const struct table *t, u32 len, struct smp_config *cfg,
		     u32 max_cpus)
{
	void *copy = heap_copy(t, len);
	int ret;

	smp_config_init(cfg, BOOT_ID, max_cpus);
	ret = mpc_parse(copy, len, cfg);
	free(copy);
	return ret;
}

HTEST(mpf_parsed_and_checked)
{
	struct table t;
	struct mpf_info info;
	void *copy;

	mpf_build(&t, 0xf5bb0, 0);
	copy = heap_copy(&t, t.len);
	HT_EXPECT_EQ(mpf_parse(copy, t.len, &info), 0);
	HT_EXPECT_EQ(info.config_phys, 0xf5bb0);
	HT_EXPECT_EQ(info.spec_rev, 4);
	HT_EXPECT_EQ(info.default_config, 0);
	HT_EXPECT_EQ(mpf_parse(copy, t.len - 1, &info), MPTABLE_ETRUNCATED);
	((unsigned char *)copy)[4] ^= 1;
	HT_EXPECT_EQ(mpf_parse(copy, t.len, &info), MPTABLE_ECHECKSUM);
	free(copy);

	mpf_build(&t, 0, 0);
	t.bytes[8] = 0;			/* length 0 */
	fix_checksum(&t, 10, MPF_SIZE);
	copy = heap_copy(&t, t.len);
	HT_EXPECT_EQ(mpf_parse(copy, t.len, &info), MPTABLE_ETRUNCATED);
	free(copy);
}

HTEST(mpc_processors_and_ioapic)
{
	struct table t;
	struct smp_config cfg;

	mpc_start(&t);
	mpc_cpu(&t, 0, MPC_CPU_ENABLED | 2);	/* the BP */
	mpc_cpu(&t, 1, MPC_CPU_ENABLED);
	mpc_cpu(&t, 2, 0);			/* disabled */
	mpc_cpu(&t, 3, MPC_CPU_ENABLED);
	mpc_eight(&t, MPC_BUS, 0, 0, 0x20415349);
	mpc_eight(&t, MPC_IOAPIC, 4, MPC_IOAPIC_ENABLED, 0xfec00000);
	mpc_eight(&t, MPC_IOINTR, 0, 0, 0);
	mpc_eight(&t, MPC_LINTR, 0, 0, 0);
	mpc_finish(&t, 8);
	HT_EXPECT_EQ(parse_mpc(&t, t.len, &cfg, 8), 0);
	HT_EXPECT_EQ(cfg.nr_cpus, 3);
	HT_EXPECT_EQ(cfg.apic_ids[2], 3);
	HT_EXPECT_EQ(cfg.nr_disabled, 1);
	HT_EXPECT_EQ(cfg.nr_ioapics, 1);
	HT_EXPECT_EQ(cfg.ioapics[0].id, 4);
	HT_EXPECT_EQ(cfg.lapic_phys, 0xfee00000);

	HT_EXPECT_EQ(parse_mpc(&t, t.len, &cfg, 2), 0);
	HT_EXPECT_EQ(cfg.nr_cpus, 2);
	HT_EXPECT_EQ(cfg.nr_dropped, 1);
}

HTEST(mpc_broken)
{
	struct table t;
	struct smp_config cfg;

	mpc_start(&t);
	mpc_cpu(&t, 0, MPC_CPU_ENABLED);
	mpc_finish(&t, 1);
	HT_EXPECT_EQ(parse_mpc(&t, t.len - 1, &cfg, 8), MPTABLE_ETRUNCATED);
	t.bytes[t.len - 1] ^= 1;
	HT_EXPECT_EQ(parse_mpc(&t, t.len, &cfg, 8), MPTABLE_ECHECKSUM);

	/* More entries counted than the base length holds. */
	mpc_start(&t);
	mpc_cpu(&t, 0, MPC_CPU_ENABLED);
	mpc_finish(&t, 2);
	HT_EXPECT_EQ(parse_mpc(&t, t.len, &cfg, 8), MPTABLE_ETRUNCATED);

	/* A processor entry cut short by the base length. */
	mpc_start(&t);
	mpc_cpu(&t, 0, MPC_CPU_ENABLED);
	t.len -= 4;
	mpc_finish(&t, 1);
	HT_EXPECT_EQ(parse_mpc(&t, t.len, &cfg, 8), MPTABLE_ETRUNCATED);

	/* An entry type the spec does not define: its size is unknown. */
	mpc_start(&t);
	mpc_eight(&t, 9, 0, 0, 0);
	mpc_finish(&t, 1);
	HT_EXPECT_EQ(parse_mpc(&t, t.len, &cfg, 8), MPTABLE_EBADENTRY);
}

HTEST(mp_default_config)
{
	struct smp_config cfg;

	smp_config_init(&cfg, BOOT_ID, 8);
	mptable_default_config(5, &cfg);
	HT_EXPECT_EQ(cfg.nr_cpus, 2);
	HT_EXPECT_EQ(cfg.apic_ids[1], 1);
	HT_EXPECT_EQ(cfg.nr_ioapics, 1);
	HT_EXPECT_EQ(cfg.lapic_phys, 0xfee00000);
}

HTEST_MAIN("acpi")
