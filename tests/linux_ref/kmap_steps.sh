#!/bin/sh
# The step count of Linux's kmap_local_page() as a host test
# (tools/linux_kmap_steps.py): two pairs stepped, KTAP on stdout, exit 0
# when both were found and stepped to their return.
# Usage: kmap_steps.sh PYTHON
exec "${1:-python3}" -m tools.linux_kmap_steps --pairs 2 --ktap
