#!/bin/sh
# Checks of `make lint` and `make lint-fix` (tools/cocci_lint.py, the
# semantic patches of tools/cocci/, the text rules of tools/kmap_lint.py),
# as KTAP like the other host tests. The tree passes. On the fixtures of
# tests/lint/fixtures/: every deprecated call outside a declared legacy
# user is an error naming its file:line and conversion (and nothing in
# comments or strings is); a legacy user's calls are notes with the reason
# its mark gives, and a mark without a reason is an error; in a lab's code
# the mark is an error and excuses no call; a call spatch could not parse
# is still caught; `--fix` rewrites exactly the simple kmap_atomic() pairs,
# as a patch that applies; each rule that needs a person fires at its site
# and not on correct code; and the legacy-style directory code gets every
# pitfall flagged. Usage: run.sh PYTHON
py=${1:-python3}
lint="$py -m tools.cocci_lint"
fx=tests/lint/fixtures
. tests/host/ktap.sh
# $(flag FILE LINE RULE): true when the output has warning RULE at FILE:LINE.
flag() {
	echo "$out" | grep -q "^$fx/$1:$2: warning: $3: "
}
ktap_begin kmap_lint 12

out=$($lint 2>&1); rc=$?
check tree_passes '[ $rc -eq 0 ] && echo "$out" | grep -q "^cocci_lint: 0 errors, [1-9][0-9]* deprecated calls in declared legacy users"'

out=$($lint $fx/undeclared.c 2>&1); rc=$?
check undeclared_calls_fail '[ $rc -eq 1 ] &&
	echo "$out" | grep -q "^$fx/undeclared.c:12: error: deprecated kmap_atomic() (not a declared legacy user.*use kmap_local_page(page)" &&
	echo "$out" | grep -q "^$fx/undeclared.c:14: error: deprecated kunmap_atomic() (not a declared legacy user.*use kunmap_local(addr)" &&
	[ $(echo "$out" | grep -c ": error: ") -eq 2 ]'

out=$($lint $fx/declared.c 2>&1); rc=$?
check declared_legacy_user_passes '[ $rc -eq 0 ] &&
	echo "$out" | grep -q "^$fx/declared.c:8: note: deprecated kmap() (legacy user: shares the address with a worker)"'

out=$($lint $fx/no_reason.c 2>&1); rc=$?
check mark_without_reason_fails '[ $rc -eq 1 ] &&
	echo "$out" | grep -q "^$fx/no_reason.c:3: error: HM386_LEGACY_KMAP_USER without its reason" &&
	[ $(echo "$out" | grep -c ": error: ") -eq 1 ]'

out=$($lint $fx/labs/declared.c 2>&1); rc=$?
check lab_code_may_not_declare_legacy '[ $rc -eq 1 ] &&
	echo "$out" | grep -q "^$fx/labs/declared.c:5: error: a lab.s code may not declare itself a legacy user" &&
	echo "$out" | grep -q "^$fx/labs/declared.c:10: error: deprecated kmap() (in a lab.s code)" &&
	[ $(echo "$out" | grep -c ": error: ") -eq 2 ]'

out=$($lint $fx/unparsable.c 2>&1); rc=$?
check unparsed_call_still_caught '[ $rc -eq 1 ] &&
	echo "$out" | grep -q "^$fx/unparsable.c:8: error: kmap() found in the text but not by Coccinelle"'

patch=$(mktemp) && trap 'rm -f "$patch"' EXIT
out=$($lint --fix "$patch" $fx/simple_atomic.c 2>&1; cat "$patch"); rc=$?
check simple_pairs_rewritten '[ $rc -eq 0 ] &&
	echo "$out" | grep -q "^cocci_lint: 2 simple kmap_atomic() pairs converted" &&
	echo "$out" | grep -q "^+	const u32 \*w = kmap_local_page(page);" &&
	echo "$out" | grep -q "^+	kunmap_local(w);" &&
	echo "$out" | grep -q "^+	p = kmap_local_page(page);" &&
	echo "$out" | grep -q "^+	kunmap_local(p);" &&
	[ $(echo "$out" | grep -c "^-.*kmap_atomic(") -eq 2 ] &&
	[ $(echo "$out" | grep -c "^-.*kunmap_atomic(") -eq 2 ] &&
	[ $(echo "$out" | grep -c "^+[^+]") -eq 4 ] &&
	git apply --check "$patch"'

out=$($lint --all $fx/judgement.c 2>&1); rc=$?
check each_judgement_rule_fires '[ $rc -eq 0 ] &&
	flag judgement.c 16 user-copy && flag judgement.c 26 per-cpu &&
	flag judgement.c 32 escape && flag judgement.c 41 escape &&
	flag judgement.c 50 unmap-mismatch && flag judgement.c 58 unmap-mismatch &&
	flag judgement.c 67 unmap-order && flag judgement.c 74 page-address'
check correct_code_not_flagged '! echo "$out" | grep -q "^$fx/judgement.c:\(8[0-9]\|9[0-9]\): warning:" &&
	[ $(echo "$out" | grep -c ": warning: ") -eq 12 ]'

out=$($lint --all $fx/legacy_dir.c 2>&1); rc=$?
check legacy_directory_code_pitfalls_flagged '[ $rc -eq 0 ] &&
	flag legacy_dir.c 24 unmap-elsewhere && flag legacy_dir.c 30 unmap-elsewhere &&
	flag legacy_dir.c 47 page-address && flag legacy_dir.c 74 unmap-order &&
	echo "$out" | grep -q "^$fx/legacy_dir.c:24: note: deprecated kmap()" &&
	echo "$out" | grep -q "^$fx/legacy_dir.c:30: note: deprecated kunmap()" &&
	[ $(echo "$out" | grep -c ": warning: ") -eq 4 ]'

out=$($lint $fx/legacy_dir.c 2>&1); rc=$?
check legacy_users_judgement_counted_not_listed '[ $rc -eq 0 ] &&
	! echo "$out" | grep -q ": warning: " &&
	echo "$out" | grep -q "(4 more in legacy users: --all)"'
# Lab 9's starting point (labs/lab9/dir.c, the legacy directory code): a
# lab file that may declare itself a legacy user in the tree, and whose
# four pitfalls the rules flag: page_address() of the get helper's page,
# the entry read after its put, the address handed to a thread, the two
# pages put in the order they were got.
out=$($lint --all labs/lab9/dir.c 2>&1); rc=$?
lab9() {
	echo "$out" | grep -q "^labs/lab9/dir.c:[0-9]*: warning: $1: .*$2"
}
check lab9_legacy_pitfalls_flagged '[ $rc -eq 0 ] &&
	echo "$out" | grep -q "^labs/lab9/dir.c:[0-9]*: note: deprecated kmap() (legacy user: lab 9" &&
	lab9 page-address "ext2_get_page() mapped and handed back" &&
	lab9 use-after-unmap "de is used after ext2_put_page()" &&
	lab9 escape "handed to a new thread (kthread_run())" &&
	lab9 unmap-order "put with ext2_put_page() in the order they were got"'
ktap_end kmap_lint
