#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""layers: check that every #include (and NASM %include) looks down.

hm386 is built in layers (docs/architecture.md draws them). A file may
include the headers of its own layer and of the layers below it; it may
reach up only through a hook header declared below, for the layers named
there: a header whose functions a higher layer implements and a lower one
calls (the trap code asks mm to diagnose a fault in the kmap area, the
scheduler asks mm to switch the kmap_local slots). Private headers beside
the code (mm/pkmap_internal.h) may be included from their own folder (and
the folders below it: fs/ext2/ is part of fs/), by
the tools that look into the kernel (top/) and by the tests and labs. The machine's primitives (instructions,
page-table formats, the layout of the address space) are headers of their
own layer at the bottom: they include nothing above lib.

The layers, bottom to top, are LAYERS below. `make test` runs this as the
host test `layers` (tests/layers/run.sh checks it also fails when it must).

Usage: layers.py [--as PATH FILE]... [PATH...]
       layers.py --doc docs/architecture.md
  With no PATH, checks the whole tree. `--as PATH FILE` checks FILE as if it
  stood at PATH (for the fixtures). Exit status 1 when an include breaks a
  rule; each is one line: FILE:LINE: error: ... With --doc, checks that
  the page names every declared header (exit status 1 when one is missing).
"""
import os
import re
import sys

# (name, what it holds, the paths that belong to it). A path is a folder
# (everything below it) or one file. Bottom first. The first match wins,
# so the primitives are named before the rest of include/arch/x86.
LAYERS = [
    ("lib", "freestanding C library, basic types and build settings",
     ["lib", "include/lib", "include/types.h", "include/config.h",
      "include/uapi"]),
    ("machine", "the CPU's vocabulary, header-only: instructions, register "
     "bits, the page-table format, the trap frame, the address-space layout",
     ["include/arch/x86/cpu.h", "include/arch/x86/layout.h",
      "include/arch/x86/layout.inc", "include/arch/x86/pgtable.h",
      "include/arch/x86/trap_frame.h", "include/arch/x86/kmap_size.h"]),
    ("kernel", "core services: printk, panic, locks, preemption, per-CPU "
     "data, parameters, the scheduler, wait queues, context checks",
     ["kernel", "include/kernel"]),
    ("boot", "multiboot and UEFI hand-off, boot_info",
     ["boot", "include/boot"]),
    ("mm", "physical memory, the lowmem boundary, page tables of the "
     "kernel, zones, buddy, vmalloc, fixmap, kmap_local, pkmap",
     ["mm", "include/mm"]),
    ("arch", "the machine's code: traps, APIC, SMP, ACPI, TLB shootdown, "
     "console devices",
     ["arch/x86", "include/arch/x86"]),
    ("block", "block devices: requests of page segments, bounce buffers "
     "below a device's DMA limit, the RAM disk, the PIIX IDE (ATA) driver",
     ["block", "include/block"]),
    ("fs", "files: the initramfs, the RAM filesystem and its HighMem page "
     "cache, open files and descriptors, pipes, the console as a file, "
     "the file system calls",
     ["fs", "include/fs"]),
    ("proc", "processes: pids, fork, execve and the ELF loader, exit and "
     "wait, PID 1",
     ["proc", "include/proc"]),
    ("top", "kmain, the self-test runner, the benchmark harness, the monitor",
     ["top", "include/top"]),
    ("tests", "self-tests, benchmarks, host tests, labs",
     ["tests", "labs"]),
]

# The hook headers: header -> (the layers below it that may include it,
# why). Each names a few functions that its own layer implements for a
# lower one; nothing else in it may be used from below.
HOOKS = {
    "include/mm/highmem_hooks.h": (
        {"kernel"}, "the scheduler switches and checks kmap_local slots"),
    "include/mm/kmap_ctrl.h": (
        {"kernel"}, "the kmap_local stack each task carries"),
    "include/mm/task_memory.h": (
        {"kernel"}, "a new thread's struct and stack; is a frame readable"),
    "include/proc/process_hooks.h": (
        {"arch"}, "a user fault that cannot be resolved ends its process"),
    "include/arch/x86/tlbflush.h": (
        {"mm"}, "TLB shootdowns on every CPU when mm unmaps kernel pages"),
}

# A separate program with its own rules: the UEFI loader links gnu-efi, not
# the kernel, and may share only the boot hand-off format with it.
PROGRAMS = {
    "boot/efi": {"include/types.h", "include/boot/bootinfo.h",
                 "include/boot/multiboot.h", "include/lib/elf.h"},
    # User programs (gcc -m32, static, Linux's i386 ABI) share only the
    # ABI's numbers and structures with the kernel.
    "user": {"include/uapi/hm386/unistd.h", "include/uapi/hm386/errno.h",
             "include/uapi/hm386/fcntl.h", "include/uapi/hm386/stat.h",
             "include/uapi/hm386/dirent.h", "include/uapi/hm386/mman.h",
             "include/uapi/hm386/auxv.h", "include/uapi/hm386/wait.h",
             "include/uapi/hm386/mount.h", "include/uapi/hm386/sysinfo.h",
             "include/uapi/hm386/utsname.h"},
}

PROGRAM_NAMES = {"boot/efi": "the UEFI loader", "user": "user space"}

# Registration headers: any file may include them (they declare a struct
# and a macro that puts one in a linker section; what iterates the section
# is above). They must themselves include only lib and the machine.
REGISTRATION = {
    "include/kernel/ktest.h", "include/kernel/bench.h",
    "include/kernel/monitor.h", "include/kernel/cmdline.h",
    "include/kernel/context_check.h", "include/kernel/lab.h",
    "include/kernel/console.h", "include/kernel/syscall.h",
    "include/mm/shrinker.h",
}

SOURCE_DIRS = ["arch", "block", "boot", "include", "kernel", "lib", "mm", "fs",
               "proc", "top", "tests", "labs", "user"]
SOURCE_EXT = (".c", ".h", ".asm", ".inc")
INCLUDE = re.compile(r'^\s*(?:#\s*include\s*[<"]([^>"]+)[>"]|'
                     r'%include\s+"([^"]+)")', re.M)


def norm(path):
    return os.path.normpath(path).replace(os.sep, "/")


def layer_of(path):
    """Return (index, name) of the layer @path belongs to, or None."""
    path = norm(path)
    for i, (name, _, members) in enumerate(LAYERS):
        for m in members:
            if path == m or path.startswith(m + "/"):
                return i, name
    return None


def program_of(path):
    for prog in PROGRAMS:
        if norm(path).startswith(prog + "/"):
            return prog
    return None


def resolve(inc, where):
    """The tree path of header @inc included from @where, or None for a
    system header (stdint.h, efi.h)."""
    # As the compiler looks: beside the file, the top of the tree (-iquote
    # ., for private headers: "mm/pkmap_internal.h"), then include/.
    for cand in (os.path.join(os.path.dirname(where), inc), inc,
                 os.path.join("include", inc)):
        if os.path.isfile(cand):
            return norm(cand)
    return None


def is_private(header):
    return not header.startswith("include/")


def check_file(path, real, errors):
    """Append one message per include of the file @real, judged as if it
    stood at @path, that breaks a rule."""
    with open(real, encoding="utf-8", errors="replace") as f:
        text = f.read()
    own = layer_of(path)
    prog = program_of(path)
    for m in INCLUDE.finditer(text):
        inc = m.group(1) or m.group(2)
        line = text.count("\n", 0, m.start()) + 1
        header = resolve(inc, real)
        if header is None:
            continue
        where = f"{path}:{line}"
        if prog:
            if header.startswith(prog + "/") or header in PROGRAMS[prog]:
                continue
            errors.append(f"{where}: error: {inc}: {PROGRAM_NAMES[prog]} "
                          f"({prog}/) is a program of its own; it may share only "
                          f"{', '.join(sorted(PROGRAMS[prog]))}")
            continue
        target = layer_of(header)
        if own is None or target is None:
            continue
        home, here = os.path.dirname(header), os.path.dirname(norm(path))
        if is_private(header) and here != home and \
                not here.startswith(home + "/") and own[1] not in ("top", "tests"):
            errors.append(f"{where}: error: {inc} is private to "
                          f"{home}/ (only its own folder and the ones below "
                          f"it, the tools in top/, the tests and the labs "
                          f"include it)")
            continue
        if header in REGISTRATION or target[0] <= own[0]:
            continue
        hook = HOOKS.get(header)
        if hook and own[1] in hook[0]:
            continue
        errors.append(f"{where}: error: {inc} reaches up from layer "
                      f"'{own[1]}' to layer '{target[1]}' "
                      f"(docs/architecture.md: layers look down only)")


# An out-of-line function declared in a machine header would be a call into
# the arch code above, past the rules: the machine's headers hold only
# types, constants, data and static inline functions.
PROTOTYPE = re.compile(r"^(?!static|#|typedef|extern|struct|enum|union)"
                       r"[A-Za-z_][\w \t\*]*\b\w+\s*\([^;{]*\)\s*;",
                       re.M)


def check_headers_rules(errors):
    """The declared headers must not themselves reach up: the machine's
    primitives and the registration headers include only lib and the
    machine, and the machine's declare no out-of-line function."""
    low = {"lib", "machine"}
    for header in sorted(REGISTRATION | {m for _, _, ms in LAYERS[1:2]
                                         for m in ms}):
        if not os.path.isfile(header):
            errors.append(f"{header}:1: error: declared in tools/layers.py "
                          f"but missing")
            continue
        text = open(header, encoding="utf-8", errors="replace").read()
        for m in INCLUDE.finditer(text):
            inc = m.group(1) or m.group(2)
            target = resolve(inc, header)
            if target and layer_of(target) and layer_of(target)[1] not in low:
                line = text.count("\n", 0, m.start()) + 1
                errors.append(f"{header}:{line}: error: {inc}: a "
                              f"{'registration' if header in REGISTRATION else 'machine'}"
                              f" header may include only lib and the "
                              f"machine's primitives")
        if header not in REGISTRATION:
            for m in PROTOTYPE.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                errors.append(f"{header}:{line}: error: a machine header "
                              f"declares an out-of-line function: "
                              f"{m.group(0).strip()[:60]}")
    for header in HOOKS:
        if not os.path.isfile(header):
            errors.append(f"{header}:1: error: declared hook header missing")


