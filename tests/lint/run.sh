#!/bin/sh
# Checks of `make lint` (tools/kmap_lint.py), as KTAP like the other host
# tests: the tree passes; a fixture that calls the deprecated API without
# declaring itself a legacy user fails, naming each call's file:line and
# its conversion (and nothing in comments or strings); a declared legacy
# user's calls are listed as notes and pass. Usage: run.sh PYTHON
py=${1:-python3}
lint="$py tools/kmap_lint.py"
fx=tests/lint/fixtures
bad=0 i=0
printf 'KTAP version 1\n1..1\n  KTAP version 1\n  # Subtest: kmap_lint\n  1..3\n'
check() {	# NAME, then a shell condition
	i=$((i + 1))
	if eval "$2"; then
		echo "  ok $i $1"
	else
		bad=$((bad + 1))
		echo "$out" | tail -6 | sed 's/^/    # /'
		echo "  not ok $i $1"
	fi
}
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
[ $bad -eq 0 ] && echo "ok 1 kmap_lint" || echo "not ok 1 kmap_lint"
[ $bad -eq 0 ]
