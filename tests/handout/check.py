# SPDX-License-Identifier: MIT
"""The test of lab N's handout (host test handout_labN, tests/host/handout.mk).

    python3 -m tests.handout.check N [--dir DIR]     (from the full tree's top)

Writes the handout as `make handout N` does, into DIR (default
build/handout-check/labN), and checks, printing KTAP:

  no_solution_in_handout  no .git, no docs/labs/teaching.md, no other lab's
                          stubs, nothing of tools/handout.py's LEFT_OUT; the
                          .tar.gz holds the same files; and no file of it
                          holds the body of one of lab N's exercises or a
                          LAB_SOLUTION(N) block, compared with white space
                          normalized (each is first found in the full tree,
                          so the search is known to work)
  solution_flag_refused   `make grade N SOLUTION=1` stops, naming SOLUTION
  builds                  `make -j2` in the handout builds build/hm386.elf
                          (seeded with the full tree's lab objects whose
                          inputs the handout did not change: seed_objects)
  boots                   it boots (ktest=list) to the end of kmain and
                          lists every case lab N grades
  stubs_score_below_full  `make grade N` in the handout, with the stubs
  reference_scores_full   `make grade N` with the kernel's own bodies put
                          into labs/labN/ (tests/handout/reference.py); the
                          stubs are put back afterwards
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile

from tests import matrix
from tests.hm386test.boots import Images
from tests.hm386test.jobs import run_process
from tests.hm386test.judge import EXIT_PASS, describe_exit
from tests.hm386test.selftests import TestsRow
from tests.hm386test.serial import serial_lines
from tests.hm386test.session import QEMU
from tests.handout import ktap, reference
from tools import grade, handout, lab_marks

SCORE_RE = re.compile(r"^Score: (\d+)/(\d+)", re.MULTILINE)
BOOT_DONE = "hm386: boot complete"
MAKE_TIMEOUT = 300


def make(directory, *args, timeout=MAKE_TIMEOUT):
    """Run make in @directory; (exit status, stdout and stderr)."""
    done = subprocess.run(["make", "--no-print-directory", "-C", directory,
                           *args], capture_output=True, text=True,
                          timeout=timeout)
    return done.returncode, done.stdout + done.stderr


def last_lines(text, count=12):
    return [line for line in text.splitlines() if line.strip()][-count:]


def object_inputs(dep_file):
    """The object and the inputs its .d file lists (its first rule)."""
    with open(dep_file) as f:
        rule = f.read().replace("\\\n", " ").split("\n")[0]
    target, _, inputs = rule.partition(":")
    return target.strip(), inputs.split()


def same_file(a, b):
    try:
        with open(a, "rb") as fa, open(b, "rb") as fb:
            return fa.read() == fb.read()
    except OSError:
        return False


def seed_objects(directory, objects="build/lab/k"):
    """Share build work: copy into the handout the full tree's lab objects
    (@objects, with their .d files) that are up to date there and whose
    inputs (source and headers) the handout holds unchanged, newer than
    every file of the handout, so that its build compiles only the files
    the handout changed. Returns how many were copied."""
    copied = 0
    for root, _, files in os.walk(objects):
        for name in files:
            if not name.endswith(".d"):
                continue
            dep = os.path.join(root, name)
            obj, inputs = object_inputs(dep)
            if not os.path.exists(obj) or not inputs:
                continue
            built = os.path.getmtime(obj)
            if any(not os.path.exists(i) or os.path.getmtime(i) > built or
                   not same_file(i, os.path.join(directory, i))
                   for i in inputs):
                continue
            for path in (obj, dep):
                dest = os.path.join(directory, path)
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                shutil.copyfile(path, dest)
            copied += 1
    return copied


def handout_files(directory):
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not (root == directory and d == "build")]
        found += [os.path.relpath(os.path.join(root, f), directory)
                  for f in files]
    return sorted(found)


def check_no_solution(lab, directory, tar_path):
    """The problems of no_solution_in_handout."""
    problems = []
    files = handout_files(directory)
    if os.path.exists(os.path.join(directory, ".git")):
        problems.append(".git is in the handout")
    for path in files:
        if handout.left_out(path, lab) and path != handout.HANDOUT_MK:
            problems.append(f"{path} is in the handout")
    with tarfile.open(tar_path) as tar:
        top = f"hm386-lab{lab}/"
        in_tar = sorted(m.name[len(top):] for m in tar.getmembers()
                        if m.isfile())
    if in_tar != files:
        problems.append(f"{tar_path} does not hold the handout's files: "
                        f"{sorted(set(in_tar) ^ set(files))[:5]}")
    texts = {}
    for path in files:
        with open(os.path.join(directory, path), "rb") as f:
            texts[path] = lab_marks.normalize(f.read().decode("utf-8",
                                                              "replace"))
    solutions = reference.solution_texts(lab)
    if not solutions:
        problems.append(f"the full tree has no solution of lab {lab} to "
                        "look for")
    for where, text in solutions:
        wanted = lab_marks.normalize(text)
        source = where.split(":")[0]
        with open(source) as f:
            if wanted not in lab_marks.normalize(f.read()):
                problems.append(f"the search cannot find {where} in "
                                f"{source} itself")
        for path, text in texts.items():
            if wanted in text:
                problems.append(f"{path} holds the solution {where}")
    return problems


def check_boots(lab, directory):
    """The problems of boots: a ktest=list boot of the handout's kernel."""
    kernel = os.path.join(directory, "build", "hm386.elf")
    log = os.path.join(directory, "build", "handout-boot.log")
    row = TestsRow(name="handout-boot", **matrix.CATALOGUE)
    argv = row.qemu_command(QEMU, log, Images(kernel), "list")
    outcome, _ = run_process(argv, 60)
    with open(log, "rb") as f:
        lines = serial_lines(f.read())
    problems = []
    if outcome.status != EXIT_PASS:
        problems.append(describe_exit(outcome, lines))
    if not any(BOOT_DONE in line for line in lines):
        problems.append(f"no '{BOOT_DONE}' line in {log}")
    listed = {line.split()[1] for line in lines
              if line.startswith("ktest-list: ")}
    for boot in grade.LABS[lab].boots:
        problems += [f"{case} is not in the catalogue" for case in boot.cases
                     if case not in listed]
    return problems


