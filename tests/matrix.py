# SPDX-License-Identifier: MIT
"""The test matrix: every QEMU configuration that `make test` boots.

This file is data. Add a configuration by adding a row; tests/runner.py checks
the rows when it starts and refuses unknown keys or bad values. Each row is a
dict with these keys (only the first five are required):

  name            unique; names the serial log build/test-logs/NAME.log and is
                  what `--only GLOB` matches
  kind            "tests": boot the self-tests (`ktest=all`, or the runner's
                  `--ktest GLOB`) and judge the KTAP output against the
                  catalogue: every case must appear.
                  "expect": no self-tests; judge only the exit status and the
                  serial lines (`exit`, `require`, `forbid`). Counts as one case.
  boot            "kernel": QEMU's -kernel (multiboot v1) with -append CMDLINE.
                  "iso": -cdrom build/hm386-test.iso, whose GRUB default entry
                  passes `ktest=all`; no command line can be added.
                  "efi-iso": the same ISO on 32-bit UEFI firmware (OVMF ia32,
                  q35): GRUB's i386-efi half boots it.
                  "efi-direct": build/hm386-efi-test.img on the same firmware:
                  hm386.efi loads the kernel, its hm386.cfg says `ktest=all`.
  mem             guest RAM, as for QEMU's -m ("128M", "4G"); also what the
                  scheduler charges against --mem-budget
  cpu             QEMU's -cpu model
  smp             number of CPUs (default 1)
  cmdline         "tests": extra kernel arguments after ktest=...;
                  "expect": the whole kernel command line
  qemu_extra      list of further QEMU arguments
  timeout_factor  the boot's timeout is this times --timeout (default 1)
  exit            "expect": the QEMU exit status required (39 = no PAE, ...)
  require         regexes; each must match (re.search) some serial line
  forbid          regexes; none may match any serial line
  note            free text shown by --list
  elf             "kernel" boots: another kernel ELF (path from the top of the
                  tree) instead of the runner's --kernel
  image           iso and efi-* boots: another ISO or disk image instead
  stop_at         "expect": a regex; the runner ends the guest at the first
                  serial line matching it, and the exit status is then
                  "stopped" (for firmware, which never exits QEMU itself)

QEMU exit statuses (isa-debug-exit): 33 all passed, 35 a test failed,
37 kernel panic, 39 unsupported CPU, 0 reset without debug exit (triple fault).
"""

# A line the kernel prints when it stops on a CPU without PAE.
NO_PAE_LINE = r"hm386.*PAE|PAE.*hm386"
PANIC_LINE = r"Kernel panic"
# UEFI boots: the kernel read the EFI memory map (with the 2 GiB above
# 4 GiB) and found the RSDP through the EFI system table.
EFI_BOOT_LINES = [
    r"UEFI: system table at 0x[0-9a-f]+, memory map from the EFI memory map",
    r"\[mem 0x0000000100000000-0x000000017fffffff\] usable",
    r"ACPI: RSDP at 0x[0-9a-f]+ \(EFI system table\)",
]
# OVMF runs ia32 code with paging on: the loader must turn it off.
LOADER_LEFT_PAGING_ON = r"the loader left paging on"
# OVMF's line when a boot option returned an error: the loader gave up.
EFI_BOOT_FAILED = r"BdsDxe: failed to start Boot\d+"
KERNEL_BANNER = r"hm386 \d+\.\d+\.\d+ \("
# Virtual CPUs on host threads of their own (DESIGN.md: needed for SMP).
TCG_MULTI = ["-accel", "tcg,thread=multi"]

