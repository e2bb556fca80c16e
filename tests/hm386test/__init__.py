# SPDX-License-Identifier: MIT
"""hm386test: the host test runner of hm386.

Boots every configuration of the test matrix (tests/matrix.py) in QEMU, runs
the death tests and the host unit tests, judges each run, and prints a
summary whose last line is `N passed, M failed[, K skipped]`. Exit status:
0 when nothing failed, 1 when anything failed, 2 on a usage or matrix error.
docs/testing.md describes the protocol with the kernel.

Run it from the top of the tree:

    python3 -m tests.hm386test --list        (make test adds the paths)
    python3 tests/runner.py --only 'kernel-1G-*' --no-host   (the same)

Which module does what, from the bottom up (a module imports only those
above it in this list):

  serial     serial log bytes -> clean lines; tail() for reports
  ktap       KTAP parser: lines -> KtapReport (cases, plans, errors)
  catalogue  `ktest=list` lines -> Catalogue (cases, death messages)
  judge      exit statuses, RunOutcome, Verdict, describe_exit(),
             check_lines(): what all judges share
  jobs       Job, run_process(), execute(), run_all() under --jobs and
             --mem-budget; sizes such as "4G"
  boots      the four boot types (kernel, iso, efi-iso, efi-direct): QEMU
             machine, firmware and boot media of each
  row        Row, the base of every row kind: keys and their checks, the
             QEMU command line, the Job, the --list line; Context
  selftests  kinds "tests", "catalogue" and "death" (self-tests, KTAP)
  expect     kind "expect" (exit status and serial lines), and ExitRow
  monitor    kind "monitor" (typed at the monitor's prompt)
  gdb        kind "gdb" (a GDB script against the guest)
  host       host test programs and the runner's own unit tests
  loader     tests/matrix.py -> rows of their kinds' classes
  report     verdict lines, the table, the final line, --list
  session    one run: catalogue first, then every job, then the summary
  cli        the options and main()

Pure judging (serial, ktap, catalogue, judge and each kind's judge()) is
checked on recorded logs by tests/test_runner.py; the rest starts processes.
A new row kind is a subclass of Row (or ExitRow) in a module of its own,
listed in loader.KINDS and described in tests/matrix.py's docstring.
"""
