// SPDX-License-Identifier: MIT
/*
 * malloc/free on the program break: a first-fit list of free blocks, each
 * with a header giving its size; the heap grows with sbrk() when no free
 * block fits, and never shrinks. Enough for small programs, not fast.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ALIGN	16

struct block {
	size_t size;		/* bytes after the header */
	struct block *next;	/* in the free list, when free */
	unsigned long pad[2];	/* the header is ALIGN bytes */
};

static struct block *free_list;

void *malloc(size_t size)
{
	struct block **link, *b;
	void *top;

	if (size > 0x7fffffff - 2 * ALIGN)
		return NULL;
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	for (link = &free_list; (b = *link); link = &b->next) {
		if (b->size >= size) {
			*link = b->next;
			return b + 1;
		}
	}
	top = sbrk(0);
	/* The first block starts ALIGN-aligned, whatever brk the kernel gave. */
	if ((unsigned long)top & (ALIGN - 1) &&
	    sbrk(ALIGN - ((unsigned long)top & (ALIGN - 1))) == (void *)-1)
		return NULL;
	b = sbrk(sizeof(*b) + size);
	if (b == (void *)-1)
		return NULL;
	b->size = size;
	return b + 1;
}

void *calloc(size_t count, size_t size)
{
	void *p;

	if (size && count > 0x7fffffff / size)
		return NULL;
	p = malloc(count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

void free(void *ptr)
{
	struct block *b = (struct block *)ptr - 1;

	if (!ptr)
		return;
	b->next = free_list;
	free_list = b;
}
