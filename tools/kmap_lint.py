#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""kmap_lint: list every call of the deprecated kmap API, with its conversion.

`make lint` runs it on the tree. Like Linux's checkpatch, it names each call
of kmap(), kunmap(), kmap_atomic() and friends and says what to use instead
(docs/highmem.md, "Converting old code"). A call in a file that declares
itself a legacy user (`#define HM386_LEGACY_KMAP_USER`) is listed as a note;
anywhere else it is an error, and the exit status is 1. A lab's code (a file
in a folder named labs/, as labs/lab6/ and tests/labs/lab6/) may not declare
itself a legacy user: there the mark is an error, and so is every call.
tools/grade.py grades lab 6's code with lab_code_problems().

Comments and string literals are ignored. The API's own headers
(include/mm/highmem.h, include/mm/highmem-internal.h) are not scanned.

Usage: kmap_lint.py [PATH...]   (default: the kernel's source folders)
"""
import os
import re
import sys

TREE = ["arch", "boot", "include", "kernel", "lib", "labs", "mm", "top",
        "tests/kernel"]
SKIP = {os.path.normpath("include/mm/highmem.h"),
        os.path.normpath("include/mm/highmem-internal.h")}
LEGACY_MARK = re.compile(r"^\s*#\s*define\s+HM386_LEGACY_KMAP_USER\b", re.M)

# name -> (replacement, what to watch for when converting)
CONVERSIONS = {
    "kmap": ("kmap_local_page(page)",
             "only if the address stays in this thread; a pointer handed to "
             "another thread needs kmap()"),
    "kunmap": ("kunmap_local(addr)",
               "it takes the address kmap_local_page() returned, not the page; "
               "unmap in reverse order of mapping"),
    "kmap_atomic": ("kmap_local_page(page)",
                    "add preempt_disable() or pagefault_disable() if the code "
                    "between map and unmap relied on them"),
    "kmap_atomic_prot": ("kmap_local_page_prot(page, prot)",
                         "as for kmap_atomic()"),
    "kmap_atomic_pfn": ("kmap_local_pfn(pfn)", "as for kmap_atomic()"),
    "kunmap_atomic": ("kunmap_local(addr)",
                      "then preempt_enable()/pagefault_enable() if you added "
                      "the disables"),
}
CALL = re.compile(r"(?<![\w.>])(" + "|".join(sorted(CONVERSIONS, key=len, reverse=True))
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


def findings(path, text):
    """Yield (line number, kind, message) for each problem of the C source
    @text of file @path: a deprecated call is a note in a declared legacy
    user, an error elsewhere; in a lab's code the legacy mark is itself an
    error and does not excuse the calls."""
    lab = is_lab_code(path)
    mark = LEGACY_MARK.search(text)
    legacy = bool(mark) and not lab
    if mark and lab:
        yield (text.count("\n", 0, mark.start()) + 1, "error",
               "a lab's code may not declare itself a legacy user "
               "(HM386_LEGACY_KMAP_USER): convert its calls")
    for line_no, name in calls_in(text):
        use, watch = CONVERSIONS[name]
        why = ("legacy user" if legacy
               else "in a lab's code" if lab
               else "not a declared legacy user (HM386_LEGACY_KMAP_USER)")
        yield (line_no, "note" if legacy else "error",
               f"deprecated {name}() ({why}); use {use}: {watch}")


def lab_code_problems(path, text):
    """The errors of lab code @text (labelled @path) as 'path:line: message'
    lines, judged by the lab rule whatever the path: an empty list when it
    calls no deprecated function and declares no legacy user."""
    lab_path = os.path.join("labs", os.path.basename(path))
    return [f"{path}:{line}: {msg}"
            for line, kind, msg in findings(lab_path, text) if kind == "error"]


def main(argv):
    paths = argv[1:] or [p for p in TREE if os.path.exists(p)]
    errors = notes = 0
    files = set()
    for path in sources(paths):
        if os.path.normpath(path) in SKIP:
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        lines = text.split("\n")
        for line_no, kind, msg in findings(path, text):
            print(f"{path}:{line_no}: {kind}: {msg}")
            print(f"    {lines[line_no - 1].strip()}")
            files.add(path)
            if kind == "note":
                notes += 1
            else:
                errors += 1
    print(f"kmap_lint: {errors + notes} problems with the deprecated kmap "
          f"API in {len(files)} files: {notes} in declared legacy users, "
          f"{errors} elsewhere (see docs/highmem.md, \"Converting old code\")")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
