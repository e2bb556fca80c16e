# SPDX-License-Identifier: MIT
"""The catalogue: what `ktest=list` says the kernel contains.

parse_catalogue(lines) reads the `ktest-list: SUITE.CASE [death "MSG"]`
lines into a Catalogue, against which a self-test run is checked (every
selected case must appear) and from which the death tests are named.
ktest_selects() is the kernel's ktest=GLOB rule, as the host applies it.
"""

import fnmatch
import re
from dataclasses import dataclass


@dataclass
class CatalogueCase:
    id: str  # suite.case
    death: "str | None" # expected panic substring; None: a normal case


@dataclass
class Catalogue:
    cases: list
    errors: list

    def __post_init__(self):
        self._by_id = {case.id: case for case in self.cases}

    def normal(self, glob="all"):
        """Return the ids of the normal cases that ktest=glob selects."""
        return [c.id for c in self.cases
                if c.death is None and ktest_selects(glob, c.id)]

    def deaths(self, glob="all"):
        """Return the death cases that ktest=glob selects."""
        return [c for c in self.cases
                if c.death is not None and ktest_selects(glob, c.id)]

    def lookup(self, case_id):
        """Return the CatalogueCase of case_id, or None."""
        return self._by_id.get(case_id)


_CATALOGUE_MARK = "ktest-list:"
_CATALOGUE_RE = re.compile(
    r'^ktest-list:\s+(\S+)(?:\s+death\s+"((?:[^"\\]|\\.)*)")?\s*$')


def ktest_selects(glob, case_id):
    """True if the kernel's ktest=glob runs case_id (`all` runs everything)."""
    return glob == "all" or fnmatch.fnmatchcase(case_id, glob)


def parse_catalogue(lines):
    """Return the Catalogue listed by `ktest-list:` lines."""
    cases, errors, seen = [], [], set()
    for line_no, line in enumerate(lines, 1):
        body = line.strip()
        if not body.startswith(_CATALOGUE_MARK):
            continue
        m = _CATALOGUE_RE.match(body)
        if not m or "." not in m.group(1):
            errors.append(f"line {line_no}: cannot read catalogue line: "
                          + body)
            continue
        case_id = m.group(1)
        death = None
        if m.group(2) is not None:
            death = re.sub(r"\\(.)", r"\1", m.group(2))
            if not death:
                errors.append(f"line {line_no}: death test {case_id} "
                              "expects an empty panic message")
        if case_id in seen:
            errors.append(f"line {line_no}: {case_id} listed twice")
            continue
        seen.add(case_id)
        cases.append(CatalogueCase(id=case_id, death=death))
    return Catalogue(cases=cases, errors=errors)
