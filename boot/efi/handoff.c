// SPDX-License-Identifier: MIT
/*
 * The jump into the kernel, in the machine state the multiboot2
 * specification promises an i386 kernel: 32-bit protected mode, CS a flat
 * code segment, the other segment registers a flat data segment, paging
 * and interrupts off, EAX the magic and EBX the information's address.
 * UEFI on ia32 already runs flat, possibly with paging on (identity map):
 * this code is identity-mapped, so paging can go off under it.
 */
#include <boot/multiboot.h>

#include "loader.h"

#define GDT_CODE	0x08
#define GDT_DATA	0x10
#define CR0_PG		(1U << 31)

/* Null, flat 4 GiB code (execute/read), flat 4 GiB data (read/write). */
static const u64 gdt[3] __aligned(8) = {
	0, 0x00cf9a000000ffffULL, 0x00cf92000000ffffULL,
};

static struct {
	u16 limit;
	u32 base;
} __packed gdtr;

void __noreturn enter_kernel(u32 entry, u32 mbi)
{
	gdtr.limit = sizeof(gdt) - 1;
	gdtr.base = (u32)(UINTN)gdt;
	/*
	 * The far return reloads CS position-independently: this code runs
	 * wherever the firmware placed the loader.
	 */
	asm volatile("cli\n\t"
		     "lgdt (%[gdtr])\n\t"
		     "call 1f\n"
		     "1:\tpop %%ecx\n\t"
		     "add $(2f - 1b), %%ecx\n\t"
		     "push %[code]\n\t"
		     "push %%ecx\n\t"
		     "lret\n"
		     "2:\tmov %[data], %%ecx\n\t"
		     "mov %%ecx, %%ds\n\t"
		     "mov %%ecx, %%es\n\t"
		     "mov %%ecx, %%fs\n\t"
		     "mov %%ecx, %%gs\n\t"
		     "mov %%ecx, %%ss\n\t"
		     "mov %%cr0, %%ecx\n\t"
		     "and %[no_pg], %%ecx\n\t"
		     "mov %%ecx, %%cr0\n\t"
		     "jmp *%%edx"
		     :
		     : [gdtr] "S"(&gdtr), [code] "i"(GDT_CODE),
		       [data] "i"(GDT_DATA), [no_pg] "i"(~CR0_PG),
		       "a"(MULTIBOOT2_BOOTLOADER_MAGIC), "b"(mbi), "d"(entry)
		     : "ecx", "memory");
	__builtin_unreachable();
}
