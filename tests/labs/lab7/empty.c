// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 7 (tools/grade.py --check, tests/host/labs.mk):
 * memory.c left empty. It defines none of lab 7's exercises, so lab 7's
 * kernel must not link: no fallback to the kernel's own code.
 */
