#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the handout of a lab: the tree a student of lab N receives.

    make handout N      build/handout-labN/ and build/hm386-labN.tar.gz
    python3 -m tools.handout N --out DIR [--tar FILE]   (from the top)

The handout is the tree's files (git's list: tracked and new files, not
build/ or anything ignored, never .git) with lab N's solutions left out
(tools/lab_marks.py): each LAB_EXERCISE(N) definition becomes its
declaration, LAB_SOLUTION(N) and NOT_IN_HANDOUT blocks go, and so do the
files in LEFT_OUT (the teachers' notes, the other labs' stubs, the labs'
own checks and these tools). labs/handout.mk says which lab the tree is
the handout of: the Makefile then builds every kernel as lab N's, with
labs/labN/ (docs/labs/README.md, "Handouts").
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import textwrap

from tools import lab_marks

# Left out of every handout: paths, or folders ending in "/".
LEFT_OUT = (
    "docs/labs/teaching.md",     # the questions' answers, for teachers
    "tests/labs/",               # wrong variants, some close to the answer
    "tests/host/labs.mk",        # grades the kernel's code against the stubs
    "tests/handout/",            # the handouts' own test
    "tests/host/handout.mk",
    "tools/handout.py",
    "tools/lab_marks.py",
    "tools/gradescope/",         # the teacher's autograder
)
C_SUFFIXES = (".c", ".h")
HANDOUT_MK = "labs/handout.mk"


def tree_files():
    """The tree's files, as git lists them (tracked, and new files not
    ignored), sorted; only those that exist (a deleted file is listed until
    its deletion is committed)."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others",
                          "--exclude-standard", "-z"], check=True,
                         capture_output=True).stdout.decode()
    return sorted(p for p in set(out.split("\0")) if p and os.path.isfile(p))


def left_out(path, lab):
    """True when @path is not part of lab @lab's handout."""
    if path.startswith("labs/lab") and not path.startswith(f"labs/lab{lab}/"):
        return True
    return any(path == p or (p.endswith("/") and path.startswith(p))
               for p in LEFT_OUT)


def declaration(ex):
    """What a handout keeps of an exercise's definition."""
    return [f"/* Lab {ex.lab}'s exercise: you write it in labs/lab{ex.lab}/ "
            f"(docs/labs/lab{ex.lab}.md). */",
            ex.head.rstrip() + ";"]


def strip_text(text, lab, path):
    """(@text of file @path without lab @lab's solutions, {old line number:
    new line number} of the lines kept, both counted from 1)."""
    lines = text.split("\n")
    drop, replace = set(), {}
    for block in lab_marks.blocks(lines, path):
        if block.lab in (0, lab):
            drop.update(range(block.first, block.last + 1))
    if path.endswith(C_SUFFIXES):
        for ex in lab_marks.exercises(lines, path):
            if ex.lab == lab:
                drop.update(range(ex.first, ex.last + 1))
                replace[ex.first] = declaration(ex)
    out, moved = [], {}
    for i, line in enumerate(lines):
        out.extend(replace.get(i, ()))
        if i not in drop:
            out.append(line)
            moved[i + 1] = len(out)
    return "\n".join(out), moved


CITATION = re.compile(r"\b([\w./-]+\.(?:c|h|asm)):(\d+)\b")


def move_citations(text, line_maps):
    """@text with each FILE:LINE of a file the handout changed pointing at
    the same line in the handout's copy (just FILE where that line is a
    solution and gone): the docs' quotes stay true (tools/doc_citations.py)."""
    def moved(m):
        line_map = line_maps.get(m.group(1))
        if line_map is None:
            return m.group(0)
        new = line_map.get(int(m.group(2)))
        return f"{m.group(1)}:{new}" if new else m.group(1)
    return CITATION.sub(moved, text)


