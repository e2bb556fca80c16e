// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 5 (tools/grade.py --check, tests/host/labs.mk):
 * pkmap.c left empty. It defines none of lab 5's exercises, so lab 5's
 * kernel must not link: no fallback to the kernel's own code.
 */
