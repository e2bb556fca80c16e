#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Count the instructions of Linux's kmap_local_page() + kunmap_local()
on a HighMem page, by single-stepping Debian's 686-pae kernel in QEMU
with GDB (docs/benchmarks.md, "kmap_local against the floor").

    python3 -m tools.linux_kmap_steps [--pairs N] [--json FILE]

Two boots of build/linux/vmlinuz with build/initramfs.cpio, -m 1G (so
that page-cache pages are in HighMem), `nokaslr` (the same addresses in
both), PID 1 /bin/ksym (user/bin/ksym.c):

1. ksym prints the addresses of the out-of-line halves,
   __kmap_local_page_prot() and kunmap_local_indexed(), from
   /proc/kallsyms;
2. QEMU starts stopped with its GDB stub; GDB breaks on both functions
   and, at each call, steps it instruction by instruction until it returns
   (QEMU steps with interrupts masked, so only the call's own
   instructions count). A map that returns a fixmap address (a HighMem
   page) and the unmap of that address make a pair.

Prints the steps of each pair and their minimum and median, and writes
them as JSON with --json. What is counted is the two calls, from their
first instruction to their return, callees included; the caller's inline
part (the PageHighMem() test before the call) is not.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

MAP_FN = "__kmap_local_page_prot"
UNMAP_FN = "kunmap_local_indexed"
KSYM = re.compile(r"^ksym: (\S+) 0x([0-9a-f]{8})\s*$")
PAIR = re.compile(r"^pair: map=(\d+) unmap=(\d+) addr=0x([0-9a-f]+)$")
APPEND = ("console=ttyS0 rdinit=/bin/ksym loglevel=1 nokaslr panic=-1 -- "
          f"{MAP_FN} {UNMAP_FN}")

# Run by GDB (its Python): break on both functions, step each call to its
# return, pair a map returning a fixmap address with the unmap of it.
GDB_SCRIPT = r'''
import gdb
MAP, UNMAP, PAIRS = {map_addr:#x}, {unmap_addr:#x}, {pairs}
FIXMAP = 0xff000000	# fixmap and pkmap: above every lowmem address
gdb.execute("set confirm off")
gdb.execute("break *%#x" % MAP, to_string=True)
gdb.execute("break *%#x" % UNMAP, to_string=True)
inf = gdb.selected_inferior()

def reg(name):
    return int(gdb.parse_and_eval("$" + name)) & 0xffffffff

def step_call():
    """Steps from the function's first instruction to its return."""
    esp = reg("esp")
    ret = int.from_bytes(bytes(inf.read_memory(esp, 4)), "little")
    steps = 0
    while True:
        gdb.execute("stepi", to_string=True)
        steps += 1
        if reg("eip") == ret and reg("esp") > esp:
            return steps

pending, found = dict(), 0
while found < PAIRS:
    gdb.execute("continue", to_string=True)
    pc, arg = reg("eip"), reg("eax")
    steps = step_call()
    if pc == MAP:
        addr = reg("eax")
        if addr >= FIXMAP:
            pending[addr & ~0xfff] = steps
    elif pc == UNMAP and (arg & ~0xfff) in pending:
        print("pair: map=%d unmap=%d addr=%#x"
              % (pending.pop(arg & ~0xfff), steps, arg & ~0xfff), flush=True)
        found += 1
gdb.execute("kill", to_string=True)
'''


def qemu_argv(args, initrd, extra=()):
    return ["qemu-system-i386", "-m", "1G", "-cpu", "max", "-display", "none",
            "-no-reboot", "-nic", "none", "-serial", "stdio",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", *extra,
            "-kernel", args.kernel, "-initrd", initrd, "-append", APPEND]


def symbols(args, initrd):
    """{name: address} that /bin/ksym printed on Linux."""
    out = subprocess.run(qemu_argv(args, initrd), capture_output=True,
                         stdin=subprocess.DEVNULL, timeout=args.timeout)
    found = {}
    for line in out.stdout.decode(errors="replace").splitlines():
        m = KSYM.match(line.strip())
        if m:
            found[m.group(1)] = int(m.group(2), 16)
    return found


