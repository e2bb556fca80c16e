// SPDX-License-Identifier: MIT
/*
 * ATA disks on the PIIX IDE controller (QEMU's `-drive if=ide`): the PCI
 * function of class 01:01 gives the bus-master registers (BAR4); the two
 * channels answer at the legacy ports. Each channel is probed for a master
 * and a slave with IDENTIFY DEVICE; every ATA disk found becomes a block
 * device: hda, hdb (primary master, slave), hdc, hdd (secondary).
 *
 * A request is one command: 28-bit LBA while it fits below 2^28 sectors
 * and 256 sectors, else 48-bit. Data moves by bus-master DMA
 * (block/ata_dma.c; the device reaches 4 GiB, the block layer bounces the
 * rest) or, with ata=pio or without a bus master, by PIO: the CPU copies
 * each sector through the data register, each segment mapped with
 * kmap_local_page() for the copy.
 *
 * Waiting for the device: the task polls the alternate status (or the bus
 * master's) for a short spin, with interrupts enabled, which is where most
 * commands end under QEMU; then it sleeps until the channel's interrupt
 * (IRQ 14 or 15 through the 8259, unmasked once the channel has a disk)
 * and checks again. ata_irq=off sleeps a tick between polls instead.
 * Errors (ERR, a device fault, a timeout) end the request with -EIO and one
 * log line, and the channel is reset; never a panic.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/pci.h>
#include <arch/x86/trap.h>
#include <kernel/cmdline.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <lib/err.h>
#include <lib/string.h>
#include <mm/highmem.h>
#include "block/ata.h"
#include "block/block_internal.h"

#define PCI_CLASS_STORAGE	0x01
#define PCI_SUBCLASS_IDE	0x01
#define PCI_IDE_PRIMARY_NATIVE	(1U << 0)	/* prog-if bits */
#define PCI_IDE_SECONDARY_NATIVE (1U << 2)
#define PCI_IDE_BUS_MASTER	(1U << 7)
#define PCI_IDE_BMDMA_BAR	4

#define ATA_MAX_DISKS		4
#define ATA_PRIMARY_IRQ		14	/* compatibility mode's lines */
#define ATA_SECONDARY_IRQ	15

static char ata_mode[8] = "dma";
KERNEL_PARAM_STRING(ata, ata_mode,
		    "how ATA disks move data: dma (bus master, the default "
		    "when there is one) or pio");

static bool ata_irq = true;
KERNEL_PARAM(ata_irq, KPARAM_BOOL, &ata_irq,
	     "ATA disks' interrupts wake the waiting task (off: it polls, "
	     "sleeping a tick between polls)");

static struct ata_channel channels[2] = {
	{ .name = "primary", .cmd = ATA_PRIMARY_CMD, .ctrl = ATA_PRIMARY_CTRL,
	  .irq = ATA_PRIMARY_IRQ },
	{ .name = "secondary", .cmd = ATA_SECONDARY_CMD,
	  .ctrl = ATA_SECONDARY_CTRL, .irq = ATA_SECONDARY_IRQ },
};
static struct ata_disk disks[ATA_MAX_DISKS];

static u8 alt_status(struct ata_channel *chan)
{
	return inb(chan->ctrl);
}

int ata_poll(struct ata_channel *chan, ata_done_fn done, u8 *out)
{
	u64 deadline = boot_time_ns() + (u64)ATA_TIMEOUT_MS * 1000000;
	u32 polls, seen;

	for (polls = 0;; polls++) {
		/* Read before the check: an interrupt after it ends the sleep. */
		seen = __atomic_load_n(&chan->irqs, __ATOMIC_ACQUIRE);
		if (done(chan, out))
			return 0;
		if (boot_time_ns() > deadline)
			return -1;
		if (polls < ATA_SPIN_POLLS)
			cpu_relax();
		else if (chan->irq_on)
			wait_event_timeout(chan->irq_wait,
					   __atomic_load_n(&chan->irqs,
							   __ATOMIC_ACQUIRE) != seen,
					   ATA_IRQ_WAIT_MS);
		else
			msleep(1);
	}
}

