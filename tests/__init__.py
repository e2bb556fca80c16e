# SPDX-License-Identifier: MIT
"""hm386's tests. A package only so that the runner (tests/hm386test/), its
unit tests (tests/test_runner.py) and its matrix (tests/matrix.py) import
one another from the top of the tree: `python3 -m tests.hm386test`."""
