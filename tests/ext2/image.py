# SPDX-License-Identifier: MIT
"""ext2 images made and read by Debian's e2fsprogs, for the host round trips
(tests/ext2/roundtrip.py) and the fuzz seeds (tests/fuzz/gen_ext2_seeds.py).

make_image() runs `mke2fs -t ext2` with a fixed UUID, hash seed and time
(E2FSPROGS_FAKE_TIME) so that the same call makes the same bytes, then fills
it with `debugfs -w -f` from the tree TREE: files whose bytes are
pattern_byte() of a seed (user/include/pattern.h's function, so that a guest
program and this script agree on them), sizes chosen around the block map's
boundaries, sparse files (debugfs writes no block for an all-zero block of
the source), nested directories, a directory of several blocks, names of 1
and 255 bytes.

dump_tree() reads an image back with `debugfs -R rdump`, and tree_lines()
gives the walker's lines (user/tests/ext2_walk.c) for a tree on the host.
"""

import os
import shutil
import struct
import subprocess
import tempfile

UUID = "8e2f6b0a-386c-4e0d-9a1b-0000000000e2"
FAKE_TIME = "1700000000"
MKE2FS = shutil.which("mke2fs") or "/usr/sbin/mke2fs"
DEBUGFS = shutil.which("debugfs") or "/usr/sbin/debugfs"
E2FSCK = shutil.which("e2fsck") or "/usr/sbin/e2fsck"


