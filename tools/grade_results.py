# SPDX-License-Identifier: MIT
"""A grading run's results, as Gradescope's autograder takes them.

    make grade N RESULTS=FILE    (tools/grade.py --results FILE)

Gradescope reads results.json ("Autograder Specifications"): the total
`score`, an `output` for the whole submission, and `tests`, each with its
`name`, `score`, `max_score`, `status` ("passed" or "failed") and an
`output` that says why it failed: the failed expectation with its
file:line, the panic, the timeout or the reboot, as `make grade` prints it.
tools/gradescope/run_autograder writes the same format when the kernel did
not even build (not_graded()).
"""

import json
from dataclasses import dataclass, field


@dataclass
class CaseResult:
    name: str
    passed: bool
    output: str = ""
    max_score: int = 1


@dataclass
class Results:
    """What one grading run found, case by case."""
    lab: int
    title: str
    cases: list = field(default_factory=list)
    output: str = ""     # about the whole run (the score line, the logs)

    def record(self, name, passed, lines=()):
        """Record case @name: passed or not, and the lines that say why."""
        self.cases.append(CaseResult(name, passed, "\n".join(
            line.strip() for line in lines)))

    def as_json(self):
        tests = [{"name": c.name, "score": c.max_score if c.passed else 0,
                  "max_score": c.max_score,
                  "status": "passed" if c.passed else "failed",
                  "output": c.output or ("passed" if c.passed else "failed")}
                 for c in self.cases]
        return {"score": sum(t["score"] for t in tests),
                "output": self.output, "tests": tests}

    def write(self, path):
        with open(path, "w") as f:
            json.dump(self.as_json(), f, indent=2)
            f.write("\n")


def not_graded(lab, title, case_names, summary, details=""):
    """The results of a submission that could not be graded (a file
    missing, a kernel that does not build): every case failed, saying
    @summary; the whole output adds @details (the compiler's words)."""
    results = Results(lab, title, output=f"Lab {lab}: {title}: 0 points: "
                      f"{summary}." + (f"\n{details}" if details else ""))
    for name in case_names:
        results.record(name, False, [f"not run: {summary}"])
    return results
