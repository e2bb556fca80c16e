#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""hm386 host test runner.

Boots every configuration of the test matrix (tests/matrix.py) in QEMU, runs
the death tests and the host unit tests, judges each run, and prints a
summary whose last line is `N passed, M failed`. Exit status: 0 when nothing
failed, 1 when anything failed, 2 on a usage or matrix error.

The file has two halves. The first judges: pure functions from recorded text
and exit statuses to verdicts (KTAP parser, catalogue parser, judges), which
tests/test_runner.py checks on inline logs. The second drives processes:
building QEMU command lines, scheduling boots under a memory budget, printing.
docs/testing.md describes the protocol with the kernel.
"""

import argparse
import fnmatch
import os
import queue
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import matrix  # noqa: E402  (sits beside this file)

QEMU = "qemu-system-i386"
QEMU_PACKAGE = "qemu-system-x86"
GDB = "gdb"
GDB_PACKAGE = "gdb"
# The kernel monitor's prompt (include/kernel/monitor.h): a "monitor" row's
# next input line is sent each time it appears.
MONITOR_PROMPT = b"hm386> "
# GDB helpers for the subject, loaded by "gdb" rows and by tools/gdbinit.
GDB_HELPERS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           os.pardir, "tools", "gdb", "hm386.py")
GDB_SOCKET_WAIT = 10.0  # seconds QEMU may take to open its GDB socket

# 32-bit UEFI firmware (docs/boot.md): the code is shared read-only, each
# boot gets a fresh copy of the variable store beside its log.
OVMF_CODE = "/usr/share/OVMF/OVMF32_CODE_4M.secboot.fd"
OVMF_VARS = "/usr/share/OVMF/OVMF32_VARS_4M.fd"
OVMF_PACKAGE = "ovmf-ia32"
BOOTS = ("kernel", "iso", "efi-iso", "efi-direct")
EFI_BOOTS = ("efi-iso", "efi-direct")

# isa-debug-exit: the kernel writes v to port 0xf4 and QEMU exits with
# status (v << 1) | 1. Without a debug exit, -no-reboot turns a reset
# (triple fault) into exit status 0.
EXIT_PASS = 33
EXIT_TEST_FAILED = 35
EXIT_PANIC = 37
EXIT_NO_PAE = 39
EXIT_RESET = 0
# Not a QEMU status: the runner ended the guest at a `stop_at` line.
EXIT_STOPPED = "stopped"

EXIT_MEANING = {
    EXIT_PASS: "all tests passed",
    EXIT_TEST_FAILED: "a test failed",
    EXIT_PANIC: "kernel panic",
    EXIT_NO_PAE: "unsupported CPU",
    EXIT_RESET: "REBOOT (triple fault?)",
    EXIT_STOPPED: "stopped by the runner at its stop_at line",
}

TAIL_LINES = 15           # serial lines shown after a timeout or reboot
PANIC_CONTEXT_LINES = 30  # lines shown after an unexpected panic line
MAX_LISTED = 20           # longest list of missing tests printed in full

# A panic starts with one line of this form; a trailer such as
# "---[ end Kernel panic: ... ]---" may follow the backtrace.
PANIC_MARK = "Kernel panic at "
PANIC_NAME = PANIC_MARK.strip()
PANIC_RE = re.compile(r"Kernel panic at (\S+):(\d+) in (\S+)\(\): (.*)")


# ===================================================================
# Serial text
# ===================================================================

_ANSI_RE = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[@-_])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NEWLINE_RE = re.compile(r"\r\n|\n|\r")


def serial_lines(data):
    """Return the lines of a serial log (bytes or str), without ANSI escape
    sequences (GRUB's), carriage returns or other control characters."""
    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="replace")
    data = _ANSI_RE.sub("", data)
    lines = [_CONTROL_RE.sub("", line) for line in _NEWLINE_RE.split(data)]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def tail(lines, count=TAIL_LINES):
    """Return the last `count` lines, marked `|` (or say the log is empty)."""
    if not lines:
        return "  (serial log is empty)"
    return "\n".join("  | " + line for line in lines[-count:])


def parse_size_mib(text):
    """Return a QEMU-style size ("128M", "4G", "512") in MiB, or raise
    ValueError."""
    m = re.fullmatch(r"\s*(\d+)\s*([KMGT]?)i?B?\s*", str(text), re.IGNORECASE)
    if not m:
        raise ValueError(f"bad size {text!r} (expected e.g. 128M or 4G)")
    scale = {"K": 1 / 1024, "": 1, "M": 1, "G": 1024, "T": 1024 * 1024}
    return int(int(m.group(1)) * scale[m.group(2).upper()])


# ===================================================================
# KTAP version 1
# ===================================================================

@dataclass(eq=False)
class TapResult:
    """One `ok N name` / `not ok N name # DIRECTIVE` line."""
    ok: bool
    number: int
    name: str
    directive: str
    line_no: int
    diagnostics: list = field(default_factory=list)
    subtest: "TapBlock | None" = None

    @property
    def skipped(self):
        return self.directive.upper().startswith("SKIP")

    @property
    def status(self):
        if self.skipped:
            return "skip"
        return "pass" if self.ok else "fail"


@dataclass(eq=False)
class TapBlock:
    """A (sub)test: the lines at one indentation level between its header and
    the result line of its parent."""
    level: int
    line_no: int
    name: "str | None" = None
    plan: "int | None" = None
    results: list = field(default_factory=list)
    unfinished: list = field(default_factory=list)  # children left open
    pending: list = field(default_factory=list)     # for the next result
    owner: "TapResult | None" = None  # takes the trailing diagnostics

    def fresh(self):
        return not self.results and self.plan is None

    def label(self, result_name=None):
        name = result_name or self.name or "?"
        return f"suite '{name}'" if self.level == 1 else f"subtest '{name}'"


@dataclass
class TapCase:
    """A flattened case, `suite.case`, with its diagnostics."""
    id: str
    status: str  # "pass", "fail" or "skip"
    directive: str
    diagnostics: list


@dataclass
class KtapReport:
    found: bool           # a KTAP header was seen
    cases: list           # TapCase, in output order
    skipped_suites: dict  # suite -> directive, for suites skipped whole
    errors: list          # structural problems (plans, truncation, ...)
    top: "TapBlock | None" = None


_VERSION_RE = re.compile(r"^K?TAP version \d+$")
_VERSION_AT_END_RE = re.compile(r"K?TAP version \d+\s*$")
_PLAN_RE = re.compile(r"^1\.\.(\d+)(?:\s+#.*)?$")
_RESULT_RE = re.compile(
    r"^(not ok|ok)\s+(\d+)(?:\s+-)?(?:\s+([^#]*?))?\s*(?:#\s*(.*?))?\s*$")
_SUBTEST_RE = re.compile(r"^#\s*Subtest:\s*(.*?)\s*$")
_DIAG_NAME_RE = re.compile(r"^#\s*([^\s:]+):\s")


