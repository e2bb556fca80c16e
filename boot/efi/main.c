// SPDX-License-Identifier: MIT
/*
 * hm386.efi: the table of contents of the loader. Each step either
 * succeeds or prints why not and returns to the firmware, until boot
 * services are exited; from then on there is no way back.
 */
#include <boot/bootinfo.h>

#include "loader.h"

EFI_STATUS read_file(EFI_FILE_HANDLE root, CHAR16 *path, u8 **data,
			    UINTN *size)
{
	EFI_FILE_HANDLE file;
	EFI_FILE_INFO *info;
	EFI_STATUS status;

	status = uefi_call_wrapper(root->Open, 5, root, &file, path,
				   EFI_FILE_MODE_READ, 0);
	if (EFI_ERROR(status))
		return status;
	info = LibFileInfo(file);
	status = EFI_OUT_OF_RESOURCES;
	if (info) {
		*size = info->FileSize;
		FreePool(info);
		*data = AllocatePool(*size + 1);
		if (*data)
			status = uefi_call_wrapper(file->Read, 3, file, size,
						   *data);
		if (EFI_ERROR(status) && *data)
			FreePool(*data);
	}
	uefi_call_wrapper(file->Close, 1, file);
	return status;
}

/*
 * read_cmdline - the kernel command line: the first line of \hm386.cfg
 * that is neither empty nor a '#' comment, or "" without one.
 */
static void read_cmdline(EFI_FILE_HANDLE root, char *cmdline, UINTN max)
{
	u8 *text;
	UINTN size, at = 0, len = 0;

	cmdline[0] = '\0';
	if (EFI_ERROR(read_file(root, CONFIG_PATH, &text, &size)))
		return;
	while (at < size) {
		UINTN end = at;

		while (end < size && text[end] != '\n' && text[end] != '\r')
			end++;
		if (end > at && text[at] != '#') {
			len = MIN(end - at, max - 1);
			CopyMem(cmdline, text + at, len);
			break;
		}
		at = end + 1;
	}
	cmdline[len] = '\0';
	FreePool(text);
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	static char cmdline[BOOT_CMDLINE_MAX];
	EFI_LOADED_IMAGE *loaded;
	struct kernel_image kernel;
	struct boot_module_file initrd;
	EFI_FILE_HANDLE root;
	EFI_STATUS status;
	UINTN size;
	u8 *file;
	u32 mbi;

	InitializeLib(image, systab);
	console_init();
	status = uefi_call_wrapper(BS->HandleProtocol, 3, image,
				   &LoadedImageProtocol, (void **)&loaded);
	root = EFI_ERROR(status) ? NULL : LibOpenRoot(loaded->DeviceHandle);
	if (!root) {
		loader_print(L"hm386.efi: cannot open the volume it was loaded "
			     L"from\n");
		return EFI_NOT_FOUND;
	}
	status = read_file(root, KERNEL_PATH, &file, &size);
	if (EFI_ERROR(status)) {
		loader_print(L"hm386.efi: cannot read the kernel %s from the "
			     L"boot volume: %r\n", KERNEL_PATH, status);
		return status;
	}
	status = kernel_check(file, size, &kernel);
	if (!EFI_ERROR(status))
		status = kernel_load(file, &kernel);
	FreePool(file);
	if (EFI_ERROR(status))
		return status;
	read_cmdline(root, cmdline, sizeof(cmdline));
	loader_print(L"hm386.efi: %s loaded, entry 0x%x; command line \"%a\"\n",
		     KERNEL_PATH, kernel.entry, cmdline);
	status = initrd_load(root, &initrd);
	if (EFI_ERROR(status)) {
		kernel_unload(&kernel);
		return status;
	}

	mbi = boot_info_prepare(cmdline);
	if (mbi && initrd.pages &&
	    !boot_info_add_module(initrd.start, initrd.end, INITRD_NAME))
		mbi = 0;
	status = mbi ? boot_info_exit(image) : EFI_OUT_OF_RESOURCES;
	if (EFI_ERROR(status)) {
		initrd_unload(&initrd);
		kernel_unload(&kernel);
		return status;
	}
	enter_kernel(kernel.entry, mbi);
}
