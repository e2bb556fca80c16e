/* SPDX-License-Identifier: MIT */
/*
 * PCI configuration space through configuration mechanism #1 (arch/x86/
 * pci.c): the address of a register (bus, device, function, offset) goes
 * to port 0xCF8, its value comes and goes through port 0xCFC. Enough to
 * find a controller by its class, read its BARs and turn on bus mastering.
 * No resource assignment: the firmware (SeaBIOS, OVMF) has done it.
 */
#ifndef HM386_ARCH_X86_PCI_H
#define HM386_ARCH_X86_PCI_H

#include <types.h>

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc

/* Registers of the configuration header (type 0). */
#define PCI_VENDOR_ID		0x00	/* 16 bits; 0xffff: no function */
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04	/* 16 bits */
#define PCI_CLASS_REVISION	0x08	/* class, subclass, prog-if, revision */
#define PCI_HEADER_TYPE		0x0e	/* bit 7: a multi-function device */
#define PCI_BAR0		0x10	/* BARn at PCI_BAR0 + 4 * n */
#define PCI_INTERRUPT_LINE	0x3c

#define PCI_COMMAND_IO		(1U << 0)	/* decode its I/O BARs */
#define PCI_COMMAND_MEMORY	(1U << 1)
#define PCI_COMMAND_MASTER	(1U << 2)	/* may start DMA */
#define PCI_BAR_IO		(1U << 0)	/* an I/O BAR (else memory) */
#define PCI_BAR_IO_MASK		0xfffffffcU
#define PCI_HEADER_MULTIFUNC	0x80

/* One function found on a bus. */
struct pci_dev {
	u8 bus, slot, func;
	u16 vendor, device;
	u8 class, subclass, prog_if;
};

/*
 * pci_read_config32/16/8, pci_write_config32/16 - the configuration
 * register at @offset of @dev (offset aligned to the access size). Any
 * context; the address/data pair is guarded by a lock.
 */
u32 pci_read_config32(const struct pci_dev *dev, u32 offset);
u16 pci_read_config16(const struct pci_dev *dev, u32 offset);
u8 pci_read_config8(const struct pci_dev *dev, u32 offset);
void pci_write_config32(const struct pci_dev *dev, u32 offset, u32 value);
void pci_write_config16(const struct pci_dev *dev, u32 offset, u16 value);

/*
 * pci_find_class - the @index-th function (0 first, in bus/slot/function
 * order) whose class and subclass are @class and @subclass, into @out.
 * Returns false when there are not that many.
 */
bool pci_find_class(u8 class, u8 subclass, u32 index, struct pci_dev *out);

/* pci_set_master - let @dev start DMA (and decode its I/O BARs). */
void pci_set_master(const struct pci_dev *dev);

#endif