def readme_note(lab):
    """The paragraph the handout's README.md opens with."""
    return [""] + textwrap.wrap(
        f"**This tree is the handout of lab {lab}** "
        f"([`docs/labs/lab{lab}.md`](docs/labs/lab{lab}.md)). Lab {lab}'s "
        f"exercise functions are yours to write in `labs/lab{lab}/`: the "
        "kernel holds no code of them, and every kernel this tree builds "
        f"links your file (`make`, `make run`, `make lab {lab}`, "
        f"`make grade {lab}`, `make gdb` alike). `make test` runs the whole "
        "test suite on that kernel: it passes once your code is right and "
        f"nothing else is broken; until then `make grade {lab}` shows where "
        "you stand.", width=80, break_on_hyphens=False)


def write_handout(lab, out_dir, rev):
    """Write lab @lab's handout into @out_dir (emptied first)."""
    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    files, line_maps = {}, {}
    for path in tree_files():
        if left_out(path, lab):
            continue
        with open(path, "rb") as f:
            data = f.read()
        try:
            text = data.decode("utf-8") if b"\0" not in data else None
        except UnicodeDecodeError:
            text = None
        if text is not None:
            stripped, line_map = strip_text(text, lab, path)
            if stripped != text:
                line_maps[path] = line_map
            text = stripped
        files[path] = (data, text)
    for path, (data, text) in files.items():
        if text is not None:
            if not path.endswith(C_SUFFIXES):
                text = move_citations(text, line_maps)
            if path == "README.md":
                lines = text.split("\n")
                text = "\n".join(lines[:1] + readme_note(lab) + lines[1:])
            data = text.encode("utf-8")
        dest = os.path.join(out_dir, path)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "wb") as f:
            f.write(data)
        shutil.copymode(path, dest)
    with open(os.path.join(out_dir, HANDOUT_MK), "w") as f:
        f.write(f"# The handout of lab {lab}, made by `make handout {lab}` "
                f"from hm386 {rev}.\n# Every kernel of this tree is lab "
                f"{lab}'s, built with labs/lab{lab}/ (docs/labs/README.md).\n"
                f"HANDOUT_LAB := {lab}\n")


def anonymous(info):
    """A tar member owned by nobody in particular (root, no names)."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def write_tar(out_dir, tar_path, top):
    """@out_dir as a .tar.gz whose files lie under @top/."""
    with tarfile.open(tar_path, "w:gz") as tar:
        for root, dirs, files in os.walk(out_dir):
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                arcname = os.path.join(top, os.path.relpath(path, out_dir))
                tar.add(path, arcname, filter=anonymous)


def git_rev():
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "nogit"


def main(argv=None):
    p = argparse.ArgumentParser(prog="handout.py", description="Write the "
                                "handout of a lab (docs/labs/README.md).")
    p.add_argument("lab", type=int)
    p.add_argument("--out", help="the handout's folder (default "
                   "build/handout-labN)")
    p.add_argument("--tar", help="also write this .tar.gz")
    args = p.parse_args(argv)
    labs = sorted(int(d[3:]) for d in os.listdir("labs")
                  if d.startswith("lab") and d[3:].isdigit())
    if args.lab not in labs:
        p.error(f"no lab {args.lab}: the labs are "
                + ", ".join(map(str, labs)))
    if os.path.exists(HANDOUT_MK):
        p.error("this tree is a handout: handouts are made from the full "
                "tree")
    out = args.out or f"build/handout-lab{args.lab}"
    try:
        write_handout(args.lab, out, git_rev())
    except lab_marks.MarkError as e:
        print(f"handout: {e}", file=sys.stderr)
        return 1
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"handout: {e}: handouts are made from the top of hm386's git "
              "tree", file=sys.stderr)
        return 1
    if args.tar:
        write_tar(out, args.tar, f"hm386-lab{args.lab}")
    print(f"lab {args.lab} handout: {out}/"
          + (f" and {args.tar}" if args.tar else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
