#!/bin/sh
# Checks of tools/qemu-run.sh, the wrapper of `make run` and its siblings,
# as KTAP like the other host tests. A stand-in for QEMU exits with each
# status the kernel can leave QEMU with: 33 (halt, all tests passed) must
# be success, 35, 37 and 39 must stay failures and say what they mean,
# QEMU's own statuses pass through, and line wrap is turned back on after
# every one. Usage: run.sh [PYTHON] (unused: the checks need only sh).
run=tools/qemu-run.sh
wrap_on=$(printf '\033[?7h')
nl='
'
. tests/host/ktap.sh
ktap_begin qemu_run 6
out=$(sh $run sh -c 'echo booted; exit 33' 2>&1); rc=$?
check pass_status_is_success '[ $rc -eq 0 ] && [ "$out" = "booted$nl$wrap_on" ]'
out=$(sh $run sh -c 'exit 35' 2>&1); rc=$?
check test_failure_fails '[ $rc -eq 35 ] &&
	echo "$out" | grep -q "status 35: a self-test failed"'
out=$(sh $run sh -c 'exit 37' 2>&1); rc=$?
check panic_fails '[ $rc -eq 37 ] &&
	echo "$out" | grep -q "status 37: the kernel panicked"'
out=$(sh $run sh -c 'exit 39' 2>&1); rc=$?
check no_pae_fails '[ $rc -eq 39 ] && echo "$out" | grep -q "status 39: .*no PAE"'
out=$(sh $run sh -c 'exit 1' 2>&1); rc=$?
check qemu_error_passes_through '[ $rc -eq 1 ] && [ "$out" = "$wrap_on" ]'
out=$(sh $run sh -c 'printf "\033[?7l"; exit 0' 2>&1); rc=$?
check wrap_turned_back_on '[ $rc -eq 0 ] &&
	[ "${out##*$(printf "\033")}" = "[?7h" ]'
ktap_end qemu_run