class _KtapParser:
    """Line-by-line KTAP reader. Only lines that look like KTAP count; any
    other text (boot banner, log lines) may appear anywhere. Nesting follows
    indentation: two spaces per level."""

    def __init__(self):
        self.errors = []
        self.stack = []        # open blocks, stack[0] is the document
        self.finished = False  # top-level plan satisfied
        self.stopped = False   # a second document began: ignore the rest

    def feed(self, line_no, line):
        if self.stopped:
            return
        if not self.stack:
            if _VERSION_AT_END_RE.search(line):
                self.stack.append(TapBlock(level=0, line_no=line_no))
            return
        body = line.strip()
        level = (len(line) - len(line.lstrip(" "))) // 2
        depth = len(self.stack) - 1
        if _VERSION_RE.match(body):
            self._version(line_no, level, depth)
        elif (m := _SUBTEST_RE.match(body)) and level > 0:
            self._subtest(line_no, level, depth, m.group(1))
        elif m := _PLAN_RE.match(body):
            self._plan(line_no, level, depth, int(m.group(1)))
        elif m := _RESULT_RE.match(body):
            self._result(line_no, level, depth, m)
        elif body.startswith("#"):
            if not self.finished:
                self._diagnostic(self.stack[min(level, depth)], body)

    def _version(self, line_no, level, depth):
        if level == 0:
            self.errors.append(f"line {line_no}: a second KTAP document "
                               "begins (did the machine reboot?)")
            self.stopped = True
        elif self.finished:
            return
        elif level > depth:
            self._open_to(level, line_no)
        elif not (level == depth and self.stack[level].fresh()
                  and self.stack[level].name is None):
            self._unwind_to(level - 1, line_no)
            self._open_to(level, line_no)

    def _subtest(self, line_no, level, depth, name):
        if self.finished:
            return
        if level > depth:
            self._open_to(level, line_no)
        elif not (level == depth and self.stack[level].fresh()
                  and self.stack[level].name is None):
            self._unwind_to(level - 1, line_no)
            self._open_to(level, line_no)
        self.stack[level].name = name

    def _plan(self, line_no, level, depth, count):
        if self.finished:
            return
        if level > depth:
            self._open_to(level, line_no)
        elif level < depth:
            self._unwind_to(level, line_no)
        block = self.stack[level]
        if block.plan is not None:
            self.errors.append(f"line {line_no}: second plan line in "
                               f"{self._where(block)}")
            return
        block.plan = count
        self._check_finished()

    def _result(self, line_no, level, depth, m):
        if self.finished:
            return
        child = None
        if level > depth:
            self._open_to(level, line_no)
        elif level < depth:
            self._unwind_to(level + 1, line_no)
            child = self.stack.pop()
        block = self.stack[level]
        result = TapResult(ok=(m.group(1) == "ok"), number=int(m.group(2)),
                           name=(m.group(3) or "").strip(),
                           directive=(m.group(4) or "").strip(),
                           line_no=line_no, subtest=child)
        if child is not None:
            self._check_plan(child, result.name)
        expected_number = len(block.results) + 1
        if result.number != expected_number:
            self.errors.append(f"line {line_no}: result numbered "
                               f"{result.number}, expected {expected_number} "
                               f"in {self._where(block)}")
        result.diagnostics, block.pending = block.pending, []
        block.owner = None
        block.results.append(result)
        self._check_finished()

    def _diagnostic(self, block, body):
        """Attach a `#` line to a result: lines after a result that start
        with `# NAME:` (NAME = that result) and their continuation lines
        belong to it; any other line waits for the next result."""
        m = _DIAG_NAME_RE.match(body)
        if m:
            named = [r for r in block.results if r.name == m.group(1)]
            if named:
                block.owner = named[-1]
            elif block.owner is not None and "EXPECTATION FAILED" in body:
                block.owner = None
        if block.owner is not None:
            block.owner.diagnostics.append(body)
        else:
            block.pending.append(body)

    def _open_to(self, level, line_no):
        while len(self.stack) - 1 < level:
            self.stack.append(TapBlock(level=len(self.stack), line_no=line_no))

    def _unwind_to(self, level, line_no):
        """Drop blocks deeper than `level`: their result line never came."""
        while len(self.stack) - 1 > level:
            block = self.stack.pop()
            self.stack[-1].unfinished.append(block)
            self.errors.append(f"line {line_no}: {block.label()} (from "
                               f"line {block.line_no}) ended without its "
                               "result line")

    def _check_plan(self, block, result_name=None):
        where = block.label(result_name) if block.level else "top level"
        if block.plan is None:
            if block.level <= 1:
                self.errors.append(f"{where}: no plan line (1..N)")
        elif block.plan != len(block.results):
            self.errors.append(f"{where}: plan 1..{block.plan} but "
                               f"{len(block.results)} results")

    def _check_finished(self):
        top = self.stack[0]
        if (len(self.stack) == 1 and top.plan is not None
            and len(top.results) >= top.plan):
            self.finished = True

    def _where(self, block):
        return block.label() if block.level else "top level"

    def finish(self):
        """Close what is still open and return the KtapReport."""
        if not self.stack:
            return KtapReport(found=False, cases=[], skipped_suites={},
                              errors=[])
        while len(self.stack) > 1:
            block = self.stack.pop()
            self.stack[-1].unfinished.append(block)
            planned = block.plan if block.plan is not None else "?"
            self.errors.append(f"output ends inside {block.label()} after "
                               f"{len(block.results)} of {planned} results")
        top = self.stack[0]
        if top.plan is None:
            self.errors.append("top level: no plan line (1..N)")
        elif top.plan != len(top.results):
            self.errors.append(f"top level: plan 1..{top.plan} but "
                               f"{len(top.results)} suites reported")
        cases, skipped_suites = _flatten(top, self.errors)
        return KtapReport(found=True, cases=cases,
                          skipped_suites=skipped_suites,
                          errors=self.errors, top=top)


def _case(suite, result):
    """Return the TapCase of a case result; parameters' failures included."""
    diagnostics = list(result.diagnostics)
    if result.subtest is not None:
        for param in result.subtest.results:
            if param.status == "fail":
                diagnostics.append(f"# param '{param.name}': not ok")
                diagnostics.extend(param.diagnostics)
    return TapCase(id=f"{suite}.{result.name}", status=result.status,
                   directive=result.directive, diagnostics=diagnostics)


def _flatten(top, errors):
    """Return ([TapCase], {skipped suite: directive}) from the document."""
    cases, skipped_suites, seen = [], {}, set()

    def add(case):
        if case.id in seen:
            errors.append(f"{case.id}: reported twice")
        seen.add(case.id)
        cases.append(case)

    for suite in top.results:
        block = suite.subtest
        if block is None or not block.results:
            if suite.skipped:
                skipped_suites[suite.name] = suite.directive
            elif block is None:
                add(TapCase(id=suite.name, status=suite.status,
                            directive=suite.directive,
                            diagnostics=suite.diagnostics))
            elif suite.status == "fail":
                errors.append(f"suite '{suite.name}' reported 'not ok' "
                              "without running a case"
                              + "".join("\n    " + d
                                        for d in suite.diagnostics))
            continue
        if block.name and block.name != suite.name:
            errors.append(f"suite header '# Subtest: {block.name}' but its "
                          f"result line names '{suite.name}'")
        suite_cases = [_case(suite.name, r) for r in block.results]
        for case in suite_cases:
            add(case)
        failed = any(c.status == "fail" for c in suite_cases)
        if suite.status == "fail" and not failed:
            errors.append(f"suite '{suite.name}' reported 'not ok' but none "
                          "of its cases failed"
                          + "".join("\n    " + d for d in suite.diagnostics))
        elif suite.status == "pass" and failed:
            errors.append(f"suite '{suite.name}' reported 'ok' although a "
                          "case failed")
    for block in top.unfinished:
        for result in block.results:
            add(_case(block.name or "?", result))
    return cases, skipped_suites


def parse_ktap(lines):
    """Return the KtapReport of a log given as a list of lines."""
    parser = _KtapParser()
    for line_no, line in enumerate(lines, 1):
        parser.feed(line_no, line)
    return parser.finish()


# ===================================================================
# Catalogue (ktest=list)
# ===================================================================

@dataclass
class CatalogueCase:
    id: str  # suite.case
    death: "str | None" # expected panic substring; None: a normal case


@dataclass
class Catalogue:
    cases: list
    errors: list

    def __post_init__(self):
        self._by_id = {case.id: case for case in self.cases}

    def normal(self, glob="all"):
        """Return the ids of the normal cases that ktest=glob selects."""
        return [c.id for c in self.cases
                if c.death is None and ktest_selects(glob, c.id)]

    def deaths(self, glob="all"):
        """Return the death cases that ktest=glob selects."""
        return [c for c in self.cases
                if c.death is not None and ktest_selects(glob, c.id)]

    def lookup(self, case_id):
        """Return the CatalogueCase of case_id, or None."""
        return self._by_id.get(case_id)


_CATALOGUE_MARK = "ktest-list:"
_CATALOGUE_RE = re.compile(
    r'^ktest-list:\s+(\S+)(?:\s+death\s+"((?:[^"\\]|\\.)*)")?\s*$')


