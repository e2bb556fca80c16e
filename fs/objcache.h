/* SPDX-License-Identifier: MIT */
/*
 * Small fixed-size objects for the fs layer (fs/objcache.c): inodes, open
 * files, descriptor tables, pipes. Each cache carves lowmem pages
 * (GFP_KERNEL) into objects of one size, and gives a page back to its zone
 * as soon as its last object is freed, so that the zones' free counts
 * return to where they were when every object is gone.
 */
#ifndef HM386_FS_OBJCACHE_H
#define HM386_FS_OBJCACHE_H

#include <kernel/spinlock.h>
#include <lib/list.h>
#include <types.h>

struct obj_cache {
	const char *name;
	u32 size;			/* bytes per object, rounded up to 8 */
	spinlock_t lock;
	struct list_head partial;	/* pages with a free object */
	u32 objects;			/* in use */
	u32 pages;			/* held */
};

#define OBJ_CACHE_INIT(var, oname, type) {				\
	.name = oname, .size = ALIGN_UP(sizeof(type), 8),		\
	.lock = SPINLOCK_INIT(oname),					\
	.partial = LIST_HEAD_INIT((var).partial) }

/* obj_alloc - a zeroed object of @c, or NULL when lowmem is short. Any
 * context that may allocate pages (it never sleeps). */
void *obj_alloc(struct obj_cache *c);

/* obj_free - give back what obj_alloc(@c) returned (NULL: nothing). */
void obj_free(struct obj_cache *c, void *obj);

#endif
