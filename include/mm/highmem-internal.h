/* SPDX-License-Identifier: MIT */
/*
 * The bodies behind <mm/highmem.h>: the inline fast paths (a lowmem page
 * is its direct-map address, computed; nothing to undo), the out-of-line
 * slow paths they fall back to (mm/kmap_local.c, mm/pkmap.c), and the
 * deprecated entry points. Include <mm/highmem.h>, never this header: the
 * API and its documentation are there.
 */
#ifndef HM386_MM_HIGHMEM_INTERNAL_H
#define HM386_MM_HIGHMEM_INTERNAL_H

#ifndef HM386_MM_HIGHMEM_H
#error "include <mm/highmem.h>, not <mm/highmem-internal.h>"
#endif

/*
 * Files that still use the deprecated kmap() or kmap_atomic() families say so by
 * defining HM386_LEGACY_KMAP_USER before including <mm/highmem.h>; everyone
 * else gets a warning (an error: -Werror) pointing at kmap_local_page().
 */
#ifdef HM386_LEGACY_KMAP_USER
#define __kmap_deprecated
#else
#define __kmap_deprecated \
	__attribute__((deprecated("use kmap_local_page() (docs/highmem.md)")))
#endif

/*
 * The inline fast paths' one test each: frames below kmap_direct_pfns (and
 * addresses below PAGE_OFFSET + kmap_direct_bytes) use the direct map.
 * That is lowmem, or nothing with kmap_force_map; kmap_local_set_direct()
 * keeps them in step (memlayout_init(), once max_low_pfn is known, and
 * kmap_set_force_map()).
 */
extern u32 kmap_direct_pfns, kmap_direct_bytes;
void kmap_local_set_direct(void);

/* The slow paths (mm/kmap_local.c): a slot, whatever the page. */
void *__kmap_local_pfn_prot(u32 pfn, pte_t prot, const char *file, int line);
void __kunmap_local(const void *addr, const char *file, int line);
void *__kmap_atomic_prot(struct page *page, pte_t prot, const char *file, int line);
void *__kmap_atomic_pfn(u32 pfn, const char *file, int line);
void __kunmap_atomic(const void *addr, const char *file, int line);

/* The pkmap pool (mm/pkmap.c). */
void *__kmap(struct page *page, const char *file, int line);
void __kunmap(struct page *page, const char *file, int line);

/* Unmapping takes the address: passing the struct page does not compile. */
#define __kmap_addr_not_page(addr, fn)					\
	_Static_assert(!__builtin_types_compatible_p(__typeof__(addr),	\
						     struct page *),	\
		       fn "() takes the address, not the page")

/* kunmap() takes the page: passing the address does not compile. */
#define __kmap_page_not_addr(pg, fn)					\
	_Static_assert(__builtin_types_compatible_p(__typeof__(pg),	\
						    struct page *),	\
		       fn "() takes the struct page, not the address")

/* The lowmem fast path inline (a direct-map address, computed), the slot
 * path out of line. */
static inline void *kmap_local_page_prot_at(struct page *page, pte_t prot,
					    const char *file, int line)
{
	u32 pfn = page_to_pfn(page);

	/* Lowmem: below 4 GiB, so the address is 32-bit arithmetic. */
	if (likely(pfn < kmap_direct_pfns))
		return __va(pfn << PAGE_SHIFT);
	return __kmap_local_pfn_prot(pfn, prot, file, line);
}

/* A direct-map address needs no unmapping: inline; a slot: out of line. */
static inline void kunmap_local_at(const void *addr, const char *file, int line)
{
	if (likely((u32)addr - PAGE_OFFSET < kmap_direct_bytes))
		return;
	__kunmap_local(addr, file, line);
}

#define __kmap_unparen(...)	__VA_ARGS__

/*
 * __KMAP_DEPRECATED(type, name, (params), body) - the deprecated entry
 * point name##_at(params, file, line) of type @type, whose @body forwards
 * to the slow path. The macro name() in <mm/highmem.h> calls it with the
 * caller's __FILE__ and __LINE__; the deprecation warning points there.
 */
#define __KMAP_DEPRECATED(type, name, params, body)			\
static inline __kmap_deprecated type					\
name##_at(__kmap_unparen params, const char *file, int line)		\
{									\
	body;								\
}

__KMAP_DEPRECATED(void *, kmap_atomic, (struct page *page),
		  return __kmap_atomic_prot(page, kmap_prot, file, line))
__KMAP_DEPRECATED(void *, kmap_atomic_prot, (struct page *page, pte_t prot),
		  return __kmap_atomic_prot(page, prot, file, line))
__KMAP_DEPRECATED(void *, kmap_atomic_pfn, (u32 pfn),
		  return __kmap_atomic_pfn(pfn, file, line))
__KMAP_DEPRECATED(void, kunmap_atomic, (const void *addr),
		  __kunmap_atomic(addr, file, line))
__KMAP_DEPRECATED(void *, kmap, (struct page *page),
		  return __kmap(page, file, line))
__KMAP_DEPRECATED(void, kunmap, (struct page *page),
		  __kunmap(page, file, line))

#endif
