/* SPDX-License-Identifier: MIT */
/*
 * The initramfs (fs/initramfs.c): the boot modules that are newc cpio
 * archives (-initrd for QEMU's -kernel, module2 in GRUB, initramfs.cpio
 * beside hm386.elf for hm386.efi) unpacked into the RAM filesystem, whose
 * file data lives in HighMem page-cache pages.
 */
#ifndef HM386_FS_INITRAMFS_H
#define HM386_FS_INITRAMFS_H

#include <types.h>

/*
 * initramfs_init - kmain step: unpack every boot module that is a newc
 * cpio archive into the RAM filesystem (path "/"), reading the module's
 * page frames through kmap_local_page() (a module may lie above the direct
 * map), then give its page frames to the page allocator
 * (free_reserved_pfns()). Prints what each module gave; a corrupt archive
 * gets one line naming the offset and the cause, and what was unpacked
 * before it stays. A module that is not a cpio archive is left alone.
 * Process context, interrupts on: it may sleep (after sched_init()).
 */
void initramfs_init(void);

/* What initramfs_init() did, for the self-tests and the report. */
struct initramfs_stats {
	u32 archives;		/* modules unpacked (corrupt ones included) */
	u32 modules;		/* bit i set: boot module i was one of them */
	u32 corrupt;		/* of those, refused somewhere */
	u32 files, dirs;	/* created */
	u32 skipped;		/* entries of other types (symlinks, devices) */
	u64 bytes;		/* file data written */
	u32 pages_freed;	/* module page frames given back */
};
extern struct initramfs_stats initramfs_stats;

#endif
