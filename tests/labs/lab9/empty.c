// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 9 (tools/grade.py --check, tests/host/labs.mk):
 * dir.c left empty. It defines no exercise, so lab 9's kernel must not
 * link (no fallback to the kernel's directory code).
 */
