#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the seed corpus of the fuzz_firmware_map and fuzz_multiboot targets.

The input formats are described at the top of tests/fuzz/fuzz_firmware_map.c and
tests/fuzz/fuzz_multiboot.c. Run from anywhere; the seeds land in
tests/fuzz/corpus/<target>/, replacing what the script wrote before.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
USABLE, RESERVED, ACPI, NVS, BAD = 1, 2, 3, 4, 5
FUZZ_PHYS = 0x10000          # where fuzz_multiboot's memory starts

QEMU_MAP = [
    (0x0, 0x9FC00, USABLE),
    (0x9FC00, 0x400, RESERVED),
    (0xF0000, 0x10000, RESERVED),
    (0x100000, 0x7EE0000, USABLE),
    (0x7FE0000, 0x20000, RESERVED),
    (0xFFFC0000, 0x40000, RESERVED),
]


def write(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


# ---------------------------------------------------------------- memmap

def memmap_raw(entries, spare=0):
    body = b"".join(struct.pack("<QQI", b, l, t) for b, l, t in entries)
    return bytes([1, 0, spare]) + body


def memmap_compact(entries, unit_shift, spare=0):
    body = b"".join(struct.pack("<BHH", t, b, l) for t, b, l in entries)
    return bytes([0, unit_shift, spare]) + body


def memmap_seeds():
    write("fuzz_firmware_map", "qemu_e820", memmap_raw(QEMU_MAP))
    write("fuzz_firmware_map", "above_4g", memmap_raw(QEMU_MAP + [
        (0x100000000, 0x380000000, USABLE),
        (0xFFFFF000, 0x2000, BAD),
        (0xF00000000, 0x200000000, USABLE),      # crosses 64 GiB
        (0x1000000000, 0x1000, USABLE),          # at 64 GiB
        (0xFFFFFFFFFFFFF000, 0x2000, RESERVED),  # wraps around
        (0x2000, 0xFFFFFFFFFFFFFFFF, 7),         # overflows, unknown type
    ], spare=255))
    # Pages (unit 4 KiB): nested and crossing ranges of every type.
    write("fuzz_firmware_map", "onion_pages", memmap_compact([
        (USABLE, 0, 100), (ACPI, 10, 80), (RESERVED, 20, 60),
        (NVS, 30, 40), (BAD, 40, 20), (USABLE, 95, 20), (6, 99, 1),
    ], 12, spare=128))
    # Bytes (unit 256): fragments smaller than a page.
    write("fuzz_firmware_map", "fragments", memmap_compact([
        (USABLE, 0, 64), (RESERVED, 17, 1), (RESERVED, 19, 1),
        (USABLE, 64, 8), (USABLE, 72, 8), (NVS, 100, 0), (USABLE, 200, 15),
    ], 8))
    write("fuzz_firmware_map", "duplicates", memmap_compact([
        (t, 16, 16) for t in (USABLE, RESERVED, ACPI, NVS, BAD, 0)
    ] + [(USABLE, 0, 64)], 12, spare=30))
    write("fuzz_firmware_map", "empty", bytes([0, 12, 0]))


# ---------------------------------------------------------------- multiboot

def cstr(s):
    return s.encode() + b"\0"


class Memory:
    """Fake physical memory at FUZZ_PHYS, grown on demand."""

    def __init__(self):
        self.data = bytearray()

    def put(self, off, data):
        if len(self.data) < off + len(data):
            self.data.extend(bytes(off + len(data) - len(self.data)))
        self.data[off:off + len(data)] = data
        return FUZZ_PHYS + off


def multiboot_input(v2, info_off, mem):
    return bytes([1 if v2 else 0, info_off & 0xFF, info_off >> 8]) + mem.data


def mb1_seed(flags, with_mmap=True, with_mods=True):
    mem = Memory()
    cmdline = mem.put(0x80, cstr("console=ttyS0 ktest=all"))
    name = mem.put(0xC0, cstr("qemu"))
    mods = mem.put(0x100, struct.pack("<IIII", 0x200000, 0x201000,
                                      FUZZ_PHYS + 0x120, 0))
    mem.put(0x120, cstr("initrd"))
    mmap = b"".join(struct.pack("<IQQI", 20, b, l, t) for b, l, t in QEMU_MAP)
    mmap_addr = mem.put(0x140, mmap)
    info = struct.pack("<IIIIIII16xII8xII", flags, 639, 130048, 0, cmdline,
                       1 if with_mods else 0, mods,
                       len(mmap) if with_mmap else 0, mmap_addr, 0, name)
    mem.put(0, info)
    return multiboot_input(False, 0, mem)


def mb2_tag(tag_type, payload):
    tag = struct.pack("<II", tag_type, 8 + len(payload)) + payload
    return tag + bytes(-len(tag) % 8)


def mb2_seed(tags, info_off=8):
    body = b"".join(tags) + mb2_tag(0, b"")
    mem = Memory()
    mem.put(info_off, struct.pack("<II", 8 + len(body), 0) + body)
    return multiboot_input(True, info_off, mem)


def mb2_mmap(entries, entry_size=24):
    body = b"".join(struct.pack("<QQI", b, l, t).ljust(entry_size, b"\0")
                    for b, l, t in entries)
    return mb2_tag(6, struct.pack("<II", entry_size, 0) + body)


def multiboot_seeds():
    # flags: memory, cmdline, modules, mmap, loader name
    write("fuzz_multiboot", "v1_full", mb1_seed(0x24D))
    write("fuzz_multiboot", "v1_meminfo_only", mb1_seed(0x1, False, False))
    write("fuzz_multiboot", "v1_mmap_only", mb1_seed(0x40, True, False))
    rsdp = b"RSD PTR ".ljust(20, b"\0")
    rsdp2 = b"RSD PTR ".ljust(36, b"\0")
    write("fuzz_multiboot", "v2_grub_bios", mb2_seed([
        mb2_tag(1, cstr("ktest=all")),
        mb2_tag(2, cstr("GRUB 2.06")),
        mb2_tag(3, struct.pack("<II", 0x400000, 0x480000) + cstr("initrd")),
        mb2_tag(4, struct.pack("<II", 639, 1047424)),
        mb2_mmap(QEMU_MAP),
        mb2_tag(14, rsdp),
    ]))
    write("fuzz_multiboot", "v2_grub_efi", mb2_seed([
        mb2_tag(1, cstr("")),
        mb2_tag(11, struct.pack("<I", 0x7F9E0000)),
        mb2_mmap(QEMU_MAP, entry_size=32),
        mb2_tag(15, rsdp2),
        mb2_tag(17, struct.pack("<II", 40, 1) + bytes(80)),
        mb2_tag(19, struct.pack("<I", 0x7E000000)),
    ]))
    write("fuzz_multiboot", "v2_meminfo_only", mb2_seed([
        mb2_tag(4, struct.pack("<II", 640, 0x3FF00)),
    ], info_off=0x40))


if __name__ == "__main__":
    memmap_seeds()
    multiboot_seeds()
