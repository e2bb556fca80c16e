/* SPDX-License-Identifier: MIT */
/*
 * The ELF32 file header and program header (the System V ABI's i386
 * supplement): what the UEFI loader reads in hm386.elf and execve() reads
 * in a user program. Pure data; the readers check every field they use.
 */
#ifndef HM386_LIB_ELF_H
#define HM386_LIB_ELF_H

#include <types.h>

#define ELFMAG		"\177ELF"
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define ELFCLASS32	1
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define ET_DYN		3
#define EM_386		3

#define PT_LOAD		1
#define PT_INTERP	3
#define PT_PHDR		6
#define PT_GNU_STACK	0x6474e551	/* flags: may the stack execute? */
#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

struct elf32_ehdr {
	u8 ident[16];		/* magic, class, data, version, ... */
	u16 type;
	u16 machine;		/* at the same offset in 64-bit ELF */
	u32 version;
	u32 entry;
	u32 phoff;
	u32 shoff;
	u32 flags;
	u16 ehsize;
	u16 phentsize;
	u16 phnum;
	u16 shentsize;
	u16 shnum;
	u16 shstrndx;
} __packed;

struct elf32_phdr {
	u32 type;
	u32 offset;
	u32 vaddr;
	u32 paddr;
	u32 filesz;
	u32 memsz;
	u32 flags;
	u32 align;
} __packed;

#endif
