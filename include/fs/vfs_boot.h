/* SPDX-License-Identifier: MIT */
/*
 * The file systems' part of booting and of leaving (fs/dev.c,
 * fs/mount_dev.c).
 */
#ifndef HM386_FS_VFS_BOOT_H
#define HM386_FS_VFS_BOOT_H

/*
 * vfs_boot - kmain step, after the block devices registered and the
 * initramfs was unpacked: make /dev with a node per block device, then
 * mount root= (with rootfstype=, ro) at /mnt. A failure is one line naming
 * the cause; the boot goes on. Process context: may sleep.
 */
void vfs_boot(void);

/*
 * vfs_umount_all - before the machine stops (PID 1 exited, the monitor's
 * halt): unmount every mounted file system, the last mounted first, as
 * umount2() would, so that nothing written is lost and each disk is left
 * clean. A busy one is written back and left mounted, with one line. May
 * sleep.
 */
void vfs_umount_all(void);

#endif
