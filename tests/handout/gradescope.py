# SPDX-License-Identifier: MIT
"""The test of the Gradescope autograder (host tests gradescope_graded and
gradescope_hangs, tests/host/handout.mk).

    python3 -m tests.handout.gradescope graded|hangs   (from the full tree's top)

Lays out a fake /autograder in build/gradescope-check/GROUP: source/ with
tools/gradescope/'s setup.sh and run_autograder and lab 2's handout
(tools/handout.py), which `run_autograder --prepare` builds as setup.sh
does. Then, for each submission of the group, it puts the submission in
submission/, runs source/run_autograder with AUTOGRADER_ROOT pointing there
and checks results/results.json, printing a KTAP case per submission.
Group graded: correct, wrong, empty, missing; group hangs: loop,
triple_fault.

  correct        the kernel's own bodies (tests/handout/reference.py), in
                 submission/labs/lab2/: full marks, every test passed
  wrong          the stubs as shipped, at the submission's top: some but
                 not all points; a failed test says EXPECTATION FAILED at
                 tests/kernel/paging_test.c:LINE
  empty          an empty paging.c: 0 points, the link error in the output
  missing        no paging.c at all: 0 points, and the output says so
  loop           submissions/lab2-loop: lookup_pte() never returns; with a
                 time limit of LOOP_LIMIT s every test fails with the
                 timeout, and run_autograder ends in time
  triple_fault   submissions/lab2-triple-fault: every test fails with the
                 reboot (triple fault)

For the last two, the grader's own FAIL lines (its output) must be cut
short, saying so and naming the serial log.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time

from tests.handout import ktap, reference
from tools import grade, handout

LAB = 2
STUB = "paging.c"
LOOP_LIMIT = 8          # seconds: the loop submission's time limit
RUN_TIMEOUT = 300       # seconds: run_autograder must end before
HERE = os.path.dirname(__file__)


def write_submission(kind, labs, submission):
    """Put submission @kind into the folder @submission; @labs is the
    handout's labs/."""
    stubs = os.path.join(labs, f"lab{LAB}")
    if kind == "correct":
        dest = os.path.join(submission, "labs", f"lab{LAB}")
        os.makedirs(dest)
        for name, text in reference.reference_files(LAB, stubs).items():
            with open(os.path.join(dest, name), "w") as f:
                f.write(text)
    elif kind == "wrong":
        shutil.copy(os.path.join(stubs, STUB), submission)
    elif kind == "empty":
        open(os.path.join(submission, STUB), "w").close()
    elif kind == "missing":
        with open(os.path.join(submission, "README.txt"), "w") as f:
            f.write("my answers are in my head\n")
    else:
        fixture = os.path.join(HERE, "submissions",
                               f"lab{LAB}-{kind.replace('_', '-')}")
        shutil.copytree(fixture, submission, dirs_exist_ok=True)


GROUPS = {"graded": ("correct", "wrong", "empty", "missing"),
          "hangs": ("loop", "triple_fault")}


def autograder(root, *args, env=None):
    """Run source/run_autograder in the fake layout @root."""
    env = dict(os.environ if env is None else env, AUTOGRADER_ROOT=root)
    return subprocess.run([os.path.join(root, "source", "run_autograder"),
                           *args], env=env, cwd=root, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True,
                          timeout=RUN_TIMEOUT)


def lay_out(root):
    """The fake /autograder at @root, prepared as setup.sh prepares it;
    returns the folder of the handout's stubs (in ROOT/stubs)."""
    shutil.rmtree(root, ignore_errors=True)
    source = os.path.join(root, "source")
    os.makedirs(source)
    handout_dir = os.path.join(root, f"hm386-lab{LAB}")
    handout.write_handout(LAB, handout_dir, handout.git_rev())
    handout.write_tar(handout_dir, os.path.join(source,
                                                f"hm386-lab{LAB}.tar.gz"),
                      f"hm386-lab{LAB}")
    stubs = os.path.join(root, "stubs")
    shutil.copytree(os.path.join(handout_dir, "labs"), stubs)
    shutil.rmtree(handout_dir)
    for name in ("setup.sh", "run_autograder"):
        shutil.copy(os.path.join("tools", "gradescope", name), source)
    autograder(root, "--prepare")
    return stubs


