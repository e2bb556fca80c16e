# SPDX-License-Identifier: MIT
"""Unit tests of the host test runner (tests/hm386test/): the judges of
every row kind on recorded logs, the matrix's checks, the QEMU command lines,
the processes it drives (with stand-ins for QEMU) and its output.

Run from the top of the tree:  python3 -m unittest tests/test_runner.py
"""

import os
import sys
import tempfile
import textwrap
import threading
import time
import unittest

from tests import matrix
from tests.hm386test import gdb, jobs, ktap, monitor, report
from tests.hm386test.boots import Images
from tests.hm386test.catalogue import CatalogueCase, parse_catalogue
from tests.hm386test.expect import ExpectRow
from tests.hm386test.host import HostTest, SelfTest
from tests.hm386test.judge import EXIT_STOPPED, RunOutcome, Verdict
from tests.hm386test.loader import load_matrix
from tests.hm386test.row import Context
from tests.hm386test.selftests import CatalogueRow, DeathRow, TestsRow
from tests.hm386test.serial import serial_lines, serial_matches


def row(cls, name, **keys):
    """A row of kind `cls` booting the kernel in a 128M guest."""
    for key in ("require", "forbid", "input"):
        if key in keys:
            keys[key] = tuple(keys[key])
    return cls(name=name, boot="kernel", mem="128M", cpu="max", **keys)


def log(text):
    """Lines of an inline sample log (dedented, first newline dropped)."""
    return serial_lines(textwrap.dedent(text).lstrip("\n"))


def exited(status, elapsed=1.0):
    return RunOutcome(status=status, elapsed=elapsed)


TIMED_OUT = RunOutcome(timed_out=True, timeout=60, elapsed=60)

# The example of the protocol: failure diagnostics after the result line.
PAGING_RUN = """
    SeaBIOS junk
    hm386 0.1.0 booting
    [    0.001234] memory map:
    KTAP version 1
    1..2
      KTAP version 1
      # Subtest: paging
      1..3
      ok 1 direct_map_reads_phys
    [    0.002000] a log line between results
      not ok 2 identity_map_gone
        # identity_map_gone: EXPECTATION FAILED at tests/kernel/paging_test.c:42
        # expected pte_none(pte), got 0x1003
      ok 3 wx_text_write_faults # SKIP death test (runs alone)
    not ok 1 paging
      KTAP version 1
      # Subtest: lib
      1..2
      ok 1 memcpy_copies
      ok 2 memset_fills
    ok 2 lib
    [    0.003000] ktest: 1 failed
"""

CATALOGUE = """
    hm386 0.1.0 booting
    ktest-list: paging.direct_map_reads_phys
    ktest-list: paging.identity_map_gone
    ktest-list: paging.wx_text_write_faults death "write to read-only page"
    ktest-list: lib.memcpy_copies
    ktest-list: lib.memset_fills
"""

ALL_PASS = """
    KTAP version 1
    1..2
      KTAP version 1
      # Subtest: paging
      1..3
      ok 1 direct_map_reads_phys
      ok 2 identity_map_gone
      ok 3 wx_text_write_faults # SKIP death test (runs alone)
    ok 1 paging
      KTAP version 1
      # Subtest: lib
      1..2
      ok 1 memcpy_copies
      ok 2 memset_fills
    ok 2 lib
"""

PANIC = """
    KTAP version 1
    1..1
      KTAP version 1
      # Subtest: paging
      1..3
      ok 1 direct_map_reads_phys
    Kernel panic at mm/highmem.c:120 in kunmap_local(): unmap out of order: c0400000 then c0401000
      eax=00000000 ebx=c0100000 ecx=00000001 edx=00000002
      esi=00000000 edi=00000000 ebp=c0107f00 esp=c0107ee0
      backtrace:
        #0 c0101234 kunmap_local+0x34
        #1 c0105678 ktest_run+0x78
"""


def catalogue():
    return parse_catalogue(log(CATALOGUE))


class SerialLines(unittest.TestCase):
    def test_strips_crlf_ansi_and_controls(self):
        data = b"\x1b[2J\x1b[HGRUB\r\nKTAP version 1\r\n\x00ok 1 a\r\n"
        self.assertEqual(serial_lines(data),
                         ["GRUB", "KTAP version 1", "ok 1 a"])

    def test_invalid_utf8_is_replaced(self):
        self.assertEqual(serial_lines(b"a\xffb\n"), ["a\ufffdb"])

    def test_sizes(self):
        self.assertEqual(jobs.parse_size_mib("128M"), 128)
        self.assertEqual(jobs.parse_size_mib("4G"), 4096)
        self.assertEqual(jobs.parse_size_mib("512"), 512)
        with self.assertRaises(ValueError):
            jobs.parse_size_mib("lots")


