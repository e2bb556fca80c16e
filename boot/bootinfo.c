// SPDX-License-Identifier: MIT
/*
 * From the loader's hand-off to boot_info. entry.asm passes the magic in
 * EAX and the information's physical address in EBX; the parsers of
 * boot/multiboot.c read the information through the boot map (the first
 * 1 GiB is mapped at PAGE_OFFSET until paging_init).
 */
#include <arch/x86/cpu.h>
#include <arch/x86/layout.h>
#include <boot/bootinfo.h>
#include <boot/multiboot.h>
#include <kernel/panic.h>
#include <kernel/printk.h>

/* CR0 as the loader left it (boot/entry.asm). */
extern u32 boot_entry_cr0;

struct boot_info boot_info;

/* The loader's data is read through the boot map: [0, 1 GiB) at PAGE_OFFSET. */
static struct boot_window boot_window = {
	.phys = 0, .size = BOOT_MAP_SIZE, .virt = (const u8 *)PAGE_OFFSET,
};
static const struct boot_mapper boot_mapper = { boot_window_map, &boot_window };

void boot_info_init(u32 magic, u32 info_phys)
{
	int err;

	switch (magic) {
	case MULTIBOOT1_BOOTLOADER_MAGIC:
		err = multiboot1_parse(info_phys, &boot_mapper, &boot_info);
		break;
	case MULTIBOOT2_BOOTLOADER_MAGIC:
		err = multiboot2_parse(info_phys, &boot_mapper, &boot_info);
		break;
	default:
		panic("unknown boot loader magic 0x%08x (EBX 0x%08x): start hm386 "
		      "with a multiboot or multiboot2 loader", magic, info_phys);
	}
	if (err)
		panic("the %s information at 0x%08x is unreadable (error %d)",
		      magic == MULTIBOOT1_BOOTLOADER_MAGIC ? "multiboot" : "multiboot2",
		      info_phys, err);
	/* entry.asm survives it only while the loader's map is an identity one. */
	if (boot_entry_cr0 & X86_CR0_PG)
		pr_warn("boot: the loader left paging on (CR0 0x%08x): multiboot "
			"promises it off\n", boot_entry_cr0);
}

const char *boot_path_name(enum boot_path path)
{
	switch (path) {
	case BOOT_PATH_MULTIBOOT1:
		return "multiboot v1";
	case BOOT_PATH_MULTIBOOT2:
		return "multiboot2";
	default:
		return "unknown";
	}
}
