# Host unit tests of the EFI memory-map conversion and system-table parsing
# (boot/efi.c), with the memory-map sanitizer that takes the result.
HOST_TESTS += $(B)/host/test_efi

$(B)/host/test_efi: tests/host/test_efi.c boot/efi.c mm/memmap.c lib/sort.c \
		lib/vsprintf.c lib/div64.c lib/string.c include/boot/efi.h \
		include/boot/bootinfo.h include/mm/memmap.h include/types.h \
		tests/host/htest.h
	$(host-link)
