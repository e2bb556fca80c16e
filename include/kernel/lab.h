/* SPDX-License-Identifier: MIT */
/*
 * Lab exercises (docs/labs/README.md). LAB_EXERCISE(n) marks a function
 * that lab n asks the student to write; LAB_STATIC replaces `static` on a
 * file-local exercise or on a file-local helper or variable that the
 * exercise needs.
 *
 * A normal build is not changed by either mark. A lab build (`make lab N`,
 * compiled with -DHM386_LAB) makes every marked function weak and every
 * LAB_STATIC name external, then links the .c files of labs/labN/: the
 * student's strong definitions replace lab N's exercises and may use the
 * helpers; the other labs' exercises keep the kernel's own code. The
 * number documents which lab a function belongs to; tools/grade.py lists
 * the exercises of each lab.
 *
 * `make handout N` (tools/handout.py) turns every LAB_EXERCISE(N)
 * definition into its declaration, and drops what lies between the lines
 * `LAB_SOLUTION(N) begin` and `LAB_SOLUTION(N) end` (in a comment, in any
 * file): mark so any helper that only the solution uses. The definition
 * must be in Linux style: its head on the line of the mark, its body
 * between the lines "{" and "}" (tools/lab_marks.py).
 */
#ifndef HM386_KERNEL_LAB_H
#define HM386_KERNEL_LAB_H

#ifdef HM386_LAB
/* weak: a definition in labs/labN/ wins; noinline: every call reaches it. */
#define LAB_EXERCISE(n)	__attribute__((weak, noinline))
#define LAB_STATIC
#else
#define LAB_EXERCISE(n)
#define LAB_STATIC	static
#endif

#endif
