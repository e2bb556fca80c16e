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
