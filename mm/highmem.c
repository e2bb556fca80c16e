// SPDX-License-Identifier: MIT
/*
 * What address a page has, and the other way round (page_address(),
 * kmap_to_page(), is_kmap_addr(): the direct map, then the two kmap
 * areas); and the highmem helpers: copy, fill and clear parts of pages
 * whatever zone they are in, each through kmap_local_page() and back,
 * user pages included (clear_user_highpage(), copy_user_highpage()).
 */
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/highmem.h>
#include <mm/pkmap.h>
#include "kmap_local_internal.h"

void *page_address(const struct page *page)
{
	if (PageHighMem(page))
		return pkmap_page_address(page);
	return lowmem_page_address(page);
}

bool is_kmap_addr(const void *addr)
{
	return is_kmap_local_addr((u32)addr) || is_pkmap_addr((u32)addr);
}

struct page *kmap_to_page(const void *addr)
{
	if (is_pkmap_addr((u32)addr))
		return pkmap_to_page((u32)addr);
	if (is_kmap_local_addr((u32)addr))
		return kmap_local_to_page((u32)addr);
	return virt_to_page(addr);
}

/* An @offset + @len that leaves the page is the caller's bug. */
#define check_in_page(fn, offset, len) do {				\
	if ((offset) > PAGE_SIZE || (len) > PAGE_SIZE - (offset))	\
		panic("%s: offset %zu + length %zu is beyond the %lu-byte page", \
		      fn, (size_t)(offset), (size_t)(len), PAGE_SIZE);	\
} while (0)

void memcpy_page(struct page *dst_page, size_t dst_off, struct page *src_page,
		 size_t src_off, size_t len)
{
	char *src, *dst;

	check_in_page(__func__, dst_off, len);
	check_in_page(__func__, src_off, len);
	if (dst_page == src_page) {
		/* One mapping: two would be aliases memmove cannot see overlap. */
		dst = kmap_local_page(dst_page);
		memmove(dst + dst_off, dst + src_off, len);
		kunmap_local(dst);
		return;
	}
	src = kmap_local_page(src_page);
	dst = kmap_local_page(dst_page);
	memmove(dst + dst_off, src + src_off, len);
	kunmap_local(dst);
	kunmap_local(src);
}

void memcpy_from_page(void *to, struct page *page, size_t offset, size_t len)
{
	char *from;

	check_in_page(__func__, offset, len);
	from = kmap_local_page(page);
	memcpy(to, from + offset, len);
	kunmap_local(from);
}

void memcpy_to_page(struct page *page, size_t offset, const void *from, size_t len)
{
	char *to;

	check_in_page(__func__, offset, len);
	to = kmap_local_page(page);
	memcpy(to + offset, from, len);
	kunmap_local(to);
}

void memset_page(struct page *page, size_t offset, int val, size_t len)
{
	char *addr;

	check_in_page(__func__, offset, len);
	addr = kmap_local_page(page);
	memset(addr + offset, val, len);
	kunmap_local(addr);
}

void memzero_page(struct page *page, size_t offset, size_t len)
{
	memset_page(page, offset, 0, len);
}

void clear_highpage(struct page *page)
{
	memset_page(page, 0, 0, PAGE_SIZE);
}

/* A whole page: both mapped, one copy, no range checks (as in Linux). */
void copy_highpage(struct page *to, struct page *from)
{
	void *vfrom = kmap_local_page(from);
	void *vto = kmap_local_page(to);

	memcpy(vto, vfrom, PAGE_SIZE);
	kunmap_local(vto);
	kunmap_local(vfrom);
}

/* @vaddr matters only where caches are indexed by virtual address: not x86. */
void clear_user_highpage(struct page *page, u32 vaddr)
{
	clear_highpage(page);
}

void copy_user_highpage(struct page *to, struct page *from, u32 vaddr)
{
	copy_highpage(to, from);
}

void zero_user_segments(struct page *page, size_t start1, size_t end1,
			size_t start2, size_t end2)
{
	char *addr;

	if (end1 < start1 || end2 < start2)
		panic("zero_user_segments: a segment ends before it starts "
		      "(%zu-%zu, %zu-%zu)", start1, end1, start2, end2);
	check_in_page(__func__, start1, end1 - start1);
	check_in_page(__func__, start2, end2 - start2);
	addr = kmap_local_page(page);
	memset(addr + start1, 0, end1 - start1);
	memset(addr + start2, 0, end2 - start2);
	kunmap_local(addr);
}
