/* SPDX-License-Identifier: MIT */
/*
 * Reaching page frames that have no permanent kernel address (HighMem).
 *
 * kmap_local_page() is what new code uses: a short-lived mapping in a slot
 * of a small per-context stack in the fixmap, set up with one PTE store and
 * torn down with one PTE store and one invlpg. kmap_atomic() is the
 * deprecated older form that also disables preemption and pagefaults.
 * kmap() is the deprecated, sleeping, globally visible mapping from the
 * pkmap pool. Mechanisms: mm/kmap_local.c, mm/pkmap.c; the helpers:
 * mm/highmem.c. docs/highmem.md explains when to use what.
 *
 * Rules that hm386 checks (Linux only warns about some of them):
 * - mappings nest like a stack: kunmap_local() takes the most recent one;
 * - at most KM_MAX_DEPTH (16) at once per context;
 * - an interrupt handler must unmap what it mapped before it returns;
 * - the pointer is valid only in the context that mapped it.
 */
#ifndef HM386_MM_HIGHMEM_H
#define HM386_MM_HIGHMEM_H

#include <arch/x86/pgtable.h>
#include <mm/gfp.h>
#include <mm/highmem_hooks.h>
#include <arch/x86/kmap_size.h>
#include <mm/page.h>

/*
 * Files that still use the deprecated kmap() or kmap_atomic() families say so by
 * defining HM386_LEGACY_KMAP_USER before including this header; everyone
 * else gets a warning (an error: -Werror) pointing at kmap_local_page().
 */
#ifdef HM386_LEGACY_KMAP_USER
#define __kmap_deprecated
#else
#define __kmap_deprecated \
	__attribute__((deprecated("use kmap_local_page() (docs/highmem.md)")))
#endif

/* kmap_force_map - true when lowmem pages also go through slots. */
extern bool kmap_force_map;

/*
 * The inline fast paths' one test each: frames below kmap_direct_pfns (and
 * addresses below PAGE_OFFSET + kmap_direct_bytes) use the direct map.
 * That is lowmem, or nothing with kmap_force_map; kmap_local_set_direct()
 * keeps them in step (memlayout_init(), once max_low_pfn is known, and
 * kmap_set_force_map()).
 */
extern u32 kmap_direct_pfns, kmap_direct_bytes;
void kmap_local_set_direct(void);

/* kmap_set_force_map - turn force-map on or off at run time (benchmarks). */
void kmap_set_force_map(bool on);

/* The protection kmap_local_page() maps with. */
#define kmap_prot	PAGE_KERNEL

void *__kmap_local_pfn_prot(u32 pfn, pte_t prot, const char *file, int line);
void __kunmap_local(const void *addr, const char *file, int line);

/* Unmapping takes the address: passing the struct page does not compile. */
#define __kmap_addr_not_page(addr, fn)					\
	_Static_assert(!__builtin_types_compatible_p(__typeof__(addr),	\
						     struct page *),	\
		       fn "() takes the address, not the page")

/**
 * kmap_local_page - map a page for short, context-local use
 * @page: the page; HighMem or lowmem
 *
 * Returns an address through which the page can be read and written until
 * the matching kunmap_local(). A lowmem page returns its direct-map address
 * and uses no slot (unless `kmap_force_map=on`); a HighMem page takes the
 * next slot of this context's stack: one PTE store, no TLB flush.
 *
 * Context: any, interrupts included. Disables nothing: the caller may be
 * preempted and may take page faults while the mapping is held (Step 4 keeps
 * the mapping with the task across switches and pins it to its CPU). The
 * address must not be passed to another thread. Mappings nest; unmap in the
 * reverse order.
 */
#define kmap_local_page(page) \
	kmap_local_page_prot_at(page, kmap_prot, __FILE__, __LINE__)

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

/**
 * kmap_local_page_prot - kmap_local_page() with protection @prot
 * (PAGE_KERNEL_RO for a read-only mapping). Same context rules.
 */
#define kmap_local_page_prot(page, prot) \
	kmap_local_page_prot_at(page, prot, __FILE__, __LINE__)

/**
 * kmap_local_pfn - map page frame @pfn, always through a slot (lowmem too).
 * Same context rules as kmap_local_page().
 */
#define kmap_local_pfn(pfn) \
	__kmap_local_pfn_prot(pfn, kmap_prot, __FILE__, __LINE__)

/**
 * kunmap_local - undo the most recent kmap_local_*() of this context
 * @addr: any address inside the mapped page (not the struct page: passing
 *        one does not compile)
 *
 * Clears the slot's PTE and flushes that one address on this CPU. Unmapping
 * anything but the most recent mapping panics, naming both mappings.
 */
#define kunmap_local(addr) do {						\
	__kmap_addr_not_page(addr, "kunmap_local");			\
	kunmap_local_at(addr, __FILE__, __LINE__);			\
} while (0)

/* A direct-map address needs no unmapping: inline; a slot: out of line. */
static inline void kunmap_local_at(const void *addr, const char *file, int line)
{
	if (likely((u32)addr - PAGE_OFFSET < kmap_direct_bytes))
		return;
	__kunmap_local(addr, file, line);
}

void *__kmap_atomic_prot(struct page *page, pte_t prot, const char *file, int line);
void *__kmap_atomic_pfn(u32 pfn, const char *file, int line);
void __kunmap_atomic(const void *addr, const char *file, int line);

