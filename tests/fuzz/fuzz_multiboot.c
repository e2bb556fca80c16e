// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for multiboot1_parse() and multiboot2_parse(). The input:
 *
 *   byte 0     bit 0 clear: multiboot v1; set: multiboot2
 *   bytes 1-2  offset of the information structure in the memory below
 *              (little-endian; may point outside it)
 *   bytes 3..  physical memory starting at FUZZ_PHYS: everything the
 *              loader data may point to
 *
 * The memory is libFuzzer's own buffer, sized exactly, so ASan reports a
 * read the mapper did not grant. After parsing, the boot_info must be
 * consistent, and memmap_sanitize() must turn its map into one that keeps
 * the promises in firmware_map_check.h.
 */
#include <stdint.h>
#include <string.h>

#include <boot/multiboot.h>

#include "firmware_map_check.h"

#define FUZZ_PHYS	0x10000u
#define FUZZ_HEADER	3

static void check_string(const char *s, size_t size, const char *what)
{
	FUZZ_CHECK(strnlen(s, size) < size, "%s not terminated", what);
}

static void check_boot_info(const struct boot_info *bi, bool v2, int ret,
			    u32 mbi_phys)
{
	enum boot_path path = v2 ? BOOT_PATH_MULTIBOOT2 : BOOT_PATH_MULTIBOOT1;
	u32 i;

	FUZZ_CHECK(bi->path == path, "path %d", bi->path);
	FUZZ_CHECK(ret == 0 || ret == MB_EUNMAPPED || ret == MB_EBADSIZE ||
		   ret == MB_EBADTAG || ret == MB_ENOEND, "ret %d", ret);
	FUZZ_CHECK(v2 || ret == 0 || ret == MB_EUNMAPPED, "v1 ret %d", ret);
	FUZZ_CHECK(bi->mmap_count <= BOOT_MMAP_MAX, "%u entries",
		   bi->mmap_count);
	FUZZ_CHECK(bi->has_mmap == (bi->mmap_count > 0), "has_mmap %d, %u",
		   bi->has_mmap, bi->mmap_count);
	FUZZ_CHECK(!bi->mmap_truncated || bi->mmap_count == BOOT_MMAP_MAX,
		   "truncated at %u", bi->mmap_count);
	FUZZ_CHECK(bi->nr_modules <= BOOT_MODULES_MAX, "%u modules",
		   bi->nr_modules);
	check_string(bi->cmdline, sizeof(bi->cmdline), "cmdline");
	check_string(bi->loader_name, sizeof(bi->loader_name), "loader name");
	for (i = 0; i < bi->nr_modules; i++) {
		FUZZ_CHECK(bi->modules[i].start <= bi->modules[i].end,
			   "module %u backwards", i);
		check_string(bi->modules[i].cmdline,
			     sizeof(bi->modules[i].cmdline), "module cmdline");
	}
	if (!v2) {
		FUZZ_CHECK(!bi->efi && !bi->acpi_rsdp, "v1 with EFI or ACPI");
	} else if (bi->acpi_rsdp) {
		/* Inside a tag, past the fixed header and a tag header. */
		u64 tag_phase = bi->acpi_rsdp - mbi_phys;

		FUZZ_CHECK(bi->acpi_rsdp >= (u64)mbi_phys + 16 &&
			   tag_phase % MB2_TAG_ALIGN == 0,
			   "RSDP at 0x%" PRIx64, bi->acpi_rsdp);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct boot_info bi;
	struct boot_window window;
	struct boot_mapper mapper = { boot_window_map, &window };
	bool v2;
	u32 mbi_phys;
	int ret;

	if (size < FUZZ_HEADER)
		return 0;
	v2 = data[0] & 1;
	mbi_phys = FUZZ_PHYS + (data[1] | (u32)data[2] << 8);
	window.phys = FUZZ_PHYS;
	window.size = size - FUZZ_HEADER;
	window.virt = data + FUZZ_HEADER;

	ret = v2 ? multiboot2_parse(mbi_phys, &mapper, &bi)
		 : multiboot1_parse(mbi_phys, &mapper, &bi);
	check_boot_info(&bi, v2, ret, mbi_phys);

	ret = memmap_sanitize(bi.mmap, &bi.mmap_count, BOOT_MMAP_MAX);
	if (ret == MEMMAP_EOVERFLOW) {
		FUZZ_CHECK(bi.mmap_count == 0, "count %u after overflow",
			   bi.mmap_count);
		return 0;
	}
	memmap_check_sanitized(bi.mmap, bi.mmap_count, BOOT_MMAP_MAX, ret);
	return 0;
}
