/* SPDX-License-Identifier: MIT */
/*
 * hm386.efi: the ia32 UEFI loader of hm386 (boot/efi/). The firmware starts
 * it as EFI/BOOT/BOOTIA32.EFI; it loads \hm386.elf from the same volume,
 * and \initramfs.cpio as a module when there is one, reads the kernel
 * command line from \hm386.cfg, exits boot services and enters the kernel
 * as a multiboot2 loader would (docs/boot.md).
 *
 * Built with gnu-efi: on ia32 EFIAPI is cdecl, so firmware functions are
 * called directly.
 */
#ifndef HM386_BOOT_EFI_LOADER_H
#define HM386_BOOT_EFI_LOADER_H

#include <efi.h>
#include <efilib.h>

#include <types.h>

#define KERNEL_PATH	L"\\hm386.elf"
#define CONFIG_PATH	L"\\hm386.cfg"
#define INITRD_PATH	L"\\initramfs.cpio"
#define INITRD_NAME	"initramfs.cpio"	/* the module's command line */
#define LOADER_NAME	"hm386.efi"

/*
 * The multiboot2 information and the kernel must be readable through the
 * kernel's boot map, which covers the first 1 GiB of physical memory.
 */
#define LOADER_MAX_ADDRESS	(1ULL << 30)

/* ------------------------------------------------------------ console.c */

/* console_init - find out whether the firmware console already reaches a
 * serial port; if not, set up COM1 for loader_print(). */
void console_init(void);

/*
 * loader_print - print a message (gnu-efi Print() format) on the firmware
 * console and on COM1. Boot services only.
 */
void loader_print(const CHAR16 *fmt, ...);

/* serial_print - write an ASCII string to COM1 only; any time. */
void serial_print(const char *s);

/* ------------------------------------------------------------ main.c */

/* read_file - read all of @path on @root into a pool buffer (FreePool()
 * it); the firmware's error otherwise (EFI_NOT_FOUND: no such file). */
EFI_STATUS read_file(EFI_FILE_HANDLE root, CHAR16 *path, u8 **data,
		     UINTN *size);

/* ------------------------------------------------------------ initrd.c */

/* A file loaded as a multiboot2 module. */
struct boot_module_file {
	u32 start, end;		/* physical: [start, end) */
	EFI_PHYSICAL_ADDRESS pages_at;
	UINTN pages;		/* 0: none loaded */
};

/*
 * initrd_load - copy \initramfs.cpio of @root into pages of its own below
 * LOADER_MAX_ADDRESS, as the kernel's module (the kernel unpacks it and
 * frees the pages). Without the file, @mod->pages is 0 and the status
 * EFI_SUCCESS; any other failure is printed and returned.
 */
EFI_STATUS initrd_load(EFI_FILE_HANDLE root, struct boot_module_file *mod);

/* initrd_unload - release the pages initrd_load() took. */
void initrd_unload(struct boot_module_file *mod);

/* ------------------------------------------------------------ elf.c */

#define KERNEL_MAX_SEGMENTS	16

/* The kernel ELF as checked and placed. */
struct kernel_image {
	u32 entry;			/* physical address of the entry point */
	u32 nr_claimed;			/* page ranges allocated for segments */
	struct {
		EFI_PHYSICAL_ADDRESS start;
		UINTN pages;
	} claimed[KERNEL_MAX_SEGMENTS];
};

/*
 * kernel_check - check the @size bytes of @file: an ELF for i386, 32-bit
 * little-endian, executable, with a multiboot2 header in its first 32 KiB
 * and loadable segments that lie in the file, below 4 GiB, in address
 * order, with the entry point inside one of them. Fills @k->entry. On a
 * failure prints what is wrong and returns EFI_LOAD_ERROR or
 * EFI_UNSUPPORTED.
 */
EFI_STATUS kernel_check(const u8 *file, UINTN size, struct kernel_image *k);

/*
 * kernel_load - claim the pages of each loadable segment of the checked
 * @file at its physical address (AllocatePages with AllocateAddress), copy
 * its bytes there and zero the rest. On a failure (the pages belong to the
 * firmware) prints which segment and returns the error, having released
 * what it claimed.
 */
EFI_STATUS kernel_load(const u8 *file, struct kernel_image *k);

/* kernel_unload - release the pages kernel_load() claimed. */
void kernel_unload(struct kernel_image *k);

/* ------------------------------------------------------------ bootinfo.c */

/*
 * boot_info_prepare - allocate the multiboot2 information below
 * LOADER_MAX_ADDRESS and write its tags that need boot services: command
 * line, loader name, EFI32 system table, ACPI RSDP copy. Room is left for
 * the memory map. Returns its physical address, or 0 after a message.
 */
u32 boot_info_prepare(const char *cmdline);

/* boot_info_add_module - a module tag for [@start, @end) with @cmdline;
 * false when the information has no room left. */
bool boot_info_add_module(u32 start, u32 end, const char *cmdline);

/*
 * boot_info_exit - get the memory map into the information prepared by
 * boot_info_prepare(), exit boot services (retrying the pair when the map
 * changed in between, as the UEFI specification requires), then close the
 * information with the EFI memory-map tag and the end tag. When even the
 * first GetMemoryMap() fails, prints it and returns the error; once an
 * ExitBootServices() was tried there is no way back: a failure is
 * reported on COM1 only and the CPU halts.
 */
EFI_STATUS boot_info_exit(EFI_HANDLE image);

/* ------------------------------------------------------------ handoff.c */

/*
 * enter_kernel - the multiboot2 hand-off: interrupts off, flat 32-bit
 * segments of our own GDT, paging off, EAX = the multiboot2 magic, EBX =
 * @mbi, jump to @entry. Boot services must be gone.
 */
void __noreturn enter_kernel(u32 entry, u32 mbi);

#endif