def step_pairs(args, initrd, syms, tmp):
    """[(map steps, unmap steps)] of @args.pairs pairs, GDB on the guest."""
    sock = os.path.join(tmp, "gdb.sock")
    script = os.path.join(tmp, "steps.py")
    with open(script, "w") as f:
        f.write(GDB_SCRIPT.format(map_addr=syms[MAP_FN],
                                  unmap_addr=syms[UNMAP_FN], pairs=args.pairs))
    qemu = subprocess.Popen(
        qemu_argv(args, initrd, ["-S", "-gdb", f"unix:{sock},server=on,wait=off"]),
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if os.path.exists(sock):
                break
            time.sleep(0.1)
        out = subprocess.run(
            ["gdb", "-batch", "-nx", "-ex", "set pagination off",
             "-ex", "set architecture i386", "-ex", f"target remote {sock}",
             "-x", script], capture_output=True, stdin=subprocess.DEVNULL,
            timeout=args.timeout)
    finally:
        qemu.kill()
        qemu.wait()
    pairs = []
    for line in out.stdout.decode(errors="replace").splitlines():
        m = PAIR.match(line.strip())
        if m:
            pairs.append((int(m.group(1)), int(m.group(2))))
    if len(pairs) < args.pairs:
        sys.exit("linux_kmap_steps: GDB found %d of %d pairs:\n%s"
                 % (len(pairs), args.pairs,
                    (out.stdout + out.stderr).decode(errors="replace")[-2000:]))
    return pairs


def measure(args):
    """The step counts, as a dict (what --json writes)."""
    with tempfile.TemporaryDirectory() as tmp:
        initrd = os.path.join(tmp, "ksym.cpio")
        with open(initrd, "wb") as out:
            for part in (args.console_cpio, args.initramfs):
                with open(part, "rb") as f:
                    out.write(f.read())
        syms = symbols(args, initrd)
        missing = [n for n in (MAP_FN, UNMAP_FN) if n not in syms]
        if missing:
            sys.exit("linux_kmap_steps: /bin/ksym found no "
                     + ", ".join(missing) + " in Linux's /proc/kallsyms")
        pairs = step_pairs(args, initrd, syms, tmp)
    totals = [m + u for m, u in pairs]
    with open(args.version) as f:
        version = f.read().strip()
    return {"kernel": version, "map_function": MAP_FN,
            "unmap_function": UNMAP_FN, "pairs": pairs,
            "min": min(totals), "median": statistics.median(totals),
            "max": max(totals)}


def parse_args(argv):
    """The options (also what tools/bench.py passes to measure())."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel", default="build/linux/vmlinuz")
    ap.add_argument("--version", default="build/linux/vmlinuz.version")
    ap.add_argument("--initramfs", default="build/initramfs.cpio")
    ap.add_argument("--console-cpio", default="build/linux/console.cpio")
    ap.add_argument("--pairs", type=int, default=16)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--json", help="write the counts here")
    ap.add_argument("--ktap", action="store_true",
                    help="also judge the run as KTAP (the host test: that "
                         "each pair was found and stepped, not its count)")
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    for path, how in ((args.kernel, "make linux-image"),
                      (args.initramfs, "make user"),
                      (args.console_cpio, "make linux-image")):
        if not os.path.exists(path):
            sys.exit(f"linux_kmap_steps: {path} missing (build it: {how})")
    data = measure(args)
    for m, u in data["pairs"]:
        print(f"linux_kmap_steps: {MAP_FN} {m} + {UNMAP_FN} {u} = {m + u}")
    print(f"linux_kmap_steps: {data['kernel']}: HighMem kmap_local_page() + "
          f"kunmap_local() min {data['min']}, median {data['median']}, "
          f"max {data['max']} instructions over {len(data['pairs'])} pairs")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(data, f, indent=1)
    if args.ktap:
        ok = len(data["pairs"]) == args.pairs and all(
            m > 0 and u > 0 for m, u in data["pairs"])
        print("KTAP version 1\n1..1\n  KTAP version 1\n"
              "  # Subtest: linux_kmap_steps\n  1..1")
        print(f"  {'ok' if ok else 'not ok'} 1 pairs_stepped_to_their_return")
        print(f"{'ok' if ok else 'not ok'} 1 linux_kmap_steps")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
