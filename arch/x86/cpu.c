// SPDX-License-Identifier: MIT
/*
 * CPU identification. entry.asm has already refused a CPU without PAE; here
 * the other features hm386 uses when present are found: NX (no-execute
 * pages), PGE (global TLB entries), APIC, TSC.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/cpu_detect.h>
#include <arch/x86/pgtable.h>
#include <kernel/cmdline.h>
#include <kernel/printk.h>
#include <lib/string.h>

#define CPUID_EDX_TSC	(1U << 4)
#define CPUID_EDX_PSE	(1U << 3)
#define CPUID_EDX_MSR	(1U << 5)
#define CPUID_EDX_PAE	(1U << 6)
#define CPUID_EDX_APIC	(1U << 9)
#define CPUID_EDX_PGE	(1U << 13)
#define CPUID_EDX_PSE36	(1U << 17)
#define CPUID_EXT_EDX_NX (1U << 20)
#define CPUID_EXT_BASE	0x80000000
#define CPUID_EXT_FEATURES 0x80000001
#define CPUID_EXT_ADDR_SIZES 0x80000008

struct cpu_features boot_cpu;
/* Every bit, until cpu_detect() knows about NX and PGE. */
pte_t supported_pte_mask = ~(pte_t)0;

static bool use_nx = true;
KERNEL_PARAM(nx, KPARAM_BOOL, &use_nx, "use no-execute pages when the CPU has NX");
static bool use_pge = true;
KERNEL_PARAM(pge, KPARAM_BOOL, &use_pge, "use global pages when the CPU has PGE");

void cpu_detect(void)
{
	u32 a, b, c, d, max_ext;

	cpuid(0, &a, &b, &c, &d);
	memcpy(boot_cpu.vendor + 0, &b, 4);
	memcpy(boot_cpu.vendor + 4, &d, 4);
	memcpy(boot_cpu.vendor + 8, &c, 4);
	boot_cpu.vendor[12] = '\0';

	cpuid(1, &a, &b, &c, &d);
	boot_cpu.stepping = a & 0xf;
	boot_cpu.model = (a >> 4) & 0xf;
	boot_cpu.family = (a >> 8) & 0xf;
	if (boot_cpu.family == 0xf)
		boot_cpu.family += (a >> 20) & 0xff;
	if (boot_cpu.family >= 6)
		boot_cpu.model |= ((a >> 16) & 0xf) << 4;
	boot_cpu.pae = d & CPUID_EDX_PAE;
	boot_cpu.pse = d & CPUID_EDX_PSE;
	boot_cpu.msr = d & CPUID_EDX_MSR;
	boot_cpu.tsc = d & CPUID_EDX_TSC;
	boot_cpu.apic = d & CPUID_EDX_APIC;
	boot_cpu.pge = d & CPUID_EDX_PGE;
	boot_cpu.pse36 = d & CPUID_EDX_PSE36;

	cpuid(CPUID_EXT_BASE, &max_ext, &b, &c, &d);
	if (max_ext >= CPUID_EXT_FEATURES && max_ext < CPUID_EXT_BASE + 0x10000) {
		cpuid(CPUID_EXT_FEATURES, &a, &b, &c, &d);
		boot_cpu.nx = d & CPUID_EXT_EDX_NX;
	}
	/*
	 * The physical address width. Without leaf 0x80000008 the SDM says 36
	 * for a PAE CPU, but QEMU gives a CPU without PSE-36 (qemu32) only 32
	 * and faults on higher address bits as reserved: believe PSE-36.
	 */
	if (max_ext >= CPUID_EXT_ADDR_SIZES && max_ext < CPUID_EXT_BASE + 0x10000) {
		cpuid(CPUID_EXT_ADDR_SIZES, &a, &b, &c, &d);
		boot_cpu.phys_bits = a & 0xff;
	} else {
		boot_cpu.phys_bits = boot_cpu.pse36 ? 36 : 32;
	}
	boot_cpu.nx_used = boot_cpu.nx && boot_cpu.msr && use_nx;
	boot_cpu.pge_used = boot_cpu.pge && use_pge;
	if (!boot_cpu.nx_used)
		supported_pte_mask &= ~_PAGE_NX;
	if (!boot_cpu.pge_used)
		supported_pte_mask &= ~_PAGE_GLOBAL;
}

static const char *yes_no(bool present, bool used)
{
	if (!present)
		return "absent";
	return used ? "used" : "present but unused";
}

void cpu_report(void)
{
	pr_info("CPU: %s family %u model %u stepping %u\n", boot_cpu.vendor,
		boot_cpu.family, boot_cpu.model, boot_cpu.stepping);
	pr_info("CPU: PAE used, %u-bit physical addresses, NX %s, PGE %s, "
		"APIC %s, TSC %s\n", boot_cpu.phys_bits, yes_no(boot_cpu.nx, boot_cpu.nx_used),
		yes_no(boot_cpu.pge, boot_cpu.pge_used),
		boot_cpu.apic ? "present" : "absent",
		boot_cpu.tsc ? "present" : "absent");
}
