#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check every FILE:LINE citation in the docs against the tree.

The docs quote real output (panics, the lint, KTAP failures, monitor and GDB
sessions), and that output names source lines. A line number goes stale as
soon as the file above it changes, so each citation must say what it points
at, and this check finds out whether it still does:

  FILE:N in FUNC()                  line N lies in FUNC's body (a panic)
  mapped at / unmapped at / kmap() at / kunmap() at / kunmap_local() at
  FILE:N, or FILE:N in a pkmap table row
                                    line N maps or unmaps (kmap, kunmap...)
  EXPECTATION FAILED at FILE:N      line N holds a KEXPECT or KASSERT (a
                                    user test's: an EXPECT, user/include/ktap.h)
  invalid context at FILE:N         line N calls might_sleep()
  FILE:N: note|error: deprecated X()
                                    line N calls X

Any other citation with a line number is an error: cite the function
instead, which does not go stale. Usage: doc_citations.py [FILE.md...]
(default: README.md and docs/**/*.md). Exits 1 on any error.
"""

import glob
import re
import sys

CITE = re.compile(r"(?P<path>[A-Za-z0-9_][A-Za-z0-9_./-]*\."
                  r"(?:c|h|asm|py|sh|ld|inc|mk)):(?P<line>\d+)")
IN_FUNC = re.compile(r"^ in (\w+)\(\)")
DEPRECATED = re.compile(r"^: (?:note|error): deprecated (\w+)\(\)")
MAPS = re.compile(r"(?:mapped at|kmap\(\) at|kunmap\(\) at|kunmap_local\(\) at"
                  r"|0x[0-9a-f]{6} +\d+) +$")
# A C function definition starts at column 0 and names itself before its
# parameters; its body ends at a "}" in column 0.
FUNC_START = re.compile(r"^[A-Za-z_][^;=]*?\b(\w+)\(")


def enclosing_function(lines, n):
    """The name of the C function whose body holds line n (1-based)."""
    for i in range(n - 1, -1, -1):
        text = lines[i]
        if i < n - 1 and text.startswith("}"):
            return None
        m = FUNC_START.match(text)
        if m and not text.startswith(("#", "typedef", "struct", "enum",
                                      "static const", "extern")):
            return m.group(1)
    return None


def rule(before, after):
    """(description, test(lines, n)) for a citation in this context."""
    m = IN_FUNC.match(after)
    if m:
        func = m.group(1)
        return (f"inside {func}()",
                lambda lines, n: enclosing_function(lines, n) == func)
    m = DEPRECATED.match(after)
    if m:
        call = m.group(1) + "("
        return (f"a call of {call})", lambda lines, n: call in lines[n - 1])
    if MAPS.search(before):
        return ("a kmap or kunmap call",
                lambda lines, n: re.search(r"k(?:un)?map", lines[n - 1]))
    if before.endswith("EXPECTATION FAILED at "):
        return ("a KEXPECT or KASSERT (EXPECT in user/)",
                lambda lines, n: re.search(r"K(?:EXPECT|ASSERT)|\bEXPECT(?:_\w+)?\(",
                                           lines[n - 1]))
    if before.endswith("invalid context at "):
        return ("a might_sleep() call",
                lambda lines, n: "might_sleep(" in lines[n - 1])
    return None


def check(doc):
    """Return the error messages for the citations in the doc at path doc."""
    errors = []
    with open(doc, encoding="utf-8") as f:
        raw = f.read()
    # Quoted output wraps: read it as one line per paragraph of text.
    text = re.sub(r"\s*\n\s*", " ", raw)
    for m in CITE.finditer(text):
        path, n = m.group("path"), int(m.group("line"))
        where = f"{doc}: {path}:{n}"
        before, after = text[max(0, m.start() - 60):m.start()], text[m.end():]
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = f.read().split("\n")
        except OSError:
            errors.append(f"{where}: no such file in the tree")
            continue
        if n < 1 or n > len(lines):
            errors.append(f"{where}: the file has {len(lines)} lines")
            continue
        found = rule(before, after)
        if not found:
            errors.append(f"{where}: a line number with nothing to check it "
                          "by: cite the function instead")
            continue
        what, test = found
        if not test(lines, n):
            errors.append(f"{where}: stale, line {n} is not {what}: "
                          f"'{lines[n - 1].strip()}'")
    return errors


def main(argv):
    docs = argv[1:] or ["README.md"] + sorted(glob.glob("docs/**/*.md",
                                                        recursive=True))
    errors = [e for doc in docs for e in check(doc)]
    for e in errors:
        print(e)
    print(f"doc citations: {len(docs)} files, {len(errors)} stale or "
          "unchecked")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
