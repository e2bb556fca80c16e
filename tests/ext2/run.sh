#!/bin/sh
# The ext2 round trips as a host test (tests/ext2/roundtrip.py, docs/ext2.md):
# KTAP on stdout, exit 0 when every case passed. Images and the guests'
# serial logs: build/ext2/.
# Usage: run.sh PYTHON
exec "${1:-python3}" -m tests.ext2.roundtrip
