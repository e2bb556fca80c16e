# ext2 on the host (docs/ext2.md, "Tests"): the validators' unit test on
# the seeds Debian's mke2fs and debugfs made (with the fuzz target linked
# in, so every seed runs through its promises), and the libFuzzer target.
EXT2_CHECK_HDRS := include/types.h fs/ext2/ext2_fs.h fs/ext2/check.h \
	include/uapi/hm386/errno.h include/uapi/hm386/stat.h tests/host/htest.h
EXT2_SEEDS := $(wildcard tests/fuzz/corpus/fuzz_ext2/*)

HOST_TESTS += $(B)/host/test_ext2_check
$(B)/host/test_ext2_check: tests/host/test_ext2_check.c tests/fuzz/fuzz_ext2.c \
		fs/ext2/check.c $(EXT2_CHECK_HDRS) $(EXT2_SEEDS)
	$(call quiet,HOSTCC,$@)mkdir -p $(@D) && $(HOST_CC) $(HOST_CFLAGS) -I. \
		-o $@ $(filter %.c,$^)

FUZZ_TARGETS += $(B)/fuzz/fuzz_ext2
$(B)/fuzz/fuzz_ext2: tests/fuzz/fuzz_ext2.c fs/ext2/check.c $(EXT2_CHECK_HDRS)
	$(call quiet,FUZZCC,$@)mkdir -p $(@D) && $(FUZZ_CC) $(FUZZ_CFLAGS) -I. \
		-o $@ $(filter %.c,$^)

# The round trips (tests/ext2/roundtrip.py): hm386 boots on images Debian's
# mke2fs and debugfs made and judged by e2fsck -fn and debugfs, 1 KiB, 2 KiB
# and 4 KiB blocks, two of them at 8 GiB (page cache above 4 GiB, bounced
# DMA), and the damaged images of tests/ext2/corrupt.py. About 35 s.
HOST_TESTS += $(B)/host/ext2_roundtrip
$(B)/host/ext2_roundtrip: tests/ext2/run.sh $(wildcard tests/ext2/*.py) \
		$(B)/hm386.elf $(B)/initramfs.cpio
	$(call host-script,tests/ext2/run.sh)
