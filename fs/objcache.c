// SPDX-License-Identifier: MIT
/*
 * Fixed-size object caches (fs/objcache.h). A page of a cache starts with
 * a small header (its cache, its free list, how many objects are out) and
 * holds as many objects as fit after it; the header is found from an
 * object by rounding its address down to the page.
 */
#include "fs/objcache.h"
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/gfp.h>

struct obj_page {
	struct obj_cache *cache;
	struct list_head link;		/* on cache->partial while not full */
	void *free;			/* first free object; each holds the next */
	u32 inuse;
};

static u32 first_offset(void)
{
	return ALIGN_UP(sizeof(struct obj_page), 8);
}

/* A fresh page with every object on its free list, or NULL. */
static struct obj_page *obj_page_new(struct obj_cache *c)
{
	struct obj_page *op = (void *)__get_free_pages(GFP_KERNEL, 0);
	void **link;

	if (!op)
		return NULL;
	op->cache = c;
	op->inuse = 0;
	link = &op->free;
	for (u32 off = first_offset(); off + c->size <= PAGE_SIZE; off += c->size) {
		*link = (u8 *)op + off;
		link = (void **)*link;
	}
	*link = NULL;
	return op;
}

void *obj_alloc(struct obj_cache *c)
{
	struct obj_page *op = NULL;
	void *obj;
	u32 flags;

	BUG_ON(c->size < sizeof(void *) || c->size > PAGE_SIZE - first_offset());
	spin_lock_irqsave(&c->lock, flags);
	if (list_empty(&c->partial)) {
		spin_unlock_irqrestore(&c->lock, flags);
		op = obj_page_new(c);
		if (!op)
			return NULL;
		spin_lock_irqsave(&c->lock, flags);
		list_add(&op->link, &c->partial);
		c->pages++;
	}
	op = list_entry(c->partial.next, struct obj_page, link);
	obj = op->free;
	op->free = *(void **)obj;
	op->inuse++;
	c->objects++;
	if (!op->free)
		list_del(&op->link);
	spin_unlock_irqrestore(&c->lock, flags);
	memset(obj, 0, c->size);
	return obj;
}

void obj_free(struct obj_cache *c, void *obj)
{
	struct obj_page *op;
	bool was_full, empty;
	u32 flags;

	if (!obj)
		return;
	op = (struct obj_page *)((u32)obj & PAGE_MASK);
	if (op->cache != c || ((u32)obj & ~PAGE_MASK) < first_offset() ||
	    (((u32)obj & ~PAGE_MASK) - first_offset()) % c->size)
		panic("obj_free(%s, %p): not an object of this cache", c->name, obj);
	spin_lock_irqsave(&c->lock, flags);
	BUG_ON(!op->inuse);
	was_full = !op->free;
	*(void **)obj = op->free;
	op->free = obj;
	op->inuse--;
	c->objects--;
	empty = !op->inuse;
	if (empty) {
		if (!was_full)
			list_del(&op->link);
		c->pages--;
	} else if (was_full) {
		list_add(&op->link, &c->partial);
	}
	spin_unlock_irqrestore(&c->lock, flags);
	if (empty)
		free_pages((u32)op, 0);
}
