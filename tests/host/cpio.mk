# Host unit test of the newc cpio parser (fs/cpio.c), with the lib/ code it
# calls. It reads the fuzz seed made by Debian's cpio: run it from the top.
CPIO_HDRS := include/types.h include/fs/cpio.h include/uapi/hm386/stat.h tests/cpio_put.h \
	$(wildcard include/lib/*.h) tests/host/htest.h
CPIO_SRCS := fs/cpio.c lib/parse.c lib/vsprintf.c lib/div64.c lib/string.c

HOST_TESTS += $(B)/host/test_cpio

$(B)/host/test_cpio: tests/host/test_cpio.c $(CPIO_SRCS) $(CPIO_HDRS)
	$(host-link)
