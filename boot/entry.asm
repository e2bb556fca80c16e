; hm386 entry: the multiboot headers and the first instructions.
;
; The loader (QEMU -kernel with multiboot v1, or GRUB with multiboot2) enters
; _start in 32-bit protected mode with paging off. The headers and the code
; that runs before paging live in .boot, linked where they are loaded (1 MiB),
; so the ELF entry point is an address both loaders accept: QEMU jumps to it
; as given, GRUB insists that it lies inside a segment. The rest of the kernel
; is linked at PAGE_OFFSET + its load address; .boot code names those symbols
; as PHYS(label).
;
; Before anything depends on it, the CPU is checked for PAE. A CPU without it
; gets one line on COM1 and a failure exit from QEMU (halt on hardware),
; never a triple fault. Then boot page tables map the first 1 GiB of physical
; memory both at 0 (to survive turning paging on) and at PAGE_OFFSET, paging
; goes on and kmain(magic, info) runs in the higher half. paging_init()
; replaces these tables and drops the identity map.

%include "arch/x86/layout.inc"

MB1_MAGIC	equ 0x1BADB002
MB1_FLAGS	equ 0x00000003		; page-aligned modules, memory info
MB2_MAGIC	equ 0xE85250D6
MB2_ARCH_I386	equ 0

CR0_WP		equ 1 << 16
CR0_PG		equ 1 << 31
CR4_PAE		equ 1 << 5
EFLAGS_ID	equ 1 << 21
CPUID_EDX_PAE	equ 1 << 6
PDE_2M		equ 0x83		; present, writable, 2 MiB page
PDPTE_P		equ 0x01

COM1		equ 0x3f8

section .boot progbits alloc exec nowrite align=16
align 4
mb1_header:
	dd MB1_MAGIC
	dd MB1_FLAGS
	dd -(MB1_MAGIC + MB1_FLAGS)

align 8
mb2_header:
	dd MB2_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd 0x100000000 - (MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	; information request: memory map, command line, loader name, ACPI
	align 8
mb2_info_request:
	dw 1, 0
	dd mb2_info_request_end - mb2_info_request
	dd 6, 1, 2
mb2_info_request_end:
	align 8
	dw 0, 0				; end tag
	dd 8
mb2_header_end:

global _start
_start:
	cli
	cld
	mov esp, PHYS(boot_stack_top)
	mov [PHYS(boot_magic)], eax
	mov [PHYS(boot_info_phys)], ebx
	mov eax, cr0			; kept to check the loader's hand-off
	mov [PHYS(boot_entry_cr0)], eax

	; CPUID exists when EFLAGS.ID can be toggled.
	pushfd
	pop eax
	mov ecx, eax
	xor eax, EFLAGS_ID
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	xor eax, ecx
	test eax, EFLAGS_ID
	jz .no_cpuid

	mov eax, 1
	cpuid
	test edx, CPUID_EDX_PAE
	jz .no_pae

	; boot_pd: 512 x 2 MiB = the first 1 GiB of physical memory.
	mov edi, boot_pd
	mov eax, PDE_2M
	mov ecx, 512
.fill_pd:
	mov [edi], eax
	mov dword [edi + 4], 0
	add eax, 0x200000
	add edi, 8
	dec ecx
	jnz .fill_pd

	; PDPT[0] (identity) and PDPT[3] (PAGE_OFFSET) share it; 1, 2 empty.
	mov edi, boot_pdpt
	xor eax, eax
	mov ecx, 8
	rep stosd
	mov eax, boot_pd + PDPTE_P
	mov [boot_pdpt], eax
	mov [boot_pdpt + 3 * 8], eax

	mov eax, cr4
	or eax, CR4_PAE
	mov cr4, eax
	mov eax, boot_pdpt
	mov cr3, eax
	mov eax, cr0
	or eax, CR0_PG | CR0_WP
	mov cr0, eax

	mov eax, higher_half
	jmp eax

.no_cpuid:
	mov esi, msg_no_cpuid
	jmp .fatal
.no_pae:
	mov esi, msg_no_pae
.fatal:
	call early_serial_init
.next_char:
	lodsb
	test al, al
	jz .exit
	call early_serial_putc
	jmp .next_char
.exit:
	mov dx, QEMU_EXIT_PORT
	mov al, QEMU_EXIT_NOPAE
	out dx, al
.halt:
	cli
	hlt
	jmp .halt

; COM1: 115200 baud, 8N1, FIFO on. Clobbers al, dx.
early_serial_init:
	mov dx, COM1 + 1
	mov al, 0x00			; no interrupts
	out dx, al
	mov dx, COM1 + 3
	mov al, 0x80			; divisor latch
	out dx, al
	mov dx, COM1 + 0
	mov al, 0x01			; 115200 / 1
	out dx, al
	mov dx, COM1 + 1
	mov al, 0x00
	out dx, al
	mov dx, COM1 + 3
	mov al, 0x03			; 8N1
	out dx, al
	mov dx, COM1 + 2
	mov al, 0xc7			; FIFO on, cleared
	out dx, al
	ret

; Write al to COM1 once the transmitter is empty. Clobbers dx, ah.
early_serial_putc:
	mov ah, al
	mov dx, COM1 + 5
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	mov al, ah
	mov dx, COM1
	out dx, al
	ret

; Readable with paging off, so in .boot too.
msg_no_pae:
	db "hm386: this CPU lacks PAE (CPUID.01h:EDX bit 6), which hm386 needs "
	db "for its 64-bit page tables. Use a PAE-capable CPU: Pentium Pro or "
	db "later (QEMU: -cpu qemu32, pentium3, max).", 13, 10, 0
msg_no_cpuid:
	db "hm386: this CPU has no CPUID instruction and so no PAE, which hm386 "
	db "needs for its 64-bit page tables. Use a PAE-capable CPU: Pentium Pro "
	db "or later (QEMU: -cpu qemu32, pentium3, max).", 13, 10, 0


; Paging is on: from here the code runs at its linked address.
section .text
higher_half:
	mov esp, boot_stack_top
	xor ebp, ebp			; the backtrace stops here
	push dword [boot_info_phys]
	push dword [boot_magic]
	extern kmain
	call kmain
.hang:
	cli
	hlt
	jmp .hang

section .data
global boot_magic, boot_info_phys, boot_entry_cr0
boot_magic:	dd 0
boot_info_phys:	dd 0
boot_entry_cr0:	dd 0

; The boot page tables, linked low like .boot, and freed with it once
; paging_init() has replaced them (free_boot_memory).
section .boot_bss nobits alloc write align=4096
global boot_pd, boot_pdpt
boot_pd:	resq 512
boot_pdpt:	resq 4

section .bss
; The boot stack, with a page below it that paging_init() leaves unmapped:
; running off the stack faults there instead of corrupting the page tables.
alignb 4096
global boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:
	resb 4096
boot_stack_bottom:
	resb 16384
boot_stack_top:
