/* SPDX-License-Identifier: MIT */
/*
 * boot_info: the one description of the machine handed over by the boot
 * loader. Early boot converts the multiboot v1 or multiboot2 information
 * (boot/multiboot.c) into this structure; nothing after early boot reads
 * the raw loader structures again.
 */
#ifndef HM386_BOOT_BOOTINFO_H
#define HM386_BOOT_BOOTINFO_H

#include <types.h>

#define BOOT_MMAP_MAX		128	/* memory-map entries kept */
#define BOOT_CMDLINE_MAX	512	/* bytes, NUL included */
#define BOOT_LOADER_NAME_MAX	64
#define BOOT_MODULES_MAX	8
#define BOOT_MODULE_CMDLINE_MAX	64

/* How the kernel was entered. */
enum boot_path {
	BOOT_PATH_UNKNOWN = 0,
	BOOT_PATH_MULTIBOOT1,	/* e.g. qemu-system-i386 -kernel */
	BOOT_PATH_MULTIBOOT2,	/* e.g. GRUB multiboot2 (BIOS or UEFI) */
};

/* Memory-map entry types, with the e820/multiboot numbering. */
enum mem_type {
	MEM_USABLE = 1,
	MEM_RESERVED = 2,
	MEM_ACPI_RECLAIM = 3,
	MEM_ACPI_NVS = 4,
	MEM_BAD = 5,
};

struct mem_region {
	u64 base;	/* physical address of the first byte */
	u64 len;	/* length in bytes */
	u32 type;	/* enum mem_type */
};

struct boot_module {
	u32 start;	/* physical, first byte */
	u32 end;	/* physical, one past the last byte */
	char cmdline[BOOT_MODULE_CMDLINE_MAX];
};

struct boot_info {
	enum boot_path path;
	bool has_mmap;		/* false: the loader gave no memory map */
	bool mmap_truncated;	/* more entries than BOOT_MMAP_MAX were given */
	u32 mmap_count;
	struct mem_region mmap[BOOT_MMAP_MAX];
	char cmdline[BOOT_CMDLINE_MAX];
	char loader_name[BOOT_LOADER_NAME_MAX];
	u32 nr_modules;
	struct boot_module modules[BOOT_MODULES_MAX];
	bool efi;		/* multiboot2 said boot services were EFI */
	bool efi_mmap;		/* the map came from the EFI memory map */
	u32 efi_systab;		/* physical address of the EFI32 system table, 0 if none */
	u64 acpi_rsdp;		/* physical address of a copy of the RSDP, 0 if none */
};

extern struct boot_info boot_info;

/*
 * boot_info_init - fill boot_info from what the loader handed over: @magic
 * (EAX at entry) says which protocol, @info_phys (EBX) where its data is.
 * Panics, naming the cause, when the magic is unknown or the data unreadable.
 */
void boot_info_init(u32 magic, u32 info_phys);

/* boot_path_name - "multiboot v1" and so on, for the banner. */
const char *boot_path_name(enum boot_path path);

#endif