def ktest_selects(glob, case_id):
    """True if the kernel's ktest=glob runs case_id (`all` runs everything)."""
    return glob == "all" or fnmatch.fnmatchcase(case_id, glob)


def parse_catalogue(lines):
    """Return the Catalogue listed by `ktest-list:` lines."""
    cases, errors, seen = [], [], set()
    for line_no, line in enumerate(lines, 1):
        body = line.strip()
        if not body.startswith(_CATALOGUE_MARK):
            continue
        m = _CATALOGUE_RE.match(body)
        if not m or "." not in m.group(1):
            errors.append(f"line {line_no}: cannot read catalogue line: "
                          + body)
            continue
        case_id = m.group(1)
        death = None
        if m.group(2) is not None:
            death = re.sub(r"\\(.)", r"\1", m.group(2))
            if not death:
                errors.append(f"line {line_no}: death test {case_id} "
                              "expects an empty panic message")
        if case_id in seen:
            errors.append(f"line {line_no}: {case_id} listed twice")
            continue
        seen.add(case_id)
        cases.append(CatalogueCase(id=case_id, death=death))
    return Catalogue(cases=cases, errors=errors)


# ===================================================================
# Judging
# ===================================================================

@dataclass
class RunOutcome:
    """How a boot or a host program ended."""
    status: "int | str | None" = None  # exit status (negative: killed by
    # signal), or EXIT_STOPPED
    timed_out: bool = False
    timeout: float = 0.0
    elapsed: float = 0.0
    stderr: str = ""
    error: str = ""  # it could not run at all, and why
    inputs_sent: int = 0  # monitor sessions: input lines sent at a prompt


@dataclass
class Verdict:
    """The judgement of one configuration (or death test, or host program)."""
    name: str
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    problems: list = field(default_factory=list)  # why it failed
    notes: list = field(default_factory=list)     # worth knowing, not failures
    cases: list = field(default_factory=list)     # (id, status, directive)
    elapsed: float = 0.0

    @property
    def ok(self):
        return self.failed == 0 and not self.problems

    def count(self, case):
        """Count a TapCase; a failed one adds its diagnostics as a problem."""
        self.cases.append((case.id, case.status, case.directive))
        if case.status == "pass":
            self.passed += 1
        elif case.status == "skip":
            self.skipped += 1
        else:
            self.failed += 1
            self.problems.append(f"not ok {case.id}" + "".join(
                "\n    " + d for d in case.diagnostics))

    def seal(self):
        """A run with problems fails at least one case, so that the last
        summary line never hides a failure."""
        if self.problems and self.failed == 0:
            self.failed = 1
        return self


def _panic_lines(lines):
    return [i for i, line in enumerate(lines) if PANIC_MARK in line]


def panic_context(lines):
    """Return the first panic line and the registers/backtrace after it."""
    found = _panic_lines(lines)
    if not found:
        return f"  (no '{PANIC_NAME}' line in the log)\n" + tail(lines)
    first = found[0]
    return "\n".join("  | " + line
                     for line in lines[first:first + 1 + PANIC_CONTEXT_LINES])


_SANITIZER_RE = re.compile(r"==\d+==ERROR:|runtime error:")


