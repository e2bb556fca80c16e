/* SPDX-License-Identifier: MIT */
/*
 * kmap_local's insides (mm/kmap_local.c), for what looks into it: the
 * address helpers of mm/highmem.c, the self-tests, the benchmarks and
 * lab 4. The rest of the kernel uses kmap_local_page() and kunmap_local()
 * in <mm/highmem.h>.
 *
 * Included as "mm/kmap_local_internal.h" (the Makefile's -iquote .): a
 * quoted path from the top of the tree says that the header is private to
 * mm/.
 */
#ifndef HM386_MM_KMAP_LOCAL_INTERNAL_H
#define HM386_MM_KMAP_LOCAL_INTERNAL_H

#include <arch/x86/pgtable.h>
#include <mm/highmem.h>
#include <mm/kmap_ctrl.h>

/* kmap_force_map - true when lowmem pages also go through slots (the
 * `kmap_force_map=on` parameter, or kmap_set_force_map()). */
extern bool kmap_force_map;

/* kmap_set_force_map - turn force-map on or off at run time (benchmarks). */
void kmap_set_force_map(bool on);

/* kmap_local_slot_addr - the virtual address of slot @idx of CPU @cpu. */
u32 kmap_local_slot_addr(u32 cpu, u32 idx);

/* is_kmap_local_addr - true for an address inside some CPU's slots. */
bool is_kmap_local_addr(u32 addr);

/* kmap_local_to_page - the page mapped at slot address @addr; panics when
 * the slot is not mapped. */
struct page *kmap_local_to_page(u32 addr);

#ifdef HM386_LAB
/*
 * What lab 4's functions work with: file-local in a normal build
 * (LAB_STATIC in mm/kmap_local.c), external in a lab build
 * (include/kernel/lab.h).
 */
/* kmap_slot_pte - the PTE of CPU @cpu's slot @idx (in the fixmap). */
pte_t *kmap_slot_pte(u32 cpu, u32 idx);
/* kmap_local_push, kmap_local_pop - lab 4's exercises (labs/lab4/). */
u32 kmap_local_push(struct kmap_ctrl *kc);
void kmap_local_pop(struct kmap_ctrl *kc, u32 cpu, u32 idx);
#endif

#endif
