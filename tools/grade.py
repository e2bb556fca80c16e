#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Grade a lab: boot a kernel with the lab's self-tests, print the score.

    make grade N              grades build/labN/hm386.elf (your code)
    make grade N SOLUTION=1   grades build/hm386.elf (the kernel's own code)
    make grade N RESULTS=F    also writes F, the results for Gradescope
                              (tools/grade_results.py)
    python3 -m tools.grade --list   the labs, their exercises and what
                              they grade (from the top of the tree)

Each lab is graded by one or more boots (below, LABS). A boot runs a glob of
self-tests (`ktest=GLOB`) and earns one point for each graded case that
passes; a death boot runs one death case alone and earns its point when the
kernel panics with the expected message. A boot with `initrd` gives the
kernel the initramfs (build/initramfs.cpio, user/), whose /tests programs
the `user` suite runs as processes. Exit status 0 only at full marks.

A grading run never hangs: each boot ends at its timeout (an endless loop)
or at QEMU's exit (a triple fault resets the machine, and -no-reboot ends
QEMU), and the whole run stays within the lab's time limit (the sum of its
boots' timeouts, or --time-limit): a boot that would pass it is cut at it,
and the boots after it are not run; their cases fail, saying why. A failure
shows at most DIAGNOSTIC_LINES lines of its reason; when there are more,
the last line says so and names the serial log that holds them.

`--check N --kernel K --lab-kernel L` is the test of the labs themselves
(tests/host/labs.mk): K, the kernel's own code, must score full marks and
L, the lab build with the stubs of labs/labN/, less. It prints KTAP.

QEMU is started the way the test runner starts it (the rows of
tests/hm386test/, a "tests" row per self-test boot and a "death" row per
death boot), one guest at a time; serial logs go to grade-logs/ beside the
kernel.
"""

import argparse
import glob
import os
import re
import sys
import time
from dataclasses import dataclass

from tests import matrix
from tests.hm386test.boots import Images
from tests.hm386test.catalogue import CatalogueCase
from tests.hm386test.jobs import run_process
from tests.hm386test.judge import EXIT_PANIC, PANIC_MARK, describe_exit, \
    panic_context
from tests.hm386test.ktap import parse_ktap
from tests.hm386test.selftests import DeathRow, TestsRow
from tests.hm386test.serial import serial_lines
from tests.hm386test.session import QEMU
from tools import kmap_lint
from tools.grade_results import Results

# Every lab boot has HighMem: 64 MiB of a 128 MiB guest (highmem=), or
# more (lab 10's 8 GiB guest).
SMALL_HIGHMEM = "highmem=64M"
# The user suite's boots: a program still running after 5 s is killed (a
# lab's broken fault can leave one looping), so the grade still comes.
USER_BOOT = SMALL_HIGHMEM + " user_test_timeout=5"
# Lab 10's boots let the block suite write the scratch disk (snapshot=on:
# the image stays zeros): at 8G, pages above 4 GiB bounce at the ATA's
# 32-bit PRDs; at 128M with dma_limit=16M, every HighMem page does.
BOUNCE_DISK = "block_test_disk=hda"
# Lab 9's boots mount this ext2 image (tests/ext2/lab9_image.py) as hda,
# with snapshot=on: the image stays as made. 64 MiB of HighMem put every
# page-cache page (GFP_HIGHUSER) there, directory pages included.
LAB9_IMAGE = "build/lab9-ext2.img"
EXT2_DIR_DISK = SMALL_HIGHMEM + " ext2_dir_test_disk=hda"


@dataclass(frozen=True)
class Boot:
    ktest: str            # what the kernel runs: ktest=GLOB
    cases: tuple          # the suite.case ids graded, a point each
    mem: str = "128M"
    smp: int = 1
    cmdline: str = SMALL_HIGHMEM
    death: str = ""       # a death case: the panic message it must print
    timeout: float = 60.0
    initrd: bool = False  # boot with the initramfs (matrix.INITRD)
    disk: bool = False    # boot with the scratch disk as hda (matrix.DISK_TEST)
    image: str = ""       # or boot with this disk image as hda (snapshot=on)


@dataclass(frozen=True)
class Lab:
    title: str
    exercises: tuple      # "file: function()", what labs/labN/ replaces
    boots: tuple
    lint: bool = False    # a point for lab code that passes the kmap lint
    # Exercises that only another exercise calls: a file that defines none
    # fails the link naming the others only (judge_variant()).
    inner: tuple = ()

    def functions(self):
        """The names of the exercise functions."""
        return [e.split(": ")[1].rstrip("()") for e in self.exercises]


def suite(name, *cases):
    return tuple(f"{name}.{case}" for case in cases)


def death(case_id, message, **kw):
    return Boot(ktest=case_id, cases=(case_id,), death=message, **kw)


LABS = {
    1: Lab("Boot and the memory map",
           ("mm/firmware_map.c: keep_piece()", "mm/firmware_map.c: memmap_clip()"),
           (Boot("boot.*", suite("boot", "memory_map_sorted_and_disjoint",
                                 "kernel_image_in_usable_ram",
                                 "memmap_setup_repairs_hostile_map",
                                 "memmap_clip_counts_what_it_drops"),
                 cmdline=""),
            Boot("page_alloc.mem_and_vmalloc_params_apply",
                 suite("page_alloc", "mem_and_vmalloc_params_apply"),
                 cmdline="mem=100M"))),
    2: Lab("PAE page tables",
           ("mm/paging.c: lookup_pte()",
            "mm/paging.c: virt_to_phys_walk()"),
           (Boot("paging.*", suite("paging", "identity_map_gone",
                                   "direct_map_translates",
                                   "direct_map_aliases_fixmap",
                                   "text_is_read_only_exec",
                                   "rodata_is_read_only_nx",
                                   "data_is_writable_nx",
                                   "kernel_pages_global_with_pge",
                                   "stack_guard_unmapped")),)),
    3: Lab("Zones and the buddy allocator",
           ("mm/page_alloc.c: zonelist()", "mm/buddy.c: free_block_insert()"),
           (Boot("page_alloc.*", suite("page_alloc",
                                       "accounting_matches_memory_map",
                                       "zone_boundaries",
                                       "highmem_present_iff_expected",
                                       "exhaust_dma_zone_and_reform",
                                       "exhaust_big_zone_mixed_orders",
                                       "highuser_prefers_highmem_then_normal",
                                       "kernel_falls_back_to_dma_never_highmem",
                                       "dma_never_above_16m",
                                       "zeroed_and_poisoned_pages")),)),
    4: Lab("kmap_local_page() and the fixmap",
           ("mm/kmap_local.c: kmap_local_push()",
            "mm/kmap_local.c: kmap_local_pop()"),
           (Boot("kmap_local.*", suite("kmap_local", "lowmem_page_uses_no_slot",
                                       "highmem_page_takes_a_slot",
                                       "pfn_always_uses_a_slot",
                                       "integrity_sweep_of_highmem",
                                       "nesting_to_max_depth",
                                       "unmap_flushes_the_tlb",
                                       "unmap_clears_before_it_flushes",
                                       "readonly_and_nx_protections",
                                       "interrupt_maps_on_top",
                                       "kmap_atomic_disables_and_restores",
                                       "kmap_area_bounds")),
            death("kmap_local.use_after_kunmap_diagnosed",
                  "use after kunmap_local: 0x"))),
    5: Lab("The pkmap pool and TLB flushing",
           ("mm/pkmap.c: pkmap_scan()", "mm/pkmap.c: flush_all_zero_pkmaps()"),
           (Boot("pkmap.*", suite("pkmap", "highmem_page_gets_a_pool_slot",
                                  "mapped_page_is_a_hit",
                                  "address_is_shared_with_a_thread_on_another_cpu",
                                  "wrap_flushes_once_per_round",
                                  "stale_tlb_entry_is_flushed_at_wrap",
                                  "full_pool_sleeps_until_kunmap"),
                 smp=2),)),
    6: Lab("Converting kmap() and kmap_atomic() users",
           ("tests/kernel/conversion_test.c: bump_mapped_counter()",
            "tests/kernel/conversion_test.c: copy_chunk_mapped()",
            "tests/kernel/conversion_test.c: read_word_in_thread()"),
           (Boot("conversion.*", suite("conversion",
                                       "counter_exact_after_correct_conversion",
                                       "absent_source_stops_copy_after_correct_conversion",
                                       "page_handed_over_after_correct_conversion")),),
           lint=True),
    7: Lab("User memory in HighMem",
           ("mm/memory.c: do_anonymous_page()", "mm/memory.c: do_wp_page()"),
           (Boot("user_mm.*", suite("user_mm", "demand_zero_page",
                                    "cow_after_fork", "cow_through_the_mmu",
                                    "protect_keeps_cow_readonly",
                                    "get_user_page_holds_it"),
                 timeout=40.0),
            Boot("user.*", suite("user", "fork_cow", "demand_zero", "exec",
                                 "brk_mmap", "read_write_faults", "highpte",
                                 "oom"),
                 cmdline=USER_BOOT, timeout=40.0, initrd=True))),
    8: Lab("Page tables in HighMem",
           ("mm/memory.c: copy_pte_table()", "mm/memory.c: copy_page_range()"),
           (Boot("user_mm.*", suite("user_mm", "fork_copies_every_page_table",
                                    "cow_after_fork", "cow_through_the_mmu",
                                    "protect_keeps_cow_readonly",
                                    "get_user_page_holds_it"),
                 timeout=40.0),
            Boot("user.*", suite("user", "fork_cow", "exec", "brk_mmap",
                                 "highpte"),
                 cmdline=USER_BOOT, timeout=40.0, initrd=True)),
           inner=("copy_pte_table",)),
    9: Lab("Converting ext2's directory code",
           ("fs/ext2/dir.c: ext2_get_page()", "fs/ext2/dir.c: ext2_put_page()",
            "fs/ext2/dir.c: ext2_readdir()", "fs/ext2/dir.c: ext2_find_entry()",
            "fs/ext2/dir.c: ext2_dotdot()", "fs/ext2/dir.c: ext2_inode_by_name()",
            "fs/ext2/dir.c: ext2_empty_dir()", "fs/ext2/namei.c: ext2_rename()"),
           tuple(Boot(f"ext2_dir.{case}", (f"ext2_dir.{case}",),
                      cmdline=EXT2_DIR_DISK, image=LAB9_IMAGE, timeout=30.0)
                 for case in ("lookup_finds_names_and_inodes",
                              "readdir_lists_every_entry",
                              "create_unlink_mkdir_rmdir",
                              "rename_moves_directory_across",
                              "rename_over_existing_targets")),
           lint=True, inner=("ext2_dotdot",)),
    10: Lab("Bounce buffers",
            ("block/bounce.c: bounce_prepare()", "block/bounce.c: bounce_finish()"),
            (Boot("block.*", suite("block", "ram_round_trip_from_high_pages",
                                   "disk_round_trip_lba28",
                                   "disk_round_trip_partial_segments",
                                   "disk_round_trip_lba48",
                                   "disk_bounce_frees_its_pages"),
                  mem="8G", cmdline=BOUNCE_DISK, timeout=60.0, disk=True),
             Boot("block.*", suite("block", "disk_round_trip_lba28",
                                   "disk_round_trip_partial_segments",
                                   "disk_round_trip_lba48",
                                   "disk_bounce_frees_its_pages"),
                  cmdline=SMALL_HIGHMEM + " dma_limit=16M " + BOUNCE_DISK,
                  timeout=60.0,
                  disk=True))),
}

DIAGNOSTIC_LINES = 6   # lines of a failed case's diagnostics shown


def time_limit(lab):
    """Seconds a grading run of @lab may take at most: its boots' timeouts."""
    return sum(boot.timeout for boot in lab.boots)


def cut_short(lines, log):
    """At most DIAGNOSTIC_LINES of @lines; if there are more, a last line
    saying how many were left out and that @log holds them."""
    if len(lines) <= DIAGNOSTIC_LINES:
        return list(lines)
    return list(lines[:DIAGNOSTIC_LINES]) + [
        f"... cut short: {len(lines) - DIAGNOSTIC_LINES} more lines; the "
        f"whole serial log is {log}"]


def print_lines(*lines):
    print("\n".join(lines), flush=True)


def boot_row(lab_nr, index, boot):
    """Return the runner's row of one grading boot: a death row for a death
    boot, a self-test row otherwise."""
    extra = (matrix.TCG_MULTI if boot.smp > 1 else []) + \
        (matrix.INITRD if boot.initrd else []) + \
        (matrix.DISK_TEST if boot.disk else []) + \
        (["-drive", f"file={boot.image},if=ide,format=raw,snapshot=on"]
         if boot.image else [])
    guest = dict(name=f"lab{lab_nr}-{index}", boot="kernel", mem=boot.mem,
                 cpu="max", smp=boot.smp, cmdline=boot.cmdline,
                 qemu_extra=tuple(extra))
    if boot.death:
        return DeathRow(**guest, case=CatalogueCase(boot.cases[0],
                                                    boot.death))
    return TestsRow(**guest)