def _stderr_tail(stderr, count=TAIL_LINES):
    """Return the part of stderr worth reading, marked with `!`: a sanitizer
    report from its first line (at most `count` lines, then its SUMMARY), or
    else the last `count` lines."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines)
                  if _SANITIZER_RE.search(line)), None)
    if start is None:
        shown = lines[-count:]
    else:
        shown = lines[start:start + count] + [
            line for line in lines[start + count:]
            if line.startswith("SUMMARY:")]
    return "\n".join("  ! " + line for line in shown)


def describe_exit(outcome, lines):
    """Return a one-line-plus-context description of how a run ended, for
    runs that did not end the way their judge wanted."""
    if outcome.error:
        return outcome.error
    if outcome.timed_out:
        return (f"TIMEOUT after {outcome.timeout:g} s; last lines of the "
                f"serial log:\n" + tail(lines))
    status = outcome.status
    if status == EXIT_RESET:
        return ("REBOOT (triple fault?): QEMU exited without isa-debug-exit; "
                "last lines of the serial log:\n" + tail(lines))
    if status == EXIT_PANIC:
        return "unexpected kernel panic (exit 37):\n" + panic_context(lines)
    if status == EXIT_NO_PAE:
        said = [line for line in lines if "PAE" in line]
        return ("kernel stopped: unsupported CPU (exit 39):\n"
                + (tail(said, 3) if said else tail(lines)))
    if status in (EXIT_PASS, EXIT_TEST_FAILED):
        return f"kernel exit {status} ({EXIT_MEANING[status]})"
    if status == EXIT_STOPPED:
        return "stopped by the runner at its stop_at line:\n" + tail(lines)
    if status is not None and status < 0:
        try:
            signame = signal.Signals(-status).name
        except ValueError:
            signame = f"signal {-status}"
        return f"killed by {signame}\n" + _stderr_tail(outcome.stderr)
    text = f"unexpected exit status {status} (QEMU error?)"
    if outcome.stderr.strip():
        text += "\n" + _stderr_tail(outcome.stderr)
    return text + "\n" + tail(lines)


def check_lines(verdict, lines, require=(), forbid=()):
    """Add a problem for every `require` regex that matches no line and every
    `forbid` regex that matches one."""
    for pattern in require:
        if not any(re.search(pattern, line) for line in lines):
            verdict.problems.append(f"no serial line matches /{pattern}/")
    for pattern in forbid:
        hits = [line for line in lines if re.search(pattern, line)]
        if hits:
            verdict.problems.append(f"serial log has a forbidden line "
                                    f"/{pattern}/:\n" + tail(hits, 5))


def _list_ids(title, ids):
    shown = ids[:MAX_LISTED]
    text = f"{title} ({len(ids)}):" + "".join("\n    " + i for i in shown)
    if len(ids) > len(shown):
        text += f"\n    ... and {len(ids) - len(shown)} more"
    return text


def judge_full_run(name, lines, outcome, catalogue=None, ktest="all",
                   require=(), forbid=()):
    """Judge a self-test boot: every case the catalogue selects must appear
    as ok/not ok/skip, plans must match, the exit status must agree."""
    verdict = Verdict(name, elapsed=outcome.elapsed)
    report = parse_ktap(lines)
    seen = set()
    for case in report.cases:
        seen.add(case.id)
        entry = catalogue.lookup(case.id) if catalogue else None
        if catalogue and entry is None:
            verdict.problems.append(f"{case.id}: in the output but not in "
                                    "the ktest=list catalogue")
        if entry is not None and entry.death is not None:
            if case.status == "skip":
                verdict.skipped += 1
                verdict.cases.append((case.id, "skip", case.directive))
            else:
                verdict.failed += 1
                verdict.problems.append(
                    f"{case.id}: death test ran in a full run "
                    "(expected '# SKIP death test')")
            continue
        verdict.count(case)

    if catalogue is None:
        verdict.notes.append("no catalogue: missing tests not checked")
    else:
        missing = []
        for case_id in catalogue.normal(ktest):
            if case_id in seen:
                continue
            if case_id.split(".")[0] in report.skipped_suites:
                verdict.skipped += 1
                verdict.cases.append((case_id, "skip", "suite skipped"))
            else:
                missing.append(case_id)
        if missing:
            verdict.failed += len(missing)
            verdict.problems.append(_list_ids("missing tests", missing))

    if not report.found:
        verdict.problems.append("no KTAP output in the serial log")
    verdict.problems.extend("KTAP: " + e for e in report.errors)

    any_failed = any(c.status == "fail" for c in report.cases)
    clean = not outcome.timed_out and not outcome.error
    if clean and outcome.status == EXIT_PASS:
        if any_failed:
            verdict.problems.append("kernel exited 33 (all passed) "
                                    "although cases failed")
    elif clean and outcome.status == EXIT_TEST_FAILED:
        if not any_failed and not report.errors:
            verdict.problems.append("kernel exited 35 (a test failed) "
                                    "but no case is 'not ok':\n"
                                    + tail(lines, 5))
    else:
        verdict.problems.append(describe_exit(outcome, lines))
    if outcome.status != EXIT_PANIC and _panic_lines(lines):
        verdict.problems.append("panic message in the serial log:\n"
                                + panic_context(lines))
    check_lines(verdict, lines, require, forbid)
    return verdict.seal()


def judge_death(name, lines, outcome, case_id, expected):
    """Judge a death test booted alone: it passes only on exit 37 with
    exactly one panic line, containing `expected`, and no `not ok`."""
    verdict = Verdict(name, elapsed=outcome.elapsed)
    clean = not outcome.timed_out and not outcome.error
    if clean and outcome.status == EXIT_PANIC:
        panics = [lines[i] for i in _panic_lines(lines)]
        if not panics:
            verdict.problems.append(f"exit 37 but no '{PANIC_NAME}' line")
        elif len(panics) > 1:
            verdict.problems.append(f"{len(panics)} '{PANIC_NAME}' lines, "
                                    "expected exactly one:\n"
                                    + tail(panics, 5))
        elif not PANIC_RE.search(panics[0]):
            verdict.problems.append(
                "panic line is not 'Kernel panic at FILE:LINE in "
                "FUNC(): MESSAGE':\n  | " + panics[0])
        elif expected not in panics[0]:
            verdict.problems.append(
                "wrong panic\n"
                f"    expected: ...{expected}...\n"
                f"    actual:   {panics[0].strip()}")
        not_ok = [line for line in lines if line.strip().startswith("not ok")]
        if not_ok:
            verdict.problems.append("'not ok' in the serial log:\n"
                                    + tail(not_ok, 5))
    elif clean and outcome.status == EXIT_TEST_FAILED:
        failures = [c for c in parse_ktap(lines).cases if c.status == "fail"]
        text = "did not panic: the case returned and failed (exit 35)"
        for case in failures:
            text += f"\n    not ok {case.id}" + "".join(
                "\n      " + d for d in case.diagnostics)
        verdict.problems.append(text)
    elif clean and outcome.status == EXIT_PASS:
        verdict.problems.append("did not panic: the kernel exited 33 (all "
                                f"passed); did ktest={case_id} run it?")
    else:
        verdict.problems.append(describe_exit(outcome, lines))
    verdict.cases.append((case_id, "fail" if verdict.problems else "pass",
                          ""))
    if verdict.problems:
        verdict.failed = 1
    else:
        verdict.passed = 1
    return verdict


def judge_expect(name, lines, outcome, expect_exit, require=(), forbid=()):
    """Judge a run that has no self-tests: exit status and serial lines.
    It counts as one case."""
    verdict = Verdict(name, elapsed=outcome.elapsed)
    if outcome.timed_out or outcome.error or outcome.status != expect_exit:
        meaning = EXIT_MEANING.get(expect_exit, "")
        verdict.problems.append(f"expected exit {expect_exit} ({meaning}), "
                                "got: " + describe_exit(outcome, lines))
    check_lines(verdict, lines, require, forbid)
    if verdict.problems:
        verdict.failed = 1
    else:
        verdict.passed = 1
    verdict.cases.append((name, "fail" if verdict.problems else "pass", ""))
    return verdict


def monitor_inputs_due(data, sent, inputs, prompt=MONITOR_PROMPT):
    """The input lines to send now in a monitor session: one per prompt in
    the serial output `data` (bytes) that has not had its line yet."""
    return inputs[sent:max(sent, min(len(inputs), data.count(prompt)))]


def judge_monitor(name, lines, outcome, expect_exit, inputs, require=(),
                  forbid=()):
    """Judge a scripted monitor session: every input line was taken at a
    prompt, then as judge_expect(). It counts as one case."""
    verdict = judge_expect(name, lines, outcome, expect_exit, require, forbid)
    if outcome.inputs_sent < len(inputs):
        verdict.problems.insert(0, (
            f"the monitor took {outcome.inputs_sent} of {len(inputs)} input "
            f"lines: no prompt came for {inputs[outcome.inputs_sent]!r}"))
        verdict.passed, verdict.failed = 0, 1
        verdict.cases[-1] = (name, "fail", "")
    return verdict


def judge_gdb(name, lines, outcome, require=(), forbid=()):
    """Judge a GDB batch session from its transcript: GDB exited 0 and the
    `require`/`forbid` regexes hold. It counts as one case."""
    verdict = Verdict(name, elapsed=outcome.elapsed)
    if outcome.error:
        verdict.problems.append(outcome.error)
    elif outcome.timed_out:
        verdict.problems.append(f"TIMEOUT after {outcome.timeout:g} s; last "
                                "lines of GDB:\n" + tail(lines))
    elif outcome.status != 0:
        verdict.problems.append(f"gdb exited with status {outcome.status}:\n"
                                + tail(lines))
    check_lines(verdict, lines, require, forbid)
    verdict.cases.append((name, "fail" if verdict.problems else "pass", ""))
    if verdict.problems:
        verdict.failed = 1
    else:
        verdict.passed = 1
    return verdict


def judge_catalogue(lines, outcome, name="catalogue"):
    """Judge the ktest=list boot; return (Verdict, Catalogue or None)."""
    verdict = Verdict(name, elapsed=outcome.elapsed)
    catalogue = parse_catalogue(lines)
    if outcome.timed_out or outcome.error or outcome.status != EXIT_PASS:
        verdict.problems.append("ktest=list should exit 33, got: "
                                + describe_exit(outcome, lines))
    verdict.problems.extend(catalogue.errors)
    if _panic_lines(lines) and outcome.status != EXIT_PANIC:
        verdict.problems.append("panic message in the serial log:\n"
                                + panic_context(lines))
    if verdict.problems:
        verdict.failed = 1
        return verdict, None
    verdict.passed = 1
    deaths = sum(1 for c in catalogue.cases if c.death is not None)
    verdict.notes.append(f"{len(catalogue.cases)} cases, {deaths} death tests")
    if not catalogue.cases:
        verdict.notes.append("the catalogue is empty")
    return verdict, catalogue


def judge_host(name, lines, outcome):
    """Judge a host unit-test program: its KTAP (stdout) and exit status
    (0 all passed, 1 something failed)."""
    verdict = Verdict(name, elapsed=outcome.elapsed)
    report = parse_ktap(lines)
    for case in report.cases:
        verdict.count(case)
    if not report.found and not outcome.error:
        verdict.problems.append("no KTAP output on stdout")
    verdict.problems.extend("KTAP: " + e for e in report.errors)
    any_failed = any(c.status == "fail" for c in report.cases)
    status = outcome.status
    if outcome.error:
        verdict.problems.append(outcome.error)
    elif outcome.timed_out:
        verdict.problems.append(f"TIMEOUT after {outcome.timeout:g} s:\n"
                                + tail(lines))
    elif status == 0:
        if any_failed:
            verdict.problems.append("exited 0 although cases failed")
    elif status == 1:
        if not any_failed:
            verdict.problems.append("exited 1 but no case failed "
                                    "(crashed inside a case?)")
    elif status is not None and status < 0:
        verdict.problems.append(describe_exit(outcome, lines))
    else:
        verdict.problems.append(f"exit status {status} (expected 0 or 1)")
    if verdict.problems and outcome.stderr.strip() and status not in (0, None):
        verdict.problems.append("stderr:\n"
                                + _stderr_tail(outcome.stderr, 40))
    return verdict.seal()


def judge_selftest(name, lines, outcome):
    """Judge the runner's own unit tests: one case, runner.selftest."""
    verdict = Verdict(name, elapsed=outcome.elapsed)
    lines = lines + serial_lines(outcome.stderr)    # unittest reports there
    ran = [line for line in lines if re.match(r"Ran \d+ tests?", line)]
    if outcome.status == 0 and not outcome.timed_out and not outcome.error:
        verdict.passed = 1
        if ran:
            verdict.notes.append(ran[-1])
    else:
        verdict.failed = 1
        verdict.problems.append("python3 -m unittest tests/test_runner.py "
                                "failed:\n" + tail(lines, 40))
    verdict.cases.append(("runner.selftest",
                          "pass" if verdict.passed else "fail", ""))
    return verdict


