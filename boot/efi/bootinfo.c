// SPDX-License-Identifier: MIT
/*
 * The multiboot2 information the loader hands to the kernel, and the exit
 * from boot services that its memory map has to be taken with.
 *
 * The tags that need boot services (ACPI, system table) are written first;
 * the EFI memory map goes last, straight from GetMemoryMap() into its tag,
 * so that nothing is allocated or printed between the last GetMemoryMap()
 * and ExitBootServices().
 */
#include <boot/multiboot.h>

#include "loader.h"

#define ACPI_RSDP_LENGTH	20	/* offset of the 2.0 length field */
#define ACPI_RSDP_MAX		64	/* longest RSDP copied */
#define EXIT_TRIES		8	/* GetMemoryMap/ExitBootServices pairs */
/* Descriptors the map may gain between sizing it and taking it. */
#define MMAP_SLACK_DESCS	32

static struct {
	u8 *base;		/* the information structure */
	u32 used;		/* bytes of tags written so far */
	u32 size;		/* bytes allocated */
} mbi;

/*
 * add_tag - append a tag of @type with @payload_size bytes after its
 * header, zeroed; returns its payload, or NULL when it does not fit.
 */
static void *add_tag(u32 type, u32 payload_size)
{
	struct mb2_tag *tag = (void *)(mbi.base + mbi.used);
	u32 size = sizeof(*tag) + payload_size;

	if (ALIGN_UP(size, MB2_TAG_ALIGN) > mbi.size - mbi.used)
		return NULL;
	ZeroMem(tag, ALIGN_UP(size, MB2_TAG_ALIGN));
	tag->type = type;
	tag->size = size;
	mbi.used += ALIGN_UP(size, MB2_TAG_ALIGN);
	return tag + 1;
}

static void add_string_tag(u32 type, const char *s)
{
	UINTN len = strlena((const CHAR8 *)s) + 1;
	char *payload = add_tag(type, len);

	if (payload)
		CopyMem(payload, (void *)s, len);
}

/* The ACPI RSDP, copied into tag 15 (ACPI 2.0+) or 14 (1.0), if found. */
static void add_acpi_tag(void)
{
	static EFI_GUID acpi20 = ACPI_20_TABLE_GUID, acpi10 = ACPI_TABLE_GUID;
	const u8 *rsdp = NULL;
	u32 length;
	void *copy;

	if (!EFI_ERROR(LibGetSystemConfigurationTable(&acpi20, (void **)&rsdp))) {
		CopyMem(&length, (void *)(rsdp + ACPI_RSDP_LENGTH), sizeof(length));
		length = MIN(MAX(length, (u32)MB2_ACPI_RSDP_V2_SIZE),
			     (u32)ACPI_RSDP_MAX);
		copy = add_tag(MB2_TAG_ACPI_NEW, length);
	} else if (!EFI_ERROR(LibGetSystemConfigurationTable(&acpi10,
							     (void **)&rsdp))) {
		length = MB2_ACPI_RSDP_V1_SIZE;
		copy = add_tag(MB2_TAG_ACPI_OLD, length);
	} else {
		loader_print(L"hm386.efi: no ACPI tables in the EFI system "
			     L"table\n");
		return;
	}
	if (copy)
		CopyMem(copy, (void *)rsdp, length);
}

u32 boot_info_prepare(const char *cmdline)
{
	EFI_PHYSICAL_ADDRESS at = LOADER_MAX_ADDRESS - 1;
	UINTN map_size = 0, key, desc_size = 0;
	u32 desc_version, *systab;
	EFI_STATUS status;

	/* Only the size: BUFFER_TOO_SMALL is the expected answer. */
	uefi_call_wrapper(BS->GetMemoryMap, 5, &map_size, NULL, &key,
			  &desc_size, &desc_version);
	mbi.size = ALIGN_UP(EFI_PAGE_SIZE + map_size +
			    MMAP_SLACK_DESCS * desc_size, EFI_PAGE_SIZE);
	status = uefi_call_wrapper(BS->AllocatePages, 4, AllocateMaxAddress,
				   EfiLoaderData, mbi.size / EFI_PAGE_SIZE, &at);
	if (EFI_ERROR(status)) {
		loader_print(L"hm386.efi: no memory below 1 GiB for the boot "
			     L"information (%d bytes): %r\n", mbi.size, status);
		return 0;
	}
	mbi.base = (u8 *)(UINTN)at;
	mbi.used = sizeof(struct mb2_info_header);
	add_string_tag(MB2_TAG_CMDLINE, cmdline);
	add_string_tag(MB2_TAG_LOADER_NAME, LOADER_NAME);
	systab = add_tag(MB2_TAG_EFI32, sizeof(*systab));
	if (systab)
		*systab = (u32)(UINTN)ST;
	add_acpi_tag();
	return (u32)at;
}

bool boot_info_add_module(u32 start, u32 end, const char *cmdline)
{
	UINTN len = strlena((const CHAR8 *)cmdline) + 1;
	struct mb2_tag_module *mod;

	mod = add_tag(MB2_TAG_MODULE, sizeof(*mod) - sizeof(mod->tag) + len);
	if (!mod)
		return false;
	mod = (void *)((u8 *)mod - sizeof(mod->tag));
	mod->mod_start = start;
	mod->mod_end = end;
	CopyMem(mod->cmdline, (void *)cmdline, len);
	return true;
}

/* The end tag and the total size: the information is complete. */
static void finish(void)
{
	struct mb2_info_header *hdr = (void *)mbi.base;

	add_tag(MB2_TAG_END, 0);
	hdr->total_size = mbi.used;
	hdr->reserved = 0;
}

EFI_STATUS boot_info_exit(EFI_HANDLE image)
{
	struct mb2_tag_efi_mmap *tag = (void *)(mbi.base + mbi.used);
	/* The map's room: all that is left but the end tag. */
	UINTN room = mbi.size - mbi.used - sizeof(*tag) - sizeof(struct mb2_tag);
	UINTN map_size, key, desc_size;
	EFI_STATUS status;
	u32 desc_version, tries;

	for (tries = 0; tries < EXIT_TRIES; tries++) {
		map_size = room;
		status = uefi_call_wrapper(BS->GetMemoryMap, 5, &map_size,
					   (EFI_MEMORY_DESCRIPTOR *)(tag + 1),
					   &key, &desc_size, &desc_version);
		if (EFI_ERROR(status) && !tries) {
			loader_print(L"hm386.efi: cannot get the memory map "
				     L"(%d bytes of room): %r\n", room, status);
			return status;
		}
		if (EFI_ERROR(status))
			break;
		status = uefi_call_wrapper(BS->ExitBootServices, 2, image, key);
		/* INVALID_PARAMETER: the map changed since; take it again. */
		if (status != EFI_INVALID_PARAMETER)
			break;
	}
	if (EFI_ERROR(status)) {
		/* Boot services may be half gone: only the serial port is left. */
		serial_print("hm386.efi: cannot exit boot services; halting\n");
		for (;;)
			asm volatile("cli; hlt");
	}
	tag->tag.type = MB2_TAG_EFI_MMAP;
	tag->tag.size = sizeof(*tag) + map_size;
	tag->desc_size = desc_size;
	tag->desc_version = desc_version;
	mbi.used += ALIGN_UP(tag->tag.size, MB2_TAG_ALIGN);
	finish();
	return EFI_SUCCESS;
}
