# Host unit tests of the firmware memory map (mm/firmware_map.c) and the
# multiboot parsers (boot/multiboot.c), each linking the module under test and the
# lib/ code it calls.
FIRMWARE_MAP_HDRS := include/types.h include/boot/bootinfo.h include/boot/multiboot.h \
	include/boot/efi_tables.h include/mm/firmware_map.h include/arch/x86/layout.h $(wildcard include/lib/*.h) \
	tests/host/htest.h
FIRMWARE_MAP_SRCS := mm/firmware_map.c $(call lab-sources,1) lib/sort.c lib/vsprintf.c lib/div64.c lib/string.c

HOST_TESTS += $(B)/host/test_firmware_map $(B)/host/test_multiboot

$(B)/host/test_firmware_map: tests/host/test_firmware_map.c $(FIRMWARE_MAP_SRCS) $(FIRMWARE_MAP_HDRS)
	$(host-link)

$(B)/host/test_multiboot: tests/host/test_multiboot.c boot/multiboot.c boot/efi_tables.c \
		$(FIRMWARE_MAP_SRCS) $(FIRMWARE_MAP_HDRS)
	$(host-link)
