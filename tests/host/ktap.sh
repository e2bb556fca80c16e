# KTAP for the host checks written in shell (tests/lint/run.sh,
# tests/layers/run.sh), sourced by them:
#	ktap_begin SUITE N	the header of a suite of N checks
#	check NAME CONDITION	one check: CONDITION is evaluated by the shell;
#				when false, the last lines of $out are shown
#	ktap_end SUITE		the suite's result line; the exit status
bad=0 i=0
ktap_begin() {
	printf 'KTAP version 1\n1..1\n  KTAP version 1\n  # Subtest: %s\n  1..%s\n' "$1" "$2"
}
check() {
	i=$((i + 1))
	if eval "$2"; then
		echo "  ok $i $1"
	else
		bad=$((bad + 1))
		echo "$out" | tail -6 | sed 's/^/    # /'
		echo "  not ok $i $1"
	fi
}
ktap_end() {
	[ $bad -eq 0 ] && echo "ok 1 $1" || echo "not ok 1 $1"
	[ $bad -eq 0 ]
}
