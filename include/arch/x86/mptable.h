/* SPDX-License-Identifier: MIT */
/*
 * The Intel MultiProcessor Specification (1.4) tables (arch/x86/mptable.c):
 * the older way firmware lists CPUs, used when there is no ACPI MADT. A
 * 16-byte floating pointer ("_MP_") in the BIOS areas points at a
 * configuration table ("PCMP") of processor, bus, I/O APIC and interrupt
 * entries, or names one of the spec's default configurations.
 *
 * As in acpi.h, the parsers are pure and host-tested; the kernel part
 * searches memory.
 */
#ifndef HM386_ARCH_X86_MPTABLE_H
#define HM386_ARCH_X86_MPTABLE_H

#include <arch/x86/smp.h>
#include <types.h>

/* Errors; all negative (the same numbers as acpi.h's). */
#define MPTABLE_ESIGNATURE	(-1)
#define MPTABLE_ECHECKSUM	(-2)
#define MPTABLE_ETRUNCATED	(-3)	/* a length or an entry runs past the end */
#define MPTABLE_ENOTFOUND	(-4)
#define MPTABLE_EBADENTRY	(-5)	/* an entry type the spec does not define */

#define MPF_SIZE		16	/* the floating pointer, one paragraph */
#define MPC_HEADER_SIZE		44	/* the configuration table's header */

/* Entry types and sizes of the configuration table. */
#define MPC_PROCESSOR		0	/* 20 bytes */
#define MPC_BUS			1	/* 8 bytes, as are the rest */
#define MPC_IOAPIC		2
#define MPC_IOINTR		3
#define MPC_LINTR		4
#define MPC_PROCESSOR_SIZE	20
#define MPC_OTHER_SIZE		8
#define MPC_CPU_ENABLED		(1U << 0)
#define MPC_IOAPIC_ENABLED	(1U << 0)

/* What a floating pointer says. */
struct mpf_info {
	u32 config_phys;	/* the configuration table, 0 if none */
	u32 default_config;	/* feature byte 1: non-zero = a default config */
	u32 spec_rev;		/* 1 = 1.1, 4 = 1.4 */
};

/*
 * mpf_parse - check the floating pointer in the @avail bytes at @p:
 * signature, length (in 16-byte units, within @avail), checksum. Returns 0
 * or a negative MPTABLE_E* error.
 */
int mpf_parse(const void *p, u32 avail, struct mpf_info *out);

/*
 * mpc_parse - check the configuration table in the @avail bytes at @p
 * (signature, base table length, checksum) and record its processor and
 * I/O APIC entries and local APIC address in @cfg (already set up with
 * smp_config_init()). Returns 0 or a negative MPTABLE_E* error.
 */
int mpc_parse(const void *p, u32 avail, struct smp_config *cfg);

/*
 * mptable_default_config - what default configuration @type (1-7) means:
 * two CPUs with APIC ids 0 and 1, one I/O APIC (id 2, 0xFEC00000).
 */
void mptable_default_config(u32 type, struct smp_config *cfg);

#ifndef HM386_HOST
/*
 * mptable_find_smp_config - search the EBDA's first KiB, the last KiB of
 * base memory and 0xF0000-0xFFFFF for the floating pointer, and read its
 * configuration into @cfg. Returns 0, or a negative MPTABLE_E* error after
 * a line saying what was missing or broken.
 */
int mptable_find_smp_config(struct smp_config *cfg);
#endif

#endif
