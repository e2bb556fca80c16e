// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 10 (tools/grade.py --check, tests/host/labs.mk):
 * bounce.c left empty. It defines neither exercise, so lab 10's kernel
 * must not link: no fallback to the kernel's own code. The message names
 * bounce_prepare() and bounce_finish(), which submit_bio_wait() calls.
 */
