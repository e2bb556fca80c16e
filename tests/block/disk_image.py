#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The ATA driver judged from outside the guest.

The in-kernel `block` suite reads back what it wrote through the same
driver, so a driver that sends every request to the wrong sector, or swaps
bytes, in the same way both ways would pass it. This host test boots hm386
on a fresh scratch disk (not a snapshot) with the suite's LBA28 and LBA48
round trips, then opens the image file and checks that the bytes the guest
wrote are at the byte offsets of the sectors it named (the LBA48 one near
the end of a 160 GiB sparse image, past 2^28 sectors), equal to the
pattern the test computes, and that the sectors around them are still
zeros. The requests run by bus-master DMA with dma_limit=16M, so the bytes
also went through bounce pages. KTAP on stdout; exit status 0 when all
checks pass. The guest's log: build/host/block-disk-image.log.

Usage: disk_image.py [KERNEL]
"""
import os
import subprocess
import sys

SECTOR = 512
DISK_BYTES = 160 << 30
NR_SECTORS = DISK_BYTES // SECTOR
PAGE = 4096
NSEG = 8                        # pages per request (tests/kernel/block_test.c)
SPAN = NSEG * PAGE // SECTOR    # sectors per request
# (sector, seed) of the two round trips, as tests/kernel/block_test.c
# writes them: disk_round_trip_lba28 and disk_round_trip_lba48.
REQUESTS = [("lba28", 2048 + 3, 0xabc),
            ("lba48", NR_SECTORS - NSEG * 8, 0xdef)]
BUILD = "build/host"
EXIT_PASS = 33


def pattern_word(seed, sector, pos):
    """The u32 the test writes at byte @pos of a request at @sector."""
    m = 0xffffffff
    x = seed ^ ((sector * 2654435761) & m) ^ ((pos * 40503) & m)
    return (x ^ (x >> 13) ^ 0x9e3779b9) & m


def pattern(seed, sector, nbytes):
    return b"".join(pattern_word(seed, sector, pos).to_bytes(4, "little")
                    for pos in range(0, nbytes, 4))


def boot(kernel, image, log):
    """Boot the two round trips on @image; return QEMU's exit status."""
    argv = ["qemu-system-i386", "-m", "256M", "-cpu", "max", "-no-reboot",
            "-display", "none", "-serial", f"file:{log}",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
            "-kernel", kernel,
            "-append", "ktest=block.disk_round_trip_lba* "
                       "block_test_disk=hda dma_limit=16M",
            "-drive", f"file={image},if=ide,format=raw"]
    try:
        return subprocess.run(argv, timeout=120).returncode
    except subprocess.TimeoutExpired:
        return "timeout"


def main():
    kernel = sys.argv[1] if len(sys.argv) > 1 else "build/hm386.elf"
    os.makedirs(BUILD, exist_ok=True)
    image = os.path.join(BUILD, "block-disk-image.img")
    log = os.path.join(BUILD, "block-disk-image.log")
    with open(image, "wb") as f:        # fresh zeros, sparse
        f.truncate(DISK_BYTES)
    checks = []
    status = boot(kernel, image, log)
    checks.append(("guest_round_trips_pass", status == EXIT_PASS,
                   f"QEMU exit status {status}, not {EXIT_PASS}: see {log}"))
    with open(image, "rb") as f:
        for name, sector, seed in REQUESTS:
            nbytes = SPAN * SECTOR
            f.seek(sector * SECTOR)
            got = f.read(nbytes)
            want = pattern(seed, sector, nbytes)
            bad = sum(1 for i in range(0, nbytes, 4)
                      if got[i:i + 4] != want[i:i + 4])
            checks.append((f"{name}_bytes_at_sector_{sector}", bad == 0,
                           f"{bad} of {nbytes // 4} words differ"))
            f.seek((sector - 1) * SECTOR)
            before = f.read(SECTOR)
            f.seek((sector + SPAN) * SECTOR)
            after = f.read(SECTOR)      # empty past the disk's end
            zero = before == bytes(SECTOR) and after in (bytes(SECTOR), b"")
            checks.append((f"{name}_neighbours_untouched", zero,
                           "the sector before or after the request is not "
                           "zeros"))
    os.unlink(image)
    print("KTAP version 1\n1..1\n  KTAP version 1\n  # Subtest: block_disk_image")
    print(f"  1..{len(checks)}")
    failed = 0
    for i, (name, ok, why) in enumerate(checks, 1):
        if not ok:
            failed += 1
            print(f"    # {why}")
        print(f"  {'ok' if ok else 'not ok'} {i} {name}")
    print(f"{'ok' if not failed else 'not ok'} 1 block_disk_image")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
