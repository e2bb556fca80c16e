#!/bin/sh
# Run QEMU on this terminal for `make run` and its siblings, then say how
# the kernel left it. Usage: qemu-run.sh QEMU-COMMAND [ARGUMENTS...]
#
# The kernel leaves QEMU through isa-debug-exit (include/kernel/qemu_exit.h):
#   33  `halt`, or every selected self-test passed: success, exit 0
#   35  a self-test failed: the KTAP above names it, exit 35
#   37  a kernel panic or fatal exception: the panic above, exit 37
#   39  the CPU cannot run hm386 (no PAE), exit 39
# Any other status is QEMU's own (0 after Ctrl-a x, 1 for bad options) and
# is passed on unchanged.
#
# SeaBIOS turns the terminal's line wrap off (ESC [ ? 7 l) and nothing
# turns it back on: long lines would stay cut at the terminal's width in
# this shell too. Turn it back on (ESC [ ? 7 h) whatever the status.
"$@"
status=$?
printf '\033[?7h'
case $status in
33)	exit 0 ;;
35)	echo "qemu-run: status 35: a self-test failed, or PID 1 exited with a failure status (see the 'not ok' lines, or 'PID 1 ... exited', above)" >&2 ;;
37)	echo "qemu-run: status 37: the kernel panicked (see 'Kernel panic' above)" >&2 ;;
39)	echo "qemu-run: status 39: this CPU has no PAE; hm386 cannot run on it" >&2 ;;
esac
exit $status
