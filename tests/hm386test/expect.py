# SPDX-License-Identifier: MIT
"""Kind "expect": a boot judged by how it ends and what it prints.

ExitRow is what such rows share (expect.py, monitor.py): a required `exit`
status and the `require`/`forbid` regexes; the run counts as one case.
ExpectRow adds `stop_at`, for firmware that never leaves QEMU: the runner
ends the guest at the first serial line matching it, and the status is then
EXIT_STOPPED.
"""

from dataclasses import dataclass

from .judge import EXIT_MEANING, EXIT_STOPPED, Verdict, check_lines, \
    describe_exit
from .row import Row


@dataclass(frozen=True)
class ExitRow(Row):
    """A run without self-tests: the exit status and the serial lines."""
    exit: "int | str | None" = None  # the QEMU exit status required

    def check(self, where):
        super().check(where)
        if self.exit is None:
            raise ValueError(f"{where}: 'exit' is required for kind "
                             f"'{self.kind}'")

    def session_problems(self, outcome):
        """Return the problems of the kind's own session, reported first."""
        return []

    def judge(self, lines, outcome):
        """The run ended with `exit` and its lines satisfy require/forbid;
        it counts as one case."""
        verdict = Verdict(self.name, elapsed=outcome.elapsed,
                          problems=self.session_problems(outcome))
        if (outcome.timed_out or outcome.error
                or outcome.status != self.exit):
            meaning = EXIT_MEANING.get(self.exit, "")
            verdict.problems.append(f"expected exit {self.exit} ({meaning}), "
                                    "got: " + describe_exit(outcome, lines))
        check_lines(verdict, lines, self.require, self.forbid)
        return verdict.single(self.name)

    def list_expectations(self):
        return f"  exit {self.exit}" + super().list_expectations()


@dataclass(frozen=True)
class ExpectRow(ExitRow):
    """Kind "expect"; not on the test ISO, which always runs ktest=all."""
    kind = "expect"
    boots = ("kernel", "efi-iso", "efi-direct")

    stop_at: str = ""  # regex: end the guest at the first line matching it

    def check(self, where):
        super().check(where)
        if (self.exit == EXIT_STOPPED) != bool(self.stop_at):
            raise ValueError(f"{where}: exit '{EXIT_STOPPED}' goes with "
                             "'stop_at', and only there")

    def patterns(self):
        return super().patterns() + ((self.stop_at,) if self.stop_at else ())

    def job(self, ctx):
        job = super().job(ctx)
        job.stop_at = self.stop_at
        return job

    def list_extras(self):
        return f"  stop at /{self.stop_at}/" if self.stop_at else ""
