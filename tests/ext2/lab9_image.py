# SPDX-License-Identifier: MIT
"""The ext2 image of lab 9's grading (docs/labs/lab9.md): the directories
that tests/kernel/ext2_dir_test.c (suite ext2_dir) looks up, lists, adds
to, removes from and renames across.

    python3 -m tests.ext2.lab9_image OUT.img

1 KiB blocks, so that a page of a directory holds four blocks; /big holds
BIG_FILES entries with long names: more than one page. The files' bytes
are the kernel tests' pattern (tests/kernel/fs_test_util.h), which the
suite checks. The graded boots attach it with snapshot=on: it stays as
written here.
"""
import sys

from tests.ext2 import image

BIG_FILES = 150          # /big/entry-with-a-long-name-NNN: two pages
HELLO_SEED, HELLO_SIZE = 7, 5000
NOTE_SEED, NOTE_SIZE = 9, 3000


def test_pattern(seed, length):
    """The bytes of tests/kernel/fs_test_util.h's pattern_byte(@seed, i)."""
    return bytes(((((i * 2654435761 + seed) & 0xFFFFFFFF) >> 13) ^ i) & 0xFF
                 for i in range(length))


def files():
    """{path: bytes or None (a directory)}: the tree of the image."""
    tree = {"/a": None, "/a/sub": None, "/b": None, "/big": None,
            "/a/sub/note.txt": test_pattern(NOTE_SEED, NOTE_SIZE),
            "/hello.txt": test_pattern(HELLO_SEED, HELLO_SIZE)}
    for n in range(BIG_FILES):
        tree["/big/entry-with-a-long-name-%03d" % n] = bytes([n])
    return tree


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: python3 -m tests.ext2.lab9_image OUT.img")
    image.make_image(argv[1], 1024, 8192, files())


if __name__ == "__main__":
    main(sys.argv)