# ===================================================================
# Matrix
# ===================================================================

@dataclass(frozen=True)
class Config:
    name: str
    kind: str  # "tests", "expect", "death" or "catalogue"
    boot: str  # one of BOOTS
    mem: str
    cpu: str
    smp: int = 1
    cmdline: str = ""
    qemu_extra: tuple = ()
    timeout_factor: float = 1.0
    exit: "int | None" = None
    require: tuple = ()
    forbid: tuple = ()
    note: str = ""
    elf: str = ""  # another kernel ELF to boot instead of --kernel
    image: str = ""  # another ISO or disk image for iso and efi-* boots
    stop_at: str = ""  # regex: end the guest at the first line matching it
    input: tuple = ()  # "monitor": lines typed at the monitor's prompts
    gdb_script: str = ""  # "gdb": the GDB command file to run in batch mode

    @property
    def mem_mib(self):
        return parse_size_mib(self.mem)


_CONFIG_KEYS = {f for f in Config.__dataclass_fields__}
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def make_config(row, where):
    """Return the Config of a matrix row; ValueError saying what is wrong."""
    unknown = set(row) - _CONFIG_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("name", "kind", "boot", "mem", "cpu"):
        if key not in row:
            raise ValueError(f"{where}: missing key '{key}'")
    values = dict(row)
    for key in ("qemu_extra", "require", "forbid", "input"):
        if isinstance(values.get(key), str):
            raise ValueError(f"{where}: '{key}' must be a list")
        values[key] = tuple(values.get(key, ()))
    config = Config(**values)
    if not _NAME_RE.match(config.name):
        raise ValueError(f"{where}: bad name {config.name!r}")
    if config.kind not in ("tests", "expect", "monitor", "gdb", "death",
                           "catalogue"):
        raise ValueError(f"{where}: kind must be 'tests', 'expect', "
                         "'monitor' or 'gdb'")
    if config.kind in ("monitor", "gdb") and config.boot != "kernel":
        raise ValueError(f"{where}: a {config.kind} row needs boot 'kernel'")
    if (config.kind == "monitor") != bool(config.input):
        raise ValueError(f"{where}: 'input' is required for kind 'monitor' "
                         "and only there")
    if not all(isinstance(line, str) and "\n" not in line and "\r" not in line
               for line in config.input):
        raise ValueError(f"{where}: 'input' must be a list of one-line "
                         "strings")
    if (config.kind == "gdb") != bool(config.gdb_script):
        raise ValueError(f"{where}: 'gdb_script' is required for kind 'gdb' "
                         "and only there")
    if config.boot not in BOOTS:
        raise ValueError(f"{where}: boot must be one of {', '.join(BOOTS)}")
    if config.boot != "kernel" and config.cmdline:
        raise ValueError(f"{where}: an {config.boot} boot cannot take a "
                         "cmdline")
    if config.boot == "iso" and config.kind != "tests":
        raise ValueError(f"{where}: an iso boot always runs ktest=all")
    if config.boot == "kernel" and config.image:
        raise ValueError(f"{where}: 'image' is for iso and efi boots; "
                         "a kernel boot takes 'elf'")
    if (config.kind in ("expect", "monitor")) != (config.exit is not None):
        raise ValueError(f"{where}: 'exit' is required for kinds 'expect' "
                         "and 'monitor', and only there")
    if config.stop_at and config.kind != "expect":
        raise ValueError(f"{where}: 'stop_at' is for kind 'expect'")
    if (config.exit == EXIT_STOPPED) != bool(config.stop_at):
        raise ValueError(f"{where}: exit '{EXIT_STOPPED}' goes with "
                         "'stop_at', and only there")
    if not isinstance(config.smp, int) or config.smp < 1:
        raise ValueError(f"{where}: smp must be a positive integer")
    if not config.timeout_factor > 0:
        raise ValueError(f"{where}: timeout_factor must be positive")
    config.mem_mib  # raises on a bad size
    for pattern in config.require + config.forbid + (
            (config.stop_at,) if config.stop_at else ()):
        try:
            re.compile(pattern)
        except re.error as e:
            raise ValueError(f"{where}: bad regex {pattern!r}: {e}")
    return config


def load_matrix(rows=None, death=None, catalogue=None):
    """Return (configs, death template, catalogue config) from tests/matrix.py
    (or the given data); ValueError on the first bad row."""
    rows = matrix.MATRIX if rows is None else rows
    death = matrix.DEATH_TESTS if death is None else death
    catalogue = matrix.CATALOGUE if catalogue is None else catalogue
    configs, names = [], set()
    for index, row in enumerate(rows):
        config = make_config(row, f"MATRIX[{index}] ({row.get('name', '?')})")
        if config.name in names:
            raise ValueError(f"MATRIX: two configs named {config.name}")
        if config.name.startswith(("death-", "host", "catalogue")):
            raise ValueError(f"MATRIX: name {config.name} is reserved")
        names.add(config.name)
        configs.append(config)
    death_config = make_config(dict(death, name="death", kind="death"),
                               "DEATH_TESTS")
    catalogue_config = make_config(dict(catalogue, name="catalogue",
                                        kind="catalogue"), "CATALOGUE")
    for config in (death_config, catalogue_config):
        if config.boot != "kernel":
            raise ValueError(f"{config.name}: needs boot 'kernel'")
    return configs, death_config, catalogue_config


def death_config(template, case):
    """Return the Config that boots death case `case` alone."""
    cmdline = f"ktest={case.id} {template.cmdline}".strip()
    return Config(**dict(template.__dict__, name=f"death-{case.id}",
                         cmdline=cmdline))


def kernel_cmdline(config, ktest):
    """Return the kernel command line of a -kernel boot of `config`."""
    if config.kind == "tests":
        return f"ktest={ktest} {config.cmdline}".strip()
    if config.kind == "catalogue":
        return f"ktest=list {config.cmdline}".strip()
    return config.cmdline


def boot_image(config, kernel, test_iso, efi_img):
    """Return the file a boot of `config` starts from: the kernel ELF, the
    test ISO or the UEFI test disk image, unless the row names another."""
    if config.boot == "kernel":
        return config.elf or kernel
    if config.image:
        return config.image
    return efi_img if config.boot == "efi-direct" else test_iso


