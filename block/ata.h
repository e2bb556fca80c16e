/* SPDX-License-Identifier: MIT */
/*
 * The PIIX IDE (ATA) driver's insides (block/ata.c: probe, commands, PIO;
 * block/ata_dma.c: bus-master DMA). Register facts from the ATA/ATAPI
 * standard and Intel's PIIX data sheet (bus-master IDE registers).
 */
#ifndef HM386_BLOCK_ATA_H
#define HM386_BLOCK_ATA_H

#include <block/blkdev.h>
#include <kernel/mutex.h>
#include <kernel/wait.h>
#include <types.h>

/* The legacy ("compatibility mode") ports of the two channels. */
#define ATA_PRIMARY_CMD		0x1f0
#define ATA_PRIMARY_CTRL	0x3f6
#define ATA_SECONDARY_CMD	0x170
#define ATA_SECONDARY_CTRL	0x376

/* Command block registers, offsets from the channel's command base. */
#define ATA_REG_DATA		0	/* 16 bits */
#define ATA_REG_ERROR		1	/* read */
#define ATA_REG_FEATURE		1	/* write */
#define ATA_REG_NSECT		2
#define ATA_REG_LBAL		3
#define ATA_REG_LBAM		4
#define ATA_REG_LBAH		5
#define ATA_REG_DEVICE		6
#define ATA_REG_STATUS		7	/* read: also acknowledges the IRQ */
#define ATA_REG_CMD		7	/* write */
/* The control block register (alternate status / device control). */
#define ATA_CTL_NIEN		(1U << 1)	/* no interrupts */
#define ATA_CTL_SRST		(1U << 2)	/* software reset */

#define ATA_STATUS_ERR		(1U << 0)
#define ATA_STATUS_DRQ		(1U << 3)	/* data wants to move */
#define ATA_STATUS_DF		(1U << 5)	/* device fault */
#define ATA_STATUS_DRDY		(1U << 6)
#define ATA_STATUS_BSY		(1U << 7)

#define ATA_DEVICE_OBS		0xa0	/* bits 7 and 5: set on old disks */
#define ATA_DEVICE_LBA		(1U << 6)
#define ATA_DEVICE_SLAVE	(1U << 4)

#define ATA_CMD_READ_PIO	0x20
#define ATA_CMD_READ_PIO_EXT	0x24
#define ATA_CMD_READ_DMA_EXT	0x25
#define ATA_CMD_WRITE_PIO	0x30
#define ATA_CMD_WRITE_PIO_EXT	0x34
#define ATA_CMD_WRITE_DMA_EXT	0x35
#define ATA_CMD_READ_DMA	0xc8
#define ATA_CMD_WRITE_DMA	0xca
#define ATA_CMD_IDENTIFY	0xec

/* IDENTIFY DEVICE: 256 words; the ones we read. */
#define ATA_ID_WORDS		256
#define ATA_ID_MODEL		27	/* 20 words, two characters each */
#define ATA_ID_MODEL_LEN	40
#define ATA_ID_CAPABILITY	49	/* bit 9: LBA; bit 8: DMA */
#define ATA_ID_LBA28_SECTORS	60	/* 2 words */
#define ATA_ID_COMMAND_SET_2	83	/* bit 10: LBA48 */
#define ATA_ID_LBA48_SECTORS	100	/* 4 words */
#define ATA_ID_CAP_LBA		(1U << 9)
#define ATA_ID_CAP_DMA		(1U << 8)
#define ATA_ID_CMDSET2_LBA48	(1U << 10)

#define ATA_LBA28_LIMIT		(1ULL << 28)	/* sectors LBA28 addresses */
#define ATA_LBA28_MAX_NSECT	256		/* per command (0 means 256) */

/* Bus-master IDE registers (PIIX): 8 bytes per channel from BAR4. */
#define BM_REG_CMD		0
#define BM_REG_STATUS		2
#define BM_REG_PRDT		4	/* physical address of the PRD table */
#define BM_CHANNEL_STRIDE	8
#define BM_CMD_START		(1U << 0)
#define BM_CMD_TO_MEMORY	(1U << 3)	/* the device's data to RAM (a read) */
#define BM_STATUS_ACTIVE	(1U << 0)
#define BM_STATUS_ERROR		(1U << 1)
#define BM_STATUS_IRQ		(1U << 2)	/* write 1 to clear */

/* A physical region descriptor: one segment of a DMA transfer. */
struct ata_prd {
	u32 addr;		/* physical, 32 bits: below 4 GiB */
	u16 bytes;		/* 0 means 64 KiB */
	u16 flags;
} __packed;
#define ATA_PRD_EOT		0x8000	/* the table's last entry */

/* One IDE channel: two disks share its registers (and its lock). */
struct ata_channel {
	const char *name;	/* "primary", "secondary" */
	u16 cmd, ctrl;		/* command and control block ports */
	u16 bmdma;		/* bus-master registers; 0: none (PIO only) */
	u8 irq;			/* its legacy line: 14, 15 */
	bool irq_on;		/* its interrupts wake the waiting task */
	u32 irqs;		/* interrupts taken (the waiter's event) */
	struct wait_queue_head irq_wait;
	struct ata_prd *prd;	/* the PRD table: a lowmem page */
	struct mutex lock;	/* one command at a time on the channel */
};

struct ata_disk {
	struct block_device bdev;
	struct ata_channel *chan;
	bool slave;
	bool lba48;		/* the disk takes 48-bit commands */
	bool dma;		/* requests go by bus-master DMA */
};

#define ATA_TIMEOUT_MS		5000
#define ATA_SPIN_POLLS		2000	/* polls before the task sleeps */
#define ATA_IRQ_WAIT_MS		100	/* longest sleep without a re-check */

/*
 * ata_poll - call @done(@chan, @out) until it returns true: a short spin
 * (ATA_SPIN_POLLS polls, interrupts enabled), then the task sleeps between
 * polls: until the channel's next interrupt (at most ATA_IRQ_WAIT_MS: not
 * every state change interrupts), or a tick when its interrupts are off.
 * Returns 0, or -1 after ATA_TIMEOUT_MS (*@out as @done last left it).
 */
typedef bool (*ata_done_fn)(struct ata_channel *chan, u8 *out);
int ata_poll(struct ata_channel *chan, ata_done_fn done, u8 *out);

/*
 * ata_wait - ata_poll() until BSY clears in the alternate status (and,
 * when @want_drq, DRQ or an error shows). Returns 0 with the status in
 * *@status, or -1 on a timeout.
 */
int ata_wait(struct ata_channel *chan, bool want_drq, u8 *status);

/*
 * ata_issue - select @disk, load the task file for @nsect sectors at
 * @sector (48-bit registers when @lba48) and write @command.
 */
void ata_issue(struct ata_disk *disk, u64 sector, u32 nsect, bool lba48,
	       u8 command);

/*
 * ata_fail - log the failure of @op at @sector of @disk (device, sector,
 * cause; the error register when the status shows ERR) and reset the
 * channel, whose lock the caller holds. Returns -EIO.
 */
int ata_fail(struct ata_disk *disk, enum req_op op, u64 sector,
	     const char *cause, u8 status);

/* ata_dma_init - give @chan its PRD table; false when there is no memory. */
bool ata_dma_init(struct ata_channel *chan);

/* ata_dma_submit - run @bio on @disk by bus-master DMA, channel locked.
 * Every segment is below bdev.dma_limit (bounced). Returns 0 or -EIO. */
int ata_dma_submit(struct ata_disk *disk, struct bio *bio, bool lba48);

#endif
