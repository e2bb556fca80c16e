# libFuzzer targets of the boot memory map and the multiboot parsers; seeds
# in tests/fuzz/corpus/<target>/ (made by tests/fuzz/gen_seeds.py).
FUZZ_HDRS := include/types.h include/boot/bootinfo.h include/boot/multiboot.h \
	include/boot/efi.h include/mm/memmap.h include/arch/x86/layout.h $(wildcard include/lib/*.h) \
	tests/fuzz/memmap_check.h
FUZZ_MEMMAP_SRCS := mm/memmap.c lib/sort.c lib/vsprintf.c lib/div64.c \
	lib/string.c

FUZZ_TARGETS += $(B)/fuzz/fuzz_memmap $(B)/fuzz/fuzz_multiboot

$(B)/fuzz/fuzz_memmap: tests/fuzz/fuzz_memmap.c $(FUZZ_MEMMAP_SRCS) $(FUZZ_HDRS)
	$(fuzz-link)

$(B)/fuzz/fuzz_multiboot: tests/fuzz/fuzz_multiboot.c boot/multiboot.c boot/efi.c \
		$(FUZZ_MEMMAP_SRCS) $(FUZZ_HDRS)
	$(fuzz-link)
