#!/bin/sh
# Turn `nm -n --defined-only` output (on stdin) into an assembly file with
# the kernel's text symbols (weak ones too: lab builds), sorted by address,
# for kernel/ksyms.c:
#   ksyms_count, ksyms_addrs[] (u32), ksyms_name_offsets[] (u32), ksyms_names
# Empty input gives an empty table (the first of the two links).
awk 'BEGIN { n = 0 }
NF == 3 && $2 ~ /^[tTW]$/ && $3 !~ /^(\.|\$|_text_)/ {
	addr[n] = $1; name[n] = $3; n++
}
END {
	print "\t.section .ksyms, \"a\""
	print "\t.balign 4"
	print "\t.globl ksyms_count, ksyms_addrs, ksyms_name_offsets, ksyms_names"
	print "ksyms_count:\t.long " (n + 0)
	print "ksyms_addrs:"
	for (i = 0; i < n; i++) print "\t.long 0x" addr[i]
	print "ksyms_name_offsets:"
	off = 0
	for (i = 0; i < n; i++) { print "\t.long " off; off += length(name[i]) + 1 }
	print "ksyms_names:"
	for (i = 0; i < n; i++) print "\t.asciz \"" name[i] "\""
}'
