# Host unit tests of the monitor's line editor (lib/lineedit.c).
HOST_TESTS += $(B)/host/test_lineedit

$(B)/host/test_lineedit: tests/host/test_lineedit.c lib/lineedit.c lib/string.c \
		include/lib/lineedit.h $(LIB_HDRS)
	$(host-link)
