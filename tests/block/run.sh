#!/bin/sh
# The ATA driver's sectors checked in the image file (tests/block/
# disk_image.py), as a host test: KTAP on stdout, exit 0 when all passed.
# Usage: run.sh PYTHON
exec "${1:-python3}" tests/block/disk_image.py
