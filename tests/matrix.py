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
  input           "monitor": the lines typed at the kernel monitor, one
                  per prompt ("hm386> ", or any of `prompts`), each followed by CR; escapes such
                  as "\x7f" (backspace) and "\x1b[A" (up arrow) are sent as
                  they are. The serial port is QEMU's stdio, written to the
                  log by the runner.
  prompts         "monitor": the prompts that take a line (default the
                  monitor's); a user shell session lists "$ " too
  gdb_script      "gdb": a GDB command file, run in batch mode against the
                  guest (QEMU -S, GDB on a Unix socket of the row's own)
                  after tools/gdb/hm386.py; the row's log is GDB's
                  transcript, which require/forbid are matched against, and
                  GDB must exit 0. The serial output goes to NAME.serial.log.

Kinds "monitor" and "gdb" boot the kernel (-kernel) with `cmdline` as the
whole command line; "monitor" needs `exit` (33 after `halt`) like "expect".

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
# Present pages as Linux 6.1 686-pae counts them in the same QEMU (page 0
# is the BIOS's, not RAM): 3998 in DMA, and in all, per -m, the total.
DMA_PRESENT = r"  DMA +\[mem 0x000000000-0x000ffffff\] present +3998 managed"
TOTAL_PRESENT = r"  total +present +{} managed"
# The boot report's max_pfn (one past the last usable frame) and the kernel
# image's protections as mapped: whole pages, data+bss after rodata's last.
MAX_PFN_LINE = r"RAM: \d+ MiB usable, ends at 0x{0:x}000: max_pfn 0x{0:x}$"
IMAGE_PAGES = (r"paging: kernel text 0xc0[0-9a-f]{3}000-0xc0[0-9a-f]{3}fff r-x, "
               r"rodata 0xc0[0-9a-f]{3}000-0xc0[0-9a-f]{3}fff r--, "
               r"data\+bss 0xc0[0-9a-f]{3}000-0xc0[0-9a-f]{3}fff rw- ")
# QEMU -m 4G: RAM below the PCI hole, 3 GiB less 1 MiB and 128 KiB, is
# shown as 3070 MiB (exact to 1%), never rounded down to "2 GiB".
LOW_RAM_4G = r"\[mem 0x0000000000100000-0x00000000bffdffff\] usable +3070 MiB$"
# Virtual CPUs on host threads of their own (DESIGN.md: needed for SMP).
TCG_MULTI = ["-accel", "tcg,thread=multi"]
# The initramfs (make builds it from user/) as the multiboot module: the
# `user` suite runs its /tests programs (without it the suite is skipped).
INITRD = ["-initrd", "build/initramfs.cpio"]
# The user suite ran, not skipped: its last case passed.
USER_SUITE_RAN = r"^  ok \d+ forkbomb$"

# /bin/ubench as PID 1 with a tiny count (tools/bench_linux.py times it
# with the default): the program works, not its times. Each figure's line
# is well-formed, read.4k's page is where sysinfo says (HighMem at 1G, none
# at 256M), all nine passed, PID 1 exits 0. Nothing asserts a time.
# Its figures in the order it prints them, as regexes.
UBENCH_FIGURES = [r"syscall\.null", r"fork\.0", r"execve", r"fault\.zero",
                  r"read\.4k", r"write\.4k", r"fork\.1m", r"fault\.cow",
                  r"fork\.64m"]
UBENCH_ARGS = "init=/bin/ubench -- iters=8 batches=3"


def ubench_lines(where):
    """The lines a good run of ubench prints, read.4k's page in @where."""
    figure = (r"^ubench: {} ops=[1-9]\d* cycles=[1-9]\d* min=\d+\.\d "
              r"median=\d+\.\d{}$")
    return ([r"^KTAP version 1$", r"^# ubench: kernel=hm386 release=\S+ "
             r"iters=8 batches=3$", r"^1\.\.9$"]
            + [figure.format(f, f" where={where}" if "4k" in f else "")
               for f in UBENCH_FIGURES]
            + [f"^ok {i} {f}$" for i, f in enumerate(UBENCH_FIGURES, 1)]
            + [r"^# ubench: 9 figures, 0 failed$",
               r"hm386: PID 1 \(/bin/ubench\) exited with status 0"])


# The shell session (row shell-1G-max): what is typed at the shell's and
# the monitor's prompts, and a line that only each answer prints.
SHELL_PROMPTS = ["$ ", "hm386> "]
SHELL_SESSION = [
    "echo hello from ring 3",
    "ls /tests",
    "/tests/demand_zero",
    "monitor",
    "ps",
    "vm 2",
    "user",
    "exit",
]
SHELL_ANSWERS = [
    r"hm386: running /init as PID 1",
    r"^hello from ring 3$",
    r"fork_cow",
    r"^ok \d+ ",
    r"^hm386 monitor, entered from pid 2",
    r"^ +1 +0 +init +",
    r"^ +2 +1 +sh +",
    r"^pid 2 \(sh\): PDPT at phys 0x[0-9a-f]{8} \(lowmem\)",
    r"^    page table for 0x[0-9a-f]{8}-0x[0-9a-f]{8}: pfn 0x[0-9a-f]+ \(HighMem\)$",
    r"^    0x[0-9a-f]{8} -> pfn 0x[0-9a-f]+ HighMem ",
    r"hm386: PID 1 \(/init\) exited with status 0: leaving QEMU with the "
    r"pass status \(33\)$",
]

# The monitor session (row monitor-1G-max): what is typed, and for each
# command a line that only its answer prints. HighMem starts at pfn
# 0x37bfe in a 1 GiB guest; 0x3f000 and 0x3f001 are HighMem RAM.
HIGH_PFN = "0x3f000"
PKMAP_ADDR = r"0xff[cd][0-9a-f]{2}000"   # the pool: 0xffc00000-0xffdfffff
MONITOR_SESSION = [
    "help",
    "help pt",
    "meminfo",
    "layout",
    "pt kmain",
    "pt 0xc8000000",
    "pt 0",
    "slots",
    "tlb",
    "cpus",
    "threads",
    "bt",
    "test lib.sort*",
    "bench kmap_local.highmem 100",
    "bench nosuch*",
    "bench kmap_local.highmem 0",
    "kmap " + HIGH_PFN,
    "pkmap",
    "test lib.sort*",         # a kmap() held: refused
    "bench kmap_local.highmem 100",   # refused likewise
    "kmapp\x7f 0x3f001",      # backspace
    "\x1b[A",                 # up arrow: kmap 0x3f001 again
    "kunmap 0x3f001",
    "\x1b[A",                 # kunmap 0x3f001 again
    "kunmap 0x3f001",         # no monitor user left: refused
    "kunmap " + HIGH_PFN,
    "kunmap " + HIGH_PFN,     # again: refused, no panic
    "kunmap 0x3f002",         # never mapped
    "kmap 0x100",             # lowmem
    "kmap 0xfffff",           # beyond max_pfn
    "kmap zz",
    "kmap",
    "pt",
    "pt nosuchthing",
    "meminfo extra",
    "test",
    "frobnicate",
    "halt",
]
MONITOR_ANSWERS = [
    r"^  pt ADDR\|FUNCTION +walk the PAE tables",            # help
    r"^  tlb +each CPU's TLB",
    r"^  walk the PAE tables for a virtual address",          # help pt
    r"^bench: kmap_local\.highmem ops=100 cycles=\d+ per_op=\d+\.\d "
    r"base=floor\.pte_invlpg$",                              # bench
    r"^no benchmark matches 'nosuch\*'",
    r"^bench: ITERS must be 1 to 1000000, not '0'$",
    r"^the kernel holds pkmap slots with kmap\(\) users: 1 \(kunmap what the "
    r"monitor kmap\(\)ed: pkmap lists it\); the self-tests start from a "
    r"clean kernel$",
    r"^the kernel holds pkmap slots with kmap\(\) users: 1 .*; the benchmarks "
    r"start from a clean kernel$",
    r"^HighMem +\[0x037bfe-0x03ffe0\) +\d+ +\d+ +\d+$",       # meminfo
    r"^HighMem +1\d\d MiB managed, \d+ MiB free",
    r"pkmap +: 0xffc00000 - 0xffe00000",                     # layout
    # pt kmain: kernel text is present, read-only, executable, global
    r"^0xc0[0-9a-f]{6} \(kernel text, in lowmem\), CR3 0x[0-9a-f]{8}:$",
    r"^  PTE  \[ *\d+\] 0x0{8}[0-9a-f]{8}: present ro kernel exec global "
    r"pfn 0x1[0-9a-f]{2}$",
    # ... under a page table entry that is writable and executable (the
    # bits the leaves restrict)
    r"^  PDE  \[  0\] 0x0{8}[0-9a-f]{8}: present rw kernel exec table pfn "
    r"0x[0-9a-f]+$",
    # pt 0xc8000000: the direct map of phys 128 MiB, a 2 MiB page
    r"^  PDE  \[ 64\] 0x80000000080001[0-9a-f]{2}: present rw kernel nx "
    r"global large\(2M\) pfn 0x8000$",
    r"^  -> phys 0x8000000 \(2 MiB page\)$",
    r"^  PDPTE\[  0\] 0x0{16}: not-present$",                  # pt 0
    r"^  -> 0x00000000 is not mapped$",
    r"^CPU 0: \d+ kmap_local slots at 0x[0-9a-f]{8}-0x[0-9a-f]{8}, 0 mapped, "
    r"running kmain$",                                        # slots
    r"^task \d+ kmain \(CPU 0\): depth 0$",
    r"TLB: CPU 1: \d+ shootdowns, \d+ IPIs sent",                # tlb
    r"^  1 +1 +online +idle/1 ",                              # cpus
    r"^2 of 2 CPUs online",
    r"^ +0 +kmain +running +0 +yes ",                         # threads
    r"^ \[<c0[0-9a-f]{6}>\] monitor_run\+0x",                   # bt
    r"^ \[<c0[0-9a-f]{6}>\] kmain\+0x",
    r"^  ok 1 sort_orders$",                                  # test
    r"^# ktest: 1 cases in 1 suites, all passed$",
    r"^kmap pfn 0x3f000 -> " + PKMAP_ADDR + r" \(pkmap slot \d+, count 2\):"
    r"( [0-9a-f]{2}){16}$",
    r"^ +\d+ +" + PKMAP_ADDR + r" +2 +0x03f000 +1 +top/monitor\.c:\d+$",
    r"^1 slot mapped \(count 1: unused",                      # pkmap
    r"^kmap pfn 0x3f001 -> " + PKMAP_ADDR + r" \(pkmap slot \d+, count 2\)",
    r"^kmap pfn 0x3f001 -> " + PKMAP_ADDR + r" \(pkmap slot \d+, count 3\)",
    r"^kunmap pfn 0x3f001: slot \d+ count 2 ",
    r"^kunmap pfn 0x3f001: slot \d+ count 1 ",
    r"^pfn 0x3f001: the monitor's last kmap\(\) of it was already undone; "
    r"its slot at " + PKMAP_ADDR + r" stays mapped \(count 1\) until the "
    r"pool wraps$",
    r"^kunmap pfn 0x3f000: slot \d+ count 1 ",
    r"^pfn 0x3f000: the monitor's last kmap\(\) of it was already undone",
    r"^pfn 0x3f002 is not mapped in the pkmap pool$",
    r"^pfn 0x100 is lowmem: the direct map always has it at 0xc0100000",
    r"^pfn 0xfffff is beyond the last page frame \(max_pfn 0x3ffe0\)$",
    r"^'zz' is not a page frame number",
    r"^usage: kmap PFN$",
    r"^usage: pt ADDR\|FUNCTION$",
    r"^'nosuchthing' is neither an address nor a kernel function$",
    r"^usage: meminfo$",
    r"^usage: test GLOB\|all\|list$",
    r"^unknown command 'frobnicate'; 'help' lists the commands$",
    r"^hm386: halting$",
]
# The GDB case (row gdb-kmap-local, tests/gdb/kmap_local.gdb): the
# breakpoint, the slot kmap-stack shows, pte of that slot and of kmain,
# and the pkmap walk.
GDB_ANSWERS = [
    r"^Breakpoint 1(\.\d+)?, __kmap_local_pfn_prot \(pfn=\d+",
    r"^Value returned is \$1 = \(void \*\) 0xfff[0-9a-f]{5}$",
    r"^task 0 kmain \(CPU 0\): depth 1$",
    # the slot's page as the task recorded it is the one its PTE maps
    r"^  slot +\d+ 0xfff[0-9a-f]{5} pfn 0x(?P<pfn>[0-9a-f]+) pte "
    r"0x80000000*(?P=pfn)103 "
    r"mapped at tests/kernel/kmap_local_test\.c:\d+$",
    r"^  PTE  \[ *\d+\] 0x8000000[0-9a-f]{6}103: present rw kernel nx global "
    r"pfn 0x[0-9a-f]+$",
    r"^  PTE  \[ *\d+\] 0x0{8}[0-9a-f]{8}: present ro kernel exec global",
    r"^pkmap pool: 512 slots at 0xffc00000, cursor at slot \d+$",
    r"^\d+ slots? mapped, \d+ with users$",
]

# The block rows' scratch disk and what they check (docs/block.md).
DISK_TEST = ["-drive", "file=build/disk-test.img,if=ide,format=raw,snapshot=on"]
# Lab 9's ext2 image (make build/lab9-ext2.img: tests/ext2/lab9_image.py).
LAB9_DISK = ["-drive", "file=build/lab9-ext2.img,if=ide,format=raw,snapshot=on"]
BLK_HDA_LINE = (r"blk: hda: 335544320 sectors \(163840 MiB\), QEMU HARDDISK, "
                r"{}$")
BOUNCED_4_OF_8 = (r"# hda: sector 2051: wrote 8 segments, 4 bounced; read 8 "
                  r"segments, 4 bounced \({}\)$")
BOUNCE_SKIP_CORRUPTS = (r"# hda: without the bounce, \d+ of 1024 words read "
                        r"back differ")
BLOCK_SUITE_PASSED = r"^ok 1 block$"
# The RAM disk's cases run in every self-test row (no disk: those skip).
RAMDISK_RAN = r"^  ok \d+ ram_round_trip_from_high_pages$"

MATRIX = [
    # Self-test runs, multiboot v1 through QEMU's -kernel.
    {"name": "kernel-128M-max",  "kind": "tests", "boot": "kernel", "mem": "128M", "cpu": "max",
     "require": [DMA_PRESENT, TOTAL_PRESENT.format(32638),
                 MAX_PFN_LINE.format(0x7fe0), IMAGE_PAGES]},
    {"name": "kernel-1G-max",    "kind": "tests", "boot": "kernel", "mem": "1G",   "cpu": "max",
     "require": [USER_SUITE_RAN, DMA_PRESENT, TOTAL_PRESENT.format(262014)],
     "qemu_extra": INITRD},
    {"name": "kernel-4G-max",    "kind": "tests", "boot": "kernel", "mem": "4G",   "cpu": "max",
     "timeout_factor": 2, "require": [USER_SUITE_RAN, DMA_PRESENT, TOTAL_PRESENT.format(1048446),
                                      MAX_PFN_LINE.format(0x140000), LOW_RAM_4G],
     "qemu_extra": INITRD},
    {"name": "kernel-8G-max",    "kind": "tests", "boot": "kernel", "mem": "8G",   "cpu": "max",
     "timeout_factor": 2,
     "qemu_extra": INITRD, "require": [USER_SUITE_RAN, RAMDISK_RAN]},
    {"name": "kernel-1G-qemu32", "kind": "tests", "boot": "kernel", "mem": "1G",   "cpu": "qemu32",
     "note": "PAE without NX",
     "qemu_extra": INITRD, "require": [USER_SUITE_RAN]},
    {"name": "kernel-1G-max-nonx-nopge", "kind": "tests", "boot": "kernel", "mem": "1G",
     "cpu": "max", "cmdline": "nx=off pge=off",
     "note": "NX and PGE present but not used"},
    {"name": "kernel-16G-max",   "kind": "tests", "boot": "kernel", "mem": "16G",  "cpu": "max",
     "timeout_factor": 3, "note": "zones and accounting with 15 GiB of HighMem"},
    {"name": "kernel-128M-highmem64M", "kind": "tests", "boot": "kernel", "mem": "128M",
     "cpu": "max", "cmdline": "highmem=64M", "note": "HighMem on a small machine",
     # RAM ends 128 KiB below 128 MiB: 64 MiB of HighMem would leave lowmem
     # short of its 64 MiB, so lowmem keeps 64 MiB and says why (lab 1).
     "require": [USER_SUITE_RAN, r"highmem=64 MiB would leave less than 64 MiB of lowmem below "
                 r"max_pfn 0x7fe0; lowmem keeps 64 MiB, HighMem gets the rest$",
                 r"  HighMem  \[mem 0x004000000-0x007fdffff\] present +16352 "],
     "qemu_extra": INITRD},
    {"name": "kernel-1G-vmalloc256M", "kind": "tests", "boot": "kernel", "mem": "1G",
     "cpu": "max", "cmdline": "vmalloc=256M", "note": "a bigger vmalloc area: less lowmem"},
    {"name": "kernel-4G-mem2G",  "kind": "tests", "boot": "kernel", "mem": "4G",   "cpu": "max",
     "cmdline": "mem=2G", "timeout_factor": 2, "note": "mem= ignores the RAM above 2 GiB"},
    {"name": "kernel-1G-bad-params", "kind": "tests", "boot": "kernel", "mem": "1G",
     "cpu": "max", "cmdline": "mem=12q highmem=lots vmalloc=2000M nosuchparam "
                              "dma_limit=24M ramdisk_size=5000 ata=fast",
     "require": [r"bad value '12q' for parameter 'mem'",
                 r"bad value 'lots' for parameter 'highmem'",
                 r"vmalloc=\d+ bytes leaves no room",
                 r"blk: dma_limit=25165824 is not a power of two from 16 MiB "
                 r"to 4 GiB: ignored$",
                 r"blk: ramdisk_size=5000 is not a multiple of 4 KiB up to "
                 r"1 GiB: using 16777216$",
                 r"ata: ata=fast is neither pio nor dma: using dma$",
                 r"unknown parameter 'nosuchparam' ignored"],
     "note": "bad values warn, name the parameter and keep the default"},
    {"name": "kernel-1G-max-release", "kind": "tests", "boot": "kernel", "mem": "1G",
     "cpu": "max", "elf": "build/release/hm386.elf", "cmdline": "page_poison=on",
     "note": "`make KMAP_DEBUG=0`: no guard slots, no fault history; poisoning "
             "asked for (the release build's default is off)"},
    {"name": "kernel-4G-max-release", "kind": "tests", "boot": "kernel", "mem": "4G",
     "cpu": "max", "elf": "build/release/hm386.elf", "timeout_factor": 2,
     "note": "the release build sweeps 2 GiB of HighMem, with its defaults "
             "(no page poisoning)"},
] + [
    # The release build's kmap_local checks (the inline paths of
    # <mm/highmem-internal.h>): each death case panics with the release
    # message, naming the call site by function and offset.
    {"name": f"kernel-128M-release-death-{case}", "kind": "expect",
     "boot": "kernel", "mem": "128M", "cpu": "max", "elf": "build/release/hm386.elf",
     "cmdline": f"ktest=kmap_local.{case} highmem=64M", "exit": 37,
     "require": [message], "forbid": [r"^\s*ok \d+ " + case]}
    for case, message in (
        ("page_overflow_panics",
         r"kmap_local: too many nested mappings at page_overflow_panics[\w.]*"
         r"\+0x[0-9a-f]+/0x[0-9a-f]+: depth 17 would exceed KM_MAX_DEPTH \(16\)"),
        ("page_wrong_order_unmap_panics",
         r"kunmap_local\(\) at page_wrong_order_unmap_panics[\w.]*\+0x[0-9a-f]+"
         r"/0x[0-9a-f]+ out of order: it unmaps 0xfff[0-9a-f]{5} \(pfn 0x[0-9a-f]+\)"
         r" but the most recent mapping is 0xfff[0-9a-f]{5} \(pfn 0x[0-9a-f]+\)"),
        ("slot_overflow_panics",
         r"too many nested mappings at tests/kernel/kmap_local_test\.c:\d+: depth 17"),
        ("unmap_of_random_address_panics",
         r"kunmap_local\(0x00001000\) at unmap_of_random_address_panics[\w.]*"
         r"\+0x[0-9a-f]+/0x[0-9a-f]+: not an address that kmap_local_\*\(\) returned"),
        ("use_after_kunmap_diagnosed",
         r"use after kunmap_local: 0xfff[0-9a-f]{5} \(.*\) is CPU 0 slot 0, free "
         r"\(the release build keeps no slot history"),
    )
] + [
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
    # CPU (kernel-8G-max): four vCPUs on a 2-core host make it too slow. So
    # does the user suite's oom case (6 GiB of faults, then of poisoning):
    # processes run on four CPUs in kernel-1G-max-smp4.
    {"name": "kernel-6G-max-smp4", "kind": "tests", "boot": "kernel", "mem": "6G",
     "cpu": "max", "smp": 4, "qemu_extra": TCG_MULTI, "timeout_factor": 4,
     "require": [r"SMP: 4 of 4 CPUs online \(ACPI MADT\)"]},
    {"name": "kernel-1G-max-smp4", "kind": "tests", "boot": "kernel", "mem": "1G",
     "cpu": "max", "smp": 4, "qemu_extra": TCG_MULTI + INITRD, "timeout_factor": 5,
     "require": [USER_SUITE_RAN, r"SMP: 4 of 4 CPUs online"],
     # 4 vCPUs on 2 host cores: four oom hogs faulting at once spend their
     # time on zone locks whose holder the host has descheduled (30 s
     # alone, 3 s on 2 CPUs); up to 150 s beside the other guests.
     "note": "processes on four CPUs: fork puts each child on the next CPU"},
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

    # Block devices (docs/block.md): the block suite alone, with a scratch
    # disk (make build/disk-test.img: 160 GiB, sparse, so that the last
    # sectors need 48-bit LBA; snapshot=on: every run starts from zeros).
    # Half of each request's pages lie above the DMA limit, half below
    # 16 MiB: exactly 4 of 8 segments bounce each way.
    {"name": "block-8G-ata-dma", "kind": "expect", "boot": "kernel", "mem": "8G",
     "cpu": "max", "qemu_extra": DISK_TEST,
     "cmdline": "ktest=block.* block_test_disk=hda", "exit": 33,
     "require": [BLK_HDA_LINE.format(r"bus-master DMA, dma limit 4 GiB"),
                 BOUNCED_4_OF_8.format(r"bus-master DMA, dma limit 0x100000000"),
                 BOUNCE_SKIP_CORRUPTS, BLOCK_SUITE_PASSED],
     "forbid": [r"not ok", r"# SKIP", PANIC_LINE, r"unexpected IRQ"],
     "note": "ATA bus-master DMA from pages above 4 GiB: bounced below it"},
    {"name": "block-1G-dma16M-smp2", "kind": "expect", "boot": "kernel", "mem": "1G",
     "cpu": "max", "smp": 2, "qemu_extra": TCG_MULTI + DISK_TEST,
     "cmdline": "ktest=block.* block_test_disk=hda dma_limit=16M", "exit": 33,
     "require": [BLK_HDA_LINE.format(r"bus-master DMA, dma limit 16 MiB"),
                 BOUNCED_4_OF_8.format(r"bus-master DMA, dma limit 0x1000000"),
                 BOUNCE_SKIP_CORRUPTS, BLOCK_SUITE_PASSED],
     "forbid": [r"not ok", r"# SKIP", PANIC_LINE, r"unexpected IRQ"],
     "note": "an ISA-like 16 MiB DMA limit: HighMem pages bounce; requests "
             "from threads on two CPUs"},
    # ext2's directory code with every page-cache page in HighMem: the
    # ext2_dir suite (lab 9's graded cases, here in one boot) on lab 9's
    # image, which snapshot=on leaves as made.
    {"name": "ext2-dir-128M-highmem64M", "kind": "expect", "boot": "kernel",
     "mem": "128M", "cpu": "max", "qemu_extra": LAB9_DISK,
     "cmdline": "ktest=ext2_dir.* highmem=64M ext2_dir_test_disk=hda",
     "exit": 33,
     "require": [r"ext2_dir: /ext2_dir_test/big: 2 of its 2 pages cached, "
                 r"2 in HighMem$",
                 r"ext2_dir: /ext2_dir_test/m: 2 of its 2 pages cached, "
                 r"2 in HighMem$",
                 r"^  ok \d+ rename_over_existing_targets$"],
     "forbid": [r"not ok", r"# SKIP", PANIC_LINE],
     "note": "ext2 directories in HighMem: lookups, readdir, create, "
             "rmdir, rename across parents (two pages held)"},
    {"name": "block-1G-monitor", "kind": "monitor", "boot": "kernel",
     "mem": "1G", "cpu": "max", "qemu_extra": DISK_TEST, "exit": 33,
     "cmdline": "dma_limit=16M", "input": ["blk", "halt"],
     "require": [r"^dev +devt +sectors +reads +writes +sect_read +sect_wrote "
                 r"+errors +bounced +bnc_bytes$",
                 r"^ram0 +1:0 +32768 +0 +0 ",
                 r"^hda +3:0 +335544320 +0 +0 "],
     "forbid": [PANIC_LINE],
     "note": "the monitor's blk: one line per block device"},
    {"name": "block-1G-pio", "kind": "expect", "boot": "kernel", "mem": "1G",
     "cpu": "max", "qemu_extra": DISK_TEST,
     "cmdline": "ktest=block.* block_test_disk=hda ata=pio dma_limit=16M",
     "exit": 33,
     "require": [BLK_HDA_LINE.format(r"PIO, dma limit none"),
                 r"# hda: sector 2051: wrote 8 segments, 0 bounced; read 8 "
                 r"segments, 0 bounced \(PIO, ", BLOCK_SUITE_PASSED],
     "forbid": [r"not ok", PANIC_LINE],
     "note": "PIO: the CPU copies through kmap_local_page(); dma_limit= "
             "does not apply and nothing bounces"},

    # Self-test runs through GRUB (multiboot2), from build/hm386-test.iso.
    {"name": "iso-1G-max",       "kind": "tests", "boot": "iso",    "mem": "1G",   "cpu": "max", "require": [USER_SUITE_RAN],
     "image": "build/hm386-user.iso", "note": "GRUB loads the initramfs (module2): the user suite runs"},
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
     "require": [USER_SUITE_RAN, r"hm386\.efi: \\hm386\.elf loaded, entry 0x100040; "
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

    # The kernel monitor, typed at through the serial port: every command
    # answers, bad input answers with usage or a clear error (never a
    # panic), pt decodes known mappings, kmap of a HighMem pfn shows a pkmap
    # address that pkmap then lists, the line editor's backspace and history
    # work. 1 GiB: HighMem is pfn 0x37bfe-0x3ffdf, so 0x3f000 is in it.
    {"name": "monitor-1G-max", "kind": "monitor", "boot": "kernel",
     "mem": "1G", "cpu": "max", "smp": 2, "exit": 33,
     "input": MONITOR_SESSION, "require": MONITOR_ANSWERS,
     "forbid": [PANIC_LINE, r"^unknown command '(?!frobnicate)"],
     "note": "scripted monitor session (docs/monitor.md)"},
    # `make run` with the initramfs: PID 1 is /init, which starts /bin/sh;
    # the shell runs programs, enters the monitor (ps, vm) and comes back;
    # `exit` ends the shell, init exits 0, and so does QEMU (33).
    {"name": "shell-1G-max", "kind": "monitor", "boot": "kernel",
     "mem": "1G", "cpu": "max", "smp": 2, "exit": 33,
     "qemu_extra": TCG_MULTI + INITRD, "prompts": SHELL_PROMPTS,
     "input": SHELL_SESSION, "require": SHELL_ANSWERS,
     "forbid": [PANIC_LINE, r"killed by", r"not found"],
     "note": "the user shell of `make run` and its way to the monitor "
             "(docs/processes.md)"},
    # GDB in batch mode: a breakpoint in kmap_local_page()'s implementation
    # hits for a HighMem page, and the helpers of tools/gdb/hm386.py decode
    # the slot it took.
    {"name": "gdb-kmap-local", "kind": "gdb", "boot": "kernel", "mem": "1G",
     "cpu": "max", "cmdline": "ktest=kmap_local.*",
     "gdb_script": "tests/gdb/kmap_local.gdb", "require": GDB_ANSWERS,
     "forbid": [r"Python Exception|Traceback|Error (in|while)|Undefined"],
     "note": "make gdb's helpers, scripted"},

    # CPUs without PAE: the kernel must say so in one line and stop with 39.
    # PID 1 as Linux starts it: init= names the program, the words after
    # `--` are its arguments; its exit status leaves QEMU (docs/processes.md).
    {"name": "init-echo-args", "kind": "expect", "boot": "kernel", "mem": "256M",
     "cpu": "max", "cmdline": "init=/bin/echo -- hello from  pid 1",
     "qemu_extra": INITRD, "exit": 33,
     "require": [r"hm386: running /bin/echo as PID 1 \(4 arguments\)",
                 r"^hello from pid 1$",
                 r"hm386: PID 1 \(/bin/echo\) exited with status 0: leaving "
                 r"QEMU with the pass status \(33\)$"],
     "forbid": [PANIC_LINE]},
    # /dev's nodes, and root= that cannot be mounted: one line, the boot
    # goes on (docs/filesystems.md; vfstest is the vfs suite's file system).
    {"name": "root-missing", "kind": "expect", "boot": "kernel", "mem": "256M",
     "cpu": "max", "cmdline": "root=/dev/nosuch rootfstype=vfstest init=/bin/ls -- /dev",
     "qemu_extra": INITRD, "exit": 33,
     "require": [r"vfs: root=/dev/nosuch rootfstype=vfstest: mount on /mnt failed: "
                 r"error -2 \(no such node\); the boot goes on without it$",
                 r"^ram0 +0$",
                 r"hm386: PID 1 \(/bin/ls\) exited with status 0"],
     "forbid": [PANIC_LINE]},
    {"name": "root-unknown-type", "kind": "expect", "boot": "kernel", "mem": "256M",
     "cpu": "max", "cmdline": "root=/dev/ram0 rootfstype=nosuchfs ro init=/bin/ls -- /mnt",
     "qemu_extra": INITRD, "exit": 33,
     "require": [r"vfs: root=/dev/ram0 rootfstype=nosuchfs: mount on /mnt failed: "
                 r"error -19 \(unknown file system type\); the boot goes on without it$",
                 r"hm386: PID 1 \(/bin/ls\) exited with status 0"],
     "forbid": [PANIC_LINE]},
    # root= on a real ext2 image (make ext2-img, snapshot=on): PID 1 writes
    # to it and exits; the kernel unmounts it before leaving QEMU, so the
    # write reaches the disk and the file system is left clean.
    {"name": "root-ext2-unmounted-at-exit", "kind": "expect", "boot": "kernel",
     "mem": "256M", "cpu": "max", "cmdline": "root=/dev/hda init=/bin/mkdir -- /mnt/made",
     "qemu_extra": INITRD + ["-drive", "file=build/ext2.img,if=ide,format=raw,snapshot=on"],
     "exit": 33,
     "require": [r"vfs: hda mounted on /mnt \(ext2, read-write\)$",
                 r"hm386: PID 1 \(/bin/mkdir\) exited with status 0",
                 r"EXT2-fs \(hda\): unmounted; the disk since boot: \d+ reads, "
                 r"[1-9]\d* writes",
                 r"vfs: hda unmounted from /mnt$"],
     "forbid": [PANIC_LINE]},
    {"name": "ubench-1G", "kind": "expect", "boot": "kernel", "mem": "1G",
     "cpu": "max", "cmdline": UBENCH_ARGS, "qemu_extra": INITRD, "exit": 33,
     "require": ubench_lines("highmem"), "forbid": [PANIC_LINE, r"^not ok "],
     "note": "the benchmark of make bench-linux works (tools/bench_linux.py)"},
    {"name": "ubench-256M", "kind": "expect", "boot": "kernel", "mem": "256M",
     "cpu": "max", "cmdline": UBENCH_ARGS, "qemu_extra": INITRD, "exit": 33,
     "require": ubench_lines("lowmem"), "forbid": [PANIC_LINE, r"^not ok "],
     "note": "no HighMem: ubench's file page is in lowmem"},
    # hm386_profile() (top/profile.c) around ubench's last batch: the kernel
    # work of a fork counted by function (make bench's profiles of figures).
    {"name": "ubench-1G-profile", "kind": "expect", "boot": "kernel",
     "mem": "1G", "cpu": "max", "qemu_extra": INITRD, "exit": 33,
     "cmdline": "bench_profile=on init=/bin/ubench -- iters=8 batches=1 "
                "only=fork.0 profile",
     "require": [r"^ubench: fork\.0 ops=1 cycles=[1-9]\d* ",
                 r"^bench: ubench\.fork\.0 profile steps=[1-9]\d* .*"
                 r"\bmm_fork=[1-9]\d*",
                 r"^ok 2 fork\.0$"],
     "forbid": [PANIC_LINE, r"^not ok ", r"killed by SIGSEGV"],
     "note": "the user profile of make bench: hm386_profile() works"},
    {"name": "init-missing", "kind": "expect", "boot": "kernel", "mem": "256M",
     "cpu": "max", "cmdline": "init=/bin/nosuch", "qemu_extra": INITRD,
     "exit": 35,
     "require": [r"hm386: cannot run /bin/nosuch: error -2$",
                 r"hm386: PID 1 \(/bin/nosuch\) exited with status 127: "
                 r"leaving QEMU with the failure status \(35\)$"],
     "forbid": [PANIC_LINE]},
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
