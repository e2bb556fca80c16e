#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""make bench-linux: the same static benchmark (/bin/ubench) on Debian's
686-pae Linux and on hm386, side by side.

Each kernel boots build/initramfs.cpio under the same QEMU arguments
(qemu_argv(): `-cpu max -icount shift=0,sleep=off`, RAM from a memfd
backend, one CPU) and runs /bin/ubench as PID 1 (tools/linux_guest.py).
Under -icount the guest TSC counts instructions, so each figure is
instructions per operation and should repeat exactly: every boot runs twice
and the report says whether the figures did. hm386's do. Linux's differ by
a fraction of a percent: `-cpu max` has RDRAND, whose host entropy feeds
its random numbers (ASLR, canaries, slab freelists). Without RDRAND
(`-cpu max,-rdrand,-rdseed -rtc clock=vm`) Linux repeats exactly, but
every execve then costs about 40% more and fork.0 15% more (its random
numbers come the slow way): not Linux as it runs on any recent CPU, so
RDRAND stays.

Kernels: Linux (build/linux/vmlinuz), hm386 release (build/release/
hm386.elf, `make KMAP_DEBUG=0`) and hm386 debug (build/hm386.elf, the
default build), each at 1G and 8G; then all three at 512M, where neither
kernel has HighMem, for the lowmem page-cache read (read.4k's where= must
say lowmem there and highmem at 1G and 8G: the tool checks it).

Why qemu-system-x86_64: QEMU 7.2's qemu-system-i386 leaves Linux's PID 1
faulting forever on its first user page when the guest has RAM above 4 GiB
(-m 4G and up; -m 3G boots), while qemu-system-x86_64 runs the same i386
guests with every other argument unchanged. Both kernels get that binary.

Writes build/bench-linux.json and build/bench-linux.md; logs of each boot
in build/bench-linux/. tools/bench.py imports measure() and markdown().

    python3 -m tools.bench_linux [--iters N] [--batches B] [--once]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

from tests.hm386test.serial import serial_lines, tail
from tools import linux_guest

QEMU = "qemu-system-x86_64"
PROGRAM = "/bin/ubench"
ITERS = 1000            # ubench's operations per batch of the cheap figures
BATCHES = 9
MEMS = ("1G", "8G")
LOWMEM = "512M"         # below Linux's and hm386's lowmem limit: no HighMem
KERNELS = [  # key, label, image, Linux?
    ("linux", "Linux 686-pae", linux_guest.KERNEL, True),
    ("release", "hm386 release", "build/release/hm386.elf", False),
    ("debug", "hm386 debug", "build/hm386.elf", False),
]
FIGURES = ["syscall.null", "fork.0", "fork.1m", "fork.64m", "fault.zero",
           "fault.cow", "read.4k", "write.4k", "execve"]
ABOUT = {
    "syscall.null": "getppid()",
    "fork.0": "fork + child _exit + wait4, nothing touched",
    "fork.1m": "the same with 1 MiB of anonymous memory touched",
    "fork.64m": "the same with 64 MiB touched",
    "fault.zero": "first write to an anonymous page",
    "fault.cow": "first write in the child to a page shared by fork",
    "read.4k": "pread64 of 4 KiB of a page-cache page",
    "write.4k": "pwrite64 of 4 KiB over a page-cache page",
    "execve": "fork + execve of /bin/true + wait4",
}
# hm386 maps user memory in 4 KiB pages only; Debian's Linux would back the
# 64 MiB of fork.64m (and fault.zero's region) with 2 MiB transparent huge
# pages at 1G and 8G (it turns them off below 512 MiB), and fork would copy
# 32 PMDs instead of 16384 PTEs. Off, both kernels do the same work.
LINUX_OPTIONS = ("transparent_hugepage=never",)
LOG_DIR = "build/bench-linux"
INITRD = os.path.join(LOG_DIR, "linux.cpio")
TIMEOUT = 600           # seconds per boot

LINE = re.compile(r"^ubench: (\S+) (.*)$")
PAIR = re.compile(r"(\w+)=(\S+)")
RESULT = re.compile(r"^(not )?ok (\d+) (\S+)")
HEADER = re.compile(r"^# ubench: kernel=(\S+) release=(\S+)")


