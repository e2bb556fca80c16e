#!/bin/sh
# Compile-time checks: each tests/compile_fail/*.c names on its first line
# ("// expect: REGEX") the error its compilation must produce, or "OK" when
# it must compile. Prints KTAP like the other host tests; exit 0 if all hold.
# Usage: run.sh CC
cc=${1:-gcc}
flags="-m32 -std=gnu11 -ffreestanding -fno-builtin -Wall -Wextra -Werror -Iinclude -fsyntax-only"
[ "${cc#*clang}" != "$cc" ] && flags="$flags --target=i386-pc-none-elf"
files=$(ls tests/compile_fail/*.c)
n=$(echo "$files" | wc -l)
printf 'KTAP version 1\n1..1\n  KTAP version 1\n  # Subtest: compile_fail\n  1..%d\n' "$n"
i=0 bad=0
for f in $files; do
	i=$((i + 1))
	name=$(basename "$f" .c)
	want=$(sed -n '1s|^// expect: ||p' "$f")
	out=$($cc $flags "$f" 2>&1)
	rc=$?
	if [ "$want" = OK ]; then
		ok=$([ $rc -eq 0 ] && echo y)
	else
		ok=$([ $rc -ne 0 ] && echo "$out" | grep -Eq "$want" && echo y)
	fi
	if [ "$ok" = y ]; then
		echo "  ok $i $name"
	else
		bad=$((bad + 1))
		echo "    # $name: expected ${want}, compiler said (exit $rc):"
		echo "$out" | head -5 | sed 's/^/    # /'
		echo "  not ok $i $name"
	fi
done
[ $bad -eq 0 ] && echo "ok 1 compile_fail" || echo "not ok 1 compile_fail"
[ $bad -eq 0 ]