class KtapParser(unittest.TestCase):
    def test_example_run(self):
        report = ktap.parse_ktap(log(PAGING_RUN))
        self.assertTrue(report.found)
        self.assertEqual(report.errors, [])
        statuses = [(c.id, c.status) for c in report.cases]
        self.assertEqual(statuses, [
            ("paging.direct_map_reads_phys", "pass"),
            ("paging.identity_map_gone", "fail"),
            ("paging.wx_text_write_faults", "skip"),
            ("lib.memcpy_copies", "pass"),
            ("lib.memset_fills", "pass"),
        ])
        failed = report.cases[1]
        self.assertEqual(failed.diagnostics, [
            "# identity_map_gone: EXPECTATION FAILED at "
            "tests/kernel/paging_test.c:42",
            "# expected pte_none(pte), got 0x1003"])
        self.assertEqual(report.cases[2].directive,
                         "SKIP death test (runs alone)")
        self.assertEqual(report.cases[0].diagnostics, [])

    def test_diagnostics_before_result(self):
        # htest.h and KUnit print the failure before the result line.
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..1
              KTAP version 1
              # Subtest: lib
              1..3
              ok 1 first
                # second: EXPECTATION FAILED at tests/host/test_lib.c:10
                # expected a == b, got 1 (0x1) vs 2 (0x2)
              not ok 2 second
                # third: EXPECTATION FAILED at tests/host/test_lib.c:20
                # expected x, got y
              not ok 3 third
            not ok 1 lib
        """))
        self.assertEqual(report.errors, [])
        second, third = report.cases[1], report.cases[2]
        self.assertEqual(second.status, "fail")
        self.assertIn("test_lib.c:10", second.diagnostics[0])
        self.assertEqual(len(second.diagnostics), 2)
        self.assertIn("test_lib.c:20", third.diagnostics[0])
        self.assertEqual(report.cases[0].diagnostics, [])

    def test_junk_before_header_on_the_same_line(self):
        report = ktap.parse_ktap(log("""
            GRUB loading...garbageKTAP version 1
            1..1
              KTAP version 1
              # Subtest: a
              1..1
              ok 1 b
            ok 1 a
        """))
        self.assertEqual(report.errors, [])
        self.assertEqual([c.id for c in report.cases], ["a.b"])

    def test_ansi_around_header(self):
        lines = serial_lines(
            "\x1b[0m\x1b[30m\x1b[47mKTAP version 1\r\n1..0\r\n")
        report = ktap.parse_ktap(lines)
        self.assertTrue(report.found)
        self.assertEqual(report.errors, [])

    def test_lines_that_only_look_like_ktap_are_ignored(self):
        report = ktap.parse_ktap(log("""
            ok 1 before the document is not a result
            KTAP version 1
            1..1
            [    0.1] ok 7 log line
              KTAP version 1
              # Subtest: a
              1..1
            okay, booting
              ok 1 b
            ok 1 a
            trailing text
            ok 2 after the document
        """))
        self.assertEqual(report.errors, [])
        self.assertEqual([c.id for c in report.cases], ["a.b"])

    def test_parameterized_case(self):
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..1
              KTAP version 1
              # Subtest: highmem
              1..2
                KTAP version 1
                # Subtest: kmap_sizes
                ok 1 size=1
                  # kmap_sizes: EXPECTATION FAILED at tests/kernel/hm.c:9
                not ok 2 size=16
                # kmap_sizes: pass:1 fail:1 skip:0 total:2
              not ok 1 kmap_sizes
              ok 2 other
            not ok 1 highmem
        """))
        self.assertEqual(report.errors, [])
        self.assertEqual([(c.id, c.status) for c in report.cases],
                         [("highmem.kmap_sizes", "fail"),
                          ("highmem.other", "pass")])
        text = "\n".join(report.cases[0].diagnostics)
        self.assertIn("param 'size=16': not ok", text)
        self.assertIn("hm.c:9", text)

    def test_case_lines_after_its_subtest_are_the_cases(self):
        # The user suite: a program's KTAP nested in the case, then the
        # kernel's own expectation about the run, at the same indentation.
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..1
              KTAP version 1
              # Subtest: user
              1..1
                KTAP version 1
                # Subtest: fork_cow
                1..1
                ok 1 parent_fills_its_pages
                # fork_cow: 6 forks, 0 COW reuses
                # fork_cow: EXPECTATION FAILED at tests/kernel/user_test.c:101
                # Expected reuses > 0, but
              not ok 1 fork_cow
            not ok 1 user
        """))
        self.assertEqual(report.errors, [])
        self.assertEqual([(c.id, c.status) for c in report.cases],
                         [("user.fork_cow", "fail")])
        text = "\n".join(report.cases[0].diagnostics)
        self.assertIn("user_test.c:101", text)
        self.assertIn("Expected reuses > 0", text)

    def test_plan_mismatch(self):
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..1
              KTAP version 1
              # Subtest: a
              1..3
              ok 1 x
              ok 2 y
            ok 1 a
        """))
        self.assertEqual(report.errors, ["suite 'a': plan 1..3 but 2 results"])

    def test_top_plan_mismatch(self):
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..2
              KTAP version 1
              # Subtest: a
              1..1
              ok 1 x
            ok 1 a
        """))
        self.assertEqual(report.errors,
                         ["top level: plan 1..2 but 1 suites reported"])

    def test_missing_plan(self):
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..1
              KTAP version 1
              # Subtest: a
              ok 1 x
            ok 1 a
        """))
        self.assertEqual(report.errors, ["suite 'a': no plan line (1..N)"])

    def test_bad_numbering(self):
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..1
              KTAP version 1
              # Subtest: a
              1..2
              ok 1 x
              ok 3 y
            ok 1 a
        """))
        self.assertEqual(len(report.errors), 1)
        self.assertIn("numbered 3, expected 2", report.errors[0])

    def test_truncated_output(self):
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..2
              KTAP version 1
              # Subtest: a
              1..1
              ok 1 x
            ok 1 a
              KTAP version 1
              # Subtest: b
              1..3
              ok 1 y
              not ok 2 z
        """))
        self.assertEqual([(c.id, c.status) for c in report.cases],
                         [("a.x", "pass"), ("b.y", "pass"), ("b.z", "fail")])
        self.assertEqual(report.errors, [
            "output ends inside suite 'b' after 2 of 3 results",
            "top level: plan 1..2 but 1 suites reported"])

    def test_header_only(self):
        report = ktap.parse_ktap(["KTAP version 1"])
        self.assertTrue(report.found)
        self.assertEqual(report.errors, ["top level: no plan line (1..N)"])

    def test_no_ktap(self):
        report = ktap.parse_ktap(log("""
            hm386 booting
            ok 1 nothing
        """))
        self.assertFalse(report.found)
        self.assertEqual(report.cases, [])

    def test_suite_without_result_line(self):
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..2
              KTAP version 1
              # Subtest: a
              1..1
              ok 1 x
              KTAP version 1
              # Subtest: b
              1..1
              ok 1 y
            ok 1 b
        """))
        self.assertIn("a.x", [c.id for c in report.cases])
        self.assertTrue(any("suite 'a'" in e and "without its result line"
                            in e for e in report.errors), report.errors)

    def test_second_document_means_reboot(self):
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..1
              KTAP version 1
              # Subtest: a
              1..1
            KTAP version 1
            1..1
        """))
        self.assertTrue(any("second KTAP document" in e
                            for e in report.errors), report.errors)

    def test_suite_verdict_must_agree_with_cases(self):
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..2
              KTAP version 1
              # Subtest: a
              1..1
              ok 1 x
            not ok 1 a
              KTAP version 1
              # Subtest: b
              1..1
              not ok 1 y
            ok 2 b
        """))
        self.assertEqual(len(report.errors), 2, report.errors)
        self.assertIn("'a' reported 'not ok' but none", report.errors[0])
        self.assertIn("'b' reported 'ok' although", report.errors[1])

    def test_subtest_name_must_match_result(self):
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..1
              KTAP version 1
              # Subtest: a
              1..1
              ok 1 x
            ok 1 b
        """))
        self.assertEqual(len(report.errors), 1)
        self.assertIn("'# Subtest: a'", report.errors[0])

    def test_duplicate_case(self):
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..1
              KTAP version 1
              # Subtest: a
              1..2
              ok 1 x
              ok 2 x
            ok 1 a
        """))
        self.assertEqual(report.errors, ["a.x: reported twice"])

    def test_whole_suite_skipped(self):
        report = ktap.parse_ktap(log("""
            KTAP version 1
            1..1
            ok 1 nx # SKIP CPU has no NX
        """))
        self.assertEqual(report.errors, [])
        self.assertEqual(report.cases, [])
        self.assertEqual(report.skipped_suites, {"nx": "SKIP CPU has no NX"})

    def test_result_with_dash_and_no_name(self):
        m = ktap._RESULT_RE.match("ok 4 - name # SKIP why")
        self.assertEqual(m.group(3), "name")
        self.assertEqual(m.group(4), "SKIP why")
        m = ktap._RESULT_RE.match("not ok 5")
        self.assertEqual(m.group(1), "not ok")
        self.assertIsNone(ktap._RESULT_RE.match("ok 5x"))


class CatalogueParser(unittest.TestCase):
    def test_cases_and_death_tests(self):
        cat = catalogue()
        self.assertEqual(cat.errors, [])
        self.assertEqual(cat.normal(), [
            "paging.direct_map_reads_phys", "paging.identity_map_gone",
            "lib.memcpy_copies", "lib.memset_fills"])
        deaths = cat.deaths()
        self.assertEqual([(d.id, d.death) for d in deaths],
                         [("paging.wx_text_write_faults",
                           "write to read-only page")])
        self.assertEqual(cat.normal("lib.*"),
                         ["lib.memcpy_copies", "lib.memset_fills"])
        self.assertEqual(cat.deaths("lib.*"), [])

    def test_escaped_quotes(self):
        cat = parse_catalogue(log(r"""
            ktest-list: a.b death "said \"no\" twice"
            ktest-list: a.c death "back\\slash"
            ktest-list: a.d death "# SKIP: not a directive"
        """))
        self.assertEqual(cat.errors, [])
        self.assertEqual([c.death for c in cat.cases],
                         ['said "no" twice', "back\\slash",
                          "# SKIP: not a directive"])

    def test_malformed_lines(self):
        cat = parse_catalogue(log(r"""
            ktest-list: a.b death "unterminated
            ktest-list: nodot
            ktest-list: a.c death "ends in escaped quote\"
            ktest-list: a.d
            ktest-list: a.d
            ktest-list: a.e death ""
        """))
        self.assertEqual(len(cat.errors), 5, cat.errors)
        self.assertIn("line 1", cat.errors[0])
        self.assertIn("listed twice", cat.errors[3])
        self.assertIn("empty panic message", cat.errors[4])

    def test_judge_catalogue(self):
        verdict, cat = row(CatalogueRow, "catalogue").read(log(CATALOGUE), exited(33))
        self.assertTrue(verdict.ok)
        self.assertEqual(len(cat.cases), 5)
        verdict, cat = row(CatalogueRow, "catalogue").read(log(CATALOGUE), TIMED_OUT)
        self.assertFalse(verdict.ok)
        self.assertIsNone(cat)
        self.assertIn("TIMEOUT after 60 s", verdict.problems[0])


class FullRun(unittest.TestCase):
    def judge(self, text, status=35, **kw):
        outcome = status if isinstance(status, RunOutcome) else exited(status)
        cat = kw.pop("cat", catalogue())
        ktest = kw.pop("ktest", "all")
        return row(TestsRow, "kernel-1G-max", **kw).judge(log(text), outcome,
                                                          cat, ktest)

    def test_example_run(self):
        v = self.judge(PAGING_RUN, 35)
        self.assertFalse(v.ok)
        self.assertEqual((v.passed, v.failed, v.skipped), (3, 1, 1))
        self.assertEqual(len(v.problems), 1)
        self.assertIn("not ok paging.identity_map_gone", v.problems[0])
        self.assertIn("paging_test.c:42", v.problems[0])

    def test_all_pass(self):
        v = self.judge(ALL_PASS, 33)
        self.assertTrue(v.ok, v.problems)
        self.assertEqual((v.passed, v.failed, v.skipped), (4, 0, 1))

    def test_exit_status_must_agree(self):
        v = self.judge(PAGING_RUN, 33)
        self.assertIn("kernel exited 33 (all passed) although cases failed",
                      v.problems)
        v = self.judge(ALL_PASS, 35)
        self.assertFalse(v.ok)
        self.assertEqual(v.failed, 1)
        self.assertIn("no case is 'not ok'", v.problems[0])

    def test_missing_test(self):
        text = ALL_PASS.replace("1..2\n      ok 1 memcpy_copies\n", "1..1\n")
        text = text.replace("ok 2 memset_fills", "ok 1 memset_fills")
        v = self.judge(text, 33)
        self.assertFalse(v.ok)
        self.assertEqual(v.failed, 1)
        self.assertIn("missing tests (1):\n    lib.memcpy_copies",
                      v.problems)

    def test_unknown_test(self):
        text = ALL_PASS.replace("1..2\n      ok 1 memcpy_copies\n",
                                "1..3\n      ok 1 memcpy_copies\n"
                                "      ok 3 extra\n").replace(
            "ok 2 memset_fills\n", "ok 2 memset_fills\n", 1)
        text = text.replace("      ok 3 extra\n      ok 2 memset_fills",
                            "      ok 2 memset_fills\n      ok 3 extra")
        v = self.judge(text, 33)
        self.assertFalse(v.ok)
        self.assertIn("lib.extra: in the output but not in the ktest=list "
                      "catalogue", v.problems)

    def test_death_case_must_be_skipped(self):
        text = ALL_PASS.replace(
            "ok 3 wx_text_write_faults # SKIP death test (runs alone)",
            "ok 3 wx_text_write_faults")
        v = self.judge(text, 33)
        self.assertFalse(v.ok)
        self.assertEqual((v.passed, v.failed), (4, 1))

    def test_ktest_glob(self):
        text = """
            KTAP version 1
            1..1
              KTAP version 1
              # Subtest: lib
              1..1
              ok 1 memcpy_copies
            ok 1 lib
        """
        self.assertTrue(self.judge(text, 33, ktest="lib.memcpy*").ok)
        v = self.judge(text, 33, ktest="lib.*")
        self.assertIn("missing tests (1):\n    lib.memset_fills", v.problems)

    def test_skipped_suite_counts_its_cases_as_skipped(self):
        text = """
            KTAP version 1
            1..2
            ok 1 paging # SKIP no PAE here
              KTAP version 1
              # Subtest: lib
              1..2
              ok 1 memcpy_copies
              ok 2 memset_fills
            ok 2 lib
        """
        v = self.judge(text, 33)
        self.assertTrue(v.ok, v.problems)
        self.assertEqual((v.passed, v.failed, v.skipped), (2, 0, 2))

    def test_timeout_shows_last_lines(self):
        text = ALL_PASS.split("    ok 1 paging")[0]
        text += "".join(f"    log line {i}\n" for i in range(30))
        v = self.judge(text, TIMED_OUT)
        self.assertFalse(v.ok)
        timeout = [p for p in v.problems if p.startswith("TIMEOUT after 60 s")]
        self.assertEqual(len(timeout), 1)
        self.assertIn("log line 29", timeout[0])
        self.assertIn("log line 15", timeout[0])
        self.assertNotIn("log line 14", timeout[0])
        # The cases that never ran are missing.
        self.assertIn("missing tests (2)", "\n".join(v.problems))

    def test_reboot(self):
        v = self.judge(ALL_PASS.split("    ok 1 paging")[0], 0)
        self.assertTrue(any(p.startswith("REBOOT (triple fault?)")
                            for p in v.problems), v.problems)

    def test_unexpected_panic(self):
        v = self.judge(PANIC, 37)
        self.assertFalse(v.ok)
        panic = [p for p in v.problems if "unexpected kernel panic" in p]
        self.assertEqual(len(panic), 1)
        self.assertIn("in kunmap_local(): unmap out of order", panic[0])
        self.assertIn("#1 c0105678 ktest_run+0x78", panic[0])

    def test_panic_line_with_wrong_exit(self):
        v = self.judge(PANIC, 33)
        self.assertTrue(any("panic message in the serial log" in p
                            for p in v.problems), v.problems)

    def test_no_ktap(self):
        v = self.judge("hm386 booting\n", 33)
        self.assertIn("no KTAP output in the serial log", v.problems)
        self.assertGreaterEqual(v.failed, 1)

    def test_without_catalogue(self):
        v = self.judge(ALL_PASS, 33, cat=None)
        self.assertTrue(v.ok)
        self.assertEqual(v.skipped, 1)
        self.assertIn("missing tests not checked", v.notes[0])

    def test_qemu_error(self):
        outcome = RunOutcome(status=1, stderr="qemu: could not load kernel")
        v = self.judge("", outcome)
        self.assertTrue(any("unexpected exit status 1" in p
                            and "could not load kernel" in p
                            for p in v.problems), v.problems)

    def test_required_and_forbidden_lines(self):
        v = self.judge(ALL_PASS, 33, require=[r"HighMem"],
                       forbid=[r"memset"])
        self.assertIn("no serial line matches /HighMem/", v.problems)
        self.assertTrue(any("forbidden line /memset/" in p
                            for p in v.problems))


class DeathTest(unittest.TestCase):
    EXPECTED = "write to read-only page"
    GOOD = """
        KTAP version 1
        1..1
          KTAP version 1
          # Subtest: paging
          1..1
        Kernel panic at arch/x86/fault.c:88 in page_fault(): write to read-only page at c0101000
          eip=c0104000 cr2=c0101000 err=00000003
        ---[ end Kernel panic: write to read-only page at c0101000 ]---
    """

    def judge(self, text, status):
        outcome = status if isinstance(status, RunOutcome) else exited(status)
        template = row(DeathRow, "death")
        case = CatalogueCase("paging.wx", self.EXPECTED)
        return template.for_case(case).judge(log(text), outcome)

    def test_expected_panic(self):
        v = self.judge(self.GOOD, 37)
        self.assertTrue(v.ok, v.problems)
        self.assertEqual((v.passed, v.failed), (1, 0))

    def test_wrong_message(self):
        text = self.GOOD.replace("write to read-only page", "NULL pointer")
        v = self.judge(text, 37)
        self.assertEqual((v.passed, v.failed), (0, 1))
        self.assertIn("expected: ...write to read-only page...",
                      v.problems[0])
        self.assertIn("actual:   Kernel panic at arch/x86/fault.c:88",
                      v.problems[0])

    def test_two_panics(self):
        text = self.GOOD + ("    Kernel panic at kernel/panic.c:5 in panic():"
                            " recursive panic\n")
        v = self.judge(text, 37)
        self.assertFalse(v.ok)
        self.assertIn("2 'Kernel panic at' lines", v.problems[0])

    def test_malformed_panic_line(self):
        text = self.GOOD.replace(" in page_fault()", "")
        v = self.judge(text, 37)
        self.assertFalse(v.ok)
        self.assertIn("panic line is not", v.problems[0])

    def test_did_not_panic(self):
        v = self.judge("""
            KTAP version 1
            1..1
              KTAP version 1
              # Subtest: paging
              1..1
                # wx: expected a panic
              not ok 1 wx
            not ok 1 paging
        """, 35)
        self.assertFalse(v.ok)
        self.assertIn("did not panic", v.problems[0])
        self.assertIn("not ok paging.wx", v.problems[0])
        v = self.judge("KTAP version 1\n1..0\n", 33)
        self.assertIn("did not panic", v.problems[0])

    def test_not_ok_before_the_panic(self):
        v = self.judge("""
            KTAP version 1
            1..1
              KTAP version 1
              # Subtest: paging
              1..2
              not ok 1 other
            Kernel panic at arch/x86/fault.c:88 in page_fault(): write to read-only page
        """, 37)
        self.assertFalse(v.ok)
        self.assertEqual(len(v.problems), 1)
        self.assertIn("'not ok' in the serial log", v.problems[0])

    def test_timeout_and_reboot(self):
        self.assertIn("TIMEOUT", self.judge("", TIMED_OUT).problems[0])
        self.assertIn("REBOOT", self.judge("", 0).problems[0])


class ExpectConfig(unittest.TestCase):
    def judge(self, text, status):
        return row(ExpectRow, "cpu486", exit=39,
                   require=[matrix.NO_PAE_LINE],
                   forbid=[matrix.PANIC_LINE]).judge(log(text),
                                                     exited(status))

    def test_no_pae(self):
        v = self.judge("hm386: this CPU lacks PAE; stopping\n", 39)
        self.assertTrue(v.ok, v.problems)
        self.assertEqual(v.passed, 1)

    def test_missing_line(self):
        v = self.judge("stopping\n", 39)
        self.assertFalse(v.ok)
        self.assertEqual(v.failed, 1)
        self.assertIn("no serial line matches", v.problems[0])

    def test_wrong_exit(self):
        v = self.judge("hm386: this CPU lacks PAE\n", 0)
        self.assertIn("expected exit 39 (unsupported CPU), got: REBOOT",
                      v.problems[0])
        v = self.judge(PANIC, 37)
        self.assertEqual(v.failed, 1)
        text = "\n".join(v.problems)
        self.assertIn("unexpected kernel panic", text)
        self.assertIn("forbidden line /Kernel panic/", text)


class StoppedExpectConfig(unittest.TestCase):
    """UEFI loader errors: the runner ends the guest at the firmware's line."""
    LOG = """
        BdsDxe: starting Boot0002 "UEFI QEMU HARDDISK QM00001 " from ...
        hm386.efi: cannot read the kernel \\hm386.elf from the boot volume: \
Not Found
        BdsDxe: failed to start Boot0002 "UEFI QEMU HARDDISK": Not Found
    """

    def judge(self, text, status):
        return row(ExpectRow, "efi-direct-no-kernel", exit=EXIT_STOPPED,
                   stop_at=matrix.EFI_BOOT_FAILED,
                   require=[r"hm386\.efi: cannot read the kernel"],
                   forbid=[matrix.KERNEL_BANNER]).judge(log(text),
                                                        exited(status))

    def test_stopped_with_message(self):
        v = self.judge(self.LOG, EXIT_STOPPED)
        self.assertTrue(v.ok, v.problems)

    def test_kernel_booted_instead(self):
        v = self.judge("[    0.01] hm386 0.1.0 (abc): a kernel\n", 33)
        text = "\n".join(v.problems)
        self.assertIn("expected exit stopped", text)
        self.assertIn("no serial line matches", text)
        self.assertIn("forbidden line", text)

    def test_timeout(self):
        v = row(ExpectRow, "x", exit=EXIT_STOPPED).judge(log(""), TIMED_OUT)
        self.assertIn("TIMEOUT", v.problems[0])

    def test_serial_matches(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "x.log")
            self.assertFalse(serial_matches(path, "x"))
            with open(path, "wb") as f:
                f.write(b"\x1b[2Jabc\r\n"
                        b"BdsDxe: failed to start Boot0002\r\n")
            self.assertTrue(serial_matches(
                path, matrix.EFI_BOOT_FAILED))
            self.assertFalse(serial_matches(path, "^xyz"))

    def test_run_process_stops(self):
        outcome, _ = jobs.run_process(["sleep", "10"], 5, stop=lambda: True)
        self.assertEqual(outcome.status, EXIT_STOPPED)
        self.assertFalse(outcome.timed_out)
        self.assertLess(outcome.elapsed, 2)
        outcome, _ = jobs.run_process(["sleep", "10"], 0.3,
                                        stop=lambda: False)
        self.assertTrue(outcome.timed_out)
        self.assertIsNone(outcome.status)


