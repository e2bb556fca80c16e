// SPDX-License-Identifier: MIT
/*
 * PCI configuration space, mechanism #1: write the register's address to
 * 0xCF8 (bit 31 enable, bus, device, function, dword offset), then read or
 * write the dword at 0xCFC (or a byte/word of it at 0xCFC + offset % 4).
 * The two accesses must not interleave with another CPU's: one lock.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/pci.h>
#include <kernel/spinlock.h>

#define PCI_ENABLE	(1U << 31)
#define PCI_MAX_BUS	256
#define PCI_MAX_SLOT	32
#define PCI_MAX_FUNC	8

static DEFINE_SPINLOCK(pci_config_lock);

static u32 config_address(u8 bus, u8 slot, u8 func, u32 offset)
{
	return PCI_ENABLE | (u32)bus << 16 | (u32)slot << 11 |
	       (u32)func << 8 | (offset & 0xfc);
}

/* Read the dword holding @offset of (@bus, @slot, @func). */
static u32 read_dword(u8 bus, u8 slot, u8 func, u32 offset)
{
	u32 flags, v;

	spin_lock_irqsave(&pci_config_lock, flags);
	outl(PCI_CONFIG_ADDRESS, config_address(bus, slot, func, offset));
	v = inl(PCI_CONFIG_DATA);
	spin_unlock_irqrestore(&pci_config_lock, flags);
	return v;
}

u32 pci_read_config32(const struct pci_dev *dev, u32 offset)
{
	return read_dword(dev->bus, dev->slot, dev->func, offset);
}

u16 pci_read_config16(const struct pci_dev *dev, u32 offset)
{
	return (u16)(pci_read_config32(dev, offset) >> ((offset & 2) * 8));
}

u8 pci_read_config8(const struct pci_dev *dev, u32 offset)
{
	return (u8)(pci_read_config32(dev, offset) >> ((offset & 3) * 8));
}

void pci_write_config32(const struct pci_dev *dev, u32 offset, u32 value)
{
	u32 flags;

	spin_lock_irqsave(&pci_config_lock, flags);
	outl(PCI_CONFIG_ADDRESS, config_address(dev->bus, dev->slot, dev->func,
						offset));
	outl(PCI_CONFIG_DATA, value);
	spin_unlock_irqrestore(&pci_config_lock, flags);
}

void pci_write_config16(const struct pci_dev *dev, u32 offset, u16 value)
{
	u32 flags;

	spin_lock_irqsave(&pci_config_lock, flags);
	outl(PCI_CONFIG_ADDRESS, config_address(dev->bus, dev->slot, dev->func,
						offset));
	outw(PCI_CONFIG_DATA + (offset & 2), value);
	spin_unlock_irqrestore(&pci_config_lock, flags);
}

/* Fill @out for the function at (@bus, @slot, @func); false if absent. */
static bool probe_function(u8 bus, u8 slot, u8 func, struct pci_dev *out)
{
	u32 id = read_dword(bus, slot, func, PCI_VENDOR_ID);
	u32 class;

	if ((id & 0xffff) == 0xffff)
		return false;
	class = read_dword(bus, slot, func, PCI_CLASS_REVISION);
	*out = (struct pci_dev){
		.bus = bus, .slot = slot, .func = func,
		.vendor = (u16)id, .device = (u16)(id >> 16),
		.class = (u8)(class >> 24), .subclass = (u8)(class >> 16),
		.prog_if = (u8)(class >> 8),
	};
	return true;
}

bool pci_find_class(u8 class, u8 subclass, u32 index, struct pci_dev *out)
{
	struct pci_dev dev;
	u32 bus, slot, func, nfuncs;

	for (bus = 0; bus < PCI_MAX_BUS; bus++) {
		for (slot = 0; slot < PCI_MAX_SLOT; slot++) {
			if (!probe_function(bus, slot, 0, &dev))
				continue;
			nfuncs = pci_read_config8(&dev, PCI_HEADER_TYPE) &
				 PCI_HEADER_MULTIFUNC ? PCI_MAX_FUNC : 1;
			for (func = 0; func < nfuncs; func++) {
				if (!probe_function(bus, slot, func, &dev))
					continue;
				if (dev.class != class || dev.subclass != subclass)
					continue;
				if (index-- == 0) {
					*out = dev;
					return true;
				}
			}
		}
	}
	return false;
}

void pci_set_master(const struct pci_dev *dev)
{
	u16 cmd = pci_read_config16(dev, PCI_COMMAND);

	pci_write_config16(dev, PCI_COMMAND,
			   cmd | PCI_COMMAND_IO | PCI_COMMAND_MASTER);
}
