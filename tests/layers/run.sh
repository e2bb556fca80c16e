#!/bin/sh
# Checks of the layer rules (tools/layers.py), as KTAP like the other host
# tests: the tree keeps them; an include that reaches up fails, naming the
# file, the line and both layers; a hook header passes only for the layers
# it is declared for; a private header passes only for its folder (and
# the ones below it), the tools and the tests; the UEFI loader may not use the kernel's headers;
# docs/architecture.md names every header the rules declare.
# Usage: run.sh PYTHON
py=${1:-python3}
layers="$py tools/layers.py"
fx=tests/layers/fixtures
. tests/host/ktap.sh
ktap_begin layers 10
out=$($layers 2>&1); rc=$?
check tree_keeps_the_rules '[ $rc -eq 0 ] && echo "$out" | grep -q " 0 includes against the rules"'
out=$($layers --as kernel/upward.c $fx/upward.c 2>&1); rc=$?
check upward_include_fails '[ $rc -eq 1 ] &&
	echo "$out" | grep -q "^kernel/upward.c:5: error: mm/gfp.h reaches up from layer .kernel. to layer .mm." &&
	[ $(echo "$out" | grep -c ": error: ") -eq 1 ]'
out=$($layers --as kernel/hooks.c $fx/hooks.c 2>&1); rc=$?
check declared_hook_passes '[ $rc -eq 0 ]'
out=$($layers --as boot/hooks.c $fx/hooks.c 2>&1); rc=$?
check hook_of_another_layer_fails '[ $rc -eq 1 ] &&
	echo "$out" | grep -q "^boot/hooks.c:6: error: mm/highmem_hooks.h reaches up from layer .boot." &&
	[ $(echo "$out" | grep -c ": error: ") -eq 1 ]'
out=$($layers --as tests/kernel/private.c $fx/private.c 2>&1); rc=$?
check private_header_passes_for_tests '[ $rc -eq 0 ]'
out=$($layers --as mm/sub/private.c $fx/private.c 2>&1); rc=$?
check private_header_passes_below_its_folder '[ $rc -eq 0 ]'
out=$($layers --as arch/x86/private.c $fx/private.c 2>&1); rc=$?
check private_header_fails_elsewhere '[ $rc -eq 1 ] &&
	echo "$out" | grep -q "^arch/x86/private.c:4: error: mm/pkmap_internal.h is private to mm/"'
out=$($layers --as boot/efi/loader_fixture.c $fx/loader.c 2>&1); rc=$?
check loader_stays_a_program_of_its_own '[ $rc -eq 1 ] &&
	echo "$out" | grep -q "^boot/efi/loader_fixture.c:6: error: kernel/printk.h: the UEFI loader" &&
	[ $(echo "$out" | grep -c ": error: ") -eq 1 ]'
out=$($layers --as user/bin/user_fixture.c $fx/user.c 2>&1); rc=$?
check user_space_shares_only_the_abi '[ $rc -eq 1 ] &&
	echo "$out" | grep -q "^user/bin/user_fixture.c:6: error: kernel/printk.h: user space (user/)" &&
	[ $(echo "$out" | grep -c ": error: ") -eq 1 ]'
out=$($layers --doc docs/architecture.md 2>&1); rc=$?
check architecture_page_names_every_declared_header '[ $rc -eq 0 ]'
ktap_end layers