class MonitorSession(unittest.TestCase):
    """Kind "monitor": lines typed one per prompt, then judged."""
    INPUTS = ["help", "pt 0", "halt"]
    LOG = """
        [    0.1] hm386: boot complete in 100 us
        hm386 monitor: 'help' lists the commands
        hm386> help
          pt ADDR|FUNCTION     walk the PAE tables
        hm386> pt 0
          PDPTE[  0] 0x0000000000000000: not-present
          -> 0x00000000 is not mapped
        hm386> halt
        hm386: halting
    """

    def judge(self, text, status, sent=3):
        outcome = exited(status)
        outcome.inputs_sent = sent
        return row(monitor.MonitorRow, "monitor", exit=33, input=self.INPUTS,
                   require=[r"^  -> 0x00000000 is not mapped$",
                            r"^hm386: halting$"],
                   forbid=[matrix.PANIC_LINE]).judge(log(text), outcome)

    def test_inputs_wait_for_each_prompt(self):
        due = monitor.monitor_inputs_due
        self.assertEqual(due(b"booting...", 0, self.INPUTS), [])
        self.assertEqual(due(b"x\nhm386> ", 0, self.INPUTS), ["help"])
        self.assertEqual(due(b"hm386> help\n...\n", 1, self.INPUTS), [])
        self.assertEqual(due(b"hm386> a\nhm386> ", 1, self.INPUTS), ["pt 0"])
        # behind (two prompts since the last look): both lines go now
        self.assertEqual(due(b"hm386> \nhm386> ", 0, self.INPUTS),
                         ["help", "pt 0"])
        # more prompts than lines: nothing more to type
        self.assertEqual(due(b"hm386> " * 5, 3, self.INPUTS), [])

    def test_session_passes(self):
        v = self.judge(self.LOG, 33)
        self.assertTrue(v.ok, v.problems)
        self.assertEqual((v.passed, v.failed), (1, 0))

    def test_answer_missing(self):
        v = self.judge(self.LOG.replace("is not mapped", "is mapped"), 33)
        self.assertEqual(v.failed, 1)
        self.assertIn("no serial line matches /^  -> 0x00000000 is not "
                      "mapped$/", v.problems[0])

    def test_panic_in_a_command(self):
        text = self.LOG.replace("  -> 0x00000000 is not mapped",
                                PANIC.strip("\n"))
        v = self.judge(text, 37, sent=2)
        text = "\n".join(v.problems)
        self.assertIn("took 2 of 3 input lines: no prompt came for 'halt'",
                      v.problems[0])
        self.assertIn("unexpected kernel panic", text)
        self.assertIn("forbidden line /Kernel panic/", text)
        self.assertEqual(v.cases, [("monitor", "fail", "")])

    def test_no_prompt_times_out(self):
        outcome = RunOutcome(timed_out=True, timeout=60, elapsed=60)
        v = row(monitor.MonitorRow, "monitor", exit=33,
                input=self.INPUTS).judge(log("booting"), outcome)
        self.assertIn("took 0 of 3", v.problems[0])
        self.assertIn("TIMEOUT", v.problems[1])

    FAKE_GUEST = textwrap.dedent("""
        import os, sys
        out = sys.stdout.buffer
        out.write(b"boot\\nhm386> "); out.flush()
        line = b""
        while True:
            c = os.read(0, 1)
            if c != b"\\r":
                line += c
                continue
            out.write(b"got " + line + b"\\n")
            if line == b"halt":
                sys.exit(33)
            out.write(b"hm386> "); out.flush()
            line = b""
    """)

    def test_session_types_at_prompts(self):
        """run_monitor_session against a fake guest that prompts, echoes
        each CR-terminated line and exits 33 after 'halt'."""
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "m.log")
            outcome, _ = monitor.run_monitor_session(
                [sys.executable, "-c", self.FAKE_GUEST], 10, path,
                ["a b\x7f", "halt"])
            with open(path, "rb") as f:
                data = f.read()
        self.assertEqual(outcome.status, 33, outcome.stderr)
        self.assertEqual(outcome.inputs_sent, 2)
        self.assertIn(b"got a b\x7f\n", data)
        self.assertIn(b"got halt\n", data)

    def test_session_times_out_without_prompt(self):
        with tempfile.TemporaryDirectory() as tmp:
            outcome, _ = monitor.run_monitor_session(
                ["sleep", "10"], 0.5, os.path.join(tmp, "m.log"), ["halt"])
        self.assertTrue(outcome.timed_out)
        self.assertEqual(outcome.inputs_sent, 0)


