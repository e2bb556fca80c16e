// SPDX-License-Identifier: MIT
/*
 * The two 8259 PICs: remapped so that their lines do not collide with CPU
 * exceptions (IRQ 0-15 become vectors 32-47), then all masked. Later steps
 * use the local APIC; the PIC only has to stay quiet.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/trap.h>

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define ICW1_INIT_ICW4	0x11
#define ICW4_8086	0x01

void pic_init(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	io_wait();
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	io_wait();
	outb(PIC1_DATA, IRQ_BASE);		/* ICW2: vector base */
	io_wait();
	outb(PIC2_DATA, IRQ_BASE + 8);
	io_wait();
	outb(PIC1_DATA, 1 << 2);		/* ICW3: slave on line 2 */
	io_wait();
	outb(PIC2_DATA, 2);			/* ICW3: slave identity */
	io_wait();
	outb(PIC1_DATA, ICW4_8086);
	io_wait();
	outb(PIC2_DATA, ICW4_8086);
	io_wait();
	outb(PIC1_DATA, 0xff);			/* mask everything */
	outb(PIC2_DATA, 0xff);
}
