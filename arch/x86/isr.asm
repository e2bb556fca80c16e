; Interrupt and exception entry stubs.
;
; Every vector gets a stub that makes the stack look the same: an error code
; (the CPU's, or 0), the vector number, then the common path saves all
; registers into a struct trap_frame (include/arch/x86/trap.h) and calls
; trap_dispatch(frame). Vectors 0-31 are CPU exceptions, 32-47 the remapped
; PIC lines, 48-255 software interrupts and later devices (handlers come from
; set_interrupt_handler()). The double fault (8) does not come here: it is a
; task gate to a TSS of its own (gdt.c), so that a blown stack is reported,
; not a triple fault.
;
; trap_dispatch() may return after changing the frame (an exception-table
; fixup rewrites EIP; a handler may change registers): the way out restores
; everything from the frame, so iret resumes where the frame says.

%define KERNEL_DS 0x10
%define PERCPU_GS 0x28		; GDT_PERCPU, include/arch/x86/gdt.h

%macro STUB_NOERR 1
isr_stub_%1:
	push dword 0
	push dword %1
	jmp trap_common
%endmacro

%macro STUB_ERR 1
isr_stub_%1:
	push dword %1
	jmp trap_common
%endmacro

section .text

%define NR_VECTORS 256		; as in include/arch/x86/trap.h

; Vectors whose exceptions push an error code: 8, 10-14, 17, 21, 29, 30.
%assign v 0
%rep NR_VECTORS
%if v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21 || v == 29 || v == 30
	STUB_ERR v
%else
	STUB_NOERR v
%endif
%assign v v + 1
%endrep

extern trap_dispatch
global trap_dispatch_return
trap_common:
	pushad
	push ds
	push es
	push fs
	push gs
	mov ax, KERNEL_DS
	mov ds, ax
	mov es, ax
	mov fs, ax
	mov ax, PERCPU_GS		; from ring 3 gs is the user's: this CPU's
	mov gs, ax			; cpu_info again (from ring 0 it already is)
	cld
	push esp			; struct trap_frame *
	call trap_dispatch
trap_dispatch_return:			; backtraces step into the frame here
	add esp, 4
	pop gs
	pop fs
	pop es
	pop ds
	popad
	add esp, 8			; vector, error code
	iret

; void return_to_user(const struct trap_frame *tf, u32 stack_top)
; Copy the frame to the top of this kernel stack, where the TSS's esp0 sends
; every entry from ring 3, and leave through it as trap_common does after
; trap_dispatch(). The copy runs backwards: the source may lie just below
; the top, overlapping the destination. Nothing is pushed after it starts.
%define TRAP_FRAME_SIZE 76	; sizeof(struct trap_frame), checked in C
global return_to_user
return_to_user:
	cli
	mov esi, [esp + 4]
	mov edi, [esp + 8]
	mov ecx, TRAP_FRAME_SIZE
	sub edi, ecx
	lea esi, [esi + ecx - 1]
	lea edi, [edi + ecx - 1]
	std
	rep movsb
	cld
	lea esp, [edi + 1 - 4]		; as if trap_dispatch(frame) had returned
	jmp trap_dispatch_return

; The double fault arrives by task switch (gdt.c): a fresh stack with the
; error code on top. Report it; double_fault_report() never returns.
global double_fault_task
extern double_fault_report
double_fault_task:
	xor ebp, ebp
	call double_fault_report	; its argument: the error code at [esp]
.hang:
	cli
	hlt
	jmp .hang

section .rodata
global isr_stub_table
isr_stub_table:
%assign v 0
%rep NR_VECTORS
	dd isr_stub_ %+ v
%assign v v + 1
%endrep
