/* SPDX-License-Identifier: MIT */
/* Finding out what the CPU can do (arch/x86/cpu.c), once, from kmain. */
#ifndef HM386_ARCH_X86_CPU_DETECT_H
#define HM386_ARCH_X86_CPU_DETECT_H

#include <arch/x86/cpu.h>

/* cpu_detect - fill boot_cpu from CPUID; entry.asm has already checked PAE. */
void cpu_detect(void);

/* cpu_report - print the vendor, model and the features in use. */
void cpu_report(void);

#endif