class GdbSession(unittest.TestCase):
    def test_judge(self):
        text = """
            Breakpoint 1.1, __kmap_local_pfn_prot (pfn=229374, prot=...) at x.c:1
            task 0 kmain (CPU 0): depth 1
        """
        session = row(gdb.GdbRow, "gdb", gdb_script="t.gdb",
                      require=[r"^Breakpoint 1(\.\d+)?, __kmap_local"],
                      forbid=[r"Python Exception"])
        ok = session.judge(log(text), exited(0))
        self.assertTrue(ok.ok, ok.problems)
        v = row(gdb.GdbRow, "gdb", gdb_script="t.gdb", require=[r"depth 2"],
                forbid=[r"Python Exception"]).judge(
            log(text + "Python Exception <x>\n"), exited(1))
        text = "\n".join(v.problems)
        self.assertIn("gdb exited with status 1", text)
        self.assertIn("no serial line matches /depth 2/", text)
        self.assertIn("forbidden line /Python Exception/", text)
        self.assertEqual(v.failed, 1)
        v = row(gdb.GdbRow, "gdb", gdb_script="t.gdb").judge(log(""),
                                                             TIMED_OUT)
        self.assertIn("TIMEOUT", v.problems[0])

    def test_gdb_command(self):
        argv = gdb.gdb_command("gdb", "S.sock", "t.gdb", "k.elf")
        self.assertEqual(argv[:3], ["gdb", "-batch", "-nx"])
        self.assertEqual(argv[-3:], ["-x", "t.gdb", "k.elf"])
        self.assertIn("target remote S.sock", argv)
        self.assertTrue(any(a.startswith("source ") and
                            a.endswith("hm386.py") for a in argv))

    def test_no_socket_is_an_error(self):
        outcome, _ = gdb.run_gdb_session(["sh", "-c", "echo no >&2"],
                                            ["true"], 5, "/nonexistent/s")
        self.assertIn("QEMU opened no GDB socket", outcome.error)