def run(kind, root, stubs):
    """Put submission @kind into the layout @root and run the autograder;
    (results or None, problems, seconds it took, its output)."""
    submission = os.path.join(root, "submission")
    shutil.rmtree(submission, ignore_errors=True)
    shutil.rmtree(os.path.join(root, "results"), ignore_errors=True)
    os.makedirs(submission)
    write_submission(kind, stubs, submission)
    env = dict(os.environ)
    if kind == "loop":
        env["HM386_TIME_LIMIT"] = str(LOOP_LIMIT)
    start = time.monotonic()
    done = autograder(root, env=env)
    took = time.monotonic() - start
    path = os.path.join(root, "results", "results.json")
    if done.returncode or not os.path.exists(path):
        return None, [f"run_autograder exited {done.returncode} without "
                      f"{path}"] + done.stdout.splitlines()[-10:], took, ""
    with open(path) as f:
        return json.load(f), [], took, done.stdout


def failed_outputs(results):
    return [t["output"] for t in results["tests"] if t["status"] == "failed"]


CUT_SHORT = re.compile(r"\.\.\. cut short: \d+ more lines; the whole serial "
                       r"log is build/lab2/grade-logs/lab2-1\.log")


def judge(kind, results, took, stdout=""):
    """The problems of the results of submission @kind (and of what the
    grader printed, @stdout)."""
    cases = [c for b in grade.LABS[LAB].boots for c in b.cases]
    tests = results.get("tests", [])
    problems = []
    if [t["name"] for t in tests] != cases:
        problems.append(f"tests {[t['name'] for t in tests]}, not {cases}")
    for t in tests:
        if t["max_score"] != 1 or t["score"] not in (0, 1) or \
                t["status"] != ("passed" if t["score"] else "failed"):
            problems.append(f"test {t}: score, max_score and status disagree")
    score = results.get("score")
    if score != sum(t["score"] for t in tests):
        problems.append(f"score {score} is not the sum of the tests' scores")
    failed = failed_outputs(results)
    expect = {
        "correct": (score == len(cases), "full marks"),
        "wrong": (0 < score < len(cases) and any(
            "EXPECTATION FAILED at tests/kernel/paging_test.c:" in o
            for o in failed), "some points, a failed expectation with its "
            "file:line"),
        "empty": (score == 0 and "undefined reference to `lookup_pte'"
                  in results.get("output", ""), "0 points and the link error"),
        "missing": (score == 0 and f"has no {STUB}" in results["output"] and
                    all("not run: your submission has no" in o
                        for o in failed), "0 points, saying the file is "
                    "missing"),
        "loop": (score == 0 and all(f"TIMEOUT after {LOOP_LIMIT:g} s" in o
                                    for o in failed)
                 and took < LOOP_LIMIT + 120, f"0 points, each test failed "
                 f"with TIMEOUT after {LOOP_LIMIT} s, in time"),
        "triple_fault": (score == 0 and all("REBOOT (triple fault?)" in o
                                            for o in failed),
                         "0 points, each test failed with the reboot"),
    }[kind]
    if kind in ("loop", "triple_fault") and not CUT_SHORT.search(stdout):
        problems.append("the grader's FAIL lines do not say they were cut "
                        f"short: no '{CUT_SHORT.pattern}' in its output")
    if not expect[0]:
        problems.append(f"expected {expect[1]}; got score {score}, output "
                        f"{results.get('output', '')!r}, failed tests' "
                        f"outputs {failed[:2]}")
    return problems


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0] not in GROUPS:
        print(f"usage: python3 -m tests.handout.gradescope {'|'.join(GROUPS)}",
              file=sys.stderr)
        return 2
    kinds = GROUPS[argv[0]]
    root = os.path.abspath(os.path.join("build", "gradescope-check", argv[0]))

    def cases():
        stubs = lay_out(root)  # after the KTAP header, as before
        for kind in kinds:
            results, problems, took, stdout = run(kind, root, stubs)
            if results is not None:
                problems = judge(kind, results, took, stdout)
            yield kind, problems, [f"run_autograder took {took:.1f} s"]
    return ktap.print_suite(f"gradescope_{argv[0]}", len(kinds), cases())


if __name__ == "__main__":
    sys.exit(main())
