#!/bin/sh
# Checks of `make lint` (tools/kmap_lint.py), as KTAP like the other host
# tests: the tree passes; a fixture that calls the deprecated API without
# declaring itself a legacy user fails, naming each call's file:line and
# its conversion (and nothing in comments or strings); a declared legacy
# user's calls are listed as notes and pass; in a lab's code (a folder named
# labs/) the mark is an error and excuses no call. Usage: run.sh PYTHON
py=${1:-python3}
lint="$py tools/kmap_lint.py"
fx=tests/lint/fixtures
. tests/host/ktap.sh
ktap_begin kmap_lint 4
out=$($lint 2>&1); rc=$?
check tree_passes '[ $rc -eq 0 ] && echo "$out" | grep -q " 0 elsewhere"'
out=$($lint $fx/undeclared.c 2>&1); rc=$?
check undeclared_calls_fail '[ $rc -eq 1 ] &&
	echo "$out" | grep -q "^$fx/undeclared.c:12: error: deprecated kmap_atomic().*use kmap_local_page(page)" &&
	echo "$out" | grep -q "^$fx/undeclared.c:14: error: deprecated kunmap_atomic().*use kunmap_local(addr)" &&
	[ $(echo "$out" | grep -c ": error: ") -eq 2 ]'
out=$($lint $fx/declared.c 2>&1); rc=$?
check declared_legacy_user_passes '[ $rc -eq 0 ] &&
	echo "$out" | grep -q "^$fx/declared.c:8: note: deprecated kmap() (legacy user)"'
out=$($lint $fx/labs/declared.c 2>&1); rc=$?
check lab_code_may_not_declare_legacy '[ $rc -eq 1 ] &&
	echo "$out" | grep -q "^$fx/labs/declared.c:5: error: a lab.s code may not declare itself a legacy user" &&
	echo "$out" | grep -q "^$fx/labs/declared.c:10: error: deprecated kmap() (in a lab.s code)" &&
	[ $(echo "$out" | grep -c ": error: ") -eq 2 ]'
ktap_end kmap_lint
