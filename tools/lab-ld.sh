#!/bin/sh
# SPDX-License-Identifier: MIT
# The first link of lab N's kernel (Makefile, "labs"):
#
#   sh tools/lab-ld.sh N DIR "SOURCES" LD ARGS...
#
# runs LD ARGS (a link that discards lab N's exercises, the section
# .text.lab_exercise.N: include/kernel/lab.h). When it fails because the
# kernel still calls an exercise that SOURCES, the student's files, did not
# define, ld's message ("`f' referenced in section ...: defined in discarded
# section `.text.lab_exercise.N' ...", once per call) becomes one sentence
# naming the missing functions and the file that must define them. Any other
# failure prints ld's own messages. Either way the text also goes to
# DIR/link-error.txt (tools/grade.py shows it as the reason of a 0 score),
# DIR/hm386.elf is removed (no stale kernel gets graded) and the status is 1;
# a successful link removes DIR/link-error.txt.
n=$1 dir=$2 sources=$3
shift 3
err="$dir/link-error.txt"
rm -f "$err"
if LC_ALL=C "$@" 2> "$err.ld"; then
	rm -f "$err.ld"
	exit 0
fi
# ld quotes names as `name' (binutils 2.40) or 'name' (later releases).
missing=$(sed -n "s/^[\`']\([A-Za-z_0-9]*\)' referenced in section .*defined in discarded section [\`']\.text\.lab_exercise\.$n'.*/\1/p" \
	"$err.ld" | awk '!seen[$0]++ { printf "%s%s()", sep, $0; sep = ", " }')
if [ -n "$missing" ]; then
	where=${sources:-nothing: labs/lab$n/ has no .c file}
	case $missing in
	*,*) them=them ;;
	*) them=it ;;
	esac
	printf '%s\n' "lab $n: the lab's code does not define $missing." \
		"  Lab $n's kernel has no other version of $them: define $them in $where" \
		"  (the contracts: docs/labs/lab$n.md; \`make grade\` lists each lab's exercises)." \
		> "$err"
else
	cp "$err.ld" "$err"
fi
rm -f "$err.ld" "$dir/hm386.elf"
cat "$err" >&2
exit 1
