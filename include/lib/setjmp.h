/* SPDX-License-Identifier: MIT */
/* Non-local exits for the kernel (arch/x86/setjmp.asm). */
#ifndef HM386_LIB_SETJMP_H
#define HM386_LIB_SETJMP_H

#include <types.h>

struct jmp_buf {
	u32 ebx, esi, edi, ebp, esp, eip;
};

/* k_setjmp - save the caller's context: returns 0 now, and later the value
 * passed to k_longjmp (never 0). The caller's frame must still be live. */
int k_setjmp(struct jmp_buf *buf) __attribute__((returns_twice));

/* k_longjmp - resume at the k_setjmp that filled @buf, returning @value. */
void __noreturn k_longjmp(struct jmp_buf *buf, int value);

#endif
