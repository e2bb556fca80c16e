// SPDX-License-Identifier: MIT
/*
 * The kernel ELF: what the loader checks before it touches memory, and
 * placing the segments at their physical addresses (the headers:
 * <lib/elf.h>).
 */
#include <boot/multiboot.h>
#include <lib/elf.h>

#include "loader.h"


/* Where a multiboot2 header must lie, and its alignment. */
#define MB2_HEADER_SEARCH	32768
#define MB2_HEADER_ALIGN	8
#define MB2_ARCH_I386		0

/* A few machines by name, for the message about a wrong one. */
static const char *machine_name(u16 machine)
{
	switch (machine) {
	case 62:
		return "x86-64";
	case 40:
		return "ARM";
	case 183:
		return "AArch64";
	case 243:
		return "RISC-V";
	default:
		return "not i386";
	}
}

static void get_phdr(const u8 *file, const struct elf32_ehdr *eh, u32 i,
		     struct elf32_phdr *ph)
{
	CopyMem(ph, (void *)(file + eh->phoff + i * eh->phentsize), sizeof(*ph));
}

/* Whether a valid multiboot2 header lies in the first 32 KiB of @file. */
static bool has_multiboot2_header(const u8 *file, UINTN size)
{
	UINTN limit = MIN(size, (UINTN)MB2_HEADER_SEARCH), off;

	for (off = 0; off + 16 <= limit; off += MB2_HEADER_ALIGN) {
		u32 h[4];

		CopyMem(h, (void *)(file + off), sizeof(h));
		if (h[0] == MULTIBOOT2_HEADER_MAGIC && h[1] == MB2_ARCH_I386 &&
		    h[0] + h[1] + h[2] + h[3] == 0)
			return true;
	}
	return false;
}

/* Check the program headers; fills @k->entry. */
static EFI_STATUS check_segments(const u8 *file, UINTN size,
				 const struct elf32_ehdr *eh,
				 struct kernel_image *k)
{
	u64 last_end = 0;
	u32 i, nr_load = 0;

	k->entry = 0;
	for (i = 0; i < eh->phnum; i++) {
		struct elf32_phdr ph;

		get_phdr(file, eh, i, &ph);
		if (ph.type != PT_LOAD || !ph.memsz)
			continue;
		if (ph.filesz > ph.memsz || ph.offset > size ||
		    ph.filesz > size - ph.offset) {
			loader_print(L"hm386.efi: segment %d of %s lies outside "
				     L"the file\n", i, KERNEL_PATH);
			return EFI_LOAD_ERROR;
		}
		if ((u64)ph.paddr + ph.memsz > 1ULL << 32 ||
		    ph.paddr < last_end) {
			loader_print(L"hm386.efi: segment %d of %s (0x%x, %d "
				     L"bytes) is beyond 4 GiB or out of address "
				     L"order\n", i, KERNEL_PATH, ph.paddr,
				     ph.memsz);
			return EFI_LOAD_ERROR;
		}
		last_end = (u64)ph.paddr + ph.memsz;
		if (++nr_load > KERNEL_MAX_SEGMENTS) {
			loader_print(L"hm386.efi: %s has more than %d "
				     L"segments\n", KERNEL_PATH,
				     KERNEL_MAX_SEGMENTS);
			return EFI_LOAD_ERROR;
		}
		if (eh->entry >= ph.vaddr && eh->entry - ph.vaddr < ph.memsz)
			k->entry = eh->entry - ph.vaddr + ph.paddr;
	}
	if (!k->entry) {
		loader_print(L"hm386.efi: the entry point 0x%x of %s is in no "
			     L"loadable segment\n", eh->entry, KERNEL_PATH);
		return EFI_LOAD_ERROR;
	}
	return EFI_SUCCESS;
}

EFI_STATUS kernel_check(const u8 *file, UINTN size, struct kernel_image *k)
{
	struct elf32_ehdr eh;

	if (size < sizeof(eh) || CompareMem((void *)file, ELFMAG, 4)) {
		loader_print(L"hm386.efi: %s is not an ELF file\n", KERNEL_PATH);
		return EFI_LOAD_ERROR;
	}
	CopyMem(&eh, (void *)file, sizeof(eh));
	if (eh.machine != EM_386) {
		loader_print(L"hm386.efi: %s is an ELF for machine %d (%a), "
			     L"not i386 (%d): wrong machine type\n", KERNEL_PATH,
			     eh.machine, machine_name(eh.machine), EM_386);
		return EFI_UNSUPPORTED;
	}
	if (eh.ident[EI_CLASS] != ELFCLASS32 ||
	    eh.ident[EI_DATA] != ELFDATA2LSB || eh.type != ET_EXEC) {
		loader_print(L"hm386.efi: %s is not a 32-bit little-endian ELF "
			     L"executable\n", KERNEL_PATH);
		return EFI_UNSUPPORTED;
	}
	if (eh.phentsize < sizeof(struct elf32_phdr) || eh.phoff > size ||
	    (u64)eh.phnum * eh.phentsize > size - eh.phoff) {
		loader_print(L"hm386.efi: the program headers of %s lie "
			     L"outside the file\n", KERNEL_PATH);
		return EFI_LOAD_ERROR;
	}
	if (!has_multiboot2_header(file, size)) {
		loader_print(L"hm386.efi: %s has no multiboot2 header in its first "
			     L"32 KiB: not a multiboot2 kernel\n", KERNEL_PATH);
		return EFI_UNSUPPORTED;
	}
	return check_segments(file, size, &eh, k);
}

