#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""hm386 host test runner: `python3 tests/runner.py ARGS` is
`python3 -m tests.hm386test ARGS` (the package tests/hm386test/ says which
module does what). Run as a file, Python puts this file's folder first on
the import path; the runner's imports start at the top of the tree, as
under `python3 -m`, so the top takes that place.
"""

import os
import sys

if __name__ == "__main__":
    sys.path[0] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    from tests.hm386test.cli import main
    sys.exit(main())
