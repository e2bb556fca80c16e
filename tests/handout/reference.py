# SPDX-License-Identifier: MIT
"""A lab's files as the kernel's own code would write them: the reference.

reference_files(N, stub_dir) takes the stubs of labs/labN/ and puts in each
stub function the body of the kernel's LAB_EXERCISE(N) definition of the
same name, and after the includes the LAB_SOLUTION(N) blocks of the kernel's
C files (the helpers the bodies call); a stub's HM386_LEGACY_KMAP_USER mark
is dropped. solution_texts(N) are the texts a
handout of lab N must not hold. Both read the full tree (from its top).
"""

import os
import subprocess

from tools import kmap_lint, lab_marks


def tree_sources():
    """The full tree's C files, as git lists them."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others",
                          "--exclude-standard", "*.c", "*.h"], check=True,
                         capture_output=True, text=True).stdout
    return [p for p in out.split() if os.path.isfile(p)
            and not p.startswith("labs/")]


def read_lines(path):
    with open(path) as f:
        return f.read().split("\n")


def solutions(lab):
    """(exercises, blocks): lab @lab's LAB_EXERCISE definitions and the
    LAB_SOLUTION blocks of its C files, each with the file it is in."""
    exercises, blocks = [], []
    for path in tree_sources():
        lines = read_lines(path)
        exercises += [(path, ex) for ex in lab_marks.exercises(lines, path)
                      if ex.lab == lab]
        blocks += [(path, b) for b in lab_marks.blocks(lines, path)
                   if b.lab == lab]
    return exercises, blocks


def solution_texts(lab):
    """[(where, text)]: every exercise body and LAB_SOLUTION block of lab
    @lab, where each comes from; none may appear in lab @lab's handout."""
    exercises, blocks = solutions(lab)
    return ([(f"{path}: {ex.name}()", ex.body) for path, ex in exercises]
            + [(f"{path}:{b.first + 1}: LAB_SOLUTION({lab}) block", b.text)
               for path, b in blocks])


def reference_files(lab, stub_dir):
    """{file name: text}: the stubs in @stub_dir with the kernel's bodies."""
    exercises, blocks = solutions(lab)
    bodies = {ex.name: ex.body for _, ex in exercises}
    helpers = [b.text for _, b in blocks]
    files = {}
    for name in sorted(os.listdir(stub_dir)):
        if not name.endswith(".c"):
            continue
        lines = read_lines(os.path.join(stub_dir, name))
        for fn, body in bodies.items():
            found = lab_marks.function_body(lines, fn, name)
            if found:
                brace, last = found
                lines[brace + 1:last] = body.split("\n")
        # A conversion lab's starting point declares itself a legacy user
        # (lab 9): the kernel's bodies call no deprecated function, and the
        # mark goes with the legacy bodies, as a student's conversion drops
        # it.
        lines = [line for line in lines
                 if not kmap_lint.LEGACY_MARK.match(line)]
        last_include = max(i for i, line in enumerate(lines)
                           if line.startswith("#include"))
        lines[last_include + 1:last_include + 1] = [""] + helpers
        helpers = []
        files[name] = "\n".join(lines)
    return files
