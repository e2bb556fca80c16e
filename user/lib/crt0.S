/* SPDX-License-Identifier: MIT */
/*
 * _start, the entry point of every program: the kernel enters it with ESP
 * on Linux's initial stack (argc, argv[], NULL, envp[], NULL, auxv pairs,
 * AT_NULL) and no return address. It hands that stack to __libc_start(),
 * which never returns.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp		/* the outermost frame, for backtraces */
	movl	%esp, %eax
	andl	$-16, %esp		/* the i386 ABI's 16-byte alignment */
	subl	$12, %esp
	pushl	%eax
	call	__libc_start
	hlt				/* not reached: a fault if it were */
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
