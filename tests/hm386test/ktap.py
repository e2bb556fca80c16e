# SPDX-License-Identifier: MIT
"""KTAP version 1: parse the self-tests' output into cases.

parse_ktap(lines) reads a log in which KTAP lines may be interleaved with
any other text and returns a KtapReport: the flattened `suite.case` results
(TapCase) with their diagnostics, the suites skipped whole, and every
structural problem (plans that do not match, results never printed, a second
document after a reboot). It never raises on bad input: problems are data
for the judges. docs/testing.md describes the protocol.
"""

import re
from dataclasses import dataclass, field


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
        # A case's own lines printed after its subtest's last result (the
        # kernel's side of a user program's subtest) are the case's.
        trailing = child.pending if child is not None else []
        result.diagnostics, block.pending = block.pending + trailing, []
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