def qemu_argv(mem, kernel, initrd, append):
    """The QEMU command line of one boot: the same for every kernel but the
    image, the initrd and the command line."""
    return [QEMU, "-m", mem,
            "-object", f"memory-backend-memfd,id=ram,size={mem}",
            "-machine", "memory-backend=ram", "-cpu", "max",
            "-icount", "shift=0,sleep=off", "-display", "none",
            "-serial", "stdio", "-no-reboot", "-nic", "none",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", kernel, "-initrd", initrd, "-append", append]


def parse(lines):
    """ubench's output: {"figures": {name: {ops, cycles, min, median,
    [where]}}, "failed": [names], "kernel": sysname, "release": ...}."""
    out = {"figures": {}, "failed": [], "kernel": None, "release": None}
    for line in lines:
        line = line.strip()
        m = HEADER.match(line)
        if m:
            out["kernel"], out["release"] = m.group(1), m.group(2)
            continue
        m = LINE.match(line)
        if m:
            fields = dict(PAIR.findall(m.group(2)))
            fig = {k: int(fields[k]) for k in ("ops", "cycles")}
            fig.update({k: float(fields[k]) for k in ("min", "median")})
            if "where" in fields:
                fig["where"] = fields["where"]
            out["figures"][m.group(1)] = fig
            continue
        m = RESULT.match(line)
        if m and m.group(1):
            out["failed"].append(m.group(3))
    return out


def boot(key, kernel, is_linux, mem, iters, batches, run):
    """Boot @kernel at @mem running ubench; its parse() plus "status",
    "seconds" and "log". Raises RuntimeError when the run did not end with
    the pass status or a figure is missing."""
    args = [f"iters={iters}", f"batches={batches}"]
    if is_linux:
        initrd = INITRD
        append = linux_guest.linux_append(PROGRAM, args, LINUX_OPTIONS)
    else:
        initrd = linux_guest.INITRAMFS
        append = linux_guest.hm386_append(PROGRAM, args)
    argv = qemu_argv(mem, kernel, initrd, append)
    log = os.path.join(LOG_DIR, f"{key}-{mem}-{run}.log")
    start = time.monotonic()
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=TIMEOUT)
        data, status = p.stdout, p.returncode
    except subprocess.TimeoutExpired as e:
        data, status = e.stdout or b"", None
    seconds = time.monotonic() - start
    with open(log, "wb") as f:
        f.write(("# " + " ".join(argv) + "\n").encode() + data)
    lines = serial_lines(data)
    result = parse(lines)
    result.update(status=status, seconds=round(seconds, 1), log=log)
    problems = []
    if status != linux_guest.EXIT_PASSED:
        problems.append(f"QEMU exit status {status} "
                        f"({linux_guest.EXIT_PASSED} = ubench passed)")
    gone = [f for f in FIGURES if f not in result["figures"]]
    if gone or result["failed"]:
        problems.append(f"figures missing: {gone}, failed: {result['failed']}")
    if problems:
        raise RuntimeError(f"bench-linux: {key} at {mem}: "
                           + "; ".join(problems) + f" (log {log})\n"
                           + tail(lines))
    return result


def expected_where(mem, lowmem):
    return "lowmem" if mem == lowmem else "highmem"


def measure(iters=ITERS, batches=BATCHES, mems=MEMS, lowmem=LOWMEM, runs=2,
            kernels=None, log=print):
    """Boot every kernel at every size of @mems and at @lowmem, @runs times
    each (the second run must repeat the first to count as deterministic),
    and return {"kernels": {key: label}, "sizes": [...], "lowmem": ...,
    "results": {key: {mem: {"figures", "repeated", "differ", "spread" (the
    largest relative difference of a minimum between runs), "where",
    "seconds", ...}}}, "problems": [...]}. Raises RuntimeError when a boot
    fails; a where= other than expected is listed in "problems"."""
    kernels = kernels or KERNELS
    gone = linux_guest.missing(
        [(image, "make linux-image" if is_linux else "make variant-kernels")
         for _, _, image, is_linux in kernels]
        + [(linux_guest.INITRAMFS, "make user"),
           (linux_guest.CONSOLE_CPIO, "make linux-image")])
    if gone:
        raise RuntimeError("bench-linux: missing " + ", ".join(
            f"{p} ({how})" for p, how in gone))
    os.makedirs(LOG_DIR, exist_ok=True)
    linux_guest.make_initrd(INITRD)
    sizes = list(mems) + ([lowmem] if lowmem and lowmem not in mems else [])
    data = {"qemu": " ".join(qemu_argv("M", "KERNEL", "INITRD", "APPEND")),
            "iters": iters, "batches": batches, "runs": runs,
            "sizes": sizes, "lowmem": lowmem,
            "kernels": {k: label for k, label, _, _ in kernels},
            "results": {}, "problems": []}
    for key, label, image, is_linux in kernels:
        data["results"][key] = {}
        for mem in sizes:
            first = boot(key, image, is_linux, mem, iters, batches, 1)
            log(f"bench-linux: {label} at {mem}: {first['seconds']} s")
            differ, spread = [], 0.0
            for run in range(2, runs + 1):
                again = boot(key, image, is_linux, mem, iters, batches, run)
                for f in FIGURES:
                    a, b = first["figures"][f], again["figures"][f]
                    if (a["min"], a["median"]) != (b["min"], b["median"]):
                        differ.append(f)
                        spread = max(spread,
                                     abs(a["min"] - b["min"]) / a["min"])
            where = first["figures"]["read.4k"].get("where")
            if where != expected_where(mem, lowmem):
                data["problems"].append(
                    f"{label} at {mem}: read.4k where={where}, expected "
                    f"{expected_where(mem, lowmem)}")
            first.update(repeated=runs > 1 and not differ,
                         differ=sorted(set(differ)), where=where,
                         spread=round(spread, 5))
            data["results"][key][mem] = first
    return data


