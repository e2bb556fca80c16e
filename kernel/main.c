// SPDX-License-Identifier: MIT
/*
 * kmain: the table of contents of hm386. Each line brings up one subsystem;
 * the order matters, and the comment on each line says why it is there.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/gdt.h>
#include <arch/x86/pgtable.h>
#include <arch/x86/serial.h>
#include <arch/x86/smp.h>
#include <arch/x86/trap.h>
#include <arch/x86/tsc.h>
#include <boot/bootinfo.h>
#include <kernel/cmdline.h>
#include <kernel/init.h>
#include <kernel/bench.h>
#include <kernel/ktest.h>
#include <kernel/monitor.h>
#include <kernel/printk.h>
#include <arch/x86/memlayout.h>
#include <mm/bootmem.h>
#include <mm/gfp.h>
#include <kernel/sched.h>

static void print_banner(void)
{
	pr_info("hm386 %s (%s): a 32-bit PAE kernel about HIGHMEM\n",
		HM386_VERSION, HM386_GIT);
	pr_info("Booted by %s%s%s%s\n", boot_path_name(boot_info.path),
		boot_info.loader_name[0] ? " from \"" : "",
		boot_info.loader_name, boot_info.loader_name[0] ? "\"" : "");
	pr_info("Command line: %s\n", boot_info.cmdline);
	if (boot_info.efi)
		pr_info("UEFI: system table at 0x%08x, memory map from the %s\n",
			boot_info.efi_systab, boot_info.efi_mmap ?
			"EFI memory map" : "loader's e820-style map");
}

void __noreturn kmain(u32 magic, u32 info_phys)
{
	serial_init();			/* 1. COM1: every later step may print */
	gdt_init();			/* 2. our own segments and TSSs */
	pic_init();			/* 3. the 8259s remapped and silenced */
	idt_init();			/* 4. exceptions reported from now on */
	boot_info_init(magic, info_phys); /* 5. the loader's data, copied */
	cmdline_init();			/* 6. parameters, before their users */
	cpu_detect();			/* 7. NX, PGE, TSC: what we may use */
	tsc_calibrate();		/* 8. the boot clock for timestamps */
	console_init();			/* 9. VGA mirror if there is a screen */
	print_banner();
	cpu_report();
	bootmem_init();			/* 10. memory map, lowmem boundary, bootmem */
	paging_init();			/* 11. real PAE tables, W^X, no identity */
	mm_init();			/* 12. struct pages, zones, buddy allocators */
	free_boot_memory();		/* 13. boot code and tables: now free RAM */
	memlayout_report();
	mm_report();
	sched_early_init();		/* 14. run queues, before other CPUs start */
	smp_init();			/* 15. APIC timer; the other CPUs, idle */
	sched_init();			/* 16. kmain becomes a task; preemption on */

	pr_info("hm386: boot complete in %llu us\n", boot_time_ns() / 1000);
	ktest_run_from_cmdline();	/* 17. `ktest=` runs and exits QEMU */
	bench_run_from_cmdline();	/* 18. `bench=` runs and exits QEMU */

	monitor_run();			/* 18. otherwise: the monitor on COM1 */
}
