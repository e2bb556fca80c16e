#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""kmap_lint: the text-level rules of the deprecated-kmap lint.

`make lint` is tools/cocci_lint.py, on Coccinelle. What a semantic patch
cannot say is here, for it and for tools/grade.py:

- who may call the deprecated API: a file that declares itself a legacy
  user (`#define HM386_LEGACY_KMAP_USER`, the compiler's own switch), with
  its reason in a comment on that line (the list of legacy users is the
  list of marks; a mark without a reason is an error); a lab's code (a file
  in a folder named labs/) may not carry the mark, and its calls are
  errors; except the starting point a conversion lab ships in the tree
  (labs/labN/FILE.c, lab 9's legacy directory code): in `make lint` it may
  declare itself a legacy user with its reason, but graded as lab code
  (lab_code_problems(): tools/grade.py) the mark and the calls are errors,
  so the legacy code, as a naive conversion, loses the lint's point;
- a plain scan of the text for the calls (comments, strings and
  preprocessor lines excluded), so that code spatch could not parse is not
  skipped silently, and so that grading a lab needs no spatch
  (lab_code_problems()).

The API's own headers (include/mm/highmem.h, include/mm/highmem-internal.h)
are not scanned.
"""
import os
import re

TREE = ["arch", "boot", "include", "kernel", "lib", "labs", "mm", "top",
        "tests/kernel", "tests/bench"]
SKIP = {os.path.normpath("include/mm/highmem.h"),
        os.path.normpath("include/mm/highmem-internal.h")}
LEGACY_MARK = re.compile(r"^[ \t]*#[ \t]*define[ \t]+HM386_LEGACY_KMAP_USER\b"
                         r"(?P<rest>[^\n]*)", re.M)
REASON = re.compile(r"/\*\s*(?P<reason>\S.*?)\s*\*/|//\s*(?P<line>\S.*)")
DEPRECATED = ("kmap", "kunmap", "kmap_atomic", "kmap_atomic_prot",
              "kmap_atomic_pfn", "kunmap_atomic")
CALL = re.compile(r"(?<![\w.>])(" + "|".join(sorted(DEPRECATED, key=len, reverse=True))
                  + r")\s*\(")
# Comments and literals, replaced by blanks of the same shape (lines kept).
NOISE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                   re.S)


def blank(match):
    return re.sub(r"[^\n]", " ", match.group(0))


def calls_in(text):
    """Yield (line number, name) of each deprecated call in C source @text."""
    code = NOISE.sub(blank, text)
    for m in CALL.finditer(code):
        line_start = code.rfind("\n", 0, m.start()) + 1
        if code[line_start:m.start()].lstrip().startswith("#"):
            continue        # a preprocessor line: #define, #undef
        yield code.count("\n", 0, m.start()) + 1, m.group(1)


def sources(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                if name.endswith((".c", ".h")):
                    yield os.path.join(root, name)


def is_lab_code(path):
    """True for a lab's code: a file in a folder named labs."""
    return "labs" in os.path.normpath(path).split(os.sep)[:-1]


def is_lab_starting_point(path):
    """True for a file that a lab ships in the tree: labs/labN/FILE."""
    parts = os.path.normpath(path).split(os.sep)
    return (len(parts) >= 3 and parts[-3] == "labs" and
            re.fullmatch(r"lab\d+", parts[-2]) is not None)


def legacy_reason(text):
    """The reason given on the HM386_LEGACY_KMAP_USER line of @text: the
    comment's text, "" when the mark has none, None without a mark."""
    mark = LEGACY_MARK.search(text)
    if not mark:
        return None
    m = REASON.search(mark.group("rest"))
    return (m.group("reason") or m.group("line")).strip() if m else ""


def is_legacy_user(path, text):
    """True when file @path (text @text) may call the deprecated API."""
    if is_lab_code(path) and not is_lab_starting_point(path):
        return False
    return legacy_reason(text) is not None


def why_deprecated(path, text):
    """Why a deprecated call in @path is allowed or not, for the message."""
    if is_lab_code(path) and not is_legacy_user(path, text):
        return "in a lab's code"
    reason = legacy_reason(text)
    if reason is None:
        return "not a declared legacy user (HM386_LEGACY_KMAP_USER)"
    return f"legacy user: {reason}" if reason else "legacy user"


def mark_problems(path, text):
    """Yield (line number, "error", message) for a misused mark in @text:
    in a lab's code, or without its reason."""
    mark = LEGACY_MARK.search(text)
    if not mark:
        return
    line = text.count("\n", 0, mark.start()) + 1
    if is_lab_code(path) and not is_lab_starting_point(path):
        yield (line, "error", "a lab's code may not declare itself a legacy "
               "user (HM386_LEGACY_KMAP_USER): convert its calls")
    elif not legacy_reason(text):
        yield (line, "error", "HM386_LEGACY_KMAP_USER without its reason: "
               "say in a comment on the line why this file keeps the "
               "deprecated API")


def lab_code_problems(path, text):
    """The errors of lab code @text (labelled @path) as 'path:line: message'
    lines, judged by the lab rule whatever the path: an empty list when it
    calls no deprecated function and declares no legacy user. No spatch:
    tools/grade.py runs it wherever a lab is graded."""
    lab_path = os.path.join("labs", os.path.basename(path))
    problems = [(line, msg) for line, _, msg in mark_problems(lab_path, text)]
    problems += [(line, f"deprecated {name}() (in a lab's code): use "
                  "kmap_local_page()/kunmap_local() (docs/highmem.md, "
                  "\"Converting old code\")")
                 for line, name in calls_in(text)]
    return [f"{path}:{line}: {msg}" for line, msg in sorted(problems)]
