#!/bin/sh
# sparse (Debian's package), as Linux runs it with C=1: the kernel's C files
# keep user pointers (__user) apart from kernel ones. The tree passes with
# no warning; a kernel dereference of a user pointer and a user pointer
# passed where a kernel pointer is expected each fail, naming the line.
# Usage: run.sh PYTHON (unused: the checks are make's)
. tests/host/ktap.sh
ktap_begin sparse 3
out=$(make -s sparse 2>&1); rc=$?
check tree_has_no_warnings '[ $rc -eq 0 ] && echo "$out" | grep -q "^sparse: [0-9]* files, no warnings$"'
out=$(make -s sparse-file F=tests/sparse/fixtures/user_deref.c 2>&1); rc=$?
check user_dereference_fails '[ $rc -ne 0 ] &&
	echo "$out" | grep -q "user_deref.c:9:17: warning: dereference of noderef expression"'
out=$(make -s sparse-file F=tests/sparse/fixtures/user_cast.c 2>&1); rc=$?
check user_pointer_as_kernel_pointer_fails '[ $rc -ne 0 ] &&
	echo "$out" | grep -q "user_cast.c:10:.*different address spaces"'
ktap_end sparse
