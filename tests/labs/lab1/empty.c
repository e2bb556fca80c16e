// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 1 (tools/grade.py --check, tests/host/labs.mk):
 * firmware_map.c left empty. It defines none of lab 1's exercises, so lab 1's
 * kernel must not link: no fallback to the kernel's own code.
 */
