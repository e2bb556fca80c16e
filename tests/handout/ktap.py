# SPDX-License-Identifier: MIT
"""KTAP for the handouts' host checks (check.py, gradescope.py), in the
shape of the other host tests: one suite, a case per check."""


def print_suite(name, count, cases):
    """Print suite @name of @count cases from @cases, an iterable of
    (case, problems, notes): each problem and note a `#` line, the case ok
    when it has no problem. Returns the exit status: 0 when all are ok."""
    print("KTAP version 1", "1..1", "  KTAP version 1", f"  # Subtest: {name}",
          f"  1..{count}", sep="\n", flush=True)
    ok = True
    for i, (case, problems, notes) in enumerate(cases, 1):
        for problem in problems:
            for line in str(problem).splitlines():
                print(f"    # {case}: {line}")
        for note in notes:
            print(f"    # {note}")
        print(f"  {'not ok' if problems else 'ok'} {i} {case}", flush=True)
        ok = ok and not problems
    print(f"{'ok' if ok else 'not ok'} 1 {name}")
    return 0 if ok else 1
