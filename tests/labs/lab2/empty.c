// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 2 (tools/grade.py --check, tests/host/labs.mk):
 * paging.c left empty. It defines none of lab 2's exercises, so lab 2's
 * kernel must not link: no fallback to the kernel's own code.
 */
