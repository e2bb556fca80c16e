# Host unit tests of the firmware-table parsers: ACPI RSDP/RSDT/XSDT/MADT
# (arch/x86/acpi.c) and the MP specification's tables (arch/x86/mptable.c),
# whose pure halves compile for the host.
ACPI_HDRS := include/types.h include/arch/x86/acpi.h include/arch/x86/mptable.h \
	include/arch/x86/smp.h include/arch/x86/layout.h include/config.h \
	include/lib/bytes.h include/lib/string.h tests/host/htest.h

HOST_TESTS += $(B)/host/test_acpi

$(B)/host/test_acpi: tests/host/test_acpi.c arch/x86/acpi.c arch/x86/mptable.c \
		$(ACPI_HDRS)
	$(host-link)
