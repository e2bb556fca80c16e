// SPDX-License-Identifier: MIT
/*
 * kmain: the table of contents of hm386. Each line brings up one subsystem;
 * the order matters, and the comment on each line says why it is there.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/cpu_detect.h>
#include <arch/x86/gdt.h>
#include <arch/x86/ptw_check.h>
#include <arch/x86/serial.h>
#include <arch/x86/smp.h>
#include <arch/x86/syscall.h>
#include <arch/x86/trap.h>
#include <arch/x86/tsc.h>
#include <block/blkdev.h>
#include <boot/bootinfo.h>
#include <kernel/cmdline.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <mm/bootmem.h>
#include <mm/fixmap.h>
#include <mm/gfp.h>
#include <mm/highmem_hooks.h>
#include <mm/memlayout.h>
#include <mm/page.h>
#include <mm/paging.h>
#include <mm/pkmap.h>
#include <fs/initramfs.h>
#include <fs/vfs_boot.h>
#include <proc/process.h>
#include <top/bench_harness.h>
#include <top/ktest_runner.h>
#include <top/main.h>
#include <top/monitor.h>

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
	/* The machine: a console, our own tables, what the CPU can do. */
	serial_init();			/*  1. COM1: every later step may print */
	gdt_init();			/*  2. our own segments and TSSs */
	pic_init();			/*  3. the 8259s remapped and silenced */
	idt_init();			/*  4. exceptions reported from now on */
	syscall_init();			/*     int $0x80's table, from .syscalls */
	boot_info_init(magic, info_phys); /* 5. the loader's data, copied */
	cmdline_init(boot_info.cmdline); /* 6. parameters, before their users */
	cpu_detect();			/*  7. PAE (or stop), NX, PGE, TSC */
	tsc_calibrate();		/*  8. the boot clock for timestamps */
	console_init();			/*  9. consoles: VGA if there is a screen */
	print_banner();
	cpu_report();

	/* The subject: physical memory, and the 1 GiB window onto it. */
	memory_map_init();		/* 10. firmware map sanitized; max_pfn */
	memlayout_init(max_pfn);	/* 11. the lowmem boundary: max_low_pfn,
					 *     then vmalloc, pkmap, fixmap */
	bootmem_init();			/* 12. boot allocator, lowmem only */
	paging_init();			/* 13. the direct map of lowmem, W^X */
	gdt_set_df_cr3(read_cr3());	/*     the double-fault task's too */
	fixmap_init();			/* 14. kmap_local_page()'s slots */
	kmap_local_init();
	mm_init();			/* 15. struct pages, zones, buddy */
	kmap_init();			/* 16. kmap()'s pkmap pool */
	ptw_check();			/*     page tables above 4 GiB: does
					 *     the CPU walk them? (QEMU 7.2) */
	free_boot_memory();		/* 17. boot code and tables: free RAM */
	memlayout_report();
	mm_report();

	/* Tasks and CPUs. */
	sched_early_init();		/* 18. run queues, before other CPUs */
	smp_init();			/* 19. APIC timer; the other CPUs, idle */
	sched_init();			/* 20. kmain becomes a task; preemption */
	proc_init();			/*     the reaper of orphaned processes */
	block_init();			/*     disks: the RAM disk, ATA (their
					 *     drivers sleep while they probe) */
	initramfs_init();		/*     the boot modules' files, into the
					 *     page cache (HighMem); modules freed.
					 *     Takes the fs mutex: a task by now */
	vfs_boot();			/*     /dev's block nodes; root= at /mnt */

	pr_info("hm386: boot complete in %llu us\n", boot_time_ns() / 1000);
	ktest_run_from_cmdline();	/* 21. `ktest=` runs and exits QEMU */
	bench_run_from_cmdline();	/* 22. `bench=` runs and exits QEMU */
	init_run();			/* 23. PID 1 (init= or /init): its exit
					 *     status exits QEMU */
	monitor_run();			/* 24. otherwise: the monitor on COM1 */
}
