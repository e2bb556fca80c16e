# SPDX-License-Identifier: MIT
"""The marks that say which text of the tree is a lab's solution.

A handout of lab N (tools/handout.py, docs/labs/README.md) leaves out every
solution of lab N. The tree marks them in two ways, never by their text:

  LAB_EXERCISE(N)   the kernel's definition of an exercise function
                    (include/kernel/lab.h). Linux style: the head starts at
                    column 0 on the line with the mark, the body lies
                    between a line "{" and the next line "}". A handout
                    keeps its contract comment and turns the definition
                    into a declaration.
  LAB_SOLUTION(N) begin ... LAB_SOLUTION(N) end
                    each a line of its own, a comment in the file's syntax
                    (/* */, <!-- -->, #, //), around lines that give
                    lab N's answer away: a helper only the solution uses,
                    a code example. A handout drops them, marks included.
  NOT_IN_HANDOUT begin ... NOT_IN_HANDOUT end
                    lines true only of the full tree (SOLUTION=1, the
                    labs' own checks, how handouts are made): every handout
                    drops them.

A mark that is not closed, or an exercise whose body is not found, is an
error (MarkError): a handout must never keep a solution by accident.
"""

import re
from dataclasses import dataclass

EXERCISE_RE = re.compile(r"^(?:LAB_STATIC\s+)?LAB_EXERCISE\((\d+)\)\s+(.*)$")
# A mark is a line of its own: a comment in C, Markdown, make or Python.
MARK_LINE = r"^\s*(?:/\*|<!--|#|//)\s*{}\s*(?:\*/|-->)?\s*$"
SOLUTION_RE = re.compile(MARK_LINE.format(r"LAB_SOLUTION\((\d+)\) (begin|end)"))
FULL_TREE_RE = re.compile(MARK_LINE.format(r"NOT_IN_HANDOUT (begin|end)"))
# What looks like a mark; if it is not a line of its own, it is an error.
LOOSE_RE = re.compile(r"(LAB_SOLUTION\(\d+\)|NOT_IN_HANDOUT) (begin|end)\b")
NAME_RE = re.compile(r"([A-Za-z_]\w*)\s*\($")


class MarkError(Exception):
    """A mark the tools cannot follow: names the file and line."""


@dataclass(frozen=True)
class Exercise:
    lab: int
    name: str
    head: str         # the definition's head, marks removed, on one line
    first: int        # index of the head's first line
    last: int         # index of the closing "}" line
    body: str         # the lines between "{" and "}"


@dataclass(frozen=True)
class Block:
    lab: int          # 0 for NOT_IN_HANDOUT
    first: int        # index of the begin line
    last: int         # index of the end line
    text: str         # the lines between them


def normalize(text):
    """@text with every run of white space one space: what the solution
    search compares."""
    return " ".join(text.split())


def function_name(head):
    """The name of the function a head (up to its parameters) defines."""
    match = NAME_RE.search(head[:head.index("(") + 1])
    if not match:
        raise MarkError(f"no function name in '{head}'")
    return match.group(1)


def function_extent(lines, first, where):
    """(brace, last): the indexes of the lines "{" and "}" of the function
    whose head starts at lines[first]."""
    brace = first
    while brace < len(lines) and lines[brace].rstrip() != "{":
        if lines[brace].rstrip().endswith(";"):
            raise MarkError(f"{where}:{first + 1}: a declaration, not a "
                            "definition")
        brace += 1
    last = brace + 1
    while last < len(lines) and lines[last].rstrip() != "}":
        last += 1
    if last >= len(lines):
        raise MarkError(f"{where}:{first + 1}: no body between lines '{{' "
                        "and '}' at column 0")
    return brace, last


def exercises(lines, where="?"):
    """Every LAB_EXERCISE(N) definition in @lines (a file's lines)."""
    found = []
    for i, line in enumerate(lines):
        match = EXERCISE_RE.match(line)
        if not match:
            continue
        brace, last = function_extent(lines, i, where)
        head = " ".join([match.group(2)] + [l.strip() for l in lines[i + 1:brace]])
        found.append(Exercise(int(match.group(1)), function_name(head), head,
                              i, last, "\n".join(lines[brace + 1:last])))
    return found


def blocks(lines, where="?"):
    """Every LAB_SOLUTION(N) and NOT_IN_HANDOUT block in @lines."""
    found, open_mark = [], None
    for i, line in enumerate(lines):
        sol, full = SOLUTION_RE.search(line), FULL_TREE_RE.search(line)
        if not sol and not full:
            if LOOSE_RE.search(line):
                raise MarkError(f"{where}:{i + 1}: a mark must be a comment "
                                "line of its own")
            continue
        lab = int(sol.group(1)) if sol else 0
        edge = sol.group(2) if sol else full.group(1)
        if edge == "begin":
            if open_mark:
                raise MarkError(f"{where}:{i + 1}: a block opens inside the "
                                f"one of line {open_mark[1] + 1}")
            open_mark = (lab, i)
            continue
        if not open_mark or open_mark[0] != lab:
            raise MarkError(f"{where}:{i + 1}: an end without its begin")
        found.append(Block(lab, open_mark[1], i,
                           "\n".join(lines[open_mark[1] + 1:i])))
        open_mark = None
    if open_mark:
        raise MarkError(f"{where}:{open_mark[1] + 1}: a block never ends")
    return found


def function_body(lines, name, where="?"):
    """(brace, last) of the definition of @name in @lines (a plain
    definition, as in labs/labN/), or None."""
    for i, line in enumerate(lines):
        if not line or line[0].isspace() or line.startswith(("/", "#", "*")):
            continue
        if re.search(rf"\b{re.escape(name)}\(", line) and \
                not line.rstrip().endswith(";"):
            return function_extent(lines, i, where)
    return None
