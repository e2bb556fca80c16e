/* SPDX-License-Identifier: MIT */
/*
 * Error pointers, as in Linux: a function that returns a pointer returns
 * ERR_PTR(-ENOENT) and so on for an error; the last 4095 addresses are
 * never valid kernel pointers.
 */
#ifndef HM386_LIB_ERR_H
#define HM386_LIB_ERR_H

#include <types.h>
#include <uapi/hm386/errno.h>

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return (unsigned long)ptr >= (unsigned long)-MAX_ERRNO;
}

static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR(ptr);
}

#endif
