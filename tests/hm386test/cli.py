# SPDX-License-Identifier: MIT
"""The command line: `python3 -m tests.hm386test [options]`.

parse_args() defines the options (--only, --ktest, --jobs, --mem-budget,
--timeout, --log-dir, --list, --no-host, -v, ...); main() loads the matrix,
prints it (--list) or runs a Session, and returns the exit status: 0
nothing failed, 1 something failed, 2 a usage or matrix error.
"""

import argparse
import os
import sys

from .jobs import parse_size_mib
from .loader import load_matrix
from .report import print_list
from .session import Session


def parse_args(argv):
    """Return the options of the command line `argv`; exits on a usage
    error (status 2)."""
    p = argparse.ArgumentParser(
        prog="runner.py", description="hm386 test runner: boots the test "
        "matrix in QEMU, runs death tests and host tests, prints a summary. "
        "See docs/testing.md.")
    p.add_argument("--kernel", default="build/hm386.elf",
                   help="multiboot kernel (default %(default)s)")
    p.add_argument("--iso", default="build/hm386.iso",
                   help="GRUB ISO (default %(default)s)")
    p.add_argument("--test-iso", help="ISO whose default entry passes "
                   "ktest=all (default: ISO name with -test.iso)")
    p.add_argument("--efi-img", default="build/hm386-efi-test.img",
                   help="FAT image whose hm386.efi boots the kernel with "
                   "ktest=all, for efi-direct boots (default %(default)s)")
    p.add_argument("--host-tests", default="",
                   help="space-separated host test programs")
    p.add_argument("--only", action="append", default=[], metavar="GLOB",
                   help="run only configs whose name matches GLOB "
                   "(repeatable, or comma-separated)")
    p.add_argument("--ktest", metavar="GLOB", help="pass ktest=GLOB instead "
                   "of ktest=all; skips ISO and expect configs")
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                   help="boots at once (default: CPUs, %(default)s)")
    p.add_argument("--mem-budget", default="16G", help="total guest memory "
                   "of boots at once (default %(default)s)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S",
                   help="seconds per boot, times the config's timeout_factor "
                   "(default %(default)g)")
    p.add_argument("--log-dir", help="serial logs and summary.txt "
                   "(default: test-logs beside --kernel)")
    p.add_argument("--list", action="store_true", help="print the configs")
    p.add_argument("--no-host", action="store_true",
                   help="skip host tests and the runner's own tests")
    p.add_argument("--keep-going", action="store_true", default=True,
                   help="always on: run everything, then summarize")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="print QEMU commands, notes and every case")
    args = p.parse_args(argv)
    args.only = [g for arg in args.only for g in arg.split(",") if g]
    if args.test_iso is None:
        base = args.iso[:-4] if args.iso.endswith(".iso") else args.iso
        args.test_iso = base + "-test.iso"
    if args.log_dir is None:
        args.log_dir = os.path.join(os.path.dirname(args.kernel) or ".",
                                    "test-logs")
    if args.jobs < 1:
        p.error("--jobs must be at least 1")
    try:
        args.mem_budget_mib = parse_size_mib(args.mem_budget)
    except ValueError as e:
        p.error(f"--mem-budget: {e}")
    return args


def main(argv=None):
    """Run the runner with the command line `argv`; return its exit
    status."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        rows, death_template, catalogue_row = load_matrix()
    except ValueError as e:
        print(f"runner: tests/matrix.py: {e}", file=sys.stderr)
        return 2
    if args.list:
        print_list(rows, death_template, catalogue_row, args)
        return 0
    try:
        return Session(args, rows, death_template, catalogue_row).run()
    except BrokenPipeError:  # stdout closed early, as by `| head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
