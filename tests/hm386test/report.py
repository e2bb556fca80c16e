# SPDX-License-Identifier: MIT
"""What the runner prints: a block per finished job, the table, the totals.

verdict_text() is the `PASS name  N passed, M failed[, K skipped]  (T s)`
line of a job and its problems; summary_table() and final_line() close the
run, final_line() being the last line that `make test` shows (and scripts
read). Reporter prints and keeps every line for summary.txt. print_list()
is `--list`: a column table of the rows and the host jobs.
"""

import os
from dataclasses import replace

from .boots import Images
from .host import SelfTest


def counts_text(verdict):
    """Return `N passed, M failed[, K skipped]` of one verdict."""
    text = f"{verdict.passed} passed, {verdict.failed} failed"
    if verdict.skipped:
        text += f", {verdict.skipped} skipped"
    return text


def verdict_text(verdict, width, verbose=False):
    """Return the lines printed when a configuration finishes."""
    head = "PASS" if verdict.ok else "FAIL"
    out = [f"{head} {verdict.name:<{width}}  {counts_text(verdict)}  "
           f"({verdict.elapsed:.1f} s)"]
    for problem in verdict.problems:
        lines = problem.splitlines() or [""]
        out.append("     - " + lines[0])
        out.extend("       " + line for line in lines[1:])
    if verbose:
        for note in verdict.notes:
            out.append("     note: " + note)
        for case_id, status, directive in verdict.cases:
            out.append(f"     {status:<4} {case_id}"
                       + (f"  # {directive}" if directive else ""))
    return out


def final_line(verdicts):
    """Return the last line of a run: the totals of all verdicts."""
    passed = sum(v.passed for v in verdicts)
    failed = sum(v.failed for v in verdicts)
    skipped = sum(v.skipped for v in verdicts)
    text = f"{passed} passed, {failed} failed"
    if skipped:
        text += f", {skipped} skipped"
    return text


def summary_table(verdicts, width):
    """Return the lines of the summary table, a verdict a line."""
    out = [f"{'config':<{width}}  result  passed  failed  skipped     time"]
    for v in verdicts:
        out.append(f"{v.name:<{width}}  {'PASS' if v.ok else 'FAIL':<6}  "
                   f"{v.passed:>6}  {v.failed:>6}  {v.skipped:>7}  "
                   f"{v.elapsed:>5.1f} s")
    return out


class Reporter:
    """Prints to stdout and keeps every line for summary.txt."""

    def __init__(self):
        self.lines = []

    def say(self, *lines):
        """Print the lines and keep them."""
        for line in lines:
            print(line, flush=True)
            self.lines.append(line)


def print_list(rows, death_template, catalogue_row, args):
    """Print the rows the way --list shows them: the catalogue boot first,
    the matrix, the death template, then the host jobs."""
    images = Images(args.kernel, args.test_iso, args.efi_img)
    ktest = args.ktest or "all"
    table = [("name", "kind", "boot", "mem", "cpu", "smp", "timeout",
              "cmdline / expectations")]
    table.append(catalogue_row.list_row(
        args.timeout, images, catalogue_row.kernel_cmdline(ktest),
        "run first"))
    for row in rows:
        table.append(row.list_row(args.timeout, images,
                                  row.kernel_cmdline(ktest)))
    table.append(replace(death_template, name="death-SUITE.CASE").list_row(
        args.timeout, images, "ktest=SUITE.CASE",
        "one per death case of the catalogue"))
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]) - 1)]
    for r in table:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1])
    print(f"{SelfTest.name}: {SelfTest.command}")
    for path in args.host_tests.split():
        print(f"host/{os.path.basename(path)}: {path}")
