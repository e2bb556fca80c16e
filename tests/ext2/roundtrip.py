# SPDX-License-Identifier: MIT
"""The ext2 round trips (docs/ext2.md, "Tests"), judged by Debian's
e2fsprogs: a host test that prints KTAP (suite ext2_roundtrip).

    python3 -m tests.ext2.roundtrip [--only NAME ...] [--keep]

read_*    mke2fs + debugfs make an image (tests/ext2/image.py); hm386 boots
          with it as the IDE disk hda and /tests/ext2_walk as PID 1, which
          mounts it and prints every directory and every file's size and
          FNV-1a; the lines must be exactly the ones computed on the host
          from the tree written; e2fsck -fn must then pass (the mount and
          unmount wrote the super block). read_1k_128M_forcemap: no HighMem,
          more file pages than RAM (the shrinker drops clean ones as the
          walk goes), and lowmem pages mapped through kmap_local slots too.
write_*   the image also holds /ops.txt, a script of creates, grows across
          the indirect and double-indirect boundaries, truncates, renames
          (within and across directories, over a file, a directory),
          deletes and syncs; /tests/ext2_ops runs it and unmounts; e2fsck
          -fn must exit 0 and debugfs must read back exactly the tree the
          host's model of the same script predicts. write_1k_128M_forcemap:
          the directory pages in lowmem, mapped through kmap_local slots.
bad_*     an image damaged by tests/ext2/corrupt.py, mounted read-only: the
          mount is refused, or the walk's calls fail with EIO, each with its
          one log line; no panic; the image's bytes are unchanged.
error_rw  the directory loop mounted read-write: EIO, the file system
          marked with errors and read-only (EROFS after), and nothing but
          the super block written.
bad_random  images with random bytes changed in their metadata and
          directories (a fixed seed), mounted read-write and written: no
          panic, no hang.

Rows with "8G" boot with 8 GiB of RAM: the page cache is in HighMem and
above 4 GiB, and the ATA DMA bounces. Images and serial logs are in
build/ext2/. Exits 0 when every case passed.
"""

import argparse
import hashlib
import os
import random
import re
import struct
import subprocess
import sys
import time

from tests.ext2 import corrupt, image
from tests.hm386test.serial import serial_lines, tail

EXIT_PASS, EXIT_FAIL, EXIT_PANIC = 33, 35, 37
EIO, EINVAL, ENOTEMPTY, EROFS = 5, 22, 39, 30
OUT = "build/ext2"


# ------------------------------------------------------------ the model