class HostTests(unittest.TestCase):
    OUTPUT = """
        KTAP version 1
        1..1
          KTAP version 1
          # Subtest: lib
          1..2
          ok 1 a
            # b: EXPECTATION FAILED at tests/host/test_lib.c:7
            # expected 1 == 2, got 1 (0x1) vs 2 (0x2)
          not ok 2 b
        not ok 1 lib
    """

    def judge(self, text, outcome):
        return HostTest("build/host/test_lib").judge(log(text), outcome)

    def test_pass_and_fail(self):
        passing = self.OUTPUT.replace("not ok", "ok")
        self.assertTrue(self.judge(passing, exited(0)).ok)
        v = self.judge(self.OUTPUT, exited(1))
        self.assertEqual((v.passed, v.failed), (1, 1))
        self.assertIn("test_lib.c:7", v.problems[0])

    def test_exit_status_must_agree(self):
        v = self.judge(self.OUTPUT, exited(0))
        self.assertIn("exited 0 although cases failed", v.problems)
        truncated = self.OUTPUT.split("    not ok 2 b")[0]
        outcome = RunOutcome(status=1, stderr="==1==ERROR: AddressSanitizer")
        v = self.judge(truncated, outcome)
        text = "\n".join(v.problems)
        self.assertIn("exited 1 but no case failed", text)
        self.assertIn("output ends inside suite 'lib'", text)
        self.assertIn("AddressSanitizer", text)
        self.assertGreaterEqual(v.failed, 1)

    def test_crash(self):
        v = self.judge("", RunOutcome(status=-11))
        self.assertIn("killed by SIGSEGV", "\n".join(v.problems))

    def test_not_found(self):
        v = self.judge("", RunOutcome(error="cannot run x: not found"))
        self.assertEqual(v.problems, ["cannot run x: not found"])
        self.assertEqual(v.failed, 1)


