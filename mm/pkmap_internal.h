/* SPDX-License-Identifier: MIT */
/*
 * The pkmap pool's insides (mm/pkmap.c), for what looks into it: the
 * self-tests, the benchmarks, the monitor and lab 5. The rest of the kernel
 * uses <mm/pkmap.h> and kmap()/kunmap() in <mm/highmem.h>.
 *
 * Included as "mm/pkmap_internal.h" (the Makefile's -iquote .): a quoted
 * path from the top of the tree says that the header is private to mm/.
 */
#ifndef HM386_MM_PKMAP_INTERNAL_H
#define HM386_MM_PKMAP_INTERNAL_H

#include <config.h>
#include <mm/memlayout.h>
#include <mm/pkmap.h>

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

/* pkmap_addr - the address of pool slot @nr (0 .. LAST_PKMAP - 1). */
static inline u32 pkmap_addr(u32 nr)
{
	return PKMAP_BASE + nr * PAGE_SIZE;
}

/* pkmap_nr - the slot of pool address @addr (an address inside the pool). */
static inline u32 pkmap_nr(u32 addr)
{
	return (addr - PKMAP_BASE) >> PAGE_SHIFT;
}

/* pkmap_stats_read - a snapshot of the counters, taken under the lock. */
void pkmap_stats_read(struct pkmap_stats *out);

/* pkmap_slot_count - slot @nr's count: 0 free, 1 mapped and unused, n
 * mapped with n - 1 users. */
u32 pkmap_slot_count(u32 nr);

/* pkmap_slot_pte - slot @nr's PTE (0 when the slot is free). */
pte_t pkmap_slot_pte(u32 nr);

/* pkmap_cursor - the cursor: the slot kmap() took last. */
u32 pkmap_cursor(void);

/*
 * pkmap_check - true when every slot's count, PTE and hash entry agree
 * (count 0: no PTE, no page; otherwise a present PTE to the page the hash
 * finds at that slot). Otherwise false, with the first problem in @why.
 */
bool pkmap_check(char *why, size_t size);

#ifdef HM386_LAB
/*
 * What lab 5's functions work on: file-local in a normal build (LAB_STATIC
 * in mm/pkmap.c), external in a lab build (include/kernel/lab.h).
 */
extern u32 pkmap_count[LAST_PKMAP];	/* per slot: 0, 1 or users + 1 */
extern pte_t *pkmap_page_table;		/* the pool's page table */
extern u32 last_pkmap_nr;		/* the cursor: the slot taken last */
extern struct pkmap_stats pkmap_stat;	/* the counters `pkmap` prints */
/* set_slot_page - record that slot @nr maps @page (NULL: maps nothing any
 * more). The pool's lock held. */
void set_slot_page(u32 nr, struct page *page);
#if CONFIG_KMAP_DEBUG
/* pkmap_skip_wrap_flush - the fault injection pkmap_skip_wrap_flush=on:
 * the wrap clears the slots but skips the TLB flush. */
extern bool pkmap_skip_wrap_flush;
#endif
#endif

#if !CONFIG_KMAP_DEBUG
#define pkmap_skip_wrap_flush	false	/* no fault injection */
#endif

/* pkmap_users - how many slots have kmap() users now (the pkmap
 * CONTEXT_CHECK counts them). */
u32 pkmap_users(void);

/* pkmap_drop_users - forget every kmap() user (counts above 1 become 1) and
 * wake the sleepers: the CONTEXT_CHECK's repair, after a self-test case
 * that aborted while holding kmap()s. */
void pkmap_drop_users(void);

#endif