def check_host_tests(lab, directory):
    """The problems of host_tests_build: the host tests that compile a file
    holding lab N's exercises (make -W FILE tells which) must link the
    student's code in the handout (the .mk's $(call lab-sources,N))."""
    targets = set()
    for exercise in grade.LABS[lab].exercises:
        path = exercise.split(": ")[0]
        status, out = make(directory, "-n", "-W", path, "host-tests-build")
        targets |= set(re.findall(r"-o (\S*build/host/\S+)", out))
    if not targets:
        return []
    status, out = make(directory, *sorted(targets))
    return [] if status == 0 else \
        ["a host test does not link the student's code:"] + last_lines(out)


def graded(lab, directory):
    """(earned, total, output) of `make grade N` in the handout."""
    status, out = make(directory, "grade", str(lab))
    score = SCORE_RE.search(out)
    if not score:
        return None, None, out
    return int(score.group(1)), int(score.group(2)), out


def check_stubs(lab, directory):
    earned, total, out = graded(lab, directory)
    if earned is None:
        return ["make grade printed no score:"] + last_lines(out)
    if earned >= total:
        return [f"the stubs scored {earned}/{total}, full marks"]
    return []


def check_reference(lab, directory):
    """The problems of reference_scores_full; the stubs are restored."""
    stub_dir = os.path.join(directory, "labs", f"lab{lab}")
    saved = os.path.join(directory, "build", "stubs")
    shutil.rmtree(saved, ignore_errors=True)
    shutil.copytree(stub_dir, saved)
    try:
        for name, text in reference.reference_files(lab, stub_dir).items():
            with open(os.path.join(stub_dir, name), "w") as f:
                f.write(text)
        status, out = make(directory, "-j2", "lab", str(lab))
        if status:
            return ["the reference does not build in labs/:"] + last_lines(out)
        earned, total, out = graded(lab, directory)
        if earned is None:
            return ["make grade printed no score:"] + last_lines(out)
        if earned != total:
            return [f"the reference scored {earned}/{total}:"] + \
                [line for line in out.splitlines() if "FAIL" in line]
        return []
    finally:
        shutil.rmtree(stub_dir)
        shutil.copytree(saved, stub_dir)
        # The next build must see the stubs as newer than its objects.
        for name in os.listdir(stub_dir):
            os.utime(os.path.join(stub_dir, name))


def run_checks(lab, directory):
    """Yield (name, problems) for each check, in order; a check that needs
    a build that failed is not run."""
    tar_path = directory.rstrip("/") + ".tar.gz"
    try:
        handout.write_handout(lab, directory, handout.git_rev())
        handout.write_tar(directory, tar_path, f"hm386-lab{lab}")
        problems = check_no_solution(lab, directory, tar_path)
    except lab_marks.MarkError as e:
        problems = [str(e)]
    yield "no_solution_in_handout", problems
    run = subprocess.run([sys.executable, "tools/doc_citations.py"],
                         cwd=directory, capture_output=True, text=True)
    yield "docs_cite_the_handouts_lines", [] if run.returncode == 0 else \
        last_lines(run.stdout + run.stderr)
    status, out = make(directory, "grade", str(lab), "SOLUTION=1")
    yield "solution_flag_refused", [] if status and "SOLUTION=1" in out else \
        ["make grade SOLUTION=1 did not stop:"] + last_lines(out)
    seed_objects(directory)
    status, out = make(directory, "-j2")
    built = status == 0 and os.path.exists(
        os.path.join(directory, "build", "hm386.elf"))
    yield "builds", [] if built else ["make failed:"] + last_lines(out)
    for name, check in (("boots", check_boots),
                        ("host_tests_build", check_host_tests),
                        ("stubs_score_below_full", check_stubs),
                        ("reference_scores_full", check_reference)):
        yield name, check(lab, directory) if built else \
            ["not run: the handout did not build"]


def main(argv=None):
    p = argparse.ArgumentParser(prog="check.py", description="Test the "
                                "handout of a lab (docs/testing.md).")
    p.add_argument("lab", type=int)
    p.add_argument("--dir", help="where to write the handout (default "
                   "build/handout-check/labN)")
    args = p.parse_args(argv)
    directory = args.dir or f"build/handout-check/lab{args.lab}"
    cases = ((case, problems, ()) for case, problems
             in run_checks(args.lab, directory))
    return ktap.print_suite(f"handout_lab{args.lab}", 8, cases)

if __name__ == "__main__":
    sys.exit(main())