class RunnerSelfTest(unittest.TestCase):
    def test_reads_unittest_stderr(self):
        ok = RunOutcome(status=0, stderr="....\nRan 4 tests in 0.1s\n\nOK\n")
        v = SelfTest().judge([], ok)
        self.assertTrue(v.ok)
        self.assertEqual(v.notes, ["Ran 4 tests in 0.1s"])
        bad = RunOutcome(status=1, stderr="FAIL: test_x\nAssertionError: 1\n")
        v = SelfTest().judge([], bad)
        self.assertEqual(v.failed, 1)
        self.assertIn("AssertionError: 1", v.problems[0])


class Matrix(unittest.TestCase):
    def test_real_matrix_loads(self):
        configs, death, cat = load_matrix()
        names = [c.name for c in configs]
        for name in ("kernel-128M-max", "kernel-8G-max", "kernel-1G-qemu32",
                     "iso-1G-max", "iso-4G-qemu32", "cpu486", "cpu-pentium"):
            self.assertIn(name, names)
        self.assertEqual(death.cpu, "max")

    def test_bad_rows(self):
        good = {"name": "x", "kind": "tests", "boot": "kernel",
                "mem": "1G", "cpu": "max"}
        bad = [
            dict(good, colour="red"),
            dict(good, kind="weird"),
            dict(good, mem="lots"),
            dict(good, boot="iso", cmdline="ktest=all"),
            dict(good, kind="expect"),
            dict(good, exit=39),
            dict(good, require="not a list"),
            dict(good, forbid=["("]),
            dict(good, name="death-x"),
            {"name": "x", "kind": "tests"},
            dict(good, boot="efi"),
            dict(good, boot="efi-direct", cmdline="ktest=all"),
            dict(good, image="x.img"),
            dict(good, stop_at="x"),
            dict(good, kind="expect", exit="stopped"),
            dict(good, kind="expect", exit=33, stop_at="x"),
            dict(good, kind="expect", exit="stopped", stop_at="("),
            dict(good, kind="monitor", exit=33),           # no input
            dict(good, kind="monitor", input=["help"]),    # no exit
            dict(good, kind="monitor", exit=33, input="help"),
            dict(good, kind="monitor", exit=33, input=["a\nb"]),
            dict(good, input=["help"]),                    # not a monitor
            dict(good, kind="monitor", boot="iso", exit=33, input=["x"]),
            dict(good, kind="gdb"),                        # no script
            dict(good, gdb_script="t.gdb"),                # not a gdb row
            dict(good, kind="gdb", gdb_script="t.gdb", exit=0),
        ]
        for data in bad:
            with self.subTest(row=data), self.assertRaises(ValueError):
                load_matrix([data])
        with self.assertRaises(ValueError):
            load_matrix([good, good])

    def test_qemu_commands(self):
        configs, death, cat = load_matrix()
        by_name = {c.name: c for c in configs}
        images = Images("k.elf", "t.iso", "e.img")
        argv = by_name["kernel-1G-qemu32"].qemu_command(
            "qemu", "L.log", images, "paging.*")
        self.assertEqual(argv, [
            "qemu", "-m", "1G",
            "-object", "memory-backend-memfd,id=ram,size=1G",
            "-machine", "memory-backend=ram", "-cpu", "qemu32", "-smp", "1",
            "-no-reboot",
            "-display", "none", "-serial", "file:L.log",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", "k.elf", "-append", "ktest=paging.*",
            "-initrd", "build/initramfs.cpio"])
        argv = by_name["iso-4G-qemu32"].qemu_command("qemu", "L.log", images)
        self.assertEqual(argv[-4:], ["-cdrom", "t.iso", "-boot", "d"])
        argv = by_name["iso-1G-max"].qemu_command("qemu", "L.log", images)
        self.assertEqual(argv[-4:], ["-cdrom", "build/hm386-user.iso",
                                     "-boot", "d"])
        argv = by_name["efi-direct-no-kernel"].qemu_command(
            "qemu", "L.log", images, vars_path="V.fd")
        self.assertIn("q35,smm=on,memory-backend=ram", argv)
        self.assertIn("if=pflash,format=raw,unit=1,file=V.fd", argv)
        self.assertEqual(argv[-2:], [
            "-drive", "format=raw,file=build/hm386-efi-nokernel.img,"
            "snapshot=on"])
        argv = by_name["efi-direct-4G-max"].qemu_command(
            "qemu", "L.log", images, vars_path="V.fd")
        self.assertEqual(argv[-1], "format=raw,file=e.img,snapshot=on")
        argv = by_name["efi-iso-4G-max"].qemu_command(
            "qemu", "L.log", images, vars_path="V.fd")
        self.assertEqual(argv[-4:], ["-cdrom", "t.iso", "-boot", "d"])
        self.assertIn("driver=cfi.pflash01,property=secure,value=on", argv)
        case = CatalogueCase("paging.wx", "boom")
        self.assertEqual(death.for_case(case).name, "death-paging.wx")
        self.assertEqual(death.for_case(case).kernel_cmdline("x.y"),
                         "ktest=paging.wx highmem=64M")
        self.assertEqual(cat.kernel_cmdline("all"), "ktest=list")
        self.assertEqual(by_name["cpu486"].kernel_cmdline("x.y"),
                         "ktest=all")
        argv = by_name["monitor-1G-max"].qemu_command("qemu", "L.log",
                                                      images, "x.y")
        self.assertIn("stdio", argv)
        self.assertEqual(argv[-2:], ["-append", ""])
        argv = by_name["gdb-kmap-local"].qemu_command("qemu", "d/G.log",
                                                      images, "x.y")
        self.assertIn("file:d/G.serial.log", argv)
        self.assertIn("unix:d/G.gdb.sock,server=on,wait=off", argv)
        self.assertIn("-S", argv)
        self.assertEqual(argv[-1], "ktest=kmap_local.*")


