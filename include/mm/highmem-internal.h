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

#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <mm/fixmap.h>

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
extern pte_t kmap_prot_pte;	/* page_prot(kmap_prot), set with them */
void kmap_local_set_direct(void);

/* The slow paths (mm/kmap_local.c): a slot, whatever the page, and the
 * checks of an unmap, with the call site for the reports. */
void *__kmap_local_pfn_prot(u32 pfn, pte_t prot, const char *file, int line);
void __kunmap_local(const void *addr, const char *file, int line);

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

/* A lowmem page is its direct-map address: inline in both builds. */
static inline void *kmap_local_page_prot_at(struct page *page, pte_t prot,
					    const char *file, int line)
{
	u32 pfn = page_to_pfn(page);

	/* Lowmem: below 4 GiB, so the address is 32-bit arithmetic. */
	if (likely(pfn < kmap_direct_pfns))
		return __va(pfn << PAGE_SHIFT);
	return __kmap_local_pfn_prot(pfn, prot, file, line);
}

#if !CONFIG_KMAP_DEBUG
/*
 * Release build: the slot is taken and given back inline too, with only
 * the checks that make kmap_local stricter than Linux's: the depth limit
 * and the order of unmapping. Nothing is disabled and nothing is copied:
 * the slot's PTE is the mapping (a context switch saves and restores it),
 * and the depth is raised before the slot is written and lowered after it
 * is cleared, so an interrupt or a preemption in between finds the stack
 * consistent. The rare paths are out of line and panic, naming the call
 * site from their return address. (Debug builds go out of line instead,
 * to __kmap_local_pfn_prot() and __kunmap_local(), where the guard slots,
 * the slot history and the call sites are kept.)
 */
void __noreturn kmap_local_overflow(void);
void __noreturn kunmap_local_bad(const void *addr);

static __always_inline void *kmap_local_slot_inline(u32 pfn)
{
	struct task *t = current;
	u32 idx = t->kmap.idx, va;

	if (unlikely(idx >= KM_MAX_IDX))
		kmap_local_overflow();
	t->kmap.idx = idx + 1;
	barrier();
	/* The task holds a slot now: it cannot migrate. */
	va = this_cpu_read(kmap_vaddr0) - (idx << PAGE_SHIFT);
	set_pte_new_halves(fixmap_virt_pte(va),
			   pfn >> (32 - PAGE_SHIFT) | (u32)(kmap_prot_pte >> 32),
			   pfn << PAGE_SHIFT | (u32)kmap_prot_pte);
	return (void *)va;
}

static __always_inline void kunmap_local_slot_inline(const void *addr)
{
	struct task *t = current;
	u32 va = (u32)addr & PAGE_MASK;
	/* Which slot of this CPU @addr is in, if any: the top one, or wrong. */
	u32 idx = (this_cpu_read(kmap_vaddr0) - va) >> PAGE_SHIFT;

	if (unlikely(idx + 1 != t->kmap.idx))
		kunmap_local_bad(addr);
	barrier();
	pte_clear(fixmap_virt_pte(va));
	flush_tlb_one_local(va);
	t->kmap.idx = idx;
}
#endif

/* kmap_local_page(): a lowmem page inline; a slot inline (release) or out
 * of line (debug). */
static __always_inline void *kmap_local_page_at(struct page *page,
						const char *file, int line)
{
	u32 pfn = page_to_pfn(page);

	if (likely(pfn < kmap_direct_pfns))
		return __va(pfn << PAGE_SHIFT);
#if CONFIG_KMAP_DEBUG
	return __kmap_local_pfn_prot(pfn, kmap_prot, file, line);
#else
	return kmap_local_slot_inline(pfn);
#endif
}

/* A direct-map address needs no unmapping; a slot is given back inline
 * (release) or out of line (debug). */
static __always_inline void kunmap_local_at(const void *addr,
					    const char *file, int line)
{
	if (likely((u32)addr - PAGE_OFFSET < kmap_direct_bytes))
		return;
#if CONFIG_KMAP_DEBUG
	__kunmap_local(addr, file, line);
#else
	kunmap_local_slot_inline(addr);
#endif
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

/* kmap_atomic() is kmap_local plus the two counters, all inline. */
__KMAP_DEPRECATED(void *, kmap_atomic, (struct page *page),
		  preempt_disable(); pagefault_disable();
		  return kmap_local_page_at(page, file, line))
__KMAP_DEPRECATED(void *, kmap_atomic_prot, (struct page *page, pte_t prot),
		  preempt_disable(); pagefault_disable();
		  return kmap_local_page_prot_at(page, prot, file, line))
__KMAP_DEPRECATED(void *, kmap_atomic_pfn, (u32 pfn),
		  preempt_disable(); pagefault_disable();
		  return __kmap_local_pfn_prot(pfn, kmap_prot, file, line))
__KMAP_DEPRECATED(void, kunmap_atomic, (const void *addr),
		  kunmap_local_at(addr, file, line); pagefault_enable();
		  preempt_enable())
__KMAP_DEPRECATED(void *, kmap, (struct page *page),
		  return __kmap(page, file, line))
__KMAP_DEPRECATED(void, kunmap, (struct page *page),
		  __kunmap(page, file, line))

#endif
