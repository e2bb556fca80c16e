# libFuzzer targets of the boot memory map and the multiboot parsers; seeds
# in tests/fuzz/corpus/<target>/ (made by tests/fuzz/gen_seeds.py).
FUZZ_HDRS := include/types.h include/boot/bootinfo.h include/boot/multiboot.h \
	include/boot/efi_tables.h include/mm/firmware_map.h include/arch/x86/layout.h $(wildcard include/lib/*.h) \
	tests/fuzz/firmware_map_check.h
FUZZ_FIRMWARE_MAP_SRCS := mm/firmware_map.c $(call lab-sources,1) lib/sort.c lib/vsprintf.c lib/div64.c \
	lib/string.c

FUZZ_TARGETS += $(B)/fuzz/fuzz_firmware_map $(B)/fuzz/fuzz_multiboot

$(B)/fuzz/fuzz_firmware_map: tests/fuzz/fuzz_firmware_map.c $(FUZZ_FIRMWARE_MAP_SRCS) $(FUZZ_HDRS)
	$(fuzz-link)

$(B)/fuzz/fuzz_multiboot: tests/fuzz/fuzz_multiboot.c boot/multiboot.c boot/efi_tables.c \
		$(FUZZ_FIRMWARE_MAP_SRCS) $(FUZZ_HDRS)
	$(fuzz-link)

# The newc cpio parser (fs/cpio.c): chunked and whole parses must agree.
FUZZ_TARGETS += $(B)/fuzz/fuzz_cpio

$(B)/fuzz/fuzz_cpio: tests/fuzz/fuzz_cpio.c fs/cpio.c lib/parse.c lib/vsprintf.c lib/div64.c \
		lib/string.c include/fs/cpio.h $(FUZZ_HDRS)
	$(fuzz-link)
