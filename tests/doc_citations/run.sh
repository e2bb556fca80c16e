#!/bin/sh
# Checks of tools/doc_citations.py, as KTAP like the other host tests: the
# tree's docs pass; a fixture whose citations point where their context says
# passes; one whose lines moved fails, naming each stale citation; a bare
# line number fails. Usage: run.sh PYTHON
py=${1:-python3}
chk="$py tools/doc_citations.py"
fx=tests/doc_citations/fixtures
. tests/host/ktap.sh
ktap_begin doc_citations 4
out=$($chk 2>&1); rc=$?
check tree_docs_pass '[ $rc -eq 0 ] && echo "$out" | grep -q " 0 stale or unchecked"'
out=$($chk $fx/good.md 2>&1); rc=$?
check true_citations_pass '[ $rc -eq 0 ]'
out=$($chk $fx/stale.md 2>&1); rc=$?
check stale_citations_fail '[ $rc -eq 1 ] &&
	echo "$out" | grep -q "sample.c:11: stale, line 11 is not inside mapper()" &&
	echo "$out" | grep -q "sample.c:5: stale, line 5 is not a kmap or kunmap call" &&
	[ $(echo "$out" | grep -c ": stale, ") -eq 2 ]'
out=$($chk $fx/bare.md 2>&1); rc=$?
check bare_line_number_fails '[ $rc -eq 1 ] &&
	echo "$out" | grep -q "sample.c:4: a line number with nothing to check it by"'
ktap_end doc_citations