class RowKinds(unittest.TestCase):
    """Each kind is a class that owns its keys, its boots and its job."""

    def test_matrix_rows_get_their_kinds_class(self):
        configs, death, cat = load_matrix()
        by_name = {c.name: c for c in configs}
        self.assertIs(type(by_name["kernel-1G-max"]), TestsRow)
        self.assertIs(type(by_name["cpu486"]), ExpectRow)
        self.assertIs(type(by_name["monitor-1G-max"]), monitor.MonitorRow)
        self.assertIs(type(by_name["gdb-kmap-local"]), gdb.GdbRow)
        self.assertIs(type(death), DeathRow)
        self.assertIs(type(cat), CatalogueRow)

    def test_a_key_of_another_kind_is_unknown(self):
        good = {"name": "x", "kind": "tests", "boot": "kernel",
                "mem": "1G", "cpu": "max"}
        with self.assertRaisesRegex(ValueError,
                                    r"unknown keys \['stop_at'\] for kind "
                                    "'tests'"):
            load_matrix([dict(good, stop_at="x")])
        with self.assertRaisesRegex(ValueError, "boots only kernel"):
            load_matrix([dict(good, kind="gdb", boot="efi-iso",
                              gdb_script="t.gdb")])
        rows, _, _ = load_matrix([dict(good, kind="expect", exit="stopped",
                                       stop_at="^x", boot="efi-direct")])
        self.assertEqual(rows[0].stop_at, "^x")

    def test_jobs(self):
        configs, death, cat = load_matrix()
        by_name = {c.name: c for c in configs}
        with tempfile.TemporaryDirectory() as tmp:
            elf = os.path.join(tmp, "k.elf")
            open(elf, "w").close()
            ctx = Context(qemu="qemu", images=Images(elf, "t.iso", "e.img"),
                          log_dir=tmp, timeout=10, ktest="paging.*")
            iso = by_name["iso-4G-qemu32"].job(ctx)
            self.assertEqual(iso.blocker, "t.iso not found (make builds it: "
                             "docs/testing.md, 'The test ISO')")
            expect = by_name["efi-direct-no-kernel"].job(ctx)
            self.assertEqual(expect.stop_at, matrix.EFI_BOOT_FAILED)
            session = by_name["monitor-1G-max"].job(ctx)
            self.assertEqual(session.log_path,
                             os.path.join(tmp, "monitor-1G-max.log"))
            self.assertIsNotNone(session.session)
            self.assertEqual(session.blocker, "")
            script = by_name["gdb-kmap-local"].job(ctx)
            self.assertFalse(script.serial)
            self.assertIsNotNone(script.session)
            case = CatalogueCase("paging.wx", "boom")
            job = death.for_case(case).job(ctx)
            self.assertEqual(job.name, "death-paging.wx")
            self.assertIn("ktest=paging.wx highmem=64M", job.argv)
            tests = by_name["kernel-1G-max"]
            self.assertEqual(tests.job(ctx).timeout,
                             10 * tests.timeout_factor)
            self.assertIn("ktest=paging.* " + tests.cmdline,
                          " ".join(tests.job(ctx).argv) + " ")

    def test_the_catalogue_row_hands_its_catalogue_on(self):
        ctx = Context(qemu="qemu", images=Images("k.elf"), log_dir="d",
                      timeout=10)
        configs, death, cat = load_matrix()
        cat.judge_for(ctx)(log(CATALOGUE), exited(33))
        self.assertEqual(len(ctx.catalogue.cases), 5)
        # A self-test row reads it when it is judged, not when it is built.
        judge = row(TestsRow, "kernel-1G-max").judge_for(ctx)
        ctx.catalogue = parse_catalogue(log("""
            ktest-list: paging.direct_map_reads_phys
            ktest-list: paging.not_in_the_run
        """))
        v = judge(log(ALL_PASS), exited(33))
        self.assertIn("not_in_the_run", "\n".join(v.problems))


