// SPDX-License-Identifier: MIT
/*
 * The initramfs beside the kernel: \initramfs.cpio, when the boot volume
 * has one, copied into pages of its own for the kernel to unpack (as GRUB's
 * module2 or QEMU's -initrd give it). The kernel reserves those pages until
 * it has unpacked them, then frees them; the loader only places the bytes.
 */
#include "loader.h"

EFI_STATUS initrd_load(EFI_FILE_HANDLE root, struct boot_module_file *mod)
{
	EFI_PHYSICAL_ADDRESS at = LOADER_MAX_ADDRESS - 1;
	EFI_STATUS status;
	UINTN size;
	u8 *data;

	mod->pages = 0;
	status = read_file(root, INITRD_PATH, &data, &size);
	if (status == EFI_NOT_FOUND) {
		loader_print(L"hm386.efi: no %s on the boot volume: no "
			     L"initramfs\n", INITRD_PATH);
		return EFI_SUCCESS;
	}
	if (EFI_ERROR(status)) {
		loader_print(L"hm386.efi: cannot read %s: %r\n", INITRD_PATH,
			     status);
		return status;
	}
	mod->pages = ALIGN_UP(size ? size : 1, EFI_PAGE_SIZE) / EFI_PAGE_SIZE;
	status = uefi_call_wrapper(BS->AllocatePages, 4, AllocateMaxAddress,
				   EfiLoaderData, mod->pages, &at);
	if (EFI_ERROR(status)) {
		loader_print(L"hm386.efi: no memory below 1 GiB for %s (%d "
			     L"bytes): %r\n", INITRD_PATH, size, status);
		mod->pages = 0;
		FreePool(data);
		return status;
	}
	CopyMem((void *)(UINTN)at, data, size);
	FreePool(data);
	mod->pages_at = at;
	mod->start = (u32)at;
	mod->end = (u32)at + size;
	loader_print(L"hm386.efi: %s loaded at 0x%x (%d bytes)\n", INITRD_PATH,
		     mod->start, size);
	return EFI_SUCCESS;
}

void initrd_unload(struct boot_module_file *mod)
{
	if (mod->pages)
		uefi_call_wrapper(BS->FreePages, 2, mod->pages_at, mod->pages);
	mod->pages = 0;
}