/*
 * A channel's interrupt: the device finished a command or has a sector
 * ready. Reading the status register acknowledges it (the line drops);
 * the waiting task rechecks the state itself.
 */
static void ata_interrupt(struct ata_channel *chan)
{
	inb(chan->cmd + ATA_REG_STATUS);
	__atomic_add_fetch(&chan->irqs, 1, __ATOMIC_RELEASE);
	wake_up(&chan->irq_wait);
}

static void ata_primary_interrupt(struct trap_frame *tf)
{
	ata_interrupt(&channels[0]);
}

static void ata_secondary_interrupt(struct trap_frame *tf)
{
	ata_interrupt(&channels[1]);
}

static const interrupt_handler_t ata_handlers[2] = {
	ata_primary_interrupt, ata_secondary_interrupt,
};

/* ata_poll() conditions on the alternate status (which, unlike the status
 * register, does not acknowledge an interrupt). */
static bool not_busy(struct ata_channel *chan, u8 *status)
{
	*status = alt_status(chan);
	return !(*status & ATA_STATUS_BSY);
}

static bool data_or_error(struct ata_channel *chan, u8 *status)
{
	return not_busy(chan, status) &&
	       *status & (ATA_STATUS_DRQ | ATA_STATUS_ERR | ATA_STATUS_DF);
}

int ata_wait(struct ata_channel *chan, bool want_drq, u8 *status)
{
	return ata_poll(chan, want_drq ? data_or_error : not_busy, status);
}

/* The 400 ns a device may take to show its status after a select: four
 * reads of the alternate status. */
static void ata_delay400(struct ata_channel *chan)
{
	u32 i;

	for (i = 0; i < 4; i++)
		alt_status(chan);
}

static void ata_select(struct ata_disk *disk, u8 lba_high_bits)
{
	outb(disk->chan->cmd + ATA_REG_DEVICE, ATA_DEVICE_OBS | ATA_DEVICE_LBA |
	     (disk->slave ? ATA_DEVICE_SLAVE : 0) | lba_high_bits);
	ata_delay400(disk->chan);
}

void ata_issue(struct ata_disk *disk, u64 sector, u32 nsect, bool lba48,
	       u8 command)
{
	u16 cmd = disk->chan->cmd;

	if (lba48) {
		/* Each register is a two-deep FIFO: high bytes first. */
		ata_select(disk, 0);
		outb(cmd + ATA_REG_NSECT, (u8)(nsect >> 8));
		outb(cmd + ATA_REG_LBAL, (u8)(sector >> 24));
		outb(cmd + ATA_REG_LBAM, (u8)(sector >> 32));
		outb(cmd + ATA_REG_LBAH, (u8)(sector >> 40));
	} else {
		ata_select(disk, (u8)((sector >> 24) & 0x0f));
	}
	outb(cmd + ATA_REG_NSECT, (u8)nsect);
	outb(cmd + ATA_REG_LBAL, (u8)sector);
	outb(cmd + ATA_REG_LBAM, (u8)(sector >> 8));
	outb(cmd + ATA_REG_LBAH, (u8)(sector >> 16));
	outb(cmd + ATA_REG_CMD, command);
}

/* Software reset of @chan: both its devices return to their defaults. */
static void ata_reset(struct ata_channel *chan)
{
	u8 status;

	outb(chan->ctrl, ATA_CTL_SRST);
	ata_delay400(chan);
	outb(chan->ctrl, 0);
	ata_wait(chan, false, &status);
}

int ata_fail(struct ata_disk *disk, enum req_op op, u64 sector,
	     const char *cause, u8 status)
{
	u8 error = status & ATA_STATUS_ERR ?
		   inb(disk->chan->cmd + ATA_REG_ERROR) : 0;

	pr_err("ata: %s: %s at sector %llu failed: %s (status 0x%02x, "
	       "error 0x%02x)\n", disk->bdev.name,
	       op == REQ_OP_WRITE ? "write" : "read", sector, cause, status,
	       error);
	ata_reset(disk->chan);
	return -EIO;
}

/* The cause an ended command's @status reports, or NULL when it is fine. */
static const char *status_error(u8 status)
{
	if (status & ATA_STATUS_DF)
		return "device fault";
	if (status & ATA_STATUS_ERR)
		return "device error";
	return NULL;
}

/*
 * Move the sectors of @bio one at a time through the data register. Each
 * segment is mapped with kmap_local_page() while its sectors move; the
 * task may sleep in ata_wait() with it mapped.
 */
static int ata_pio_submit(struct ata_disk *disk, struct bio *bio, bool lba48,
			  u32 nsect)
{
	struct ata_channel *chan = disk->chan;
	bool write = bio->op == REQ_OP_WRITE;
	const char *cause = NULL;
	u8 status = 0;
	u32 i, off;

	ata_issue(disk, bio->sector, nsect, lba48, write ?
		  (lba48 ? ATA_CMD_WRITE_PIO_EXT : ATA_CMD_WRITE_PIO) :
		  (lba48 ? ATA_CMD_READ_PIO_EXT : ATA_CMD_READ_PIO));
	for (i = 0; i < bio->vcnt && !cause; i++) {
		const struct bio_vec *v = &bio->vec[i];
		char *addr = kmap_local_page(v->page);

		for (off = v->offset; off < v->offset + v->len; off += SECTOR_SIZE) {
			if (ata_wait(chan, true, &status)) {
				cause = "timed out";
				break;
			}
			cause = status_error(status);
			if (!cause && !(status & ATA_STATUS_DRQ))
				cause = "no data request";
			if (cause)
				break;
			if (write)
				outsw(chan->cmd + ATA_REG_DATA, addr + off,
				      SECTOR_SIZE / 2);
			else
				insw(chan->cmd + ATA_REG_DATA, addr + off,
				     SECTOR_SIZE / 2);
		}
		kunmap_local(addr);
	}
	/* After the last sector the device ends the command. */
	if (!cause && ata_wait(chan, false, &status))
		cause = "timed out";
	if (!cause) {
		status = inb(chan->cmd + ATA_REG_STATUS);
		cause = status_error(status);
	}
	if (cause)
		return ata_fail(disk, bio->op, bio->sector, cause, status);
	return 0;
}

static int ata_submit(struct block_device *bdev, struct bio *bio)
{
	struct ata_disk *disk = bdev->driver_data;
	u32 nsect = 0, i;
	bool lba48;
	int err;

	for (i = 0; i < bio->vcnt; i++)
		nsect += bio->vec[i].len / SECTOR_SIZE;
	lba48 = bio->sector + nsect > ATA_LBA28_LIMIT ||
		nsect > ATA_LBA28_MAX_NSECT;
	mutex_lock(&disk->chan->lock);
	if (lba48 && !disk->lba48)
		err = ata_fail(disk, bio->op, bio->sector,
			       "needs 48-bit LBA, which the disk lacks", 0);
	else if (disk->dma)
		err = ata_dma_submit(disk, bio, lba48);
	else
		err = ata_pio_submit(disk, bio, lba48, nsect);
	mutex_unlock(&disk->chan->lock);
	return err;
}

static const struct block_device_ops ata_ops = {
	.submit = ata_submit,
};

/* The model string of @id: byte pairs swapped, trailing blanks cut. */
static void id_model(const u16 *id, char *model)
{
	int i;

	for (i = 0; i < ATA_ID_MODEL_LEN / 2; i++) {
		model[2 * i] = (char)(id[ATA_ID_MODEL + i] >> 8);
		model[2 * i + 1] = (char)id[ATA_ID_MODEL + i];
	}
	for (i = ATA_ID_MODEL_LEN; i > 0 && model[i - 1] == ' '; i--)
		;
	model[i] = '\0';
}

/*
 * IDENTIFY DEVICE on @disk (its chan and slave set) into @id. False when
 * nothing answers, or the device is not an ATA disk (an ATAPI CD-ROM
 * aborts the command and shows its signature in LBA mid/high).
 */
static bool ata_identify(struct ata_disk *disk, u16 *id)
{
	struct ata_channel *chan = disk->chan;
	u8 status;

	ata_select(disk, 0);
	outb(chan->cmd + ATA_REG_NSECT, 0);
	outb(chan->cmd + ATA_REG_LBAL, 0);
	outb(chan->cmd + ATA_REG_LBAM, 0);
	outb(chan->cmd + ATA_REG_LBAH, 0);
	outb(chan->cmd + ATA_REG_CMD, ATA_CMD_IDENTIFY);
	status = inb(chan->cmd + ATA_REG_STATUS);
	if (status == 0 || status == 0xff)	/* no device, or no bus */
		return false;
	if (ata_wait(chan, false, &status))
		return false;
	if (inb(chan->cmd + ATA_REG_LBAM) || inb(chan->cmd + ATA_REG_LBAH))
		return false;
	if (ata_wait(chan, true, &status) || !(status & ATA_STATUS_DRQ) ||
	    status & ATA_STATUS_ERR)
		return false;
	insw(chan->cmd + ATA_REG_DATA, id, ATA_ID_WORDS);
	inb(chan->cmd + ATA_REG_STATUS);
	return true;
}

/* Probe the master or slave (@unit) of @chan; register it if a disk
 * (and say so). */
static bool ata_probe(struct ata_channel *chan, u32 chan_index, u32 unit,
		      bool want_dma)
{
	static u16 id[ATA_ID_WORDS];	/* boot-time probe: one at a time */
	struct ata_disk *disk = &disks[chan_index * 2 + unit];
	struct block_device *bdev = &disk->bdev;
	u32 lba28;
	u64 lba48;

	disk->chan = chan;
	disk->slave = unit;
	if (!ata_identify(disk, id))
		return false;
	if (!(id[ATA_ID_CAPABILITY] & ATA_ID_CAP_LBA)) {
		pr_warn("ata: %s %s: a disk without LBA: ignored\n", chan->name,
			unit ? "slave" : "master");
		return false;
	}
	lba28 = id[ATA_ID_LBA28_SECTORS] | (u32)id[ATA_ID_LBA28_SECTORS + 1] << 16;
	lba48 = 0;
	disk->lba48 = id[ATA_ID_COMMAND_SET_2] & ATA_ID_CMDSET2_LBA48;
	if (disk->lba48)
		lba48 = id[ATA_ID_LBA48_SECTORS] |
			(u64)id[ATA_ID_LBA48_SECTORS + 1] << 16 |
			(u64)id[ATA_ID_LBA48_SECTORS + 2] << 32 |
			(u64)id[ATA_ID_LBA48_SECTORS + 3] << 48;
	disk->dma = want_dma && chan->bmdma && (id[ATA_ID_CAPABILITY] & ATA_ID_CAP_DMA);

	bdev->name[0] = 'h';
	bdev->name[1] = 'd';
	bdev->name[2] = (char)('a' + chan_index * 2 + unit);
	bdev->name[3] = '\0';
	bdev->devt = MKDEV(chan_index ? IDE1_MAJOR : IDE0_MAJOR, unit * 64);
	bdev->nr_sectors = disk->lba48 && lba48 > lba28 ? lba48 : lba28;
	/* A PRD holds a 32-bit address; PIO reaches any page. */
	bdev->dma_limit = disk->dma ? 1ULL << 32 : PHYS_ADDR_MAX;
	id_model(id, bdev->model);
	bdev->mode = disk->dma ? "bus-master DMA" : "PIO";
	bdev->ops = &ata_ops;
	bdev->driver_data = disk;
	pr_info("ata: %s: %s %s, LBA28 %u sectors, LBA48 %s%llu sectors\n",
		bdev->name, chan->name, unit ? "slave" : "master", lba28,
		disk->lba48 ? "" : "unsupported, ", lba48);
	blkdev_register(bdev);
	return true;
}

/* Let @chan's interrupts wake its waiters (compatibility mode only). */
static void ata_enable_irq(struct ata_channel *chan, u32 chan_index)
{
	if (!ata_irq || !chan->irq)
		return;
	set_interrupt_handler(IRQ_BASE + chan->irq, ata_handlers[chan_index]);
	pic_enable_irq(chan->irq);
	chan->irq_on = true;
	pr_info("ata: %s channel: IRQ %u\n", chan->name, chan->irq);
}

/* The PIIX's PCI function: the bus-master base, native-mode ports. */
static void ata_find_controller(void)
{
	struct pci_dev dev;
	u32 bar, i;

	if (!pci_find_class(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE, 0, &dev)) {
		pr_info("ata: no PCI IDE controller: legacy ports, PIO\n");
		return;
	}
	for (i = 0; i < 2; i++) {
		if (!(dev.prog_if & (i ? PCI_IDE_SECONDARY_NATIVE :
				     PCI_IDE_PRIMARY_NATIVE)))
			continue;
		/* Native mode: the ports come from BAR0/1 (BAR2/3), and the
		 * interrupt is the PCI line's, which hm386 does not route:
		 * such a channel polls. */
		channels[i].irq = 0;
		channels[i].cmd = (u16)(pci_read_config32(&dev, PCI_BAR0 + 8 * i) &
					PCI_BAR_IO_MASK);
		channels[i].ctrl = (u16)((pci_read_config32(&dev, PCI_BAR0 + 8 * i + 4) &
					  PCI_BAR_IO_MASK) + 2);
	}
	bar = pci_read_config32(&dev, PCI_BAR0 + 4 * PCI_IDE_BMDMA_BAR);
	if (!(dev.prog_if & PCI_IDE_BUS_MASTER) || !(bar & PCI_BAR_IO) ||
	    !(bar & PCI_BAR_IO_MASK)) {
		pr_info("ata: PCI IDE %04x:%04x at %02x:%02x.%u without a bus "
			"master: PIO\n", dev.vendor, dev.device, dev.bus,
			dev.slot, dev.func);
		return;
	}
	pci_set_master(&dev);
	for (i = 0; i < 2; i++) {
		channels[i].bmdma = (u16)((bar & PCI_BAR_IO_MASK) +
					  i * BM_CHANNEL_STRIDE);
		if (!ata_dma_init(&channels[i]))
			channels[i].bmdma = 0;
	}
	pr_info("ata: PCI IDE %04x:%04x at %02x:%02x.%u, bus master at port "
		"0x%x\n", dev.vendor, dev.device, dev.bus, dev.slot, dev.func,
		bar & PCI_BAR_IO_MASK);
}

void ata_init(void)
{
	bool want_dma = true;
	u32 c;

	if (!strcmp(ata_mode, "pio")) {
		want_dma = false;
	} else if (strcmp(ata_mode, "dma")) {
		pr_warn("ata: ata=%s is neither pio nor dma: using dma\n",
			ata_mode);
	}
	ata_find_controller();
	for (c = 0; c < 2; c++) {
		struct ata_channel *chan = &channels[c];

		bool found;

		mutex_init(&chan->lock, chan->name);
		init_waitqueue_head(&chan->irq_wait);
		if (inb(chan->ctrl) == 0xff)	/* nothing on this bus */
			continue;
		outb(chan->ctrl, 0);		/* the device interrupts (nIEN
						   clear): the bus master's
						   status shows it too */
		found = ata_probe(chan, c, 0, want_dma);
		found |= ata_probe(chan, c, 1, want_dma);
		if (found)
			ata_enable_irq(chan, c);
	}
}
