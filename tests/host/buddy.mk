# Host unit tests of the buddy allocator (mm/buddy.c), with the lib/ code
# that buddy_check() formats its reasons with.
HOST_TESTS += $(B)/host/test_buddy

$(B)/host/test_buddy: tests/host/test_buddy.c mm/buddy.c $(call lab-sources,3) lib/vsprintf.c \
		lib/string.c lib/div64.c tests/host/htest.h include/types.h \
		include/mm/buddy.h include/mm/mmzone.h include/mm/page.h \
		include/kernel/spinlock_types.h \
		include/lib/list.h include/lib/printf.h
	$(host-link)
