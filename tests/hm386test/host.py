# SPDX-License-Identifier: MIT
"""The jobs that run on the host, not in a guest.

  HostTest  a host unit-test program (tests/host/, --host-tests): judged by
            its KTAP on stdout and its exit status (0 all passed, 1 a case
            failed); a sanitizer report on stderr is quoted
  SelfTest  the runner's own unit tests (tests/test_runner.py, `host/runner`)
            under `python3 -m unittest`: one case
"""

import os
import re
import sys

from .jobs import Job
from .judge import Verdict, describe_exit, stderr_tail
from .ktap import parse_ktap
from .serial import serial_lines, tail

# The top of the tree, where `python3 -m unittest tests.test_runner` runs.
TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


class HostTest:
    """A host test program, named host/BASENAME."""

    def __init__(self, path):
        self.path = path
        self.name = "host/" + os.path.basename(path)

    def job(self, ctx):
        """Return the Job that runs the program; stdout is its log."""
        base = os.path.basename(self.path)
        job = Job(name=self.name, mem_mib=0, timeout=ctx.timeout,
                  log_path=ctx.log_path("host-" + base), serial=False,
                  argv=[os.path.abspath(self.path)], judge=self.judge)
        if not os.path.exists(self.path):
            job.blocker = f"{self.path} not found (not built?)"
        return job

    def judge(self, lines, outcome):
        """Judge a host unit-test program: its KTAP (stdout) and exit
        status (0 all passed, 1 something failed)."""
        verdict = Verdict(self.name, elapsed=outcome.elapsed)
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
        if verdict.problems and outcome.stderr.strip() and \
                status not in (0, None):
            verdict.problems.append("stderr:\n"
                                    + stderr_tail(outcome.stderr, 40))
        return verdict.seal()


class SelfTest:
    """The runner's own unit tests, host/runner."""
    name = "host/runner"
    command = "python3 -m unittest tests/test_runner.py"  # as people type it

    def job(self, ctx):
        """Return the Job that runs tests/test_runner.py from the top."""
        return Job(name=self.name, mem_mib=0, timeout=ctx.timeout,
                   log_path=ctx.log_path("host-runner"), serial=False,
                   cwd=TOP, argv=[sys.executable, "-m", "unittest",
                                  "tests.test_runner"],
                   judge=self.judge)

    def judge(self, lines, outcome):
        """One case, runner.selftest: unittest exited 0."""
        verdict = Verdict(self.name, elapsed=outcome.elapsed)
        lines = lines + serial_lines(outcome.stderr)  # unittest reports there
        ran = [line for line in lines if re.match(r"Ran \d+ tests?", line)]
        if outcome.status == 0 and not outcome.timed_out and not outcome.error:
            verdict.passed = 1
            if ran:
                verdict.notes.append(ran[-1])
        else:
            verdict.failed = 1
            verdict.problems.append(f"{self.command} failed:\n"
                                    + tail(lines, 40))
        verdict.cases.append(("runner.selftest",
                              "pass" if verdict.passed else "fail", ""))
        return verdict
