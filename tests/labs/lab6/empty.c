// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 6 (tools/grade.py --check, tests/host/labs.mk):
 * conversion.c left empty. It defines none of lab 6's exercises, so lab 6's
 * kernel must not link: no fallback to the kernel's own code.
 */
