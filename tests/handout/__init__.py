# SPDX-License-Identifier: MIT
"""The handouts' own tests (docs/testing.md): every handout holds no solution
and grades as it should (check.py), and the Gradescope autograder works on a
fake /autograder layout (gradescope.py). reference.py makes a lab's files
from the kernel's own code, the submission that must score full marks."""