/**
 * kmap_atomic - DEPRECATED: use kmap_local_page()
 *
 * Disables preemption and pagefaults, then maps @page as kmap_local_page()
 * does (lowmem pages included). Until kunmap_atomic() the caller must not
 * sleep, and a page fault fails the access (see copy_from_kernel_nofault())
 * instead of being handled. Code converted to kmap_local_page() that relied
 * on this must now call preempt_disable()/pagefault_disable() itself.
 */
static inline __kmap_deprecated void *kmap_atomic_at(struct page *page,
						     const char *file, int line)
{
	return __kmap_atomic_prot(page, kmap_prot, file, line);
}
#define kmap_atomic(page) kmap_atomic_at(page, __FILE__, __LINE__)

/** kmap_atomic_prot - DEPRECATED: kmap_atomic() with protection @prot. */
static inline __kmap_deprecated void *kmap_atomic_prot_at(struct page *page,
		pte_t prot, const char *file, int line)
{
	return __kmap_atomic_prot(page, prot, file, line);
}
#define kmap_atomic_prot(page, prot) kmap_atomic_prot_at(page, prot, __FILE__, __LINE__)

/** kmap_atomic_pfn - DEPRECATED: kmap_atomic() of page frame @pfn, via a slot. */
static inline __kmap_deprecated void *kmap_atomic_pfn_at(u32 pfn, const char *file,
							 int line)
{
	return __kmap_atomic_pfn(pfn, file, line);
}
#define kmap_atomic_pfn(pfn) kmap_atomic_pfn_at(pfn, __FILE__, __LINE__)

/**
 * kunmap_atomic - DEPRECATED: undo kmap_atomic(): unmap as kunmap_local()
 * does, then enable pagefaults and preemption again.
 */
static inline __kmap_deprecated void kunmap_atomic_at(const void *addr,
						      const char *file, int line)
{
	__kunmap_atomic(addr, file, line);
}
#define kunmap_atomic(addr) do {					\
	__kmap_addr_not_page(addr, "kunmap_atomic");			\
	kunmap_atomic_at(addr, __FILE__, __LINE__);			\
} while (0)

void *__kmap(struct page *page, const char *file, int line);
void __kunmap(struct page *page, const char *file, int line);

/* kunmap() takes the page: passing the address does not compile. */
#define __kmap_page_not_addr(pg, fn)					\
	_Static_assert(__builtin_types_compatible_p(__typeof__(pg),	\
						    struct page *),	\
		       fn "() takes the struct page, not the address")

/**
 * kmap - DEPRECATED: use kmap_local_page()
 *
 * Maps @page where every thread on every CPU can use it, until kunmap().
 * A lowmem page returns its direct-map address. A HighMem page that is
 * already mapped gets one more user at the same address (no PTE store, no
 * flush); otherwise it takes a slot of the 512-slot pkmap pool (one PTE
 * store). When the pool's cursor wraps, the unused slots are cleared and
 * flushed from every CPU's TLB at once; when every slot has a user, kmap()
 * sleeps until a kunmap() frees one.
 *
 * Context: process context only; may sleep. From an interrupt handler it
 * panics. The one reason left to use it: the address must be shared with
 * another thread (docs/highmem.md, "Converting").
 */
static inline __kmap_deprecated void *kmap_at(struct page *page,
					      const char *file, int line)
{
	return __kmap(page, file, line);
}
#define kmap(page) kmap_at(page, __FILE__, __LINE__)

/**
 * kunmap - DEPRECATED: undo kmap() of @page (the page, not the address)
 *
 * Drops one user. The slot stays mapped (and may stay in TLBs) until the
 * pool wraps: a use after kunmap() is not caught at once. kunmap() of a page
 * kmap() did not map, or one time too many, panics. Process context.
 */
static inline __kmap_deprecated void kunmap_at(struct page *page,
					       const char *file, int line)
{
	__kunmap(page, file, line);
}
#define kunmap(pg) do {							\
	__kmap_page_not_addr(pg, "kunmap");				\
	kunmap_at(pg, __FILE__, __LINE__);				\
} while (0)

/*
 * kmap_flush_unused - clear every pkmap slot that has no user and flush the
 * pool from all CPUs' TLBs now, instead of at the next wrap. May sleep.
 */
void kmap_flush_unused(void);

/* is_kmap_addr - true for an address inside a kmap_local slot or the pkmap
 * pool. */
bool is_kmap_addr(const void *addr);

/* kmap_to_page - the page mapped at @addr: a kmap_local slot's, a pkmap
 * slot's, or the direct map's. Panics for any other address. */
struct page *kmap_to_page(const void *addr);

/* kmap_local_slot_addr - the virtual address of slot @idx of CPU @cpu. */
u32 kmap_local_slot_addr(u32 cpu, u32 idx);


/*
 * The helpers: each maps what it needs with kmap_local_page() and unmaps it
 * before returning, so they work on HighMem and lowmem pages alike. An
 * @offset + @len beyond the page is a bug (panic). memcpy_page() within one
 * page may overlap (it maps the page once and moves the bytes).
 */
void memcpy_page(struct page *dst_page, size_t dst_off, struct page *src_page,
		 size_t src_off, size_t len);
void memcpy_from_page(void *to, struct page *page, size_t offset, size_t len);
void memcpy_to_page(struct page *page, size_t offset, const void *from, size_t len);
void memset_page(struct page *page, size_t offset, int val, size_t len);
void memzero_page(struct page *page, size_t offset, size_t len);
void clear_highpage(struct page *page);
void copy_highpage(struct page *to, struct page *from);
void zero_user_segments(struct page *page, size_t start1, size_t end1,
			size_t start2, size_t end2);

#endif
