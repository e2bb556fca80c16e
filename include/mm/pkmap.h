/* SPDX-License-Identifier: MIT */
/*
 * The pkmap pool behind kmap() (mm/pkmap.c): what the rest of the kernel,
 * the boot report and the self-tests may see of it. kmap() and kunmap()
 * themselves are in <mm/highmem.h>.
 */
#ifndef HM386_MM_PKMAP_H
#define HM386_MM_PKMAP_H

#include <arch/x86/memlayout.h>
#include <mm/highmem.h>

struct trap_frame;

/* Counters since boot, all under the pool's lock. */
struct pkmap_stats {
	u32 maps;		/* kmap() of a HighMem page */
	u32 hits;		/* ... that found the page already mapped */
	u32 new_slots;		/* ... that took a free slot (one PTE store) */
	u32 waits;		/* times a kmap() slept: every slot had users */
	u32 wakeups;		/* kunmap()s that freed a slot for a sleeper */
	u32 wraps;		/* times the cursor went round to slot 0 */
	u32 global_flushes;	/* flush_tlb_kernel_range() of the pool */
	u32 pages_flushed;	/* slots cleared by those flushes */
};

/* kmap_init - allocate the pool's page table (kmain, once, after mm_init()). */
void kmap_init(void);

/* pkmap_report - one boot-report line: the pool and its counters. */
void pkmap_report(void);

/* pkmap_page_address - the kmap() address of HighMem @page, or NULL. Any
 * context (page_address() calls it). */
void *pkmap_page_address(const struct page *page);

/* is_pkmap_addr - true for an address inside the pool. */
bool is_pkmap_addr(u32 addr);

/* pkmap_to_page - the page mapped at pool address @addr; panics when the
 * slot is free. */
struct page *pkmap_to_page(u32 addr);

/*
 * pkmap_fault_diagnose - if @addr lies in the pool, panic saying what its
 * slot is (never used, cleared at a wrap: use after kunmap(), or mapped)
 * and where kmap() last took it; otherwise return.
 */
void pkmap_fault_diagnose(u32 addr, const struct trap_frame *tf);

/* For the self-tests: a snapshot of the counters; slot @nr's count and
 * PTE; the cursor (the slot taken last); how many slots have users. */
void pkmap_stats_read(struct pkmap_stats *out);
u32 pkmap_slot_count(u32 nr);
pte_t pkmap_slot_pte(u32 nr);
u32 pkmap_cursor(void);
u32 pkmap_users(void);

/*
 * pkmap_check - true when every slot's count, PTE and hash entry agree
 * (count 0: no PTE, no page; otherwise a present PTE to the page the hash
 * finds at that slot). Otherwise false, with the first problem in @why.
 */
bool pkmap_check(char *why, size_t size);

/* pkmap_drop_users - forget every kmap() user (counts above 1 become 1) and
 * wake the sleepers. Only for the self-test runner, after a case that
 * aborted while holding kmap()s. */
void pkmap_drop_users(void);

#endif
