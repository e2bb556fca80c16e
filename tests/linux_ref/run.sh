#!/bin/sh
# The Linux reference run of user space as a host test: every /tests
# program on Debian's 686-pae Linux (tools/linux_ref.py), its KTAP on
# stdout, exit 0 when all passed. The guest's log: build/linux/linux-ref.log.
# Usage: run.sh PYTHON
exec "${1:-python3}" -m tools.linux_ref