class Scheduler(unittest.TestCase):
    def test_memory_budget_and_jobs(self):
        lock = threading.Lock()
        state = {"mem": 0, "jobs": 0, "max_mem": 0, "max_jobs": 0}

        def fake_execute(job):
            with lock:
                state["mem"] += job.mem_mib
                state["jobs"] += 1
                state["max_mem"] = max(state["max_mem"], state["mem"])
                state["max_jobs"] = max(state["max_jobs"], state["jobs"])
            time.sleep(0.02)
            with lock:
                state["mem"] -= job.mem_mib
                state["jobs"] -= 1
            return Verdict(job.name, passed=1)

        queue = [jobs.Job(name=f"j{i}", mem_mib=mem, timeout=1, log_path="",
                           argv=[], judge=None)
                for i, mem in enumerate([8192, 4096, 1024, 1024, 128, 128,
                                         128, 16384, 0, 0])]
        done = []
        saved = jobs.execute
        jobs.execute = fake_execute
        try:
            jobs.run_all(queue, 3, 6000, lambda job: None,
                           lambda job, verdict: done.append(verdict.name))
        finally:
            jobs.execute = saved
        self.assertEqual(sorted(done), sorted(j.name for j in queue))
        self.assertLessEqual(state["max_jobs"], 3)
        # Only the guests bigger than the budget ran over it, and alone.
        self.assertLessEqual(state["max_mem"], 16384)


class Output(unittest.TestCase):
    def test_lines(self):
        v = Verdict("kernel-1G-max", passed=41, skipped=3, elapsed=1.23)
        self.assertEqual(report.verdict_text(v, 16)[0],
                         "PASS kernel-1G-max     41 passed, 0 failed, "
                         "3 skipped  (1.2 s)")
        bad = Verdict("death-a.b", failed=1, problems=["wrong\nx"])
        self.assertEqual(report.verdict_text(bad, 9), [
            "FAIL death-a.b  0 passed, 1 failed  (0.0 s)",
            "     - wrong", "       x"])
        self.assertEqual(report.final_line([v, bad]),
                         "41 passed, 1 failed, 3 skipped")
        self.assertEqual(report.final_line([bad]), "0 passed, 1 failed")


if __name__ == "__main__":
    unittest.main()