def qemu_command(qemu, config, log_path, kernel, test_iso, cmdline,
                 efi_img="", vars_path=""):
    """Return the argv that boots `config` with the serial port in log_path.
    UEFI boots need `vars_path`, the boot's own copy of OVMF_VARS."""
    # Guest RAM from a memfd: the host then spends memory only on the 4 KiB
    # pages the guest touches. QEMU's default RAM is madvised for huge pages,
    # and a test that writes one page in every 2 MiB of a 16 GiB guest would
    # make the host allocate (and zero) all 16 GiB.
    machine = "memory-backend=ram"
    if config.boot in EFI_BOOTS:
        machine = "q35,smm=on," + machine
    argv = [qemu, "-m", config.mem,
            "-object", f"memory-backend-memfd,id=ram,size={config.mem}",
            "-machine", machine, "-cpu", config.cpu,
            "-smp", str(config.smp), "-no-reboot", "-display", "none",
            "-serial", serial_backend(config, log_path),
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if config.kind == "gdb":
        # A Unix socket per row: no TCP port to clash with parallel runs.
        argv += ["-S", "-gdb",
                 f"unix:{gdb_socket_path(log_path)},server=on,wait=off"]
    image = boot_image(config, kernel, test_iso, efi_img)
    if config.boot in EFI_BOOTS:
        argv += ["-global", "driver=cfi.pflash01,property=secure,value=on",
                 "-drive", "if=pflash,format=raw,unit=0,readonly=on,"
                 f"file={OVMF_CODE}",
                 "-drive", f"if=pflash,format=raw,unit=1,file={vars_path}",
                 "-nic", "none"]
    if config.boot == "kernel":
        argv += ["-kernel", image, "-append", cmdline]
    elif config.boot == "efi-direct":
        # snapshot: boots running at once share the image, none writes it.
        argv += ["-drive", f"format=raw,file={image},snapshot=on"]
    else:
        argv += ["-cdrom", image, "-boot", "d"]
    return argv + list(config.qemu_extra)


def serial_backend(config, log_path):
    """QEMU's -serial: the log file, or stdio for a monitor session (the
    runner types at the prompt and writes the log itself). A gdb row's log
    is GDB's transcript, its serial output goes beside it."""
    if config.kind == "monitor":
        return "stdio"
    if config.kind == "gdb":
        return f"file:{log_path[:-4]}.serial.log"
    return f"file:{log_path}"


def gdb_socket_path(log_path):
    return log_path[:-4] + ".gdb.sock"


def gdb_command(gdb, socket_path, script, elf):
    """The argv of GDB in batch mode: the helpers, the connection to QEMU's
    socket, then the row's script, with the kernel's symbols."""
    return [gdb, "-batch", "-nx", "-ex", "set pagination off",
            "-ex", "set confirm off", "-ex", f"source {GDB_HELPERS}",
            "-ex", f"target remote {socket_path}", "-x", script, elf]


def serial_matches(log_path, pattern):
    """True if a line of the serial log at log_path matches `pattern`."""
    try:
        with open(log_path, "rb") as f:
            data = f.read()
    except OSError:
        return False
    return any(re.search(pattern, line) for line in serial_lines(data))


def matches_any(name, patterns):
    return any(fnmatch.fnmatchcase(name, p) for p in patterns)


def is_older(path, than):
    """True if both files exist and `path` was modified before `than`."""
    try:
        return os.path.getmtime(path) < os.path.getmtime(than)
    except OSError:
        return False


# ===================================================================
# Running
# ===================================================================

@dataclass(eq=False)
class Job:
    """One process to run and the function that judges it."""
    name: str
    mem_mib: int
    timeout: float
    log_path: str
    argv: list
    judge: object  # judge(lines, outcome) -> Verdict
    serial: bool = True  # the log is QEMU's serial file, not stdout
    cwd: "str | None" = None
    blocker: str = ""  # set when it cannot run: the reason
    stop_at: str = ""  # regex: end the run once a serial line matches it
    session: object = None  # session(job) -> (RunOutcome, bytes) instead
    # of running argv alone: the monitor and GDB rows


_live = set()
_live_lock = threading.Lock()


STOP_POLL = 0.25  # seconds between looks at the serial log for stop_at


def run_process(argv, timeout, cwd=None, stop=None):
    """Run argv; return (RunOutcome, stdout bytes). Kills it on timeout, or
    as soon as stop() returns true (status EXIT_STOPPED)."""
    start = time.monotonic()
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=cwd)
    except OSError as e:
        return RunOutcome(error=f"cannot run {argv[0]}: {e}"), b""
    with _live_lock:
        _live.add(proc)
    outcome = RunOutcome(timeout=timeout)
    stopped = False
    try:
        while True:
            left = start + timeout - time.monotonic()
            try:
                out, err = proc.communicate(
                    timeout=max(0, min(left, STOP_POLL) if stop else left))
                break
            except subprocess.TimeoutExpired:
                stopped = stop is not None and stop()
                if stopped or time.monotonic() >= start + timeout:
                    proc.kill()
                    out, err = proc.communicate()
                    outcome.timed_out = not stopped
                    break
    finally:
        with _live_lock:
            _live.discard(proc)
    outcome.status = (EXIT_STOPPED if stopped else
                      None if outcome.timed_out else proc.returncode)
    outcome.elapsed = time.monotonic() - start
    outcome.stderr = err.decode("utf-8", errors="replace")
    return outcome, out


def _start(argv, stdin=subprocess.DEVNULL):
    """Popen argv with its output piped, registered for kill_live_processes();
    None (and the reason) when it cannot start."""
    try:
        proc = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
    except OSError as e:
        return None, f"cannot run {argv[0]}: {e}"
    with _live_lock:
        _live.add(proc)
    return proc, ""


def _forget(proc):
    with _live_lock:
        _live.discard(proc)


def run_monitor_session(argv, timeout, log_path, inputs):
    """Boot argv (serial on stdio), write its output to log_path, and type
    each line of `inputs` (then CR) when the next prompt appears. Returns
    (RunOutcome, b"")."""
    start = time.monotonic()
    proc, error = _start(argv, stdin=subprocess.PIPE)
    if proc is None:
        return RunOutcome(error=error), b""
    stderr = []
    reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()))
    reader.start()
    outcome, data = RunOutcome(timeout=timeout), b""
    fd = proc.stdout.fileno()
    try:
        with open(log_path, "wb") as log:
            while True:
                left = start + timeout - time.monotonic()
                if left <= 0:
                    outcome.timed_out = True
                    proc.kill()
                    break
                ready, _, _ = select.select([fd], [], [], min(left, 0.5))
                if not ready:
                    continue
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                data += chunk
                log.write(chunk)
                log.flush()
                for line in monitor_inputs_due(data, outcome.inputs_sent,
                                               inputs):
                    try:
                        proc.stdin.write(line.encode("latin-1") + b"\r")
                        proc.stdin.flush()
                    except BrokenPipeError:
                        break
                    outcome.inputs_sent += 1
        proc.wait()
    finally:
        proc.kill()
        reader.join()
        _forget(proc)
    outcome.status = None if outcome.timed_out else proc.returncode
    outcome.elapsed = time.monotonic() - start
    outcome.stderr = b"".join(stderr).decode("utf-8", errors="replace")
    return outcome, b""


def run_gdb_session(qemu_argv, gdb_argv, timeout, socket_path):
    """Start QEMU waiting for GDB on socket_path, run gdb_argv against it,
    then end QEMU. Returns GDB's (RunOutcome, stdout)."""
    start = time.monotonic()
    if os.path.exists(socket_path):
        os.remove(socket_path)
    qemu, error = _start(qemu_argv)
    if qemu is None:
        return RunOutcome(error=error), b""
    try:
        while not os.path.exists(socket_path):
            if qemu.poll() is not None or \
                    time.monotonic() - start > GDB_SOCKET_WAIT:
                qemu.kill()
                err = qemu.communicate()[1].decode("utf-8", errors="replace")
                return RunOutcome(error="QEMU opened no GDB socket:\n"
                                  + _stderr_tail(err)), b""
            time.sleep(0.05)
        return run_process(gdb_argv, max(1.0, start + timeout
                                          - time.monotonic()))
    finally:
        qemu.kill()
        qemu.communicate()
        _forget(qemu)
        if os.path.exists(socket_path):
            os.remove(socket_path)


def kill_live_processes():
    with _live_lock:
        for proc in list(_live):
            proc.kill()


def execute(job):
    """Run a job and return its Verdict. Never raises."""
    try:
        if job.blocker:
            verdict = Verdict(job.name, problems=[job.blocker])
            return verdict.seal()
        if os.path.exists(job.log_path):
            os.remove(job.log_path)
        stop = None
        if job.stop_at:
            def stop():
                return serial_matches(job.log_path, job.stop_at)
        if job.session:
            outcome, out = job.session(job)
        else:
            outcome, out = run_process(job.argv, job.timeout, job.cwd, stop)
        if job.serial:
            try:
                with open(job.log_path, "rb") as f:
                    data = f.read()
            except OSError:
                data = b""
        else:
            data = out
            with open(job.log_path, "wb") as f:
                f.write(out)
                if outcome.stderr:
                    f.write(b"\n----- stderr -----\n"
                            + outcome.stderr.encode())
        return job.judge(serial_lines(data), outcome)
    except Exception as e:  # a runner bug must not hang the run
        import traceback
        return Verdict(job.name, problems=[
            f"runner error: {e!r}\n" + traceback.format_exc()]).seal()


