/* SPDX-License-Identifier: MIT */
/*
 * Reaching page frames that have no permanent kernel address (HighMem):
 * the API, documented. The inline fast paths and the deprecated entry
 * points are in <mm/highmem-internal.h> (included here, never directly).
 *
 * kmap_local_page() is what new code uses: a short-lived mapping in a slot
 * of a small per-context stack in the fixmap, set up with one PTE store and
 * torn down with one PTE store and one invlpg. kmap_atomic() is the
 * deprecated older form that also disables preemption and pagefaults.
 * kmap() is the deprecated, sleeping, globally visible mapping from the
 * pkmap pool. Mechanisms: mm/kmap_local.c, mm/pkmap.c; what address a page
 * has and the copy/zero helpers: mm/highmem.c. docs/highmem.md explains
 * when to use what.
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

/* The protection kmap_local_page() maps with. */
#define kmap_prot	PAGE_KERNEL

#include <mm/highmem-internal.h>

/* ------------------------------------------------------------ kmap_local */

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
 * preempted and may take page faults while the mapping is held (the
 * mapping stays with the task across switches and pins it to its CPU).
 * The address must not be passed to another thread. Mappings nest; undo
 * each with kunmap_local(), in the reverse order.
 */
#define kmap_local_page(page) kmap_local_page_at(page, __FILE__, __LINE__)

/**
 * kmap_local_page_prot - map a page for short, context-local use, with a
 *                        chosen protection
 * @page: the page; HighMem or lowmem
 * @prot: the protection of a slot mapping (PAGE_KERNEL_RO: read-only)
 *
 * kmap_local_page() with @prot for a HighMem page's slot; a lowmem page
 * still returns its (writable) direct-map address.
 *
 * Context: any; disables nothing. Undo with kunmap_local().
 */
#define kmap_local_page_prot(page, prot) \
	kmap_local_page_prot_at(page, prot, __FILE__, __LINE__)

/**
 * kmap_local_pfn - map a page frame through a slot
 * @pfn: the page frame; lowmem or HighMem, RAM or not
 *
 * Always takes the next slot of this context's stack, lowmem frames too,
 * and returns the slot's address.
 *
 * Context: any; disables nothing. Undo with kunmap_local().
 */
#define kmap_local_pfn(pfn) \
	__kmap_local_pfn_prot(pfn, kmap_prot, __FILE__, __LINE__)

/**
 * kunmap_local - undo the most recent kmap_local_*() of this context
 * @addr: any address inside the mapped page (not the struct page: passing
 *        one does not compile)
 *
 * A direct-map address needs nothing. A slot's PTE is cleared and that
 * one address flushed on this CPU. Unmapping anything but the most recent
 * mapping panics, naming both mappings.
 *
 * Context: the one that mapped @addr.
 */
#define kunmap_local(addr) do {						\
	__kmap_addr_not_page(addr, "kunmap_local");			\
	kunmap_local_at(addr, __FILE__, __LINE__);			\
} while (0)

/* ------------------------------------------- kmap_atomic (deprecated) */

/**
 * kmap_atomic - DEPRECATED: use kmap_local_page()
 * @page: the page; HighMem or lowmem
 *
 * Disables preemption and pagefaults, then maps @page as kmap_local_page()
 * does (lowmem pages included).
 *
 * Context: any. Until kunmap_atomic() the caller must not sleep, and a
 * page fault fails the access (see copy_from_kernel_nofault()) instead of
 * being handled. Code converted to kmap_local_page() that relied on this
 * must now call preempt_disable()/pagefault_disable() itself. Undo with
 * kunmap_atomic().
 */
#define kmap_atomic(page) kmap_atomic_at(page, __FILE__, __LINE__)

/**
 * kmap_atomic_prot - DEPRECATED: use kmap_local_page_prot()
 * @page: the page; HighMem or lowmem
 * @prot: the protection of the slot mapping
 *
 * kmap_atomic() with protection @prot: disables preemption and pagefaults.
 * Context: any; must not sleep until kunmap_atomic() undoes it.
 */
#define kmap_atomic_prot(page, prot) \
	kmap_atomic_prot_at(page, prot, __FILE__, __LINE__)

/**
 * kmap_atomic_pfn - DEPRECATED: use kmap_local_pfn()
 * @pfn: the page frame
 *
 * kmap_atomic() of a page frame, always through a slot: disables
 * preemption and pagefaults. Context: any; must not sleep until
 * kunmap_atomic() undoes it.
 */
#define kmap_atomic_pfn(pfn) kmap_atomic_pfn_at(pfn, __FILE__, __LINE__)

/**
 * kunmap_atomic - DEPRECATED: undo kmap_atomic()
 * @addr: any address inside the mapped page (not the struct page)
 *
 * Unmaps as kunmap_local() does, then enables pagefaults and preemption
 * again. Context: the one that mapped @addr.
 */
#define kunmap_atomic(addr) do {					\
	__kmap_addr_not_page(addr, "kunmap_atomic");			\
	kunmap_atomic_at(addr, __FILE__, __LINE__);			\
} while (0)

/* -------------------------------------------------- kmap (deprecated) */

/**
 * kmap - DEPRECATED: use kmap_local_page()
 * @page: the page; HighMem or lowmem
 *
 * Maps @page where every thread on every CPU can use it, until kunmap().
 * A lowmem page returns its direct-map address. A HighMem page that is
 * already mapped gets one more user at the same address (no PTE store, no
 * flush); otherwise it takes a slot of the 512-slot pkmap pool (one PTE
 * store). When the pool's cursor wraps, the unused slots are cleared and
 * flushed from every CPU's TLB at once; when every slot has a user, kmap()
 * sleeps until a kunmap() frees one.
 *
 * Context: process context only; may sleep; disables nothing. From an
 * interrupt handler it panics. Undo with kunmap(). The one reason left to
 * use it: the address must be shared with another thread
 * (docs/highmem.md, "Converting").
 */
