#!/bin/sh
# SPDX-License-Identifier: MIT
# Gradescope runs this once, as root, when it builds the autograder's image
# (docs/labs/README.md, "Autograding"). The autograder's zip holds it,
# run_autograder and the handout, hm386-labN.tar.gz: install the Debian
# packages hm386 builds and boots with, as the handout's tools/deps.sh lists
# them, then build the handout once (run_autograder --prepare), so that
# each submission only compiles its own files.
set -eu
root=${AUTOGRADER_ROOT:-/autograder}
tmp=$(mktemp -d)
tar -xzf "$root"/source/hm386-lab*.tar.gz -C "$tmp"
sh "$tmp"/hm386-lab*/tools/deps.sh
rm -rf "$tmp"
python3 "$root"/source/run_autograder --prepare
