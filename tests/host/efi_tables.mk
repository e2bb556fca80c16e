# Host unit tests of the EFI memory-map conversion and system-table parsing
# (boot/efi_tables.c), with the memory-map sanitizer that takes the result
# (in the handout of lab 1, with the student's keep_piece() and memmap_clip()).
HOST_TESTS += $(B)/host/test_efi_tables

$(B)/host/test_efi_tables: tests/host/test_efi_tables.c boot/efi_tables.c \
		mm/firmware_map.c $(call lab-sources,1) lib/sort.c lib/vsprintf.c lib/div64.c \
		lib/string.c include/boot/efi_tables.h \
		include/boot/bootinfo.h include/mm/firmware_map.h include/types.h \
		tests/host/htest.h
	$(host-link)
