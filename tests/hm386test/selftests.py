# SPDX-License-Identifier: MIT
"""The row kinds that run the kernel's self-tests (ktest=, KTAP).

  CatalogueRow  `ktest=list`, booted first: reads the catalogue that the
                other two are judged against and named after
  TestsRow      kind "tests": boots `ktest=all` (or --ktest GLOB) and
                checks that every case the catalogue selects reports, that
                the plans match and that the exit status agrees
  DeathRow      one death case booted alone (`ktest=SUITE.CASE`): it must
                end in exactly one panic with the expected message

The matrix has one template for all death tests (DEATH_TESTS); for_case()
makes the row of one case.
"""

from dataclasses import dataclass, field, replace

from .catalogue import parse_catalogue
from .judge import (EXIT_PANIC, EXIT_PASS, EXIT_TEST_FAILED, PANIC_NAME,
                    PANIC_RE, Verdict, check_lines, describe_exit, list_ids,
                    panic_context, panic_lines)
from .ktap import parse_ktap
from .row import Row
from .serial import tail


@dataclass(frozen=True)
class TestsRow(Row):
    """Kind "tests": a self-test run judged against the catalogue."""
    kind = "tests"
    runs_selftests = True

    @property
    def takes_ktest(self):
        return self.boot_type.loads_elf

    def kernel_cmdline(self, ktest="all"):
        return f"ktest={ktest} {self.cmdline}".strip()

    def image_label(self):
        return ": ktest=all"

    def judge_for(self, ctx):
        # ISO and UEFI boots run what their image says: ktest=all.
        ktest = ctx.ktest if self.takes_ktest else "all"
        return lambda lines, outcome: self.judge(lines, outcome,
                                                 ctx.catalogue, ktest)

    def judge(self, lines, outcome, catalogue=None, ktest="all"):
        """Judge a self-test boot: every case the catalogue selects must
        appear as ok/not ok/skip, plans must match, the exit status must
        agree. Without a catalogue, missing cases are not checked."""
        verdict = Verdict(self.name, elapsed=outcome.elapsed)
        report = parse_ktap(lines)
        seen = set()
        for case in report.cases:
            seen.add(case.id)
            entry = catalogue.lookup(case.id) if catalogue else None
            if catalogue and entry is None:
                verdict.problems.append(f"{case.id}: in the output but not "
                                        "in the ktest=list catalogue")
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
                verdict.problems.append(list_ids("missing tests", missing))

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
        if outcome.status != EXIT_PANIC and panic_lines(lines):
            verdict.problems.append("panic message in the serial log:\n"
                                    + panic_context(lines))
        check_lines(verdict, lines, self.require, self.forbid)
        return verdict.seal()


@dataclass(frozen=True)
class CatalogueRow(Row):
    """The `ktest=list` boot (matrix CATALOGUE): one case, and the
    catalogue for the rest of the run."""
    kind = "catalogue"
    boots = ("kernel",)

    def kernel_cmdline(self, ktest="all"):
        return f"ktest=list {self.cmdline}".strip()

    def judge_for(self, ctx):
        def judge(lines, outcome):
            verdict, ctx.catalogue = self.read(lines, outcome)
            return verdict
        return judge

    def judge(self, lines, outcome):
        return self.read(lines, outcome)[0]

    def read(self, lines, outcome):
        """Judge the ktest=list boot; return (Verdict, the Catalogue, or
        None when the boot failed)."""
        verdict = Verdict(self.name, elapsed=outcome.elapsed)
        catalogue = parse_catalogue(lines)
        if outcome.timed_out or outcome.error or outcome.status != EXIT_PASS:
            verdict.problems.append("ktest=list should exit 33, got: "
                                    + describe_exit(outcome, lines))
        verdict.problems.extend(catalogue.errors)
        if panic_lines(lines) and outcome.status != EXIT_PANIC:
            verdict.problems.append("panic message in the serial log:\n"
                                    + panic_context(lines))
        if verdict.problems:
            verdict.failed = 1
            return verdict, None
        verdict.passed = 1
        deaths = sum(1 for c in catalogue.cases if c.death is not None)
        verdict.notes.append(f"{len(catalogue.cases)} cases, {deaths} death "
                             "tests")
        if not catalogue.cases:
            verdict.notes.append("the catalogue is empty")
        return verdict, catalogue


@dataclass(frozen=True)
class DeathRow(Row):
    """A death case booted alone (matrix DEATH_TESTS is the template)."""
    kind = "death"
    boots = ("kernel",)

    # The catalogue's death case (catalogue.CatalogueCase); not a matrix key.
    case: object = field(default=None, metadata={"key": False})

    def for_case(self, case):
        """Return the row that boots death case `case` alone."""
        return replace(self, name=f"death-{case.id}", case=case)

    def kernel_cmdline(self, ktest="all"):
        return f"ktest={self.case.id} {self.cmdline}".strip()

    def judge(self, lines, outcome):
        """Judge a death test booted alone: it passes only on exit 37 with
        exactly one panic line, containing the case's expected message,
        and no `not ok`."""
        case_id, expected = self.case.id, self.case.death
        verdict = Verdict(self.name, elapsed=outcome.elapsed)
        clean = not outcome.timed_out and not outcome.error
        if clean and outcome.status == EXIT_PANIC:
            panics = [lines[i] for i in panic_lines(lines)]
            if not panics:
                verdict.problems.append(f"exit 37 but no '{PANIC_NAME}' "
                                        "line")
            elif len(panics) > 1:
                verdict.problems.append(f"{len(panics)} '{PANIC_NAME}' "
                                        "lines, expected exactly one:\n"
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
            not_ok = [line for line in lines
                      if line.strip().startswith("not ok")]
            if not_ok:
                verdict.problems.append("'not ok' in the serial log:\n"
                                        + tail(not_ok, 5))
        elif clean and outcome.status == EXIT_TEST_FAILED:
            failures = [c for c in parse_ktap(lines).cases
                        if c.status == "fail"]
            text = "did not panic: the case returned and failed (exit 35)"
            for case in failures:
                text += f"\n    not ok {case.id}" + "".join(
                    "\n      " + d for d in case.diagnostics)
            verdict.problems.append(text)
        elif clean and outcome.status == EXIT_PASS:
            verdict.problems.append("did not panic: the kernel exited 33 "
                                    f"(all passed); did ktest={case_id} run "
                                    "it?")
        else:
            verdict.problems.append(describe_exit(outcome, lines))
        return verdict.single(case_id)
