#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""make bench: what each mapping costs, measured deterministically.

Boots the kernel with `bench=*` under QEMU's `-icount shift=0`, where guest
time advances one nanosecond per instruction: the guest TSC then counts
instructions, and every figure repeats exactly on any host. Three kernels
are measured, each twice (the second run must repeat the first):

  release-1cpu   `make KMAP_DEBUG=0`, one CPU: the figures and the targets
  debug-1cpu     the default debug build: its overhead, figure by figure
  release-4cpu   four CPUs: what the kmap() pool's global flush costs then

Each figure is cycles per operation and a ratio to its baseline from the
same run. Then the boot itself is timed in wall time (min/median/max of
several runs) on each boot path. Writes build/bench.json, build/bench.md and
build/bench-*.svg; with --docs also docs/benchmarks.md's results and
docs/bench/*.svg. Nothing here is part of `make test`.

Run from the top of the tree as a module, `python3 -m tools.bench` (what
`make bench` does), so that it imports the test runner's package for its
QEMU command lines.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time

from tests.hm386test.boots import Images
from tests.hm386test.loader import load_matrix
from tools import bench_linux, linux_kmap_steps, svgplot

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

QEMU = "qemu-system-i386"
KERNELS = [  # name, ELF, CPUs
    ("release-1cpu", "build/release/hm386.elf", 1),
    ("debug-1cpu", "build/hm386.elf", 1),
    ("release-4cpu", "build/release/hm386.elf", 4),
]
BOOT_ROWS = ["kernel-128M-max", "kernel-1G-max", "kernel-4G-max", "iso-1G-max",
             "efi-iso-4G-max", "efi-direct-4G-max"]
PROFILE_ITERS = 100     # operations single-stepped per profiled figure
LINE = re.compile(r"^bench: (\S+) (.*)$")
PAIR = re.compile(r'([\w.]+)=("[^"]*"|\S+)')
FIRST_TEST = re.compile(r"^\s*(not )?ok \d+ ")
TESTS_END = re.compile(r"^# ktest: ")

# The targets (docs/benchmarks.md), each on one kernel's figures:
#   ratio  figure / baseline at most limit
#   abs    figure at most limit instructions per operation
#   extra  figure - baseline at most (cost - cost_base): what one path adds
#          to another at most what a third figure measures
TARGETS = [
    {"label": "HighMem kmap_local_page()+kunmap_local() at most 60 instructions "
              "(3x the floor), release build", "kind": "abs",
     "kernel": "release-1cpu", "figure": "kmap_local.highmem", "limit": 60},
    {"label": "the same pair at most 250 instructions (Linux's), debug build",
     "kind": "abs", "kernel": "debug-1cpu", "figure": "kmap_local.highmem",
     "limit": 250},
    {"label": "kmap_atomic() pair at most the kmap_local pair plus the two "
              "counters (floor.counters - floor.lowmem_pointer), release build",
     "kind": "extra", "kernel": "release-1cpu", "figure": "kmap_atomic.highmem",
     "baseline": "kmap_local.highmem", "cost": "floor.counters",
     "cost_base": "floor.lowmem_pointer"},
    {"label": "order-0 alloc_pages()+__free_pages() at most 1,000 instructions, "
              "release build", "kind": "abs", "kernel": "release-1cpu",
     "figure": "alloc.highuser_order0", "limit": 1000},
    {"label": "lowmem kmap_local_page()+kunmap_local() within 1.5x of a plain "
              "pointer", "kind": "ratio", "kernel": "release-1cpu",
     "figure": "kmap_local.lowmem", "baseline": "floor.lowmem_pointer",
     "limit": 1.5},
    {"label": "copy_highpage() within 10% of a lowmem memcpy()", "kind": "ratio",
     "kernel": "release-1cpu", "figure": "copy.highpage",
     "baseline": "copy.lowmem_memcpy", "limit": 1.10},
    {"label": "kmap() hit cheaper than a new slot", "kind": "ratio",
     "kernel": "release-1cpu", "figure": "kmap.hit", "baseline": "kmap.new_slot",
     "limit": 1.0},
]


def parse_bench(lines):
    """Return {figure: {...}} from the kernel's `bench:` lines."""
    figures, about = {}, {}
    for line in lines:
        m = LINE.match(line.strip())
        if not m or m.group(1) in ("begin", "end"):
            continue
        if m.group(1) == "about":
            name, rest = m.group(2).split(" ", 1)
            about[name] = dict(PAIR.findall(rest)).get("op", "").strip('"')
            continue
        fields = {k: v.strip('"') for k, v in PAIR.findall(m.group(2))}
        if m.group(2).startswith("profile "):
            steps = {k: int(v) for k, v in fields.items()}
            figures[m.group(1)]["profile"] = steps
            continue
        fig = {"op": about.get(m.group(1), "")}
        if "skip" in fields:
            fig["skip"] = fields["skip"]
        else:
            fig["ops"] = int(fields.pop("ops"))
            fig["cycles"] = int(fields.pop("cycles"))
            fields.pop("per_op", None)      # the kernel's rounding of ours
            fig["per_op"] = fig["cycles"] / fig["ops"]
            fig["base"] = fields.pop("base", None)
            fig["values"] = {k: int(v) for k, v in fields.items()}
        figures[m.group(1)] = fig
    for fig in figures.values():
        base = figures.get(fig.get("base") or "")
        if base and "per_op" in base and "per_op" in fig:
            fig["ratio"] = fig["per_op"] / base["per_op"]
    return figures


def natural(name):
    """Sort key: kmap_local.depth_2 before kmap_local.depth_10."""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def qemu_bench(kernel, cpus, iters, glob, profile=False):
    argv = [QEMU, "-m", "1G", "-object", "memory-backend-memfd,id=ram,size=1G",
            "-machine", "memory-backend=ram", "-cpu", "max", "-smp", str(cpus),
            "-icount", "shift=0", "-no-reboot", "-display", "none",
            "-serial", "stdio", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", kernel, "-append", f"bench={glob} bench_iters={iters}"
            + (" bench_profile=on" if profile else "")]
    p = subprocess.run(argv, capture_output=True, timeout=1800)
    lines = p.stdout.decode(errors="replace").splitlines()
    if p.returncode != 33:
        sys.exit(f"bench: {kernel} on {cpus} CPUs exited {p.returncode}:\n"
                 + "\n".join(lines[-15:]))
    return parse_bench(lines)


def measure_kernels(iters, glob):
    results = {}
    for name, kernel, cpus in KERNELS:
        print(f"bench: {name}: {kernel}, {cpus} CPU(s), twice", flush=True)
        first = qemu_bench(kernel, cpus, iters, glob)
        second = qemu_bench(kernel, cpus, iters, glob)
        differ = sorted(f for f in first
                        if first[f].get("cycles") != second.get(f, {}).get("cycles"))
        results[name] = {"kernel": kernel, "cpus": cpus, "figures": first,
                         "repeated": not differ, "differ": differ}
    return results


def time_boot(row, runs):
    """Wall seconds from QEMU's start to the first test result and to the
    end of the self-tests, over @runs boots of matrix row @row."""
    config = next((c for c in load_matrix()[0] if c.name == row), None)
    if config is None:
        return None
    vars_path = os.path.join(TOP, "build", "bench-vars.fd")
    images = Images("build/hm386.elf", "build/hm386-test.iso",
                    "build/hm386-efi-test.img")
    first, end = [], []
    for _ in range(runs):
        problem = config.boot_type.prepare_firmware(vars_path)
        if problem:
            sys.exit(f"bench: {row}: {problem}")
        argv = config.qemu_command(QEMU, "LOG", images, "all", vars_path)
        argv[argv.index("file:LOG")] = "stdio"
        t0 = time.monotonic()
        p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        timer = threading.Timer(600, p.kill)
        timer.start()
        t_first = t_end = None
        for raw in p.stdout:
            line = raw.decode(errors="replace")
            if t_first is None and FIRST_TEST.match(line):
                t_first = time.monotonic() - t0
            if TESTS_END.match(line):
                t_end = time.monotonic() - t0
        p.wait()
        timer.cancel()
        if t_first is not None and t_end is not None:
            first.append(t_first)
            end.append(t_end)
    if not first:
        return None

    def stats(xs):
        return {"min": min(xs), "median": statistics.median(xs), "max": max(xs)}
    return {"boot": config.boot, "mem": config.mem, "runs": len(first),
            "first_test_s": stats(first), "tests_end_s": stats(end)}


def check_targets(kernels):
    """Each target of TARGETS (and the kmap() flush rule) judged on the
    figures of @kernels ({name: {"figures": ...}})."""
    out = []
    for t in TARGETS:
        figs = kernels.get(t["kernel"], {}).get("figures", {})
        names = [t[k] for k in ("figure", "baseline", "cost", "cost_base") if k in t]
        if any("per_op" not in figs.get(n, {}) for n in names):
            out.append(dict(t, met=None))
            continue
        v = {n: figs[n]["per_op"] for n in names}
        if t["kind"] == "abs":
            value, limit = v[t["figure"]], t["limit"]
        elif t["kind"] == "ratio":
            value, limit = v[t["figure"]] / v[t["baseline"]], t["limit"]
        else:
            value = v[t["figure"]] - v[t["baseline"]]
            limit = v[t["cost"]] - v[t["cost_base"]]
        out.append(dict(t, value=value, limit=limit, met=value <= limit))
    am = kernels["release-1cpu"]["figures"].get("kmap.amortized", {}).get("values", {})
    if am:
        allowed = -(-am["new_slots"] // 512)
        out.append({"label": "at most one global flush per 512 new kmap() slots",
                    "kind": "flushes", "kernel": "release-1cpu",
                    "figure": "kmap.amortized", "value": am["global_flushes"],
                    "new_slots": am["new_slots"], "limit": allowed,
                    "met": am["global_flushes"] <= allowed})
    return out


def target_measured(t):
    """The "measured" cell of target @t."""
    if t["kind"] == "abs":
        return f"{t['value']:,.1f} instructions (limit {t['limit']:,})"
    if t["kind"] == "ratio":
        return f"{t['value']:.2f}x (limit {t['limit']:.2f}x)"
    if t["kind"] == "extra":
        return (f"adds {t['value']:,.1f} instructions (the counters cost "
                f"{t['limit']:,.1f})")
    return (f"{t['value']} flushes for {t['new_slots']:,} new slots "
            f"(limit {t['limit']})")


def linux_targets(linux):
    """The goal of the side-by-side run: hm386's release build at or below
    Linux on every figure at every size. One entry per figure and size."""
    out = []
    res = linux["results"]
    for mem in linux["sizes"]:
        for name in bench_linux.FIGURES:
            lin = res.get("linux", {}).get(mem, {}).get("figures", {}).get(name)
            rel = res.get("release", {}).get(mem, {}).get("figures", {}).get(name)
            if lin and rel:
                out.append({"figure": name, "mem": mem, "linux": lin["min"],
                            "release": rel["min"],
                            "ratio": rel["min"] / lin["min"],
                            "met": rel["min"] <= lin["min"]})
    return out


def linux_markdown(data):
    """The side-by-side section: bench_linux's tables, the goal's verdict,
    and the profile of each figure where hm386 does more than Linux."""
    out = ["", "### hm386 beside Linux: the same /bin/ubench on both", "",
           bench_linux.markdown(data["linux"], level=4)]
    targets = data["linux_targets"]
    missed = [t for t in targets if not t["met"]]
    out += [f"Goal, hm386's release build at or below Linux: met on "
            f"{len(targets) - len(missed)} of {len(targets)} figures "
            "(every figure at every size)."]
    for t in missed:
        out.append(f"- missed: `{t['figure']}` at {t['mem']}: "
                   f"{t['release']:,.1f} against {t['linux']:,.1f} "
                   f"({t['ratio']:.2f}x)")
    if data.get("linux_profiles"):
        out += ["", "Where hm386's kernel instructions go in the missed figures "
                "(release, 1G, `bench_profile=on`, ubench's `profile`; per "
                "operation):", "", "| figure | by function |", "| --- | --- |"]
        for fig, prof in data["linux_profiles"].items():
            parts = ", ".join(f"`{k}` {v:,.0f}" for k, v in prof.items()
                              if k != "steps" and v >= 1)
            out.append(f"| `{fig}` ({prof['steps']:,.0f}) | {parts} |")
    return "\n".join(out) + "\n"


def profile_missed(targets):
    """{"figure@kernel": instructions per operation by function} for the
    figures of every missed target, single-stepped on its own kernel."""
    elf = {name: (path, cpus) for name, path, cpus in KERNELS}
    profiles = {}
    for t in targets:
        if t.get("met") is not False or t["kernel"] not in elf:
            continue
        path, cpus = elf[t["kernel"]]
        for fig in (t.get("figure"), t.get("baseline")):
            key = f"{fig}@{t['kernel']}"
            if not fig or key in profiles:
                continue
            f = qemu_bench(path, cpus, PROFILE_ITERS, fig, True).get(fig, {})
            if "profile" in f:
                profiles[key] = {k: v / f["ops"] for k, v in f["profile"].items()}
    return profiles


def fmt(x, digits=1):
    return "—" if x is None else f"{x:,.{digits}f}"


def markdown(data):
    rel = data["kernels"]["release-1cpu"]["figures"]
    dbg = data["kernels"]["debug-1cpu"]["figures"]
    smp = data["kernels"]["release-4cpu"]["figures"]
    out = ["| figure | one operation | release: cycles/op | ratio to | debug: cycles/op"
           " (overhead) | 4 CPUs: cycles/op | counts (release, 1 CPU) |",
           "| --- | --- | ---: | --- | ---: | ---: | --- |"]
    for name in sorted(rel, key=natural):
        r, d, s = rel[name], dbg.get(name, {}), smp.get(name, {})
        if "skip" in r:
            out.append(f"| `{name}` | {r['op']} | skipped: {r['skip']} | | | | |")
            continue
        ratio = f"{r['ratio']:.2f}x `{r['base']}`" if "ratio" in r else ""
        over = (f"{d['per_op']:,.1f} ({d['per_op'] / r['per_op']:.2f}x)"
                if "per_op" in d else "—")
        counts = ", ".join(f"{k} {v:,}" for k, v in r["values"].items())
        out.append(f"| `{name}` | {r['op']} | {r['per_op']:,.1f} | {ratio} | "
                   f"{over} | {fmt(s.get('per_op'))} | {counts} |")
    out += ["", "| target | kernel | measured | met |", "| --- | --- | --- | --- |"]
    for t in data["targets"]:
        if t.get("met") is None:
            out.append(f"| {t['label']} | {t['kernel']} | not measured | — |")
        else:
            out.append(f"| {t['label']} | {t['kernel']} | {target_measured(t)} | "
                       f"{'yes' if t['met'] else '**no**'} |")
    lk = data.get("linux_kmap")
    if lk:
        rel = data["kernels"]["release-1cpu"]["figures"]
        dbg = data["kernels"]["debug-1cpu"]["figures"]
        out += ["", "The HighMem kmap_local_page() + kunmap_local() pair against the "
                "floor and Linux's (instructions):", "",
                "| | instructions | what is counted |", "| --- | ---: | --- |",
                f"| the floor (`floor.pte_invlpg`) | "
                f"{fmt(rel.get('floor.pte_invlpg', {}).get('per_op'))} | one PTE "
                "store, a read, one invlpg, in the benchmark's loop |",
                f"| hm386, release build | "
                f"{fmt(rel.get('kmap_local.highmem', {}).get('per_op'))} | "
                "`kmap_local.highmem`: the pair inline, in the same loop |",
                f"| hm386, debug build | "
                f"{fmt(dbg.get('kmap_local.highmem', {}).get('per_op'))} | the "
                "same, out of line with guards and records |",
                f"| {lk['kernel'].split('_')[0]} {lk['kernel'].split('_')[1]} | "
                f"{lk['median']:,.0f} | `{lk['map_function']}()` + "
                f"`{lk['unmap_function']}()` single-stepped by GDB, median of "
                f"{len(lk['pairs'])} pairs (min {lk['min']}, max {lk['max']}); "
                "without the caller's inline test and loop |"]
    if data.get("profiles"):
        out += ["", "Where the instructions go, for the figures of missed targets "
                "(`bench_profile=on`: each instruction single-stepped and "
                "counted against its function; per operation):", "",
                "| figure (kernel) | instructions per operation, by function |",
                "| --- | --- |"]
        for key, prof in data["profiles"].items():
            parts = ", ".join(f"`{k}` {v:.0f}" for k, v in prof.items()
                              if k != "steps" and v >= 0.5)
            fig, kernel = key.split("@")
            out.append(f"| `{fig}` ({kernel}, {prof['steps']:.0f}) | {parts} |")
    if data["boots"]:
        out += ["", "| boot path (matrix row) | RAM | runs | to the first test: min / "
                "median / max | to the end of the self-tests |", "| --- | --- | ---: | --- | --- |"]
        for row, b in data["boots"].items():
            f, e = b["first_test_s"], b["tests_end_s"]
            out.append(f"| {b['boot']} (`{row}`) | {b['mem']} | {b['runs']} | "
                       f"{f['min']:.2f} / {f['median']:.2f} / {f['max']:.2f} s | "
                       f"{e['min']:.2f} / {e['median']:.2f} / {e['max']:.2f} s |")
    rep = ", ".join(f"{k}: {'yes' if v['repeated'] else 'NO ' + str(v['differ'])}"
                    for k, v in data["kernels"].items())
    out += ["", f"Second run repeated every cycle figure: {rep}."]
    if data.get("linux"):
        out.append(linux_markdown(data))
    return "\n".join(out) + "\n"


def plots(data):
    k = data["kernels"]
    depth = {}
    for name in ("release-1cpu", "debug-1cpu"):
        pts = [(int(f.split("_")[-1]), v["per_op"]) for f, v in k[name]["figures"].items()
               if f.startswith("kmap_local.depth_") and "per_op" in v]
        if pts:
            depth[name.split("-")[0] + " build"] = pts
    flushes = []
    for ws in (256, 512, 1024):
        f = f"kmap.working_set_{ws}"
        flushes.append((f"{ws} pages", [k[n]["figures"].get(f, {}).get("values", {})
                                        .get("global_flushes") for n in
                                        ("release-1cpu", "release-4cpu")]))
    side = []
    for label, f in (("kmap_local_page", "kmap_local.highmem"),
                     ("kmap_atomic", "kmap_atomic.highmem"),
                     ("kmap hit", "kmap.hit"), ("kmap new slot", "kmap.new_slot"),
                     ("kmap amortized", "kmap.amortized")):
        side.append((label, [round(k[n]["figures"].get(f, {}).get("per_op", 0), 1)
                             for n in ("release-1cpu", "debug-1cpu", "release-4cpu")]))
    charts = {}
    if depth:
        charts["bench-depth.svg"] = svgplot.line_chart(
            "kmap_local_page() + kunmap_local() against nesting depth",
            "mappings held (depth)", "cycles per map/read/unmap", depth)
    if all(v is not None for _, vals in flushes for v in vals):
        charts["bench-flushes.svg"] = svgplot.bar_chart(
            "Global TLB flushes per 10,000 kmap() calls", "global flushes",
            flushes, ["1 CPU", "4 CPUs"])
    lk = data.get("linux_kmap")
    if lk:
        pair = [("floor", k["release-1cpu"]["figures"].get("floor.pte_invlpg", {})),
                ("hm386 release", k["release-1cpu"]["figures"].get("kmap_local.highmem", {})),
                ("hm386 debug", k["debug-1cpu"]["figures"].get("kmap_local.highmem", {}))]
        bars = [(label, [round(f.get("per_op", 0), 1)]) for label, f in pair]
        bars.append(("Linux 6.1", [lk["median"]]))
        charts["bench-kmap-linux.svg"] = svgplot.bar_chart(
            "kmap_local_page() + kunmap_local() of a HighMem page",
            "instructions per pair", bars, ["instructions"])
    if data.get("linux"):
        res = data["linux"]["results"]
        groups = []
        for name in bench_linux.FIGURES:
            vals = []
            for key, mem in (("release", "1G"), ("release", "8G"), ("debug", "1G")):
                lin = res.get("linux", {}).get(mem, {}).get("figures", {}).get(name)
                own = res.get(key, {}).get(mem, {}).get("figures", {}).get(name)
                vals.append(round(own["min"] / lin["min"], 2) if lin and own else None)
            groups.append((name, vals))
        charts["bench-linux.svg"] = svgplot.bar_chart(
            "hm386 / Linux 6.1, the same /bin/ubench (below 1: hm386 does less)",
            "instructions, hm386 / Linux", groups,
            ["release, 1G", "release, 8G", "debug, 1G"])
    charts["bench-mappings.svg"] = svgplot.bar_chart(
        "The three mappings: map + read + unmap of a HighMem page",
        "cycles per operation", side, ["release, 1 CPU", "debug, 1 CPU",
                                       "release, 4 CPUs"])
    return charts


def write_docs(md, charts):
    path = os.path.join(TOP, "docs", "benchmarks.md")
    with open(path) as f:
        text = f.read()
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    a, b = text.index(begin) + len(begin), text.index(end)
    with open(path, "w") as f:
        f.write(text[:a] + "\n" + md + text[b:])
    os.makedirs(os.path.join(TOP, "docs", "bench"), exist_ok=True)
    for name, svg in charts.items():
        with open(os.path.join(TOP, "docs", "bench", name), "w") as f:
            f.write(svg)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--iters", type=int, default=10000, help="operations per figure")
    p.add_argument("--only", default="*", help="bench=GLOB (default *)")
    p.add_argument("--boot-runs", type=int, default=3,
                   help="wall-time boots per boot path (0: none)")
    p.add_argument("--docs", action="store_true",
                   help="also update docs/benchmarks.md and docs/bench/")
    args = p.parse_args(argv)
    os.chdir(TOP)
    data = {"icount": "shift=0", "iters": args.iters,
            "kernels": measure_kernels(args.iters, args.only), "boots": {}}
    print("bench: Linux's kmap_local_page() + kunmap_local(), stepped with GDB",
          flush=True)
    data["linux_kmap"] = linux_kmap_steps.measure(
        linux_kmap_steps.parse_args(["--pairs", "16"]))
    print("bench: /bin/ubench on Linux and hm386 (tools/bench_linux.py)",
          flush=True)
    data["linux"] = bench_linux.measure(log=print)
    data["linux_targets"] = linux_targets(data["linux"])
    data["linux_profiles"] = {
        t["figure"]: bench_linux.profile(t["figure"])
        for t in data["linux_targets"] if not t["met"] and t["mem"] == "1G"}
    data["targets"] = check_targets(data["kernels"])
    data["profiles"] = profile_missed(data["targets"])
    for row in BOOT_ROWS if args.boot_runs else []:
        print(f"bench: timing {row}, {args.boot_runs} boots", flush=True)
        b = time_boot(row, args.boot_runs)
        if b:
            data["boots"][row] = b
    md = markdown(data)
    charts = plots(data)
    with open("build/bench.json", "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
    with open("build/bench.md", "w") as f:
        f.write(md)
    for name, svg in charts.items():
        with open(os.path.join("build", name), "w") as f:
            f.write(svg)
    if args.docs:
        write_docs(md, charts)
    print(md)
    print("bench: wrote build/bench.json, build/bench.md, "
          + ", ".join("build/" + n for n in charts))
    return 0 if all(k["repeated"] for k in data["kernels"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
