# The step count of Linux's kmap_local_page() (tools/linux_kmap_steps.py,
# part of `make bench`; docs/benchmarks.md), run by the host runner like a
# host unit test with two pairs: Debian's 686-pae kernel boots twice (about
# 10 s), /bin/ksym finds the two functions in /proc/kallsyms, and GDB steps
# each call to its return. It judges that the pairs were found and stepped,
# not their counts.
HOST_TESTS += $(B)/host/linux_kmap_steps
$(B)/host/linux_kmap_steps: tests/linux_ref/kmap_steps.sh \
		tools/linux_kmap_steps.py $(B)/initramfs.cpio $(LINUX)/vmlinuz \
		$(LINUX)/console.cpio
	$(call host-script,tests/linux_ref/kmap_steps.sh)