PROFILE = re.compile(r"^bench: ubench\.(\S+) profile steps=(\d+)(.*)$")
PROFILE_OPS = 100       # iters= of a profiled run (each figure's share)


def profile(name, mem="1G", image="build/release/hm386.elf"):
    """Where hm386's kernel instructions go in figure @name: one boot of
    @image at @mem with `bench_profile=on` and ubench's `only=NAME
    profile`, whose last batch hm386_profile() counts by function
    (top/profile.c). {"steps": per op, FUNC: per op, ...}; the user
    program's own instructions are not counted."""
    append = ("bench_profile=on " + linux_guest.hm386_append(
        PROGRAM, [f"iters={PROFILE_OPS}", "batches=1", f"only={name}",
                  "profile"]))
    p = subprocess.run(qemu_argv(mem, image, linux_guest.INITRAMFS, append),
                       stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=TIMEOUT)
    lines = serial_lines(p.stdout)
    ops = parse(lines)["figures"].get(name, {}).get("ops")
    for line in lines:
        m = PROFILE.match(line.strip())
        if m and m.group(1) == name and ops:
            prof = {"steps": int(m.group(2)) / ops}
            for k, v in re.findall(r"([\w.]+)=(\d+)", m.group(3)):
                prof[k] = int(v) / ops
            return prof
    raise RuntimeError(f"bench-linux: no profile of {name} from {image}:\n"
                       + tail(lines))


def fmt(x):
    return "-" if x is None else f"{x:,.1f}"


def ratio(a, b):
    return "-" if a is None or not b else f"{a / b:.2f}"


def markdown(data, level=3):
    """The tables of @data (measure()'s): per size (a heading of @level),
    each figure's instructions per operation (minimum batch mean) on Linux,
    hm386 release and hm386 debug, with the hm386/Linux ratios."""
    res, kernels = data["results"], data["kernels"]
    out = ["Instructions per operation (`-icount shift=0`: the guest TSC "
           "counts instructions), the minimum of "
           f"{data['batches']} batch means, `iters={data['iters']}`; ratio "
           "= hm386 / Linux (above 1: hm386 does more work).", ""]
    for mem in data["sizes"]:
        def fig(key, name):
            r = res.get(key, {}).get(mem)
            return r["figures"][name]["min"] if r else None

        note = " (no HighMem: the lowmem page-cache read)" \
            if mem == data["lowmem"] else ""
        out += [f"{'#' * level} {mem}{note}", "",
                "| figure | what | Linux | hm386 release | ratio | "
                "hm386 debug | ratio |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
        for name in FIGURES:
            lin, rel, dbg = (fig(k, name) for k in ("linux", "release",
                                                    "debug"))
            where = ""
            if name in ("read.4k", "write.4k") and res.get("linux", {}).get(mem):
                where = f" ({res['linux'][mem]['where']})"
            out.append(f"| `{name}`{where} | {ABOUT[name]} | {fmt(lin)} | "
                       f"{fmt(rel)} | {ratio(rel, lin)} | {fmt(dbg)} | "
                       f"{ratio(dbg, lin)} |")
        rep = []
        for key, label in kernels.items():
            r = res.get(key, {}).get(mem)
            if r is None:
                continue
            if data["runs"] < 2:
                rep.append(f"{label}: ran once")
            elif r["repeated"]:
                rep.append(f"{label}: repeated exactly")
            else:
                rep.append(f"{label}: the minimum differed by at most "
                           f"{r['spread'] * 100:.2f}% "
                           f"({', '.join(r['differ'])})")
        out += ["", "Second run: " + "; ".join(rep) + ".", ""]
    if data["problems"]:
        out += ["Problems:", ""] + [f"- {p}" for p in data["problems"]] + [""]
    out += [f"QEMU: `{data['qemu']}`", ""]
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iters", type=int, default=ITERS)
    ap.add_argument("--batches", type=int, default=BATCHES)
    ap.add_argument("--once", action="store_true",
                    help="one boot per kernel and size (no repeat check)")
    ap.add_argument("--mem", action="append",
                    help=f"sizes (default {' '.join(MEMS)}; {LOWMEM} always)")
    ap.add_argument("--out", default="build/bench-linux")
    args = ap.parse_args(argv)
    try:
        data = measure(args.iters, args.batches, tuple(args.mem or MEMS),
                       runs=1 if args.once else 2)
    except RuntimeError as e:
        print(e, file=sys.stderr)
        return 1
    with open(args.out + ".json", "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
    md = markdown(data)
    with open(args.out + ".md", "w") as f:
        f.write(md)
    print(md)
    print(f"bench-linux: wrote {args.out}.json and {args.out}.md")
    return 1 if data["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
