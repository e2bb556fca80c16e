# Host unit tests of the boot memory map (mm/memmap.c) and the multiboot
# parsers (boot/multiboot.c), each linking the module under test and the
# lib/ code it calls.
MEMMAP_HDRS := include/types.h include/boot/bootinfo.h include/boot/multiboot.h \
	include/boot/efi.h include/mm/memmap.h include/arch/x86/layout.h $(wildcard include/lib/*.h) \
	tests/host/htest.h
MEMMAP_SRCS := mm/memmap.c lib/sort.c lib/vsprintf.c lib/div64.c lib/string.c

HOST_TESTS += $(B)/host/test_memmap $(B)/host/test_multiboot

$(B)/host/test_memmap: tests/host/test_memmap.c $(MEMMAP_SRCS) $(MEMMAP_HDRS)
	$(host-link)

$(B)/host/test_multiboot: tests/host/test_multiboot.c boot/multiboot.c boot/efi.c \
		$(MEMMAP_SRCS) $(MEMMAP_HDRS)
	$(host-link)