#define kmap(page) kmap_at(page, __FILE__, __LINE__)

/**
 * kunmap - DEPRECATED: undo kmap()
 * @pg: the page kmap() mapped (the page, not the address: passing the
 *      address does not compile)
 *
 * Drops one user. The slot stays mapped (and may stay in TLBs) until the
 * pool wraps: a use after kunmap() is not caught at once. kunmap() of a page
 * kmap() did not map, or one time too many, panics.
 *
 * Context: process context; does not sleep, but may wake a kmap() waiter.
 */
#define kunmap(pg) do {							\
	__kmap_page_not_addr(pg, "kunmap");				\
	kunmap_at(pg, __FILE__, __LINE__);				\
} while (0)

/**
 * kmap_flush_unused - clear the unused pkmap slots now
 *
 * Clears every pkmap slot that has no user and flushes the pool from all
 * CPUs' TLBs at once, instead of at the cursor's next wrap.
 *
 * Context: process context; may sleep. Nothing to undo.
 */
void kmap_flush_unused(void);

/* ------------------------------------------- what address a page has */

/**
 * page_address - the kernel address of a page, if it has one
 * @page: the page
 *
 * A lowmem page's direct-map address; a HighMem page's kmap() address
 * while kmap() has it mapped, otherwise NULL (a kmap_local_page() mapping
 * is not found: it belongs to one context).
 *
 * Context: any. Maps nothing, disables nothing.
 */
void *page_address(const struct page *page);

/**
 * is_kmap_addr - whether an address is a kmap mapping
 * @addr: any kernel address
 *
 * True for an address inside a kmap_local slot (of any CPU) or the pkmap
 * pool; false for the direct map and everything else.
 *
 * Context: any.
 */
bool is_kmap_addr(const void *addr);

/**
 * kmap_to_page - the page mapped at an address
 * @addr: an address of a kmap_local slot, of the pkmap pool, or of the
 *        direct map
 *
 * Returns the page behind @addr, read from the slot's PTE or computed for
 * the direct map. A slot that is not mapped, or any other address, panics.
 *
 * Context: any.
 */
struct page *kmap_to_page(const void *addr);

/* ------------------------------------------------------------ helpers */

/*
 * The helpers: each maps what it needs with kmap_local_page() and unmaps it
 * before returning, so they work on HighMem and lowmem pages alike. An
 * @offset + @len beyond the page is a bug (panic). Context: any, like
 * kmap_local_page(); they disable nothing and leave nothing to undo.
 */

/**
 * memcpy_page - copy @len bytes between two pages
 * @dst_page: the page written, from @dst_off
 * @dst_off: the offset in @dst_page
 * @src_page: the page read, from @src_off
 * @src_off: the offset in @src_page
 * @len: bytes to copy
 *
 * Within one page the ranges may overlap (it maps the page once and moves
 * the bytes).
 */
void memcpy_page(struct page *dst_page, size_t dst_off, struct page *src_page,
		 size_t src_off, size_t len);

/**
 * memcpy_from_page - copy bytes out of a page
 * @to: the destination, a kernel address
 * @page: the page read
 * @offset: where in @page the bytes start
 * @len: bytes to copy
 */
void memcpy_from_page(void *to, struct page *page, size_t offset, size_t len);

/**
 * memcpy_to_page - copy bytes into a page
 * @page: the page written
 * @offset: where in @page the bytes go
 * @from: the source, a kernel address
 * @len: bytes to copy
 */
void memcpy_to_page(struct page *page, size_t offset, const void *from, size_t len);

/**
 * memset_page - fill bytes of a page
 * @page: the page written
 * @offset: the first byte filled
 * @val: the byte value
 * @len: bytes to fill
 */
void memset_page(struct page *page, size_t offset, int val, size_t len);

/**
 * memzero_page - zero bytes of a page
 * @page: the page written
 * @offset: the first byte zeroed
 * @len: bytes to zero
 */
void memzero_page(struct page *page, size_t offset, size_t len);

/**
 * clear_highpage - zero a whole page
 * @page: the page
 */
void clear_highpage(struct page *page);

/**
 * copy_highpage - copy a whole page
 * @to: the page written
 * @from: the page read
 */
void copy_highpage(struct page *to, struct page *from);

/**
 * clear_user_highpage - zero a page about to be mapped into user space
 * @page: the page (HighMem or lowmem)
 * @vaddr: the user address it will have
 *
 * Through one kmap_local_page() mapping. x86 caches are physically tagged,
 * so @vaddr changes nothing here; other architectures need it to avoid
 * cache aliases, and it keeps the call Linux's.
 */
void clear_user_highpage(struct page *page, u32 vaddr);

/**
 * copy_user_highpage - copy a user page for copy-on-write
 * @to: the new page, written
 * @from: the shared page, read
 * @vaddr: the user address of both
 *
 * Two nested kmap_local_page() mappings, @from's first, unmapped in the
 * reverse order (@to's first). @vaddr as for clear_user_highpage().
 */
void copy_user_highpage(struct page *to, struct page *from, u32 vaddr);

/**
 * zero_user_segments - zero two byte ranges of one page, one mapping
 * @page: the page
 * @start1: first byte of the first range
 * @end1: the byte after it (@start1 == @end1: empty)
 * @start2: first byte of the second range
 * @end2: the byte after it
 *
 * A range that ends before it starts is a bug (panic).
 */
void zero_user_segments(struct page *page, size_t start1, size_t end1,
			size_t start2, size_t end2);

#endif
