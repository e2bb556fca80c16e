// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 3 (tools/grade.py --check, tests/host/labs.mk):
 * buddy.c left empty. It defines none of lab 3's exercises, so lab 3's
 * kernel must not link: no fallback to the kernel's own code.
 */
