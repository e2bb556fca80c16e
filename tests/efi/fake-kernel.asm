; A stand-in kernel for the UEFI loader's error tests (tests/matrix.py):
; an i386 ELF that is no kernel at all. Built twice by the Makefile:
;   -DMB2_HEADER, linked at 8 MiB + 64 KiB, inside the ACPI NVS that OVMF
;   reports at 8-24 MiB: the loader must refuse its segment;
;   without a header, linked at 2 MiB: the loader must refuse the file.
; It never runs; if it did, it would halt.

MB2_MAGIC	equ 0xE85250D6
MB2_ARCH_I386	equ 0

section .text
align 8
%ifdef MB2_HEADER
mb2_header:
	dd MB2_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd 0x100000000 - (MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	dw 0, 0				; end tag
	dd 8
mb2_header_end:
%endif

global _start
_start:
	cli
	hlt
	jmp _start
