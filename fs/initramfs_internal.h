/* SPDX-License-Identifier: MIT */
/* The initramfs unpacker's entry for the self-tests (fs/initramfs.c). */
#ifndef HM386_FS_INITRAMFS_INTERNAL_H
#define HM386_FS_INITRAMFS_INTERNAL_H

#include <fs/initramfs.h>
#include <types.h>

/*
 * initramfs_unpack - unpack the newc archive(s) in the kernel buffer @buf
 * of @len bytes into the RAM filesystem, counting into @stats. Returns 0,
 * or -1 with the parser's one-line reason in @err (@errlen bytes); what
 * was unpacked before the damage stays. May sleep.
 */
int initramfs_unpack(const void *buf, u32 len, struct initramfs_stats *stats,
		     char *err, u32 errlen);

#endif
