// SPDX-License-Identifier: MIT
/*
 * The two 8259 PICs: remapped so that their lines do not collide with CPU
 * exceptions (IRQ 0-15 become vectors 32-47), then all masked. The timer
 * and the IPIs use the local APIC; the PIC delivers only the lines a driver
 * enables (the IDE channels' IRQ 14 and 15), to the boot CPU, whose LINT0
 * the firmware left in virtual-wire mode.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/trap.h>

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define ICW1_INIT_ICW4	0x11
#define ICW4_8086	0x01
#define PIC_CASCADE_IRQ	2	/* the slave's line on the master */

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

/* Clear @irq's bit in its PIC's mask register. */
static void pic_unmask(u32 irq)
{
	u16 port = irq < 8 ? PIC1_DATA : PIC2_DATA;

	outb(port, inb(port) & ~(1U << (irq & 7)));
}

void pic_enable_irq(u32 irq)
{
	u32 flags;

	local_irq_save(flags);
	if (irq >= 8)
		pic_unmask(PIC_CASCADE_IRQ);
	pic_unmask(irq);
	local_irq_restore(flags);
}
