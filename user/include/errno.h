/* SPDX-License-Identifier: MIT */
/*
 * errno: the libc wrappers (unistd.h) return -1 and set it to the E... the
 * kernel returned (-errno in EAX); on success they leave it alone.
 */
#ifndef USER_ERRNO_H
#define USER_ERRNO_H

#include <uapi/hm386/errno.h>

extern int errno;

/* The name of error @err ("EFAULT"), or "E?" for one this libc lacks. */
const char *strerror(int err);

#endif
