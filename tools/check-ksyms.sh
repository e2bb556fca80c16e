#!/bin/sh
# The second link must not move any function: compare the text symbols of
# the link without the symbol table ($1) and with it ($2).
a=$(nm -n --defined-only "$1" | awk '$2 ~ /^[tTW]$/')
b=$(nm -n --defined-only "$2" | awk '$2 ~ /^[tTW]$/')
if [ "$a" != "$b" ]; then
	echo "check-ksyms: text symbols moved between the two links" >&2
	exit 1
fi