def boot_log(row, log_dir):
    """The serial log of a grading boot."""
    return os.path.join(log_dir, row.name + ".log")


def run_boot(row, boot, kernel, log_dir, timeout):
    """Boot once, for at most @timeout seconds; return (serial lines,
    RunOutcome)."""
    log = boot_log(row, log_dir)
    if os.path.exists(log):
        os.remove(log)
    argv = row.qemu_command(QEMU, log, Images(kernel), boot.ktest)
    outcome, _ = run_process(argv, timeout)
    try:
        with open(log, "rb") as f:
            data = f.read()
    except OSError:
        data = b""
    return serial_lines(data), outcome


def why_not_run(lines, outcome):
    """Why a case has no result: a first line, then the lines that show it
    (the panic and backtrace, the last serial lines before a timeout or a
    reboot)."""
    if outcome.status == EXIT_PANIC:
        panics = [line.strip() for line in lines if PANIC_MARK in line]
        return (["not run: " + (panics[0] if panics else "the kernel panicked")]
                + panic_context(lines).splitlines()[1:])
    reason = describe_exit(outcome, lines).splitlines()
    return ["not run: " + reason[0]] + reason[1:]


def report_case(say, record, log, case_id, passed, reason=(), shown=None):
    """Say a case's PASS or FAIL line with @shown (default: @reason), cut
    short, and record it with its whole @reason."""
    shown = reason if shown is None else shown
    say(f"    {'PASS' if passed else 'FAIL'}  {case_id}",
        *("          " + text for text in cut_short(shown, log)))
    record(case_id, passed, reason)


def grade_tests(row, boot, lines, outcome, say, record, log):
    """Score a self-test boot; returns the points earned."""
    found = {case.id: case for case in parse_ktap(lines).cases}
    earned = 0
    for case_id in boot.cases:
        case = found.get(case_id)
        if case is not None and case.status == "pass":
            earned += 1
            report_case(say, record, log, case_id, True)
        elif case is None:
            reason = why_not_run(lines, outcome)
            # A panic is shown once, after the cases.
            report_case(say, record, log, case_id, False, reason,
                        reason[:1] if outcome.status == EXIT_PANIC else None)
        elif case.status == "skip":
            report_case(say, record, log, case_id, False,
                        [f"skipped: {case.directive}"])
        else:
            report_case(say, record, log, case_id, False, case.diagnostics
                        or [f"failed with no diagnostic line of its own: "
                            f"its output is in {log}"])
    if outcome.status == EXIT_PANIC:
        say("    the kernel panicked; the panic and its backtrace:",
            panic_context(lines))
    return earned


