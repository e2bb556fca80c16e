# SPDX-License-Identifier: MIT
"""`python3 -m tests.hm386test`: the runner's command line (cli.py)."""

import sys

from .cli import main

sys.exit(main())
