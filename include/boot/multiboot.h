/* SPDX-License-Identifier: MIT */
/*
 * Multiboot v1 and multiboot2: the raw structures a loader hands over, and
 * the parsers (boot/multiboot.c) that turn them into struct boot_info.
 *
 * Everything in the loader's data is untrusted: the parsers read it only
 * through a struct boot_mapper, which grants or refuses each physical range
 * before it is touched, and they check every length and offset against
 * what was granted. Hostile input yields truncated or missing fields, or an
 * error code, never a read outside a granted range.
 *
 * Raw structures are __packed: a loader may place them at any address, and
 * the host fuzzers do.
 */
#ifndef HM386_BOOT_MULTIBOOT_H
#define HM386_BOOT_MULTIBOOT_H

#include <boot/bootinfo.h>
#include <types.h>

/* Magic numbers: in the kernel's header, and in EAX at entry. */
#define MULTIBOOT1_HEADER_MAGIC		0x1BADB002
#define MULTIBOOT1_BOOTLOADER_MAGIC	0x2BADB002
#define MULTIBOOT2_HEADER_MAGIC		0xE85250D6
#define MULTIBOOT2_BOOTLOADER_MAGIC	0x36D76289

/* ------------------------------------------------------------ v1 */

/* mb1_info.flags: which fields of struct mb1_info are valid. */
#define MB1_INFO_MEMORY		(1u << 0)	/* mem_lower, mem_upper */
#define MB1_INFO_BOOTDEV	(1u << 1)
#define MB1_INFO_CMDLINE	(1u << 2)
#define MB1_INFO_MODS		(1u << 3)	/* mods_count, mods_addr */
#define MB1_INFO_AOUT_SYMS	(1u << 4)
#define MB1_INFO_ELF_SHDR	(1u << 5)
#define MB1_INFO_MEM_MAP	(1u << 6)	/* mmap_length, mmap_addr */
#define MB1_INFO_DRIVES		(1u << 7)
#define MB1_INFO_CONFIG_TABLE	(1u << 8)
#define MB1_INFO_LOADER_NAME	(1u << 9)
#define MB1_INFO_APM_TABLE	(1u << 10)
#define MB1_INFO_VBE		(1u << 11)
#define MB1_INFO_FRAMEBUFFER	(1u << 12)

/* The information structure; EBX holds its physical address at entry. */
struct mb1_info {
	u32 flags;
	u32 mem_lower;		/* KiB of RAM from 0 (at most 640) */
	u32 mem_upper;		/* KiB of RAM from 1 MiB up to the first hole */
	u32 boot_device;
	u32 cmdline;		/* physical address of a C string */
	u32 mods_count;
	u32 mods_addr;		/* physical address of struct mb1_module[] */
	u32 syms[4];		/* a.out or ELF symbol information */
	u32 mmap_length;	/* bytes of mb1_mmap_entry at mmap_addr */
	u32 mmap_addr;
	u32 drives_length;
	u32 drives_addr;
	u32 config_table;
	u32 boot_loader_name;	/* physical address of a C string */
	u32 apm_table;
	u32 vbe_control_info;
	u32 vbe_mode_info;
	u16 vbe_mode;
	u16 vbe_interface_seg;
	u16 vbe_interface_off;
	u16 vbe_interface_len;
	u64 framebuffer_addr;
	u32 framebuffer_pitch;
	u32 framebuffer_width;
	u32 framebuffer_height;
	u8 framebuffer_bpp;
	u8 framebuffer_type;
	u8 color_info[6];
} __packed;

/* The prefix of struct mb1_info that multiboot1_parse() reads. */
#define MB1_INFO_PARSED_SIZE	offsetof(struct mb1_info, apm_table)

struct mb1_module {
	u32 mod_start;		/* physical, first byte */
	u32 mod_end;		/* physical, one past the last byte */
	u32 cmdline;		/* physical address of a C string */
	u32 reserved;
} __packed;

/*
 * One memory-map entry. @size counts the bytes that follow it (normally
 * 20), not itself: the next entry starts at &size + 4 + size.
 */
struct mb1_mmap_entry {
	u32 size;
	u64 base_addr;
	u64 length;
	u32 type;		/* enum mem_type numbering */
} __packed;

/* The smallest @size that still holds base_addr, length and type. */
#define MB1_MMAP_ENTRY_MIN_SIZE	(sizeof(struct mb1_mmap_entry) - sizeof(u32))

/* ------------------------------------------------------------ v2 */

