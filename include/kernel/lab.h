/* SPDX-License-Identifier: MIT */
/*
 * Lab exercises (docs/labs/README.md). LAB_EXERCISE(n) marks a function
 * that lab n asks the student to write; LAB_STATIC replaces `static` on a
 * file-local exercise or on a file-local helper or variable that the
 * exercise needs.
 *
 * A normal build is not changed by either mark. A lab build (`make lab N`,
 * compiled with -DHM386_LAB) makes every LAB_STATIC name external and puts
 * each function marked LAB_EXERCISE(n) in a section of its lab,
 * .text.lab_exercise.n, as a weak symbol. Lab N's kernel is linked with
 * the .c files of labs/labN/ and with lab N's section discarded
 * (Makefile, "labs"): the student's definitions replace lab N's exercises
 * and may use the helpers, and an exercise the student did not define is
 * not silently replaced by the kernel's: the link fails, and
 * tools/lab-ld.sh names the missing functions. The other labs' sections
 * are kept: their exercises run the kernel's own code. tools/grade.py
 * lists the exercises of each lab.
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
/*
 * section: lab n's link discards it (no fallback to the kernel's code);
 * weak: the student's definition of the same name is no duplicate;
 * noinline: every call reaches the definition that the link keeps.
 */
#define LAB_EXERCISE(n)	\
	__attribute__((weak, noinline, section(".text.lab_exercise." #n)))
#define LAB_STATIC
#else
#define LAB_EXERCISE(n)
#define LAB_STATIC	static
#endif

#endif
