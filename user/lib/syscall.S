/* SPDX-License-Identifier: MIT */
/*
 * long __syscall(long nr, long a1, long a2, long a3, long a4, long a5,
 *		  long a6): system call @nr through `int 0x80` with Linux's i386
 * convention (number in EAX, arguments in EBX, ECX, EDX, ESI, EDI, EBP);
 * returns EAX as the kernel left it: a value, or -errno (-4095..-1).
 */
	.text
	.globl	__syscall
	.type	__syscall, @function
__syscall:
	pushl	%ebp
	pushl	%edi
	pushl	%esi
	pushl	%ebx
	movl	20(%esp), %eax		/* four saved registers + return */
	movl	24(%esp), %ebx
	movl	28(%esp), %ecx
	movl	32(%esp), %edx
	movl	36(%esp), %esi
	movl	40(%esp), %edi
	movl	44(%esp), %ebp
	int	$0x80
	popl	%ebx
	popl	%esi
	popl	%edi
	popl	%ebp
	ret
	.size	__syscall, . - __syscall

	.section .note.GNU-stack, "", @progbits