def run_all(jobs, max_jobs, mem_budget_mib, on_start, on_done):
    """Run jobs on threads: at most max_jobs at once, and guests whose memory
    together stays within mem_budget_mib (a bigger one runs alone). Calls
    on_start(job) and on_done(job, verdict) on this thread."""
    pending = sorted(jobs, key=lambda j: -j.mem_mib)
    done = queue.Queue()
    running, used = 0, 0

    def work(job):
        done.put((job, execute(job)))

    while pending or running:
        for job in list(pending):
            if running >= max_jobs:
                break
            if running and used + job.mem_mib > mem_budget_mib:
                continue
            pending.remove(job)
            running += 1
            used += job.mem_mib
            on_start(job)
            threading.Thread(target=work, args=(job,), daemon=True).start()
        job, verdict = done.get()
        running -= 1
        used -= job.mem_mib
        on_done(job, verdict)


# ===================================================================
# Output
# ===================================================================

def counts_text(verdict):
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
    passed = sum(v.passed for v in verdicts)
    failed = sum(v.failed for v in verdicts)
    skipped = sum(v.skipped for v in verdicts)
    text = f"{passed} passed, {failed} failed"
    if skipped:
        text += f", {skipped} skipped"
    return text


def summary_table(verdicts, width):
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
        for line in lines:
            print(line, flush=True)
            self.lines.append(line)


# ===================================================================
# Main
# ===================================================================

def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="runner.py", description="hm386 test runner: boots the test "
        "matrix in QEMU, runs death tests and host tests, prints a summary. "
        "See docs/testing.md.")
    p.add_argument("--kernel", default="build/hm386.elf",
                   help="multiboot kernel (default %(default)s)")
    p.add_argument("--iso", default="build/hm386.iso",
                   help="GRUB ISO (default %(default)s)")
    p.add_argument("--test-iso", help="ISO whose default entry passes "
                   "ktest=all (default: ISO name with -test.iso)")
    p.add_argument("--efi-img", default="build/hm386-efi-test.img",
                   help="FAT image whose hm386.efi boots the kernel with "
                   "ktest=all, for efi-direct boots (default %(default)s)")
    p.add_argument("--host-tests", default="",
                   help="space-separated host test programs")
    p.add_argument("--only", action="append", default=[], metavar="GLOB",
                   help="run only configs whose name matches GLOB "
                   "(repeatable, or comma-separated)")
    p.add_argument("--ktest", metavar="GLOB", help="pass ktest=GLOB instead "
                   "of ktest=all; skips ISO and expect configs")
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                   help="boots at once (default: CPUs, %(default)s)")
    p.add_argument("--mem-budget", default="16G", help="total guest memory "
                   "of boots at once (default %(default)s)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S",
                   help="seconds per boot, times the config's timeout_factor "
                   "(default %(default)g)")
    p.add_argument("--log-dir", help="serial logs and summary.txt "
                   "(default: test-logs beside --kernel)")
    p.add_argument("--list", action="store_true", help="print the configs")
    p.add_argument("--no-host", action="store_true",
                   help="skip host tests and the runner's own tests")
    p.add_argument("--keep-going", action="store_true", default=True,
                   help="always on: run everything, then summarize")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="print QEMU commands, notes and every case")
    args = p.parse_args(argv)
    args.only = [g for arg in args.only for g in arg.split(",") if g]
    if args.test_iso is None:
        base = args.iso[:-4] if args.iso.endswith(".iso") else args.iso
        args.test_iso = base + "-test.iso"
    if args.log_dir is None:
        args.log_dir = os.path.join(os.path.dirname(args.kernel) or ".",
                                    "test-logs")
    if args.jobs < 1:
        p.error("--jobs must be at least 1")
    try:
        args.mem_budget_mib = parse_size_mib(args.mem_budget)
    except ValueError as e:
        p.error(f"--mem-budget: {e}")
    return args


def print_list(configs, death_template, catalogue_config, args):
    rows = [("name", "kind", "boot", "mem", "cpu", "smp", "timeout",
             "cmdline / expectations")]

    def row(config, cmdline, extra=""):
        timeout = f"{args.timeout * config.timeout_factor:g} s"
        image = boot_image(config, args.kernel, args.test_iso, args.efi_img)
        what = (cmdline if config.boot == "kernel"
                else f"({os.path.basename(image)}"
                + (": ktest=all)" if config.kind == "tests" else ")"))
        if config.exit is not None:
            what += f"  exit {config.exit}"
        for pattern in config.require:
            what += f"  require /{pattern}/"
        for pattern in config.forbid:
            what += f"  forbid /{pattern}/"
        if config.stop_at:
            what += f"  stop at /{config.stop_at}/"
        if config.input:
            what += f"  types {len(config.input)} lines"
        if config.gdb_script:
            what += f"  gdb -x {config.gdb_script}"
        if config.qemu_extra:
            what += "  qemu: " + " ".join(config.qemu_extra)
        if config.note or extra:
            what += f"  [{config.note or extra}]"
        rows.append((config.name, config.kind, config.boot, config.mem,
                     config.cpu, str(config.smp), timeout, what))

    ktest = args.ktest or "all"
    row(catalogue_config, kernel_cmdline(catalogue_config, ktest),
        "run first")
    for config in configs:
        row(config, kernel_cmdline(config, ktest))
    row(Config(**dict(death_template.__dict__, name="death-SUITE.CASE")),
        "ktest=SUITE.CASE", "one per death case of the catalogue")
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1])
    print("host/runner: python3 -m unittest tests/test_runner.py")
    for path in args.host_tests.split():
        print(f"host/{os.path.basename(path)}: {path}")


