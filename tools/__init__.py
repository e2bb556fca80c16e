# SPDX-License-Identifier: MIT
"""hm386's host tools. A package so that tools run as modules from the top of
the tree (`python3 -m tools.bench`, `python3 -m tools.grade`) import the test
runner as a package, tests.hm386test."""
