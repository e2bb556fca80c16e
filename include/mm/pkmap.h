/* SPDX-License-Identifier: MIT */
/*
 * The pkmap pool behind kmap() (mm/pkmap.c): what the rest of the kernel
 * and the boot report may see of it. kmap() and kunmap() themselves are in
 * <mm/highmem.h>; what the self-tests and the monitor see of the pool's
 * insides is in mm/pkmap_internal.h.
 */
#ifndef HM386_MM_PKMAP_H
#define HM386_MM_PKMAP_H

#include <mm/memlayout.h>
#include <mm/highmem.h>

struct trap_frame;

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

#endif
