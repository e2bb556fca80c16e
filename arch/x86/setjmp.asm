; A minimal setjmp/longjmp for the kernel (the self-test harness uses it to
; abandon a case whose assertion failed). The buffer is struct jmp_buf of
; include/lib/setjmp.h: ebx, esi, edi, ebp, esp, eip.

section .text
global k_setjmp, k_longjmp

; int k_setjmp(struct jmp_buf *buf): 0 when called, the longjmp value later.
k_setjmp:
	mov eax, [esp + 4]
	mov [eax + 0], ebx
	mov [eax + 4], esi
	mov [eax + 8], edi
	mov [eax + 12], ebp
	lea ecx, [esp + 4]		; esp after our return
	mov [eax + 16], ecx
	mov ecx, [esp]			; return address
	mov [eax + 20], ecx
	xor eax, eax
	ret

; void k_longjmp(struct jmp_buf *buf, int value): value 0 becomes 1.
k_longjmp:
	mov edx, [esp + 4]
	mov eax, [esp + 8]
	test eax, eax
	jnz .nonzero
	inc eax
.nonzero:
	mov ebx, [edx + 0]
	mov esi, [edx + 4]
	mov edi, [edx + 8]
	mov ebp, [edx + 12]
	mov esp, [edx + 16]
	jmp [edx + 20]
