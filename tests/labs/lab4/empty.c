// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 4 (tools/grade.py --check, tests/host/labs.mk):
 * kmap_local.c left empty. It defines none of lab 4's exercises, so lab 4's
 * kernel must not link: no fallback to the kernel's own code.
 */
