# The wrapper of `make run` and its siblings (tools/qemu-run.sh): QEMU's
# exit statuses and the terminal's line wrap (tests/qemu_run/run.sh), run by
# the host runner like a host unit test.
HOST_TESTS += $(B)/host/qemu_run
$(B)/host/qemu_run: tests/qemu_run/run.sh tests/host/ktap.sh tools/qemu-run.sh
	$(call host-script,tests/qemu_run/run.sh)