/*
 * The information structure: this fixed header, then tags, each starting
 * on an 8-byte boundary, the last one of type MB2_TAG_END.
 */
struct mb2_info_header {
	u32 total_size;		/* bytes, this header and every tag included */
	u32 reserved;
} __packed;

#define MB2_TAG_ALIGN		8

enum mb2_tag_type {
	MB2_TAG_END = 0,
	MB2_TAG_CMDLINE = 1,
	MB2_TAG_LOADER_NAME = 2,
	MB2_TAG_MODULE = 3,
	MB2_TAG_BASIC_MEMINFO = 4,
	MB2_TAG_BOOTDEV = 5,
	MB2_TAG_MMAP = 6,
	MB2_TAG_VBE = 7,
	MB2_TAG_FRAMEBUFFER = 8,
	MB2_TAG_ELF_SECTIONS = 9,
	MB2_TAG_APM = 10,
	MB2_TAG_EFI32 = 11,		/* EFI 32-bit system table pointer */
	MB2_TAG_EFI64 = 12,		/* EFI 64-bit system table pointer */
	MB2_TAG_SMBIOS = 13,
	MB2_TAG_ACPI_OLD = 14,		/* copy of an ACPI 1.0 RSDP */
	MB2_TAG_ACPI_NEW = 15,		/* copy of an ACPI 2.0+ RSDP */
	MB2_TAG_NETWORK = 16,
	MB2_TAG_EFI_MMAP = 17,
	MB2_TAG_EFI_BS = 18,		/* boot services not exited */
	MB2_TAG_EFI32_IH = 19,		/* EFI 32-bit image handle */
	MB2_TAG_EFI64_IH = 20,		/* EFI 64-bit image handle */
	MB2_TAG_LOAD_BASE_ADDR = 21,
};

/* Every tag starts with this; @size includes it, not the padding after. */
struct mb2_tag {
	u32 type;
	u32 size;
} __packed;

/* MB2_TAG_CMDLINE, MB2_TAG_LOADER_NAME: a C string. */
struct mb2_tag_string {
	struct mb2_tag tag;
	char string[];
} __packed;

struct mb2_tag_module {
	struct mb2_tag tag;
	u32 mod_start;
	u32 mod_end;
	char cmdline[];
} __packed;

struct mb2_tag_basic_meminfo {
	struct mb2_tag tag;
	u32 mem_lower;		/* as in struct mb1_info */
	u32 mem_upper;
} __packed;

/* MB2_TAG_MMAP: this header, then entries of @entry_size bytes each. */
struct mb2_tag_mmap {
	struct mb2_tag tag;
	u32 entry_size;		/* >= sizeof(struct mb2_mmap_entry) */
	u32 entry_version;	/* 0; later versions only append fields */
} __packed;

struct mb2_mmap_entry {
	u64 base_addr;
	u64 length;
	u32 type;		/* enum mem_type numbering */
	u32 reserved;
} __packed;

/* MB2_TAG_EFI32: the physical address of the EFI system table (IA32). */
struct mb2_tag_efi32 {
	struct mb2_tag tag;
	u32 pointer;
} __packed;

/*
 * MB2_TAG_EFI_MMAP: this header, then the firmware's memory map as
 * GetMemoryMap() returned it: descriptors of @desc_size bytes each
 * (struct efi_memory_desc, include/boot/efi_tables.h, possibly with more after).
 */
struct mb2_tag_efi_mmap {
	struct mb2_tag tag;
	u32 desc_size;
	u32 desc_version;
} __packed;

/* Bytes of an ACPI RSDP: the 1.0 structure, and the 2.0 one. */
#define MB2_ACPI_RSDP_V1_SIZE	20
#define MB2_ACPI_RSDP_V2_SIZE	36

/* ------------------------------------------------------------ parsing */

/*
 * struct boot_mapper - how the parsers read physical memory.
 * @map: returns a pointer through which the @len bytes at physical address
 *       @phys may be read, or NULL when that range is not readable. Must
 *       be consistent: if a range is readable, so is each of its prefixes,
 *       at the same pointer. @len may be anything from 1 up.
 * @ctx: passed to @map.
 */
struct boot_mapper {
	const void *(*map)(void *ctx, u64 phys, u32 len);
	void *ctx;
};

/*
 * struct boot_window - a physical range readable at a fixed virtual address,
 * the context of boot_window_map(). In the kernel: the boot direct map,
 * { .phys = 0, .size = BOOT_MAP_SIZE, .virt = (const u8 *)PAGE_OFFSET }.
 * In host tests: a buffer posing as physical memory at @phys.
 */
