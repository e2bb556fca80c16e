/* SPDX-License-Identifier: MIT */
/*
 * A context's kmap_local slot stack (mm/kmap_local.c). Every task has one;
 * interrupt handlers push on top of the interrupted task's.
 */
#ifndef HM386_MM_KMAP_CTRL_H
#define HM386_MM_KMAP_CTRL_H

#include <arch/x86/pgtable.h>
#include <arch/x86/kmap_size.h>

#if CONFIG_KMAP_DEBUG
/* Where a mapping was made or undone, for the reports. */
struct kmap_site {
	const char *file;
	int line;
};

/* A slot's history (debug builds): what it mapped last, and where. */
struct kmap_slot {
	u32 pfn;			/* the page mapped (or last mapped) here */
	struct kmap_site mapped;	/* where it was mapped */
	struct kmap_site unmapped;	/* where it was last unmapped */
};
#endif

/*
 * While the task runs, its live mappings are the PTEs of its CPU's slots
 * 0 .. idx - 1 (the fixmap is the truth, nothing is copied on a map or an
 * unmap); a context switch saves them in pteval[] and clears the slots,
 * and puts them back when the task runs again.
 */
struct kmap_ctrl {
	u32 idx;			/* slots in use, guards included */
	pte_t pteval[KM_MAX_IDX];	/* the slots' PTEs, while switched out */
#if CONFIG_KMAP_DEBUG
	struct kmap_slot slot[KM_MAX_IDX];
#endif
};

#endif