void kernel_unload(struct kernel_image *k)
{
	while (k->nr_claimed) {
		k->nr_claimed--;
		uefi_call_wrapper(BS->FreePages, 2, k->claimed[k->nr_claimed].start,
				  k->claimed[k->nr_claimed].pages);
	}
}

/* The name of an EFI memory type, for messages. */
static const CHAR16 *memory_type_name(UINT32 type)
{
	static const CHAR16 *const names[] = {
		L"reserved", L"loader code", L"loader data",
		L"boot-services code", L"boot-services data",
		L"runtime-services code", L"runtime-services data",
		L"free", L"unusable", L"ACPI reclaim", L"ACPI NVS", L"MMIO",
		L"MMIO port space", L"PAL code", L"persistent",
	};

	return type < ARRAY_SIZE(names) ? names[type] : L"unknown type";
}

/*
 * Say which firmware memory is in [@start, @end): the first descriptor of
 * the memory map there that is not free memory.
 */
static void report_overlap(u32 i, u64 start, u64 end, EFI_STATUS status)
{
	UINTN count, key, desc_size, n;
	UINT32 version;
	u8 *map = (u8 *)LibMemoryMap(&count, &key, &desc_size, &version);

	for (n = 0; map && n < count; n++) {
		EFI_MEMORY_DESCRIPTOR *d = (void *)(map + n * desc_size);
		u64 d_end = d->PhysicalStart + d->NumberOfPages * EFI_PAGE_SIZE;

		if (d->Type == EfiConventionalMemory || d_end <= start ||
		    d->PhysicalStart >= end)
			continue;
		loader_print(L"hm386.efi: segment %d of %s (0x%lx-0x%lx) "
			     L"overlaps firmware memory: %s at 0x%lx-0x%lx\n",
			     i, KERNEL_PATH, start, end - 1,
			     memory_type_name(d->Type), d->PhysicalStart,
			     d_end - 1);
		FreePool(map);
		return;
	}
	loader_print(L"hm386.efi: segment %d of %s (0x%lx-0x%lx) overlaps "
		     L"firmware memory: %r\n", i, KERNEL_PATH, start, end - 1,
		     status);
	if (map)
		FreePool(map);
}

/* Claim [@start, @end) (page-aligned) for segment @i, or say why not. */
static EFI_STATUS claim(struct kernel_image *k, u32 i, u64 start, u64 end)
{
	EFI_PHYSICAL_ADDRESS at = start;
	UINTN pages = (end - start) / EFI_PAGE_SIZE;
	EFI_STATUS status;

	status = uefi_call_wrapper(BS->AllocatePages, 4, AllocateAddress,
				   EfiLoaderData, pages, &at);
	if (EFI_ERROR(status)) {
		report_overlap(i, start, end, status);
		return status;
	}
	k->claimed[k->nr_claimed].start = at;
	k->claimed[k->nr_claimed].pages = pages;
	k->nr_claimed++;
	return EFI_SUCCESS;
}

EFI_STATUS kernel_load(const u8 *file, struct kernel_image *k)
{
	struct elf32_ehdr eh;
	u64 claimed_end = 0;
	u32 i;

	CopyMem(&eh, (void *)file, sizeof(eh));
	k->nr_claimed = 0;
	for (i = 0; i < eh.phnum; i++) {
		struct elf32_phdr ph;
		u64 start, end;
		u8 *dst;

		get_phdr(file, &eh, i, &ph);
		if (ph.type != PT_LOAD || !ph.memsz)
			continue;
		/* Segments are in address order: only a first page may be shared. */
		start = MAX(ALIGN_DOWN((u64)ph.paddr, EFI_PAGE_SIZE), claimed_end);
		end = ALIGN_UP((u64)ph.paddr + ph.memsz, EFI_PAGE_SIZE);
		if (start < end && EFI_ERROR(claim(k, i, start, end))) {
			kernel_unload(k);
			return EFI_LOAD_ERROR;
		}
		claimed_end = MAX(claimed_end, end);
		dst = (u8 *)(UINTN)ph.paddr;
		CopyMem(dst, (void *)(file + ph.offset), ph.filesz);
		ZeroMem(dst + ph.filesz, ph.memsz - ph.filesz);
	}
	return EFI_SUCCESS;
}