def grade_death(row, boot, lines, outcome, say, record, log):
    """Score a death boot: one point when it panicked as expected."""
    case_id = boot.cases[0]
    verdict = row.judge(lines, outcome)
    reason = [f"must panic: ...{boot.death}..."]
    for problem in verdict.problems:
        reason.extend(problem.splitlines())
    report_case(say, record, log, case_id, verdict.ok,
                [f"panics: ...{boot.death}..."] if verdict.ok else reason)
    return 1 if verdict.ok else 0


def function_body(path, name):
    """The text of the definition of function @name in C file @path, from
    its line on, with the lines before it blanked (line numbers kept)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    code = kmap_lint.NOISE.sub(kmap_lint.blank, text)
    m = re.search(r"^[^;{}#]*\b" + re.escape(name) + r"\s*\([^;{]*\)\s*\{",
                  code, re.M)
    if not m:
        return None
    depth, end = 0, m.end() - 1
    for end in range(m.end() - 1, len(code)):
        depth += {"{": 1, "}": -1}.get(code[end], 0)
        if depth == 0:
            break
    return "\n" * code.count("\n", 0, m.start()) + text[m.start():end + 1]


def lint_texts(lab, code):
    """(label, text) of the lab's code that the lint grades: the files of
    @code, or with code None (the kernel's own code) the definitions of
    the exercise functions in the kernel's files (text None: not found)."""
    if code is not None:
        for path in code:
            with open(path, encoding="utf-8", errors="replace") as f:
                yield path, f.read()
        return
    for exercise in lab.exercises:
        path, function = exercise.split(": ")
        yield path, function_body(path, function.rstrip("()"))


def grade_lint(lab, code, say, record):
    """Score the kmap lint of the lab's code: one point without errors."""
    problems = []
    for label, text in lint_texts(lab, code):
        if text is None:
            problems.append(f"{label}: its definition was not found")
        else:
            problems.extend(kmap_lint.lab_code_problems(label, text))
    name = "lint: the lab's code calls no deprecated kmap API"
    record(name, not problems, problems)
    if not problems:
        say(f"    PASS  {name}")
        return 1
    say(f"    FAIL  {name} (tools/kmap_lint.py)")
    for text in problems[:DIAGNOSTIC_LINES]:
        say("          " + text)
    return 0


def not_built(kernel):
    """Why @kernel is missing: the lab link's message (tools/lab-ld.sh
    writes it beside the kernel), or the build's errors."""
    path = os.path.join(os.path.dirname(kernel) or ".", "link-error.txt")
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read().rstrip("\n").splitlines()
    except OSError:
        return [f"{kernel} was not built: see the build's errors above"]


def points(lab):
    """The lab's total: a point per graded case, and the lint's."""
    return sum(len(boot.cases) for boot in lab.boots) + lab.lint


def time_up(boot, limit, say, record):
    """Fail the cases of a boot that the lab's time limit left no time for."""
    for case_id in boot.cases:
        report_case(say, record, "", case_id, False,
                    [f"not run: the lab's time limit of {limit:g} s was used "
                     "up by the boots before"])


def grade(lab_nr, kernel, code=None, say=print_lines, timeout_scale=1.0,
          results=None, limit=None):
    """Grade lab_nr's @kernel built with the lab's source files @code (None:
    the kernel's own code) and print the score with say(*lines); returns
    (earned, total). A missing kernel scores 0, with the reason. Each case
    is also recorded in @results (a grade_results.Results) if given. The
    run takes at most @limit seconds (default: the lab's time_limit() times
    timeout_scale)."""
    lab = LABS[lab_nr]
    total = points(lab)
    log_dir = os.path.join(os.path.dirname(kernel) or ".", "grade-logs")
    record = results.record if results else lambda *case: None
    limit = limit if limit is not None else time_limit(lab) * timeout_scale
    deadline = time.monotonic() + limit
    say(f"Lab {lab_nr}: {lab.title}  ({kernel})")
    if not os.path.exists(kernel):
        reason = not_built(kernel)
        say("    FAIL  the lab kernel did not build:",
            *("          " + line for line in reason))
        say(f"Score: 0/{total} (not yet)")
        if results:
            results.output = "\n".join(["the lab kernel did not build:"]
                                       + reason)
        return 0, total
    os.makedirs(log_dir, exist_ok=True)
    earned = 0
    for index, boot in enumerate(lab.boots, 1):
        row = boot_row(lab_nr, index, boot)
        settings = f"-m {boot.mem} -smp {boot.smp}" + \
            (" " + " ".join(matrix.INITRD) if boot.initrd else "") + \
            (" " + " ".join(matrix.DISK_TEST) if boot.disk else "")
        say(f"  boot {index}: ktest={boot.ktest} {boot.cmdline}".rstrip()
            + f"  ({settings})")
        left = deadline - time.monotonic()
        if left <= 0:
            time_up(boot, limit, say, record)
            continue
        lines, outcome = run_boot(row, boot, kernel, log_dir,
                                  round(min(boot.timeout * timeout_scale,
                                            left), 1))
        if outcome.error:
            say("    " + outcome.error)
        judge = grade_death if boot.death else grade_tests
        earned += judge(row, boot, lines, outcome, say, record,
                        boot_log(row, log_dir))
    if lab.lint:
        say("  source: " + ("the kernel's exercise functions" if code is None
                            else " ".join(code)))
        earned += grade_lint(lab, code, say, record)
    verdict = "full marks" if earned == total else "not yet"
    say(f"Score: {earned}/{total} ({verdict}); serial logs in {log_dir}/")
    if results:
        results.output = (f"Lab {lab_nr}: {lab.title}: {earned}/{total} "
                          f"({verdict})")
    return earned, total


def list_labs():
    print("The labs (docs/labs/README.md). make lab N builds lab N's kernel "
          "with your code\nfrom labs/labN/; make grade N grades it.\n")
    for nr, lab in LABS.items():
        print(f"  {nr}  {lab.title}  (docs/labs/lab{nr}.md, "
              f"{points(lab)} points)")
        for exercise in lab.exercises:
            print(f"       exercise: {exercise}")
        for boot in lab.boots:
            n = len(boot.cases)
            what = ("death case" if boot.death
                    else f"{n} case" + ("s" if n != 1 else ""))
            with_initrd = ", with the initramfs" if boot.initrd else ""
            print(f"       grades:   ktest={boot.ktest} ({what}{with_initrd})")
        if lab.lint:
            print("       grades:   the kmap lint of the lab's code (1 point)")


def lab_code(lab_nr):
    """The source files of lab lab_nr's code: labs/labN/*.c."""
    return sorted(glob.glob(f"labs/lab{lab_nr}/*.c"))


def must_not_link(name):
    """Wrong submissions that must fail to link: an empty file, and one
    that misspells an exercise's name."""
    return name == "empty" or name.startswith("misspelled")


def judge_variant(lab_nr, source, kernel, score):
    """(ok, text) of a wrong submission @source linked as @kernel that
    scored @score."""
    name = os.path.splitext(os.path.basename(source))[0]
    earned, total = score
    if not must_not_link(name):
        ok = os.path.exists(kernel) and earned < total
        return ok, (f"{source} scored {earned}/{total}" if os.path.exists(kernel)
                    else f"{source} did not link: " + " ".join(not_built(kernel)))
    if os.path.exists(kernel):
        return False, f"{source} linked: the kernel's exercises were used"
    message = " ".join(not_built(kernel))
    lab = LABS[lab_nr]
    named = [f for f in lab.functions() if f + "()" in message]
    want = [f for f in lab.functions() if f not in lab.inner] \
        if name == "empty" else named[:1] or ["?"]
    ok = "does not define" in message and set(want) <= set(named)
    return ok, f"{source}: {message}"


def check(lab_nr, kernel, lab_kernel, variants=()):
    """The labs' own test, as KTAP: full marks with the kernel's code, less
    with the stubs and with each wrong submission of @variants, a list of
    (source file, kernel). Returns the exit status."""
    out = []

    def collect(*lines):
        out.extend(lines)
    full = grade(lab_nr, kernel, None, collect)
    stubs = grade(lab_nr, lab_kernel, lab_code(lab_nr), collect)
    results = [("kernel_scores_full_marks", full[0] == full[1],
                f"{kernel} scored {full[0]}/{full[1]}"),
               ("stubs_score_below_full", stubs[0] < stubs[1],
                f"{lab_kernel} (the stubs of labs/lab{lab_nr}/) scored "
                f"{stubs[0]}/{stubs[1]}")]
    names = [os.path.splitext(os.path.basename(s))[0] for s, _ in variants]
    for required in ("empty", "misspelled"):
        if not any(n == required or n.startswith(required) for n in names):
            results.append((f"has_{required}_variant", False,
                            f"tests/labs/lab{lab_nr}/ has no {required}*.c"))
    for (source, variant_kernel), name in zip(variants, names):
        score = grade(lab_nr, variant_kernel, [source], collect)
        ok, text = judge_variant(lab_nr, source, variant_kernel, score)
        what = "does_not_link" if must_not_link(name) else "scores_below_full"
        results.append((f"{name}_{what}", ok, text))
    print("\n".join(out))
    print("KTAP version 1", "1..1", "  KTAP version 1",
          f"  # Subtest: grade_lab{lab_nr}", f"  1..{len(results)}", sep="\n")
    for i, (name, ok, text) in enumerate(results, 1):
        print(f"    # {name}: {text}")
        print(f"  {'ok' if ok else 'not ok'} {i} {name}")
    ok = all(r[1] for r in results)
    print(f"{'ok' if ok else 'not ok'} 1 grade_lab{lab_nr}")
    return 0 if ok else 1


def main(argv=None):
    p = argparse.ArgumentParser(prog="grade.py", description="Grade a lab "
                                "of hm386 (docs/labs/README.md).")
    p.add_argument("lab", nargs="?", type=int, help="the lab number")
    p.add_argument("--kernel", help="the kernel to grade (default: "
                   "build/labN/hm386.elf)")
    p.add_argument("--list", action="store_true", help="list the labs")
    p.add_argument("--check", action="store_true", help="test the lab: "
                   "--kernel must score full marks, --lab-kernel less")
    p.add_argument("--lab-kernel", help="with --check: the lab build")
    p.add_argument("--variant", action="append", default=[],
                   metavar="FILE=DIR", help="with --check: a wrong "
                   "submission FILE, linked as lab N's code into DIR")
    p.add_argument("--solution", action="store_true", help="--kernel runs "
                   "the kernel's own code (the lint reads its exercises)")
    p.add_argument("--timeout-scale", type=float, default=1.0,
                   help="multiply every boot's timeout")
    p.add_argument("--time-limit", type=float, help="seconds the whole "
                   "grading run may take (default: the sum of the lab's "
                   "boot timeouts)")
    p.add_argument("--results", metavar="FILE", help="also write the "
                   "results to FILE in Gradescope's format (results.json)")
    args = p.parse_args(argv)
    if args.list or args.lab is None:
        list_labs()
        return 0
    if args.lab not in LABS:
        p.error(f"no lab {args.lab}: the labs are "
                + ", ".join(str(n) for n in LABS))
    kernel = args.kernel or f"build/lab{args.lab}/hm386.elf"
    if args.check:
        if not args.lab_kernel:
            p.error("--check needs --lab-kernel")
        variants = [v.split("=", 1) for v in args.variant]
        return check(args.lab, kernel, args.lab_kernel,
                     [(src, os.path.join(d, "hm386.elf")) for src, d in variants])
    code = None if args.solution else lab_code(args.lab)
    results = Results(args.lab, LABS[args.lab].title) if args.results \
        else None
    earned, total = grade(args.lab, kernel, code,
                          timeout_scale=args.timeout_scale, results=results,
                          limit=args.time_limit)
    if results:
        results.write(args.results)
    return 0 if earned == total else 1


if __name__ == "__main__":
    sys.exit(main())