def ops_script(bs):
    """The operations of the write trips for block size @bs (ext2_ops's
    language): every boundary of the block map crossed both ways."""
    ind = 12 * bs                      # the first byte the indirect maps
    dind = (12 + bs // 4) * bs         # ... the double-indirect
    ops = ["mkdir /w", "mkdir /w/sub", "mkdir /w/sub/deep",
           "write /w/grow 0 5000 201",
           "write /w/grow 5000 %d 201" % (ind + 3 * bs - 5000),
           "write /w/grow %d %d 201" % (ind + 3 * bs, dind - ind + 2 * bs + 123),
           "fsync /w/grow",
           "ftruncate /w/grow %d" % (ind + 2 * bs + 17),
           "write /w/grow %d 3000 202" % (ind + 4 * bs),
           "truncate /w/grow %d" % (ind + 9 * bs + 1),
           "write /w/a 0 100 203", "rename /w/a /w/b",
           "rename /w/b /w/sub/deep/b",
           "write /w/c 0 7000 204", "write /w/sub/target 0 50 205",
           "rename /w/c /w/sub/target",
           "rename /w/sub/deep /w/moved",
           "fail %d rename /w /w/moved/inside" % EINVAL,
           "fail %d rmdir /w/moved" % ENOTEMPTY,
           "unlink /w/moved/b", "rmdir /w/moved",
           "mkdir /w/many"]
    for i in range(80):
        ops.append("write /w/many/entry_%03d_%s 0 %d %d" %
                   (i, "z" * (i % 50), 10 * i, 300 + i))
    for i in range(0, 80, 2):
        ops.append("unlink /w/many/entry_%03d_%s" % (i, "z" * (i % 50)))
    ops += ["unlink /small.txt", "unlink /a/b/c/d/deep.txt", "rmdir /a/b/c/d",
            "rename /many/f000_ /renamed", "truncate /double_indirect 1000",
            "write /direct12 %d 3000 206" % (5 * bs + 7),
            "rename /a/b/mid /mid2", "rename /x /" + "n" * 255,
            "mkdir /empty_dir", "mkdir /a/b/c/e", "rename /empty_dir /a/b/c/e",
            "sync", "unlink /ops.txt"]
    return ops


def _parent_is_dir(tree, path):
    parent = path.rsplit("/", 1)[0] or "/"
    return parent == "/" or (parent in tree and tree[parent] is None)


def apply_ops(tree, ops):
    """The tree after @ops (ext2_ops's meaning), as {path: bytes|None}."""
    t = {p: (None if v is None else image.file_bytes(v)) for p, v in tree.items()}
    for line in ops:
        w = line.split()
        if w[0] == "fail":
            continue
        if w[0] == "mkdir":
            assert _parent_is_dir(t, w[1]) and w[1] not in t, line
            t[w[1]] = None
        elif w[0] in ("unlink", "rmdir"):
            del t[w[1]]
        elif w[0] == "write":
            off, length, seed = int(w[2]), int(w[3]), int(w[4])
            data = bytearray(t.get(w[1]) or b"")
            if len(data) < off + length:
                data.extend(bytes(off + length - len(data)))
            data[off:off + length] = image.pattern(seed, length, off)
            t[w[1]] = bytes(data)
        elif w[0] in ("truncate", "ftruncate"):
            size = int(w[2])
            data = t[w[1]]
            t[w[1]] = data[:size] + bytes(max(0, size - len(data)))
        elif w[0] == "rename":
            src, dst = w[1], w[2]
            moved = {p: v for p, v in t.items()
                     if p == src or p.startswith(src + "/")}
            if dst in t and t[dst] is None:
                del t[dst]     # an empty directory replaced
            for p in moved:
                del t[p]
            for p, v in moved.items():
                t[dst + p[len(src):]] = v
    return t


# ------------------------------------------------------------ the guest

def boot(args, img, argv, mem, name, params=""):
    """Boot hm386 with @img as hda, kernel parameters @params and @argv as
    PID 1: (lines, status or None on timeout, seconds)."""
    log = os.path.join(OUT, name + ".log")
    cmd = ["qemu-system-i386", "-m", mem, "-cpu", "max", "-display", "none",
           "-no-reboot", "-nic", "none", "-serial", "file:" + log,
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-kernel", args.kernel, "-initrd", args.initrd,
           "-drive", "file=%s,if=ide,format=raw" % img,
           "-append", "%sinit=%s -- %s" % (params and params + " ", argv[0],
                                            " ".join(argv[1:]))]
    start = time.monotonic()
    try:
        status = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL,
                                timeout=args.timeout).returncode
    except subprocess.TimeoutExpired:
        status = None
    try:
        with open(log, "rb") as f:
            lines = serial_lines(f.read())
    except OSError:
        lines = []
    return lines, status, time.monotonic() - start


def walk_lines(lines):
    """ext2_walk's D/F/O/E lines, lost+found left out, sorted."""
    out = [l for l in lines if l[:2] in ("D ", "F ", "O ", "E ")
           and not l.split()[1].startswith("/lost+found")]
    return sorted(out)


def hash_image(path, skip=None):
    """SHA-256 of the image, bytes [skip) zeroed."""
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if skip:
        data[skip[0]:skip[1]] = bytes(skip[1] - skip[0])
    return hashlib.sha256(data).hexdigest()


def fsck_problems(img):
    """What e2fsck -fn says is wrong (empty when it exits 0 and prints
    only its passes and the summary)."""
    status, out = image.fsck(img)
    bad = [l for l in out.splitlines() if l and not l.startswith(
        ("Pass ", "e2fsck ", "hm386: "))]
    if status:
        bad.insert(0, "e2fsck -fn exit status %d" % status)
    return bad


UNMOUNTED_RE = re.compile(r"EXT2-fs \(hda\): unmounted; the disk since boot: "
                          r"(\d+) reads, (\d+) writes, (\d+) segments bounced; "
                          r"page cache peak (\d+) pages, (\d+) in HighMem")


def figures(lines, mem, problems):
    """The unmount line's figures as a note; at 8G (pages above 4 GiB),
    bouncing and a page cache in HighMem are required."""
    for line in lines:
        m = UNMOUNTED_RE.search(line)
        if m:
            reads, writes, bounced, peak, high = map(int, m.groups())
            if mem == "8G" and not (bounced and high):
                problems.append("at 8G: %d segments bounced, %d page-cache "
                                "pages in HighMem" % (bounced, high))
            return ("disk %d reads, %d writes, %d segments bounced; page cache "
                    "peak %d pages, %d in HighMem" % (reads, writes, bounced,
                                                      peak, high))
    problems.append("no 'unmounted' line")
    return ""


def guest_problems(lines, status, done_prefix):
    problems = []
    if status is None:
        problems.append("timeout")
    elif status == EXIT_PANIC or any("panic" in l.lower() for l in lines):
        problems.append("the kernel panicked")
    if done_prefix and not any(l.startswith(done_prefix) for l in lines):
        problems.append("no '%s' line" % done_prefix)
    return problems


