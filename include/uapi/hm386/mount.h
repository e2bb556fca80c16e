/* SPDX-License-Identifier: MIT */
/*
 * mount(2) and umount2(2): the flags hm386 understands, Linux's values
 * (include/uapi/linux/mount.h and fs.h). Other mount flags are refused
 * with -EINVAL rather than silently ignored.
 */
#ifndef HM386_UAPI_MOUNT_H
#define HM386_UAPI_MOUNT_H

#define MS_RDONLY	1	/* mount(): read-only */

#define MNT_FORCE	1	/* umount2(): not supported: -EINVAL */
#define MNT_DETACH	2	/* umount2(): not supported: -EINVAL */

#endif