MATRIX = [
    # Self-test runs, multiboot v1 through QEMU's -kernel.
    {"name": "kernel-128M-max",  "kind": "tests", "boot": "kernel", "mem": "128M", "cpu": "max"},
    {"name": "kernel-1G-max",    "kind": "tests", "boot": "kernel", "mem": "1G",   "cpu": "max"},
    {"name": "kernel-4G-max",    "kind": "tests", "boot": "kernel", "mem": "4G",   "cpu": "max",
     "timeout_factor": 2},
    {"name": "kernel-8G-max",    "kind": "tests", "boot": "kernel", "mem": "8G",   "cpu": "max",
     "timeout_factor": 2},
    {"name": "kernel-1G-qemu32", "kind": "tests", "boot": "kernel", "mem": "1G",   "cpu": "qemu32",
     "note": "PAE without NX"},
    {"name": "kernel-1G-max-nonx-nopge", "kind": "tests", "boot": "kernel", "mem": "1G",
     "cpu": "max", "cmdline": "nx=off pge=off",
     "note": "NX and PGE present but not used"},
    {"name": "kernel-16G-max",   "kind": "tests", "boot": "kernel", "mem": "16G",  "cpu": "max",
     "timeout_factor": 3, "note": "zones and accounting with 15 GiB of HighMem"},
    {"name": "kernel-128M-highmem64M", "kind": "tests", "boot": "kernel", "mem": "128M",
     "cpu": "max", "cmdline": "highmem=64M", "note": "HighMem on a small machine"},
    {"name": "kernel-1G-vmalloc256M", "kind": "tests", "boot": "kernel", "mem": "1G",
     "cpu": "max", "cmdline": "vmalloc=256M", "note": "a bigger vmalloc area: less lowmem"},
    {"name": "kernel-4G-mem2G",  "kind": "tests", "boot": "kernel", "mem": "4G",   "cpu": "max",
     "cmdline": "mem=2G", "timeout_factor": 2, "note": "mem= ignores the RAM above 2 GiB"},
    {"name": "kernel-1G-bad-params", "kind": "tests", "boot": "kernel", "mem": "1G",
     "cpu": "max", "cmdline": "mem=12q highmem=lots vmalloc=2000M nosuchparam",
     "require": [r"bad value '12q' for parameter 'mem'",
                 r"bad value 'lots' for parameter 'highmem'",
                 r"vmalloc=\d+ bytes leaves no room",
                 r"unknown parameter 'nosuchparam' ignored"],
     "note": "bad values warn, name the parameter and keep the default"},
    {"name": "kernel-1G-max-release", "kind": "tests", "boot": "kernel", "mem": "1G",
     "cpu": "max", "elf": "build/release/hm386.elf",
     "note": "`make KMAP_DEBUG=0`: no guard slots, no fault history"},
    {"name": "kernel-4G-max-release", "kind": "tests", "boot": "kernel", "mem": "4G",
     "cpu": "max", "elf": "build/release/hm386.elf", "timeout_factor": 2,
     "note": "the release build sweeps 2 GiB of HighMem"},
    {"name": "kernel-1G-max-forcemap", "kind": "tests", "boot": "kernel", "mem": "1G",
     "cpu": "max", "cmdline": "kmap_force_map=on",
     "note": "lowmem pages also go through kmap_local slots"},
    {"name": "kernel-1G-max-clang", "kind": "tests", "boot": "kernel", "mem": "1G",
     "cpu": "max", "elf": "build/clang/hm386.elf",
     "note": "the kernel built by `make CC=clang`"},

    # SMP: the APs run on host threads (multi-threaded TCG), each with its own
    # software TLB, so a missing TLB shootdown shows as a stale read.
    {"name": "kernel-1G-max-smp2", "kind": "tests", "boot": "kernel", "mem": "1G",
     "cpu": "max", "smp": 2, "qemu_extra": TCG_MULTI,
     "require": [r"SMP: 2 of 2 CPUs online \(ACPI MADT\)"]},
    # 6G: HighMem above 4 GiB on four CPUs; the 8 GiB full sweep stays on one
    # CPU (kernel-8G-max): four vCPUs on a 2-core host make it too slow.
    {"name": "kernel-6G-max-smp4", "kind": "tests", "boot": "kernel", "mem": "6G",
     "cpu": "max", "smp": 4, "qemu_extra": TCG_MULTI, "timeout_factor": 4,
     "require": [r"SMP: 4 of 4 CPUs online \(ACPI MADT\)"]},
    {"name": "kernel-1G-max-smp4-nonx-nopge", "kind": "tests", "boot": "kernel",
     "mem": "1G", "cpu": "max", "smp": 4, "qemu_extra": TCG_MULTI,
     "timeout_factor": 3,
     "cmdline": "nx=off pge=off", "require": [r"SMP: 4 of 4 CPUs online"],
     "note": "APs without EFER.NXE and CR4.PGE; full flushes reload CR3"},
    {"name": "kernel-1G-max-smp2-mptable", "kind": "tests", "boot": "kernel",
     "mem": "1G", "cpu": "max", "smp": 2,
     "qemu_extra": TCG_MULTI + ["-smp", "2,sockets=2"], "cmdline": "acpi=off",
     "require": [r"SMP: 2 of 2 CPUs online \(MP table\)"],
     "note": "acpi=off: the CPUs come from the MP table (one socket per CPU: "
             "SeaBIOS lists only one CPU per package there)"},
    # The pkmap stale-TLB case must be able to fail: with the wrap flush
    # skipped (a debug-build switch), CPU 1 keeps reading the old page.
    {"name": "kernel-1G-max-smp2-pkmap-noflush", "kind": "expect", "boot": "kernel",
     "mem": "1G", "cpu": "max", "smp": 2, "qemu_extra": TCG_MULTI,
     "cmdline": "ktest=pkmap.stale_tlb_entry_is_flushed_at_wrap "
                "pkmap_skip_wrap_flush=on",
     "exit": 35,
     "require": [r"FAULT INJECTION pkmap_skip_wrap_flush=on",
                 r"a stale TLB entry survived the wrap",
                 r"^\s*not ok 1 stale_tlb_entry_is_flushed_at_wrap"],
     "forbid": [PANIC_LINE],
     "note": "fault injection: no flush at the pkmap wrap, and the stale-TLB "
             "case fails"},

    # Self-test runs through GRUB (multiboot2), from build/hm386-test.iso.
    {"name": "iso-1G-max",       "kind": "tests", "boot": "iso",    "mem": "1G",   "cpu": "max"},
    {"name": "iso-4G-qemu32",    "kind": "tests", "boot": "iso",    "mem": "4G",   "cpu": "qemu32",
     "timeout_factor": 2, "note": "PAE without NX"},
    {"name": "iso-4G-max-smp4",  "kind": "tests", "boot": "iso",    "mem": "4G",   "cpu": "max",
     "smp": 4, "qemu_extra": TCG_MULTI, "timeout_factor": 4,
     "require": [r"SMP: 4 of 4 CPUs online \(ACPI MADT\)"],
     "note": "GRUB's multiboot2 RSDP copy, four CPUs"},

    # UEFI: OVMF ia32 takes about 4 s before the kernel. -m 4G on q35 puts
    # 2 GiB above 4 GiB: HighMem from the EFI memory map.
    {"name": "efi-iso-4G-max", "kind": "tests", "boot": "efi-iso", "mem": "4G",
     "cpu": "max", "timeout_factor": 2.5,
     "require": [r'Booted by multiboot2 from "GRUB'] + EFI_BOOT_LINES,
     "forbid": [LOADER_LEFT_PAGING_ON],
     "note": "GRUB's i386-efi on OVMF: EFI memory map, RSDP from the system table"},
    {"name": "efi-direct-4G-max", "kind": "tests", "boot": "efi-direct",
     "mem": "4G", "cpu": "max", "timeout_factor": 2.5,
     "require": [r"hm386\.efi: \\hm386\.elf loaded, entry 0x100040; "
                 r'command line "ktest=all"',
                 r'Booted by multiboot2 from "hm386\.efi"'] + EFI_BOOT_LINES,
     "forbid": [LOADER_LEFT_PAGING_ON],
     "note": "hm386.efi, the gnu-efi loader, on OVMF"},
    # The loader's errors: a message, then back to the firmware, which says
    # it failed to start the boot option.
    {"name": "efi-direct-no-kernel", "kind": "expect", "boot": "efi-direct",
     "image": "build/hm386-efi-nokernel.img", "mem": "256M", "cpu": "max",
     "exit": "stopped", "stop_at": EFI_BOOT_FAILED,
     "require": [r"hm386\.efi: cannot read the kernel \\hm386\.elf from the "
                 r"boot volume: Not Found"],
     "forbid": [KERNEL_BANNER], "note": "no hm386.elf on the volume"},
    {"name": "efi-direct-x86_64-elf", "kind": "expect", "boot": "efi-direct",
     "image": "build/hm386-efi-x86_64.img", "mem": "256M", "cpu": "max",
     "exit": "stopped", "stop_at": EFI_BOOT_FAILED,
     "require": [r"hm386\.efi: \\hm386\.elf is an ELF for machine 62 "
                 r"\(x86-64\), not i386 \(3\): wrong machine type"],
     "forbid": [KERNEL_BANNER], "note": "an x86-64 ELF as hm386.elf"},
    {"name": "efi-direct-no-multiboot", "kind": "expect", "boot": "efi-direct",
     "image": "build/hm386-efi-noheader.img", "mem": "256M", "cpu": "max",
     "exit": "stopped", "stop_at": EFI_BOOT_FAILED,
     "require": [r"hm386\.efi: \\hm386\.elf has no multiboot2 header in "
                 r"its first 32 KiB"],
     "note": "an i386 ELF without a multiboot2 header"},
    {"name": "efi-direct-firmware-overlap", "kind": "expect",
     "boot": "efi-direct", "image": "build/hm386-efi-overlap.img",
     "mem": "256M", "cpu": "max", "exit": "stopped",
     "stop_at": EFI_BOOT_FAILED,
     "require": [r"hm386\.efi: segment 1 of \\hm386\.elf "
                 r"\(0x810000-0x810FFF\) overlaps firmware memory: "
                 r"ACPI NVS at 0x810000-"],
     "note": "a segment in OVMF's ACPI NVS at 8 MiB"},

    # CPUs without PAE: the kernel must say so in one line and stop with 39.
    {"name": "cpu486",      "kind": "expect", "boot": "kernel", "mem": "128M", "cpu": "486",
     "cmdline": "ktest=all", "exit": 39, "require": [NO_PAE_LINE], "forbid": [PANIC_LINE]},
    {"name": "cpu-pentium", "kind": "expect", "boot": "kernel", "mem": "128M", "cpu": "pentium",
     "cmdline": "ktest=all", "exit": 39, "require": [NO_PAE_LINE], "forbid": [PANIC_LINE]},
]

# Death tests: one boot per death case of the catalogue, with
# `ktest=SUITE.CASE`, named death-SUITE.CASE. `max` has NX, which some death
# tests need; two CPUs, which the SMP deadlock-rule death tests need; 64 MiB
# of HighMem, which the kmap() death tests need. Keys as above, except name,
# kind and exit.
DEATH_TESTS = {"boot": "kernel", "mem": "128M", "cpu": "max", "smp": 2,
               "qemu_extra": TCG_MULTI, "cmdline": "highmem=64M"}

# The catalogue boot (`ktest=list`), run once before everything else.
CATALOGUE = {"boot": "kernel", "mem": "128M", "cpu": "max"}
