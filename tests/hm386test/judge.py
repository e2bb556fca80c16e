# SPDX-License-Identifier: MIT
"""What judging shares: how runs end, verdicts, and the common checks.

A judge is a pure function from recorded text (serial lines, or a program's
stdout) and a RunOutcome (exit status, timeout, stderr) to a Verdict: cases
passed, failed and skipped, and the problems that explain every failure.
The judges themselves belong to the row kinds (selftests.py, expect.py,
monitor.py, gdb.py, host.py); this module holds what they have in common:
the isa-debug-exit statuses, the panic line, describe_exit() for a run that
ended the wrong way, and check_lines() for `require`/`forbid` regexes.
"""

import re
import signal
from dataclasses import dataclass, field

from .serial import TAIL_LINES, tail

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

PANIC_CONTEXT_LINES = 30  # lines shown after an unexpected panic line
MAX_LISTED = 20           # longest list of missing tests printed in full

# A panic starts with one line of this form; a trailer such as
# "---[ end Kernel panic: ... ]---" may follow the backtrace.
PANIC_MARK = "Kernel panic at "
PANIC_NAME = PANIC_MARK.strip()
PANIC_RE = re.compile(r"Kernel panic at (\S+):(\d+) in (\S+)\(\): (.*)")


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

    def single(self, case_id):
        """Make this the verdict of a run that is one case, `case_id`:
        passed without problems, failed with any."""
        failed = bool(self.problems)
        self.cases.append((case_id, "fail" if failed else "pass", ""))
        self.passed, self.failed = int(not failed), int(failed)
        return self

    def seal(self):
        """A run with problems fails at least one case, so that the last
        summary line never hides a failure."""
        if self.problems and self.failed == 0:
            self.failed = 1
        return self


def panic_lines(lines):
    """Return the indexes of the lines that start a panic report."""
    return [i for i, line in enumerate(lines) if PANIC_MARK in line]


def panic_context(lines):
    """Return the first panic line and the registers/backtrace after it."""
    found = panic_lines(lines)
    if not found:
        return f"  (no '{PANIC_NAME}' line in the log)\n" + tail(lines)
    first = found[0]
    return "\n".join("  | " + line
                     for line in lines[first:first + 1 + PANIC_CONTEXT_LINES])


_SANITIZER_RE = re.compile(r"==\d+==ERROR:|runtime error:")


def stderr_tail(stderr, count=TAIL_LINES):
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
        return f"killed by {signame}\n" + stderr_tail(outcome.stderr)
    text = f"unexpected exit status {status} (QEMU error?)"
    if outcome.stderr.strip():
        text += "\n" + stderr_tail(outcome.stderr)
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


def list_ids(title, ids):
    """Return `title (N):` and the ids, one a line, at most MAX_LISTED."""
    shown = ids[:MAX_LISTED]
    text = f"{title} ({len(ids)}):" + "".join("\n    " + i for i in shown)
    if len(ids) > len(shown):
        text += f"\n    ... and {len(ids) - len(shown)} more"
    return text
