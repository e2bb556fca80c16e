// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 8 (tools/grade.py --check, tests/host/labs.mk):
 * memory.c left empty. It defines none of lab 8's exercises, so lab 8's
 * kernel must not link: no fallback to the kernel's own code. The message
 * names copy_page_range(), which mm_fork() calls; copy_pte_table() only
 * copy_page_range() calls (grade.py: the lab's `inner` exercises).
 */
