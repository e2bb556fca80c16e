# The Linux reference run of user space (tools/linux_ref.py, `make
# linux-ref`; docs/processes.md, "User space"), run by the host runner like
# a host unit test: it boots Debian's 686-pae kernel with
# build/initramfs.cpio in about 5 s, then the same archive on hm386, whose
# programs must end every check as they did on Linux. Building it fetches the kernel once
# (tools/linux-image.sh), which says so when it cannot.
HOST_TESTS += $(B)/host/linux_ref
$(B)/host/linux_ref: tests/linux_ref/run.sh tools/linux_ref.py tools/linux_guest.py \
		$(B)/initramfs.cpio $(LINUX)/vmlinuz $(LINUX)/console.cpio \
		$(B)/hm386.elf
	$(call host-script,tests/linux_ref/run.sh)
