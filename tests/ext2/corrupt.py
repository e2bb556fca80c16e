# SPDX-License-Identifier: MIT
"""Bad disks for the round trip (tests/ext2/roundtrip.py): each function
damages one thing in a good image's bytes (a bytearray made by
image.make_image() with 1 KiB blocks) and says how hm386 must take it:

    ("refused", reason)   mount(2) fails (EINVAL) and the kernel logs
                          "mount refused: <reason>"
    ("eio", where)        mount succeeds, walking reaches the damage, the
                          call fails with EIO and the kernel logs one
                          "EXT2-fs error" line naming <where> (the inode and
                          the block)

DAMAGES lists them by name.
"""

import struct

from tests.ext2.image import Image

SB = 1024  # the super block's offset in the image


def _put32(data, off, value):
    struct.pack_into("<I", data, off, value)


def _put16(data, off, value):
    struct.pack_into("<H", data, off, value)


def bad_magic(data):
    _put16(data, SB + 56, 0x1234)
    return "refused", "bad magic (not ext2)"


def huge_block_size(data):
    _put32(data, SB + 24, 20)  # s_log_block_size: 1 GiB blocks
    return "refused", "block size above 4 KiB"


def zero_blocks_per_group(data):
    _put32(data, SB + 32, 0)
    return "refused", "bad blocks per group"


def inodes_beyond_table(data):
    count = struct.unpack_from("<I", data, SB)[0]
    _put32(data, SB, count * 4)  # more inodes than the tables hold
    return "refused", "inodes count differs from groups * inodes per group"


def rec_len_past_block(data):
    img = Image(bytes(data))
    ino = img.lookup("/a")
    block = img.block_numbers(ino)[0]
    # ".." is the second entry (offset 12): reach 16 bytes past the block.
    _put16(data, block * img.bs + 12 + 4, img.bs - 12 + 16)
    return "eio", "inode %d block %d: bad entry at offset 12: " \
        "rec_len past the block" % (ino, block)


def inode_block_past_disk(data):
    img = Image(bytes(data))
    ino = img.lookup("/direct12")
    off = img.inode_offset(ino)
    _put32(data, off + 40 + 4 * 3, img.blocks_count + 100)  # i_block[3]
    table_block = off // img.bs
    return "eio", "inode %d block %d: bad inode: block number outside " \
        "the disk" % (ino, table_block)


def indirect_past_disk(data):
    img = Image(bytes(data))
    ino = img.lookup("/double_indirect")
    ind = struct.unpack_from("<I", img.inode(ino), 40 + 4 * 12)[0]
    _put32(data, ind * img.bs + 4 * 5, 0xFFFFFF00)  # file block 17
    return "eio", "inode %d block %d: block 4294967040 at index 5 outside " \
        "the disk" % (ino, ind)


def directory_loop(data):
    img = Image(bytes(data))
    a = img.lookup("/a")
    c = img.lookup("/a/b/c")
    for name, _, off in img.entry_offsets(c):
        if name == "d":
            _put32(data, off, a)  # /a/b/c/d is now /a: its own ancestor
    return "eio", "inode %d: directory %d reached by 'd' has '..' = 2" % (c, a)


DAMAGES = [bad_magic, huge_block_size, zero_blocks_per_group,
           inodes_beyond_table, rec_len_past_block, inode_block_past_disk,
           indirect_past_disk, directory_loop]