struct boot_window {
	u64 phys;		/* first byte */
	u64 size;		/* bytes */
	const u8 *virt;		/* where @phys is readable */
};

/**
 * boot_window_map - a struct boot_mapper map function for a boot_window
 * @ctx: a struct boot_window
 * @phys: physical address of the range
 * @len: bytes in the range
 *
 * Returns window->virt + (@phys - window->phys) when [@phys, @phys + @len)
 * lies inside the window, NULL otherwise. Any context may call it.
 */
const void *boot_window_map(void *ctx, u64 phys, u32 len);

/* Errors of the parsers; all negative. */
#define MB_EUNMAPPED	(-1)	/* the information structure is not readable */
#define MB_EBADSIZE	(-2)	/* v2: total_size smaller than its header */
#define MB_EBADTAG	(-3)	/* v2: a tag under 8 bytes or past the end */
#define MB_ENOEND	(-4)	/* v2: no end tag within total_size */

/**
 * multiboot1_parse - fill a boot_info from a multiboot v1 information structure
 * @mbi_phys: physical address of the struct mb1_info (EBX at entry)
 * @m: how to read physical memory
 * @bi: the result; every field is overwritten
 *
 * Reads the fields whose flag is set: cmdline and boot loader name (cut to
 * fit, and at the end of readable memory), the first BOOT_MODULES_MAX
 * modules (those ending before they start are skipped), and the memory map,
 * as raw entries (memmap_sanitize() is the caller's next step). A memory
 * map entry with a size field smaller than MB1_MMAP_ENTRY_MIN_SIZE or
 * reaching past mmap_length ends the map; past BOOT_MMAP_MAX entries,
 * bi->mmap_truncated is set. Without a memory map (or with an empty or
 * unreadable one) but with MB1_INFO_MEMORY, two usable regions are made
 * up: [0, mem_lower KiB) with mem_lower capped at 640, and [1 MiB, 1 MiB +
 * mem_upper KiB). bi->has_mmap says whether any region was found.
 *
 * Returns 0, or MB_EUNMAPPED if the first MB1_INFO_PARSED_SIZE bytes at
 * @mbi_phys are not readable (@bi is then reset, with only bi->path set).
 * Uses a few dozen bytes of stack; any context may call it.
 */
int multiboot1_parse(u32 mbi_phys, const struct boot_mapper *m,
		     struct boot_info *bi);

/**
 * multiboot2_parse - fill a boot_info from a multiboot2 information structure
 * @mbi_phys: physical address of the struct mb2_info_header (EBX at entry)
 * @m: how to read physical memory; must grant all total_size bytes at once
 * @bi: the result; every field is overwritten
 *
 * Walks the tags up to the end tag. Cmdline and loader name strings are
 * cut to fit and at the end of their tag; modules beyond BOOT_MODULES_MAX,
 * and those ending before they start, are skipped; memory-map entries are
 * kept raw, from every mmap tag whose entry_size holds a struct
 * mb2_mmap_entry (any entry_version). bi->acpi_rsdp is the physical address
 * of the RSDP copy inside the ACPI tag, preferring MB2_TAG_ACPI_NEW over
 * MB2_TAG_ACPI_OLD; a tag too short for its RSDP is ignored. bi->efi is
 * set when any EFI tag (11, 12, 17, 18, 19, 20) is present, and
 * bi->efi_systab from the EFI32 tag (11). An EFI memory-map tag (17) whose
 * descriptor size holds a struct efi_memory_desc, and which holds at least
 * one descriptor, wins over the mmap tags
 * wherever it lies among the tags: the map is then efi_mmap_convert()'s
 * result alone (the last such tag's) and bi->efi_mmap is set; the EFI
 * types say more than the loader's own conversion to mmap types. Without
 * a usable memory-map tag, a basic meminfo tag gives two regions as for
 * multiboot1_parse(). A tag shorter than its fixed fields is ignored; a
 * repeated cmdline or name tag replaces the earlier one.
 *
 * Returns 0. On a structural error: MB_EUNMAPPED (header or total_size
 * bytes unreadable), MB_EBADSIZE, MB_EBADTAG, MB_ENOEND; @bi then holds
 * what the tags before the fault said, memory fallback included, so the
 * caller may warn and go on. Any context may call it.
 */
int multiboot2_parse(u32 mbi_phys, const struct boot_mapper *m,
		     struct boot_info *bi);

#endif
