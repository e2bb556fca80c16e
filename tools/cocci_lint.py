#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""cocci_lint: `make lint` and `make lint-fix`, on Coccinelle (spatch).

`make lint` runs every semantic patch of tools/cocci/ in report mode over
the kernel's sources and prints one line per finding:

  FILE:LINE: error: deprecated NAME(); ...     a deprecated call outside a
                                               declared legacy user (exit 1)
  FILE:LINE: note: deprecated NAME(); ...      one in a declared legacy user
  FILE:LINE: warning: RULE: ...                a site that needs a person's
                                               judgement to convert (RULE:
                                               user-copy, per-cpu, escape,
                                               unmap-elsewhere, unmap-mismatch,
                                               page-address, unmap-order,
                                               use-after-unmap)

tools/cocci/deprecated.cocci finds the calls and tools/cocci/judgement_*.cocci
the sites that need judgement; the policy of who may call the deprecated API
stays in tools/kmap_lint.py (text-level rules Coccinelle cannot express: the
HM386_LEGACY_KMAP_USER mark, which must give its reason in a comment, and
lab code, which may not carry it). Two cross-checks keep the semantic
patches honest: a call the text scan sees but spatch did not report (code
spatch could not parse) is an error, and so is a spatch failure. Judgement
warnings in declared legacy users are counted, not listed, unless --all:
those files keep the old API on purpose.

`make lint-fix` (--fix PATCH) runs tools/cocci/kmap_atomic_simple.cocci in
patch mode and writes the rewrite of the simple kmap_atomic() pairs as a
unified diff to PATCH. Nothing is applied to the tree.

Usage: cocci_lint.py [--all] [--fix PATCH] [PATH...]
       (default PATHs: the kernel's source folders, tools/kmap_lint.TREE)
"""
import argparse
import glob
import os
import re
import subprocess
import sys

from tools import kmap_lint

COCCI_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cocci")
MACROS = os.path.join(COCCI_DIR, "macros.h")
FIX_RULE = os.path.join(COCCI_DIR, "kmap_atomic_simple.cocci")
FINDING = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+): (?P<kind>deprecated|judgement): "
                     r"(?P<rule>[\w-]+): (?P<msg>.*)$")


def report_rules():
    """The semantic patches run in report mode, in a fixed order."""
    return sorted(p for p in glob.glob(os.path.join(COCCI_DIR, "*.cocci"))
                  if p != FIX_RULE)


def spatch(rule, files, extra=()):
    """Run @rule over @files; returns its standard output. Raises
    RuntimeError when spatch fails."""
    cmd = ["spatch", "--very-quiet", "--no-includes", "--include-headers",
           "--macro-file-builtins", MACROS, "--sp-file", rule, *extra, *files]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        raise RuntimeError("spatch not found: install Debian's coccinelle "
                           "(tools/deps.sh)")
    if run.returncode:
        raise RuntimeError(f"spatch failed on {os.path.basename(rule)} "
                           f"(exit {run.returncode}):\n{run.stderr.strip()}")
    return run.stdout


def findings(files):
    """Yield (file, line, kind, rule, message) of every report rule, each
    distinct finding once."""
    seen = set()
    for rule in report_rules():
        for text in spatch(rule, files).splitlines():
            m = FINDING.match(text)
            if not m:
                continue
            key = (os.path.normpath(m["file"]), int(m["line"]), m["kind"],
                   m["rule"], m["msg"])
            if key not in seen:
                seen.add(key)
                yield key


def source_files(paths):
    return [os.path.normpath(p) for p in kmap_lint.sources(paths)
            if os.path.normpath(p) not in kmap_lint.SKIP]


def lint(paths, show_all):
    """Print the findings over @paths; return the exit status."""
    files = source_files(paths)
    texts = {}
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            texts[path] = f.read()
    out = []       # (file, line, kind, message)
    errors = notes = warnings = hidden = 0
    reported = set()
    for path, text in texts.items():
        for line, kind, msg in kmap_lint.mark_problems(path, text):
            out.append((path, line, kind, msg))
            errors += 1
    for path, line, kind, rule, msg in findings(files):
        if path not in texts:
            continue
        text = texts[path]
        legacy = kmap_lint.is_legacy_user(path, text)
        if kind == "deprecated":
            reported.add((path, line, rule))
            why = kmap_lint.why_deprecated(path, text)
            level = "note" if legacy else "error"
            out.append((path, line, level, f"deprecated {rule}() ({why}); {msg}"))
            if legacy:
                notes += 1
            else:
                errors += 1
        elif legacy and not show_all:
            hidden += 1
        else:
            out.append((path, line, "warning", f"{rule}: {msg}"))
            warnings += 1
    for path, text in texts.items():
        for line, name in kmap_lint.calls_in(text):
            if (path, line, name) not in reported:
                out.append((path, line, "error",
                            f"{name}() found in the text but not by "
                            "Coccinelle (code spatch could not parse): "
                            "check it by hand"))
                errors += 1
    for path, line, kind, msg in sorted(out):
        print(f"{path}:{line}: {kind}: {msg}")
        lines = texts[path].split("\n")
        if 0 < line <= len(lines):
            print(f"    {lines[line - 1].strip()}")
    print(f"cocci_lint: {errors} errors, {notes} deprecated calls in declared "
          f"legacy users, {warnings} sites needing judgement"
          + (f" ({hidden} more in legacy users: --all)" if hidden else "")
          + " (docs/highmem.md, \"Converting old code\")")
    return 1 if errors else 0


def git_paths(diff):
    """@diff with each file's header as `git apply` reads it: spatch names
    the new side by its temporary file."""
    out, name = [], None
    for line in diff.splitlines():
        if line.startswith("--- "):
            name = line[4:].strip()
            line = f"--- a/{name}"
        elif line.startswith("+++ ") and name:
            line = f"+++ b/{name}"
        out.append(line)
    return "\n".join(out) + ("\n" if out else "")


def fix(paths, patch):
    """Write the automatic conversion of the simple kmap_atomic() pairs in
    @paths to @patch; return the exit status."""
    diff = git_paths(spatch(FIX_RULE, source_files(paths)))
    os.makedirs(os.path.dirname(os.path.abspath(patch)), exist_ok=True)
    with open(patch, "w") as f:
        f.write(diff)
    pairs = sum(1 for line in diff.splitlines()
                if line.startswith("+") and "kunmap_local(" in line)
    print(f"cocci_lint: {pairs} simple kmap_atomic() "
          f"pair{'' if pairs == 1 else 's'} converted in {patch} (review it, "
          f"then `git apply {patch}`)")
    return 0


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", action="store_true",
                        help="also list judgement sites in legacy users")
    parser.add_argument("--fix", metavar="PATCH",
                        help="write the simple kmap_atomic() conversions")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args(argv[1:])
    paths = args.paths or [p for p in kmap_lint.TREE if os.path.exists(p)]
    try:
        if args.fix:
            return fix(paths, args.fix)
        return lint(paths, args.all)
    except RuntimeError as e:
        print(f"cocci_lint: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
