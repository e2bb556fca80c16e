# SPDX-License-Identifier: MIT
"""The Linux reference run of user space: boot Debian's 686-pae kernel in
qemu-system-i386 with build/initramfs.cpio, run every /tests program there
(rdinit=/bin/runtests) and judge their KTAP, so that each user test is
known to pass on real Linux before hm386 runs it (docs/processes.md,
"User space").

    python3 -m tools.linux_ref [--only NAME ...]

The guest's serial output is kept in build/linux/linux-ref.log. Then the
same archive boots on hm386 (init=/bin/runtests; build/linux/hm386-ref.log)
and every check of every program must end the same there as on Linux (a
check skipped on either side is not compared): the same binary behaves the
same on both. Prints KTAP of its own (suite linux_ref: one case per /tests
program, one for the verdict of the guest's exit, one for the comparison),
so the host runner judges it like a host unit test; exits 0 when all
passed.
"""

import argparse
import os
import subprocess
import sys
import time

from tests.hm386test.ktap import parse_ktap
from tests.hm386test.serial import serial_lines, tail
from tools import linux_guest
from tools.linux_guest import EXIT_FAILED, EXIT_PASSED


def qemu_command(args, initrd):
    """The QEMU command line of the reference run."""
    append = linux_guest.linux_append("/bin/runtests", args.only or ())
    return ["qemu-system-i386", "-m", "512M", "-cpu", "max", "-nographic",
            "-no-reboot", "-nic", "none",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", args.kernel, "-initrd", initrd, "-append", append]


def boot(args):
    """Boot the guest: (serial lines, exit status or None on timeout,
    seconds)."""
    initrd = linux_guest.make_initrd(
        os.path.join(os.path.dirname(args.log), "ref.cpio"),
        args.console_cpio, args.initramfs)
    cmd = qemu_command(args, initrd)
    start = time.monotonic()
    with open(args.log, "wb") as log:
        log.write(("# " + " ".join(cmd) + "\n").encode())
        log.flush()
        try:
            proc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL,
                                  timeout=args.timeout)
            status = proc.returncode
        except subprocess.TimeoutExpired:
            status = None
    with open(args.log, "rb") as log:
        lines = serial_lines(log.read())
    return lines, status, time.monotonic() - start


def hm386_command(args):
    """The QEMU command line of the same archive on hm386."""
    append = linux_guest.hm386_append("/bin/runtests", args.only or ())
    return ["qemu-system-i386", "-m", "1G", "-cpu", "max", "-display", "none",
            "-no-reboot", "-serial", "file:" + args.hm386_log,
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", args.hm386_kernel, "-initrd", args.initramfs,
            "-append", append]


def boot_hm386(args):
    """Run every /tests program on hm386 as PID 1: (serial lines, exit
    status or None on timeout)."""
    try:
        status = subprocess.run(hm386_command(args), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL,
                                timeout=args.timeout).returncode
    except subprocess.TimeoutExpired:
        status = None
    try:
        with open(args.hm386_log, "rb") as log:
            return serial_lines(log.read()), status
    except OSError:
        return [], status


def program_checks(lines):
    """{program: {check: "pass"|"fail"|"skip"}} of a /bin/runtests run."""
    report = parse_ktap(lines)
    programs = {}
    for suite in report.top.results if report.top else []:
        for case in suite.subtest.results if suite.subtest else []:
            block = case.subtest
            programs[case.name] = {r.name: r.status
                                   for r in (block.results if block else [])}
    return programs


def differences(linux, hm386):
    """What ended differently on Linux and on hm386, one line each."""
    found = []
    for program, checks in sorted(linux.items()):
        if program not in hm386:
            found.append(f"# {program}: ran on Linux, not on hm386")
            continue
        for check, status in checks.items():
            other = hm386[program].get(check)
            if other is None:
                found.append(f"# {program}.{check}: on Linux only")
            elif "skip" not in (status, other) and status != other:
                found.append(f"# {program}.{check}: {status} on Linux, "
                             f"{other} on hm386")
    return found


def judge(lines, status, seconds, log, out, hm386=None):
    """Print the KTAP verdict of a run (its serial log at @log) to @out,
    and of its comparison with hm386's run @hm386 ((lines, status), or None
    to skip it); True when all passed."""
    report = parse_ktap(lines)
    cases = [c for c in report.cases if c.id.startswith("user.")]
    results = []
    for c in cases:
        results.append((c.id[len("user."):], c.status != "fail",
                        c.diagnostics))
    problems = list(report.errors)
    if not report.found:
        problems.append("no KTAP in the guest's output")
    elif not cases:
        problems.append("the guest ran no /tests program")
    if status is None:
        problems.append("timeout: the guest did not end")
    elif status != EXIT_PASSED:
        problems.append(f"QEMU exit status {status} "
                        f"({EXIT_PASSED} = all passed, {EXIT_FAILED} = a "
                        f"test failed)")
    results.append(("guest_ended_with_pass_status", not problems,
                    ["# " + p for p in problems] + ([tail(lines)]
                                                    if problems else [])))
    if hm386 is not None:
        hm_lines, hm_status = hm386
        diffs = differences(program_checks(lines), program_checks(hm_lines))
        if hm_status != EXIT_PASSED:
            diffs.append(f"# hm386's QEMU exit status {hm_status} "
                         f"({EXIT_PASSED} = all passed)")
        results.append(("same_results_on_hm386", not diffs, diffs))
    failed = sum(not ok for _, ok, _ in results)
    print("KTAP version 1\n1..1\n  KTAP version 1\n  # Subtest: linux_ref\n"
          f"  1..{len(results)}", file=out)
    for i, (name, ok, diags) in enumerate(results, 1):
        if not ok:
            for d in diags:
                for line in str(d).splitlines():
                    print("    " + line, file=out)
        print(f"  {'ok' if ok else 'not ok'} {i} {name}", file=out)
    print(f"{'not ok' if failed else 'ok'} 1 linux_ref", file=out)
    print(f"# linux_ref: {len(cases)} programs on Linux, {failed} failed, "
          f"{seconds:.1f} s; log {log}", file=out)
    return not failed



def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default=linux_guest.KERNEL)
    ap.add_argument("--initramfs", default=linux_guest.INITRAMFS)
    ap.add_argument("--console-cpio", default=linux_guest.CONSOLE_CPIO)
    ap.add_argument("--log", default="build/linux/linux-ref.log")
    ap.add_argument("--timeout", type=float, default=45,
                    help="seconds for the guest (the host runner allows 60)")
    ap.add_argument("--only", nargs="+", metavar="NAME",
                    help="run only these /tests programs")
    ap.add_argument("--hm386-kernel", default="build/hm386.elf")
    ap.add_argument("--hm386-log", default="build/linux/hm386-ref.log")
    ap.add_argument("--linux-only", action="store_true",
                    help="do not compare with hm386")
    args = ap.parse_args(argv)
    gone = linux_guest.missing(((args.kernel, "make linux-image"),
                                (args.initramfs, "make user"),
                                (args.console_cpio, "make linux-image")))
    for path, how in gone:
        print(f"linux_ref: {path} missing (build it: {how})", file=sys.stderr)
    if gone:
        return 2
    lines, status, seconds = boot(args)
    hm386 = None if args.linux_only else boot_hm386(args)
    return 0 if judge(lines, status, seconds, args.log, sys.stdout,
                      hm386) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