class Session:
    """One run of the runner: which jobs to run, running them, the summary."""

    def __init__(self, args, configs, death_template, catalogue_config):
        self.args = args
        self.death_template = death_template
        self.catalogue_config = catalogue_config
        self.ktest = args.ktest or "all"
        self.qemu = shutil.which(QEMU)
        self.catalogue = None
        self.verdicts = []
        self.out = Reporter()
        self.configs = [c for c in configs if self.selected(c.name)]
        if args.ktest:
            # ISO and UEFI boots cannot take ktest=GLOB; expect configs run
            # no tests.
            self.configs = [c for c in self.configs
                            if c.kind == "tests" and c.boot == "kernel"]
        self.host_jobs = [] if args.no_host else [
            j for j in self.make_host_jobs() if self.selected(j.name)]
        # Death tests are named after the catalogue: boot it when a death
        # test may be selected or a self-test run needs it.
        self.maybe_death = not args.only or any(
            p.startswith(("death", "*", "?", "[")) for p in args.only)
        self.want_catalogue = self.maybe_death or any(
            c.kind == "tests" for c in self.configs)
        self.width = max([len(c.name) for c in self.configs]
                         + [len(j.name) for j in self.host_jobs] + [24])

    def selected(self, name):
        return not self.args.only or matches_any(name, self.args.only)

    def log_path(self, name):
        safe = re.sub(r"[^A-Za-z0-9._-]", "-", name)
        return os.path.join(self.args.log_dir, safe + ".log")

    def boot_job(self, config, judge):
        """Return the Job that boots `config` and judges it with judge()."""
        path = self.log_path(config.name)
        vars_path = ""
        if config.boot in EFI_BOOTS:
            vars_path = os.path.join(self.args.log_dir,
                                     os.path.basename(path)[:-4] + ".vars.fd")
        argv = qemu_command(self.qemu or QEMU, config, path, self.args.kernel,
                            self.args.test_iso,
                            kernel_cmdline(config, self.ktest),
                            self.args.efi_img, vars_path)
        job = Job(name=config.name, mem_mib=config.mem_mib,
                  timeout=self.args.timeout * config.timeout_factor,
                  log_path=path, argv=argv, judge=judge,
                  stop_at=config.stop_at)
        image = boot_image(config, self.args.kernel, self.args.test_iso,
                           self.args.efi_img)
        if not os.path.exists(image):
            job.blocker = f"{image} not found"
            if config.boot == "iso":
                job.blocker += (" (make builds it: docs/testing.md, "
                                "'The test ISO')")
            elif config.boot == "efi-direct":
                job.blocker += " (make efi-test-img builds it: docs/boot.md)"
        elif vars_path:
            try:
                shutil.copyfile(OVMF_VARS, vars_path)
                if not os.path.exists(OVMF_CODE):
                    raise OSError(f"{OVMF_CODE} not found")
            except OSError as e:
                job.blocker = (f"no 32-bit UEFI firmware ({e}): install the "
                               f"Debian package {OVMF_PACKAGE}")
        return job

    def config_job(self, config):
        """Return the Job of a matrix config."""
        if config.kind == "expect":
            return self.boot_job(config, lambda lines, o: judge_expect(
                config.name, lines, o, config.exit, config.require,
                config.forbid))
        if config.kind == "monitor":
            job = self.boot_job(config, lambda lines, o: judge_monitor(
                config.name, lines, o, config.exit, config.input,
                config.require, config.forbid))
            job.session = lambda j: run_monitor_session(
                j.argv, j.timeout, j.log_path, config.input)
            return job
        if config.kind == "gdb":
            return self.gdb_job(config)
        ktest = "all" if config.boot != "kernel" else self.ktest
        return self.boot_job(config, lambda lines, o: judge_full_run(
            config.name, lines, o, self.catalogue, ktest, config.require,
            config.forbid))

    def gdb_job(self, config):
        """Return the Job of a "gdb" row: QEMU waits on a socket, GDB runs
        the row's script in batch mode; the log is GDB's transcript."""
        job = self.boot_job(config, lambda lines, o: judge_gdb(
            config.name, lines, o, config.require, config.forbid))
        job.serial = False
        socket_path = gdb_socket_path(job.log_path)
        gdb = shutil.which(GDB)
        gdb_argv = gdb_command(gdb or GDB, socket_path, config.gdb_script,
                               config.elf or self.args.kernel)
        job.session = lambda j: run_gdb_session(j.argv, gdb_argv, j.timeout,
                                                socket_path)
        if not job.blocker and gdb is None:
            job.blocker = (f"{GDB} not found: install the Debian package "
                           f"{GDB_PACKAGE}")
        elif not job.blocker and not os.path.exists(config.gdb_script):
            job.blocker = f"{config.gdb_script} not found"
        return job

    def death_job(self, case):
        """Return the Job that boots death case `case` alone."""
        config = death_config(self.death_template, case)
        return self.boot_job(config, lambda lines, o: judge_death(
            config.name, lines, o, case.id, case.death))

    def make_host_jobs(self):
        """Return the runner's own unit tests and the --host-tests jobs."""
        here = os.path.dirname(os.path.abspath(__file__))
        jobs = [Job(name="host/runner", mem_mib=0, timeout=self.args.timeout,
                    log_path=self.log_path("host-runner"), serial=False,
                    cwd=here,
                    argv=[sys.executable, "-m", "unittest", "test_runner"],
                    judge=lambda lines, o: judge_selftest("host/runner",
                                                          lines, o))]
        for path in self.args.host_tests.split():
            base = os.path.basename(path)
            job = Job(name="host/" + base, mem_mib=0,
                      timeout=self.args.timeout,
                      log_path=self.log_path("host-" + base), serial=False,
                      argv=[os.path.abspath(path)],
                      judge=lambda lines, o, n="host/" + base:
                      judge_host(n, lines, o))
            if not os.path.exists(path):
                job.blocker = f"{path} not found (not built?)"
            jobs.append(job)
        return jobs

    def on_start(self, job):
        if self.args.verbose:
            self.out.say("start " + job.name + ": " + " ".join(
                f"'{a}'" if " " in a or not a else a for a in job.argv))

    def on_done(self, job, verdict):
        self.verdicts.append(verdict)
        self.out.say(*verdict_text(verdict, self.width, self.args.verbose))

    def fail(self, name, problem):
        """Record a failure that belongs to no job."""
        self.on_done(None, Verdict(name, problems=[problem]).seal())

    def boot_catalogue(self):
        """Boot ktest=list; keep the Catalogue if the boot passed."""
        holder = {}

        def judge(lines, outcome):
            verdict, holder["catalogue"] = judge_catalogue(lines, outcome)
            return verdict
        run_all([self.boot_job(self.catalogue_config, judge)], 1,
                self.args.mem_budget_mib, self.on_start, self.on_done)
        self.catalogue = holder.get("catalogue")

    def plan(self):
        """Return the jobs to run, or None when --only selects nothing."""
        configs = self.configs
        if (configs or self.maybe_death) and self.qemu is None:
            self.fail("qemu", f"{QEMU} not found: install the Debian package "
                      f"{QEMU_PACKAGE} (apt-get install {QEMU_PACKAGE})")
            configs = []
        elif self.want_catalogue:
            self.boot_catalogue()
        deaths = []
        if self.catalogue is not None:
            deaths = [case for case in self.catalogue.deaths(self.ktest)
                      if self.selected(f"death-{case.id}")]
            if self.args.ktest and not self.catalogue.normal(self.ktest):
                if not self.catalogue.deaths(self.ktest):
                    self.fail("ktest", f"--ktest {self.args.ktest} selects "
                              "no case of the catalogue")
                configs = [c for c in configs if c.kind != "tests"]
        elif self.want_catalogue and self.qemu is not None:
            self.out.say("     (no catalogue: death tests not run, missing "
                         "tests not checked)")
        for image in sorted({boot_image(c, "", self.args.test_iso,
                                        self.args.efi_img)
                             for c in configs if c.boot != "kernel"}):
            if is_older(image, self.args.kernel):
                self.out.say(f"warning: {image} is older than "
                             f"{self.args.kernel} (run make iso "
                             "efi-test-img)")
        jobs = [self.config_job(c) for c in configs]
        jobs += [self.death_job(case) for case in deaths]
        jobs += self.host_jobs
        if self.args.only and not jobs and all(
                v.ok and v.name == "catalogue" for v in self.verdicts):
            return None
        self.width = max([self.width] + [len(j.name) for j in jobs])
        return jobs

    def summarize(self, jobs, started):
        """Print the table and the final line, write summary.txt; return the
        exit status."""
        order = {job.name: i for i, job in enumerate(jobs)}
        self.verdicts.sort(key=lambda v: (v.name != "catalogue",
                                          order.get(v.name, -1), v.name))
        self.out.say("", *summary_table(self.verdicts, self.width))
        failed = [v for v in self.verdicts if not v.ok]
        if failed:
            self.out.say("", "failed: " + " ".join(v.name for v in failed))
        self.out.say(f"serial logs: {self.args.log_dir}/",
                     f"total wall time {time.monotonic() - started:.1f} s",
                     final_line(self.verdicts))
        path = os.path.join(self.args.log_dir, "summary.txt")
        with open(path, "w") as f:
            f.write("\n".join(self.out.lines) + "\n")
        return 1 if failed or not self.verdicts else 0

    def run(self):
        started = time.monotonic()
        os.makedirs(self.args.log_dir, exist_ok=True)
        try:
            jobs = self.plan()
            if jobs is None:
                print(f"runner: --only {','.join(self.args.only)} selects "
                      "no config (see --list)", file=sys.stderr)
                return 2
            run_all(jobs, self.args.jobs, self.args.mem_budget_mib,
                    self.on_start, self.on_done)
        except KeyboardInterrupt:
            print("\nrunner: interrupted", file=sys.stderr)
            return 130
        finally:
            kill_live_processes()  # after an error, leave no guest behind
        return self.summarize(jobs, started)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        configs, death_template, catalogue_config = load_matrix()
    except ValueError as e:
        print(f"runner: tests/matrix.py: {e}", file=sys.stderr)
        return 2
    if args.list:
        print_list(configs, death_template, catalogue_config, args)
        return 0
    try:
        return Session(args, configs, death_template, catalogue_config).run()
    except BrokenPipeError:  # stdout closed early, as by `| head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