class Image:
    """The structures of an ext2 image (bytes), located as the kernel
    locates them: enough to make fuzz seeds and to damage an image on
    purpose (tests/ext2/corrupt.py)."""

    def __init__(self, source):
        if isinstance(source, (bytes, bytearray)):
            self.data = bytes(source)
        else:
            with open(source, "rb") as f:
                self.data = f.read()
        self.sb = self.data[1024:2048]
        (self.inodes_count, self.blocks_count, _, _, _, self.first_data_block,
         log) = struct.unpack_from("<7I", self.sb, 0)
        self.bs = 1024 << log
        self.ipg = struct.unpack_from("<I", self.sb, 40)[0]
        self.isz = struct.unpack_from("<H", self.sb, 88)[0]

    def block(self, n):
        return self.data[n * self.bs:(n + 1) * self.bs]

    def desc(self, group):
        gdt = (self.first_data_block + 1) * self.bs
        return self.data[gdt + 32 * group:gdt + 32 * (group + 1)]

    def inode_offset(self, ino):
        group, index = divmod(ino - 1, self.ipg)
        table = struct.unpack_from("<I", self.desc(group), 8)[0]
        return table * self.bs + index * self.isz

    def inode(self, ino):
        off = self.inode_offset(ino)
        return self.data[off:off + 128]

    def lookup(self, path):
        ino = 2
        for name in filter(None, path.split("/")):
            ino = dict(self.entries(ino))[name]
        return ino

    def block_numbers(self, ino):
        """The direct block numbers of inode @ino (directories: all)."""
        raw = self.inode(ino)
        size = struct.unpack_from("<I", raw, 4)[0]
        ptrs = struct.unpack_from("<12I", raw, 40)
        return list(ptrs[:(size + self.bs - 1) // self.bs])

    def dir_blocks(self, ino):
        return [self.block(b) for b in self.block_numbers(ino)]

    def entry_offsets(self, ino):
        """(name, inode, byte offset of the entry in the image)."""
        for b in self.block_numbers(ino):
            blk, off = self.block(b), 0
            while off < self.bs:
                e_ino, rec_len, name_len = struct.unpack_from("<IHB", blk, off)
                if e_ino:
                    yield (blk[off + 8:off + 8 + name_len].decode(), e_ino,
                           b * self.bs + off)
                off += rec_len

    def entries(self, ino):
        for name, e_ino, _ in self.entry_offsets(ino):
            yield name, e_ino


def pattern_byte(seed, offset):
    """Byte @offset of pattern @seed (user/include/pattern.h)."""
    x = (seed * 0x9E3779B1 + offset) & 0xFFFFFFFF
    x ^= x >> 15
    x = (x * 0x85EBCA6B) & 0xFFFFFFFF
    x ^= x >> 13
    return x >> 24


def pattern(seed, length, start=0):
    """@length bytes of pattern @seed from its byte @start."""
    return bytes(pattern_byte(seed, start + i) for i in range(length))


def fnv1a(data, h=0x811C9DC5):
    """FNV-1a, 32 bits, of @data continuing from @h (ext2_walk's sum)."""
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def sparse(extents, size):
    """A file of @size bytes that is zero but for (offset, length, seed)."""
    buf = bytearray(size)
    for off, length, seed in extents:
        buf[off:off + length] = pattern(seed, length)
    return bytes(buf)


def tree(block_size):
    """{path: bytes or None (a directory)}: the tree of a round-trip image.

    Sizes: around one block, the 12 direct blocks, the single indirect
    block's reach and beyond it (double indirect: with 1 KiB blocks past
    268 KiB, with 4 KiB past 4144 KiB), and for 1 KiB blocks one byte past
    64 MiB + 268 KiB (triple indirect) in a sparse file."""
    bs = block_size
    apb = bs // 4
    ind_end = (12 + apb) * bs
    t = {
        "/empty": b"",
        "/x": pattern(1, 1),
        "/small.txt": pattern(2, 100),
        "/one_block": pattern(3, bs),
        "/direct12": pattern(4, 12 * bs),
        "/indirect": pattern(5, 12 * bs + 1),
        "/double_indirect": pattern(6, ind_end + 3 * bs + 77),
        "/sparse": sparse([(0, 10, 7), (5 * bs + 3, 2 * bs, 8),
                           (ind_end + bs, 100, 9)], ind_end + 5 * bs),
        "/a": None, "/a/b": None, "/a/b/c": None, "/a/b/c/d": None,
        "/a/b/c/d/deep.txt": pattern(10, 3000),
        "/a/b/mid": pattern(11, 2 * bs + 5),
        "/" + "n" * 255: pattern(12, 255),
        "/many": None,
    }
    if bs == 1024:
        tind = (12 + apb + apb * apb) * bs
        # Bytes on both sides of the triple-indirect start, and in its
        # block [1][2][3] (each level's index different).
        deep = tind + (apb * apb + 2 * apb + 3) * bs
        t["/triple_indirect"] = ("sparse", deep + 51,
                                 [(tind - 10, 11, 13), (deep, 50, 14)])
    for i in range(150):
        name = "f%03d_" % i + "y" * (i % 40)
        t["/many/" + name] = pattern(100 + i, i * 7)
    return t


def file_bytes(value):
    """The bytes of a TREE value (a ("sparse", size, extents) is built)."""
    if isinstance(value, tuple):
        _, size, extents = value
        return sparse(extents, size)
    return value


def _write_source(value, path):
    """Write TREE value @value as host file @path, sparse where zero."""
    with open(path, "wb") as f:
        if isinstance(value, tuple):
            _, size, extents = value
            for off, length, seed in extents:
                f.seek(off)
                f.write(pattern(seed, length))
            f.truncate(size)
        else:
            f.write(value)


def run(cmd, **kw):
    """Run @cmd with the reproducibility environment; CompletedProcess."""
    env = dict(os.environ, E2FSPROGS_FAKE_TIME=FAKE_TIME, LC_ALL="C")
    return subprocess.run(cmd, env=env, capture_output=True, text=True, **kw)


def mkfs(img, block_size, size_kib):
    """An empty ext2 file system of @size_kib KiB in @img: mke2fs's Debian
    defaults (ext_attr resize_inode dir_index filetype sparse_super
    large_file, 256-byte inodes) with a fixed UUID and hash seed."""
    if os.path.exists(img):
        os.unlink(img)
    with open(img, "wb") as f:
        f.truncate(size_kib * 1024)
    r = run([MKE2FS, "-q", "-F", "-t", "ext2", "-b", str(block_size),
             "-U", UUID, "-E", "hash_seed=" + UUID, "-L", "hm386",
             img])
    if r.returncode:
        raise RuntimeError("mke2fs: " + r.stderr)


def make_image(img, block_size, size_kib, files=None):
    """mkfs, then fill @img with @files (default tree(block_size)) through
    `debugfs -w -f`. Returns the tree written."""
    files = tree(block_size) if files is None else files
    mkfs(img, block_size, size_kib)
    with tempfile.TemporaryDirectory() as tmp:
        cmds = []
        for n, (path, value) in enumerate(sorted(files.items())):
            parent, name = path.rsplit("/", 1)
            # debugfs's mkdir makes the path's last name in its current
            # directory: go to the parent first, as for a file.
            cmds.append("cd %s" % (parent or "/"))
            if value is None:
                cmds.append("mkdir %s" % name)
                continue
            src = os.path.join(tmp, "f%d" % n)
            _write_source(value, src)
            cmds.append("write %s %s" % (src, name))
        script = os.path.join(tmp, "cmds")
        with open(script, "w") as f:
            f.write("\n".join(cmds) + "\n")
        r = run([DEBUGFS, "-w", "-f", script, img])
        if r.returncode or "rror" in r.stderr.replace("debugfs 1.", ""):
            raise RuntimeError("debugfs: " + r.stderr)
    return files


def fsck(img):
    """`e2fsck -fn @img`: (exit status, output)."""
    r = run([E2FSCK, "-fn", img])
    return r.returncode, r.stdout + r.stderr


def dump_tree(img):
    """{path: bytes or None} of @img as debugfs reads it (rdump of /),
    lost+found left out."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        r = run([DEBUGFS, "-R", "rdump / " + tmp, img])
        if r.returncode:
            raise RuntimeError("debugfs rdump: " + r.stderr)
        for root, dirs, names in os.walk(tmp):
            rel = root[len(tmp):] or "/"
            for d in dirs:
                p = os.path.join(rel, d)
                if p != "/lost+found":
                    out[p] = None
            for n in names:
                with open(os.path.join(root, n), "rb") as f:
                    out[os.path.join(rel, n)] = f.read()
    return {p: v for p, v in out.items() if not p.startswith("/lost+found/")}


def fnv_of(value):
    """fnv1a() of a TREE value; the zeros of a sparse one by power."""
    if not isinstance(value, tuple):
        return fnv1a(value)
    _, size, extents = value
    h, pos = 0x811C9DC5, 0
    for off, length, seed in sorted(extents):
        h = (h * pow(0x01000193, off - pos, 1 << 32)) & 0xFFFFFFFF
        h = fnv1a(pattern(seed, length), h)
        pos = off + length
    return (h * pow(0x01000193, size - pos, 1 << 32)) & 0xFFFFFFFF


def value_size(value):
    """The size in bytes of a TREE value."""
    return value[1] if isinstance(value, tuple) else len(value)


def tree_lines(files, prefix=""):
    """The walker's lines for @files, sorted: `D path` for a directory,
    `F path size fnv` for a file (fnv as 8 hex digits)."""
    lines = []
    for path, value in files.items():
        if value is None:
            lines.append("D %s%s" % (prefix, path))
        else:
            lines.append("F %s%s %d %08x" % (prefix, path, value_size(value),
                                             fnv_of(value)))
    return sorted(lines)
