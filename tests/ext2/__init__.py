# SPDX-License-Identifier: MIT
"""The ext2 host round trips (docs/ext2.md): images by Debian's e2fsprogs."""