# ------------------------------------------------------------ the cases

def case_read(args, bs, size_kib, mem, params=""):
    img = os.path.join(OUT, "read-%dk-%s.img" % (bs // 1024, mem))
    tree = image.make_image(img, bs, size_kib)
    lines, status, secs = boot(args, img, ["/tests/ext2_walk", "-m", "/dev/hda",
                                           "/mnt"], mem, os.path.basename(img),
                               params)
    problems = guest_problems(lines, status, "ext2_walk: done")
    got, want = walk_lines(lines), image.tree_lines(tree)
    if got != want:
        missing = [l for l in want if l not in got][:4]
        extra = [l for l in got if l not in want][:4]
        problems.append("walk differs: missing %s, unexpected %s" % (missing, extra))
    if status != EXIT_PASS:
        problems.append("exit status %s" % status)
    problems += fsck_problems(img)
    note = figures(lines, mem, problems)
    return problems, lines, "%d entries, %.1f s; %s" % (len(got), secs, note)


def case_write(args, bs, size_kib, mem, params=""):
    img = os.path.join(OUT, "write-%dk-%s.img" % (bs // 1024, mem))
    ops = ops_script(bs)
    tree = image.tree(bs)
    tree["/ops.txt"] = ("\n".join(ops) + "\n").encode()
    image.make_image(img, bs, size_kib, tree)
    lines, status, secs = boot(args, img, ["/tests/ext2_ops", "-m", "/dev/hda",
                                           "/mnt", "/mnt/ops.txt"], mem,
                               os.path.basename(img), params)
    problems = guest_problems(lines, status, "ext2_ops: done")
    problems += [l for l in lines if l.startswith("FAILED ")][:4]
    if status != EXIT_PASS:
        problems.append("exit status %s" % status)
    problems += fsck_problems(img)
    want = apply_ops(tree, ops)
    got = image.dump_tree(img)
    for path in sorted(set(want) | set(got)):
        if want.get(path, "absent") != got.get(path, "absent"):
            problems.append("debugfs reads %s differently from the model" % path)
            if len(problems) > 8:
                break
    note = figures(lines, mem, problems)
    return problems, lines, "%d operations, %.1f s; %s" % (len(ops), secs, note)


def good_bad_image(bs=1024, size_kib=8192, extra=None):
    """A good 1 KiB image's bytes (the tree, plus @extra files)."""
    img = os.path.join(OUT, "good.img")
    tree = image.tree(bs)
    tree.update(extra or {})
    image.make_image(img, bs, size_kib, tree)
    with open(img, "rb") as f:
        return bytearray(f.read())


def case_bad(args, damage):
    data = good_bad_image()
    kind, where = damage(data)
    img = os.path.join(OUT, "bad-%s.img" % damage.__name__)
    with open(img, "wb") as f:
        f.write(data)
    before = hash_image(img)
    lines, status, secs = boot(args, img, ["/tests/ext2_walk", "-r", "-m",
                                           "/dev/hda", "/mnt"], "512M",
                               os.path.basename(img))
    problems = guest_problems(lines, status, None)
    if kind == "refused":
        if not any("mount refused: " + where in l for l in lines):
            problems.append("no 'mount refused: %s' line" % where)
        if not any(l.startswith("ext2_walk: mount") and "EINVAL" in l
                   for l in lines):
            problems.append("mount(2) did not fail with EINVAL")
    else:
        errs = [l for l in lines if "EXT2-fs error (device hda)" in l]
        if not any(where in l for l in errs):
            problems.append("no EXT2-fs error line with '%s' (got %s)" %
                        (where, errs[:2]))
        if not any(l.startswith("E ") and l.split()[2] == str(EIO) for l in lines):
            problems.append("no call failed with EIO")
    if hash_image(img) != before:
        problems.append("the image changed under a read-only mount")
    return problems, lines, "%s, %.1f s" % (kind, secs)


def case_error_rw(args):
    ops = ["fail %d mkdir /a/b/c/d/new" % EIO, "fail %d mkdir /fresh" % EROFS]
    data = good_bad_image(extra={"/ops.txt": ("\n".join(ops) + "\n").encode()})
    corrupt.directory_loop(data)
    img = os.path.join(OUT, "error-rw.img")
    with open(img, "wb") as f:
        f.write(data)
    sb = (corrupt.SB, corrupt.SB + 1024)
    before = hash_image(img, sb)
    lines, status, secs = boot(args, img, ["/tests/ext2_ops", "-m", "/dev/hda",
                                           "/mnt", "/mnt/ops.txt"], "512M",
                               "error-rw.img")
    problems = guest_problems(lines, status, "ext2_ops: done")
    problems += [l for l in lines if l.startswith("FAILED ")][:4]
    if not any("remounting read-only" in l for l in lines):
        problems.append("no 'remounting read-only' line")
    if hash_image(img, sb) != before:
        problems.append("bytes other than the super block were written")
    state = image.run(["dumpe2fs", "-h", img]).stdout
    if "with errors" not in state:
        problems.append("the super block is not marked with errors")
    return problems, lines, "%.1f s" % secs


RANDOM_IMAGES = 16


def case_bad_random(args):
    """RANDOM_IMAGES images, each with 1 to 16 random bytes changed in its
    metadata (super block, descriptors, bitmaps, the first inodes) or its
    directory blocks (a fixed seed: the same images every run), mounted
    read-write and given the write script: no panic, no hang."""
    ops = ops_script(1024)
    data = good_bad_image(extra={"/ops.txt": ("\n".join(ops) + "\n").encode()})
    img = image.Image(bytes(data))
    table = struct.unpack_from("<I", img.desc(0), 8)[0]
    # The super block, the descriptors, the bitmaps (just before the
    # table), the first 96 inodes, the directories' blocks.
    targets = [1, 2, table - 2, table - 1] + list(range(table, table + 24)) + \
        [b for p in ("/", "/a", "/a/b", "/many")
         for b in img.block_numbers(img.lookup(p))]
    rng = random.Random(386)
    problems, reported, last = [], 0, []
    path = os.path.join(OUT, "bad-random.img")
    for n in range(RANDOM_IMAGES):
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 16)):
            blk = rng.choice(targets)
            damaged[blk * img.bs + rng.randrange(img.bs)] = rng.randrange(256)
        with open(path, "wb") as f:
            f.write(damaged)
        lines, status, _ = boot(args, path, ["/tests/ext2_ops", "-m", "/dev/hda",
                                             "/mnt", "/mnt/ops.txt"], "512M",
                                "bad-random.img")
        found = guest_problems(lines, status, None)
        if status not in (EXIT_PASS, EXIT_FAIL):
            found.append("exit status %s" % status)
        if found:
            problems += ["image %d: %s" % (n, p) for p in found]
            last = lines
            with open(os.path.join(OUT, "bad-random-%d.img" % n), "wb") as f:
                f.write(damaged)
        reported += any("EXT2-fs error" in l or "mount refused" in l
                        for l in lines)
    return problems, last, "%d images, %d with the damage reported" % (
        RANDOM_IMAGES, reported)


def cases(args):
    """(name, function) of every case."""
    out = [
        ("read_1k", lambda: case_read(args, 1024, 8192, "1G")),
        ("read_4k_8G", lambda: case_read(args, 4096, 16384, "8G")),
        ("read_1k_128M_forcemap", lambda: case_read(args, 1024, 8192, "128M",
                                                    "kmap_force_map=on")),
        ("write_1k", lambda: case_write(args, 1024, 8192, "1G")),
        ("write_4k_8G", lambda: case_write(args, 4096, 16384, "8G")),
        ("write_2k", lambda: case_write(args, 2048, 8192, "1G")),
        ("write_1k_128M_forcemap", lambda: case_write(args, 1024, 8192, "128M",
                                                      "kmap_force_map=on")),
    ]
    for damage in corrupt.DAMAGES:
        out.append(("bad_" + damage.__name__,
                    lambda d=damage: case_bad(args, d)))
    out.append(("error_rw", lambda: case_error_rw(args)))
    out.append(("bad_random", lambda: case_bad_random(args)))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--kernel", default="build/hm386.elf")
    p.add_argument("--initrd", default="build/initramfs.cpio")
    p.add_argument("--timeout", type=int, default=240)
    p.add_argument("--only", nargs="*", default=None)
    args = p.parse_args()
    os.makedirs(OUT, exist_ok=True)
    todo = [(n, f) for n, f in cases(args)
            if not args.only or any(o in n for o in args.only)]
    print("KTAP version 1\n1..1\n  KTAP version 1\n  # Subtest: ext2_roundtrip")
    print("  1..%d" % len(todo))
    failed = 0
    for i, (name, fn) in enumerate(todo, 1):
        try:
            problems, lines, note = fn()
        except (RuntimeError, OSError) as e:
            problems, lines, note = [str(e)], [], "error"
        for pr in problems:
            print("    # " + pr)
        if problems:
            failed += 1
            for line in tail(lines, 8).splitlines():
                print("    # " + line)
        print("    # %s: %s" % (name, note))
        print("  %s %d %s" % ("not ok" if problems else "ok", i, name))
        sys.stdout.flush()
    print("%s 1 ext2_roundtrip" % ("not ok" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
