# Host unit tests of lib/ (see tests/host/test_*.c): one binary per module,
# each linking the module under test and what it calls.
LIB_HDRS := include/types.h $(wildcard include/lib/*.h) tests/host/htest.h

HOST_TESTS += $(B)/host/test_string $(B)/host/test_printf \
	$(B)/host/test_div64 $(B)/host/test_parse $(B)/host/test_sort \
	$(B)/host/test_bytes

$(B)/host/test_string: tests/host/test_string.c lib/string.c $(LIB_HDRS)
	$(host-link)

$(B)/host/test_printf: tests/host/test_printf.c lib/vsprintf.c lib/div64.c \
		lib/string.c $(LIB_HDRS)
	$(host-link)

$(B)/host/test_div64: tests/host/test_div64.c lib/div64.c $(LIB_HDRS)
	$(host-link)

$(B)/host/test_parse: tests/host/test_parse.c lib/parse.c lib/string.c \
		$(LIB_HDRS)
	$(host-link)

$(B)/host/test_sort: tests/host/test_sort.c lib/sort.c $(LIB_HDRS)
	$(host-link)

$(B)/host/test_bytes: tests/host/test_bytes.c $(LIB_HDRS)
	$(host-link)