def tree_files():
    for top in SOURCE_DIRS:
        for root, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d not in ("fixtures",))
            for f in sorted(files):
                if f.endswith(SOURCE_EXT):
                    yield norm(os.path.join(root, f))


def check_doc(doc):
    """The page that draws the layers names every hook and registration
    header and every machine header; returns the names it misses."""
    text = open(doc, encoding="utf-8").read()
    names = sorted(set(HOOKS) | REGISTRATION | set(LAYERS[1][2]))
    return [n for n in names
            if n.removeprefix("include/") not in text]


def main(argv):
    if argv[:1] == ["--doc"] and len(argv) == 2:
        missing = check_doc(argv[1])
        for n in missing:
            print(f"{argv[1]}: error: does not name {n}")
        return 1 if missing else 0
    pairs, paths = [], []
    i = 0
    while i < len(argv):
        if argv[i] == "--as" and i + 2 < len(argv):
            pairs.append((argv[i + 1], argv[i + 2]))
            i += 3
        else:
            paths.append(argv[i])
            i += 1
    errors = []
    if not pairs and not paths:
        check_headers_rules(errors)
        pairs = [(p, p) for p in tree_files()]
    pairs += [(p, p) for p in paths]
    for as_path, real in pairs:
        check_file(as_path, real, errors)
    for e in errors:
        print(e)
    print(f"layers: {len(pairs)} files, {len(errors)} includes against the "
          f"rules")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
