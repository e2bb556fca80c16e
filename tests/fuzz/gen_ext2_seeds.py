#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the seed corpus of fuzz_ext2 (tests/fuzz/fuzz_ext2.c describes the
input) from real images: the round trips' trees (tests/ext2/image.py) made
by Debian's mke2fs and debugfs with 1 KiB and 4 KiB blocks. For each: the
super block, group 0's descriptor, the inodes of the root, of files that
use the indirect, double- and triple-indirect blocks, of a sparse file, of
a directory of several blocks and of the resize inode, and the directory
blocks of the root and of that directory. Run from the top of the tree;
the seeds land in tests/fuzz/corpus/fuzz_ext2/, replacing the old ones.
"""
import os
import struct
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))
from tests.ext2 import image  # noqa: E402

OUT = os.path.join(HERE, "corpus", "fuzz_ext2")


def seed(kind, img, payload=b""):
    dev = struct.pack("<Q", len(img.data))
    return bytes([kind]) + dev + img.sb + payload


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        os.unlink(os.path.join(OUT, old))
    with tempfile.TemporaryDirectory() as tmp:
        for bs, kib in ((1024, 8192), (4096, 16384)):
            path = os.path.join(tmp, "seed.img")
            image.make_image(path, bs, kib)
            img = image.Image(path)
            k = "%dk_" % (bs // 1024)
            write(k + "super", seed(0, img))
            write(k + "desc0", seed(1, img, struct.pack("<I", 0) + img.desc(0)))
            inodes = {"root": 2, "resize": 7}
            for p in ("/double_indirect", "/sparse", "/many", "/empty",
                      "/a/b/c/d/deep.txt", "/triple_indirect"):
                try:
                    inodes[p.rsplit("/", 1)[1]] = img.lookup(p)
                except KeyError:
                    pass
            for name, ino in sorted(inodes.items()):
                write(k + "inode_" + name, seed(2, img, img.inode(ino)))
            write(k + "dir_root", seed(3, img, img.dir_blocks(2)[0]))
            for i, blk in enumerate(img.dir_blocks(img.lookup("/many"))):
                write(k + "dir_many%d" % i, seed(3, img, blk))


if __name__ == "__main__":
    main()
