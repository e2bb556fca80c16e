; The AP trampoline: where a CPU woken by INIT-SIPI-SIPI starts.
;
; smpboot.c copies this blob (trampoline_start .. trampoline_end) to a page
; below 1 MiB (TRAMPOLINE_PHYS, 0x8000 by default) and fills its parameter
; block (tr_params) before each STARTUP IPI, whose vector is that page's
; number. The AP then begins in real mode at CS:IP = page << 8 : 0, with
; paging and protection off, and:
;
;   1. computes the blob's physical base from CS (the code runs at any page),
;      loads the trampoline's flat GDT and enters 32-bit protected mode;
;   2. sets CR4 to the boot CPU's value (PAE, PGE if used), EFER.NXE if the
;      kernel uses NX (its PTEs carry the NX bit, reserved without NXE), and
;      CR3 to the PDPT in the parameter block;
;   3. turns paging on (with CR0.WP). That PDPT maps the kernel's 3-4 GiB
;      exactly as kernel_pdpt does, and 0-1 GiB through a temporary page
;      directory whose only entry maps this one page at its own address,
;      so the next instruction is still there;
;   4. takes its stack and jumps to ap_start(cpu) in the higher half, which
;      switches CR3 to kernel_pdpt: the identity page is never in the
;      kernel's own tables, and smpboot.c frees the temporary tables once
;      every AP is up (or parked).
;
; Progress is written to tr_params so that the boot CPU can say how far a
; CPU that never came up got. The blob is data to the kernel (.rodata): it
; never runs at its link address.

CR0_PE		equ 1 << 0
CR0_NW		equ 1 << 29
CR0_CD		equ 1 << 30
CR0_WP		equ 1 << 16
CR0_PG		equ 1 << 31
MSR_EFER	equ 0xc0000080
EFER_NXE	equ 1 << 11

TR_CODE_SEL	equ 0x08
TR_DATA_SEL	equ 0x10

; The parameter block; struct trampoline_params in smpboot.c must match.
TP_PDPT		equ 0		; 4 x 8 bytes, 32-byte aligned
TP_CR4		equ 32
TP_EFER_NX	equ 36		; non-zero: set EFER.NXE
TP_STACK	equ 40		; the AP's initial ESP (virtual)
TP_ENTRY	equ 44		; ap_start (virtual)
TP_CPU		equ 48		; its argument: struct cpu_info *
TP_PROGRESS	equ 52		; TRAMPOLINE_* in smpboot.c
TP_SIZE		equ 56

PROGRESS_REAL	equ 1
PROGRESS_PROT	equ 2
PROGRESS_PAGING	equ 3

%define OFF(x) ((x) - trampoline_start)

section .rodata
align 16
global trampoline_start, trampoline_end, trampoline_params

trampoline_start:
bits 16
	cli
	cld
	mov ax, cs
	mov ds, ax
	mov dword [OFF(tr_params) + TP_PROGRESS], PROGRESS_REAL
	movzx ebx, ax
	shl ebx, 4			; ebx = the blob's physical base

	; The GDT pointer and the far jump hold linear addresses: patch them.
	lea eax, [ebx + OFF(tr_gdt)]
	mov [OFF(tr_gdtr) + 2], eax
	lea eax, [ebx + OFF(protected_mode)]
	mov [OFF(tr_far_jump)], eax
	o32 lgdt [OFF(tr_gdtr)]

	mov eax, cr0
	and eax, ~(CR0_CD | CR0_NW)	; caches on: the reset value has them off
	or eax, CR0_PE
	mov cr0, eax
	o32 jmp far [OFF(tr_far_jump)]

bits 32
protected_mode:
	mov ax, TR_DATA_SEL
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	lea esi, [ebx + OFF(tr_params)]
	mov dword [esi + TP_PROGRESS], PROGRESS_PROT

	mov eax, [esi + TP_CR4]
	mov cr4, eax
	cmp dword [esi + TP_EFER_NX], 0
	je .no_nx
	mov ecx, MSR_EFER
	rdmsr
	or eax, EFER_NXE
	wrmsr
.no_nx:
	lea eax, [esi + TP_PDPT]
	mov cr3, eax
	mov eax, cr0
	or eax, CR0_PG | CR0_WP
	mov cr0, eax

	mov dword [esi + TP_PROGRESS], PROGRESS_PAGING
	mov esp, [esi + TP_STACK]
	xor ebp, ebp			; the end of every backtrace
	push dword [esi + TP_CPU]
	push dword 0			; no return address: ap_start never returns
	jmp [esi + TP_ENTRY]

align 8
tr_gdt:
	dq 0
	dq 0x00cf9a000000ffff		; TR_CODE_SEL: flat 4 GiB, 32-bit code
	dq 0x00cf92000000ffff		; TR_DATA_SEL: flat 4 GiB, data
tr_gdt_end:
tr_gdtr:
	dw tr_gdt_end - tr_gdt - 1
	dd 0				; patched: the GDT's linear address
tr_far_jump:
	dd 0				; patched: protected_mode's linear address
	dw TR_CODE_SEL

	times (32 - (OFF($) % 32)) % 32 db 0
trampoline_params:
tr_params:
	times TP_SIZE db 0
trampoline_end:
