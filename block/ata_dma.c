// SPDX-License-Identifier: MIT
/*
 * Bus-master DMA on the PIIX IDE: the driver writes a table of physical
 * region descriptors (PRDs), one per segment of the request, and the
 * controller moves the bytes between the disk and those physical
 * addresses with no CPU copy. A PRD holds a 32-bit address, so a device
 * reaches only the first 4 GiB; the block layer has already bounced every
 * segment above the device's dma_limit (block/bounce.c).
 *
 * The device's address lines end at its dma_limit: the PRD gets the
 * segment's address modulo the limit, as the address bits a narrower
 * device lacks are lost (at 4 GiB, the PRD's 32 bits do exactly that).
 * With the bounce on this changes nothing; with bounce_skip set, it shows
 * what the device then does: it reads or writes another page.
 */
#include <arch/x86/cpu.h>
#include <kernel/printk.h>
#include <mm/gfp.h>
#include <mm/page.h>
#include "block/ata.h"

bool ata_dma_init(struct ata_channel *chan)
{
	u32 table = __get_free_pages(GFP_KERNEL, 0);

	if (!table) {
		pr_err("ata: %s: no page for the PRD table: PIO\n", chan->name);
		return false;
	}
	chan->prd = (struct ata_prd *)table;
	return true;
}

/* The PRD table's physical address: a lowmem page, below 4 GiB. */
static u32 prd_table_phys(const struct ata_channel *chan)
{
	return (u32)page_to_phys(virt_to_page(chan->prd));
}

/* The address @phys as a device with a @limit-byte address space sees it. */
static u32 device_address(phys_addr_t phys, phys_addr_t limit)
{
	return (u32)(phys & (limit - 1));
}

/* ata_poll() condition: the transfer has ended (or failed): the
 * controller raised its interrupt, or stopped with the device not busy.
 * *@bm_status: the bus-master status. */
static bool dma_done(struct ata_channel *chan, u8 *bm_status)
{
	u8 bm = inb(chan->bmdma + BM_REG_STATUS);

	*bm_status = bm;
	return bm & (BM_STATUS_IRQ | BM_STATUS_ERROR) ||
	       (!(bm & BM_STATUS_ACTIVE) && !(inb(chan->ctrl) & ATA_STATUS_BSY));
}

int ata_dma_submit(struct ata_disk *disk, struct bio *bio, bool lba48)
{
	struct ata_channel *chan = disk->chan;
	bool write = bio->op == REQ_OP_WRITE;
	u8 dir = write ? 0 : BM_CMD_TO_MEMORY;
	u8 bm, status;
	u32 i, nsect = 0;

	for (i = 0; i < bio->vcnt; i++) {
		const struct bio_vec *v = &bio->vec[i];

		chan->prd[i].addr = device_address(page_to_phys(v->page) + v->offset,
						   disk->bdev.dma_limit);
		chan->prd[i].bytes = (u16)v->len;
		chan->prd[i].flags = i + 1 == bio->vcnt ? ATA_PRD_EOT : 0;
		nsect += v->len / SECTOR_SIZE;
	}
	outb(chan->bmdma + BM_REG_CMD, 0);
	outl(chan->bmdma + BM_REG_PRDT, prd_table_phys(chan));
	outb(chan->bmdma + BM_REG_STATUS, inb(chan->bmdma + BM_REG_STATUS) |
	     BM_STATUS_IRQ | BM_STATUS_ERROR);
	outb(chan->bmdma + BM_REG_CMD, dir);
	ata_issue(disk, bio->sector, nsect, lba48, write ?
		  (lba48 ? ATA_CMD_WRITE_DMA_EXT : ATA_CMD_WRITE_DMA) :
		  (lba48 ? ATA_CMD_READ_DMA_EXT : ATA_CMD_READ_DMA));
	outb(chan->bmdma + BM_REG_CMD, dir | BM_CMD_START);

	if (ata_poll(chan, dma_done, &bm)) {
		outb(chan->bmdma + BM_REG_CMD, 0);
		return ata_fail(disk, bio->op, bio->sector, "DMA timed out",
				inb(chan->ctrl));
	}
	outb(chan->bmdma + BM_REG_CMD, 0);
	if (ata_wait(chan, false, &status))
		return ata_fail(disk, bio->op, bio->sector, "timed out", status);
	status = inb(chan->cmd + ATA_REG_STATUS);	/* acknowledges the IRQ */
	outb(chan->bmdma + BM_REG_STATUS, bm | BM_STATUS_IRQ | BM_STATUS_ERROR);
	if (status & ATA_STATUS_DF)
		return ata_fail(disk, bio->op, bio->sector, "device fault", status);
	if (status & ATA_STATUS_ERR)
		return ata_fail(disk, bio->op, bio->sector, "device error", status);
	if (bm & BM_STATUS_ERROR)
		return ata_fail(disk, bio->op, bio->sector,
				"bus-master DMA error", status);
	return 0;
}
