/* SPDX-License-Identifier: MIT */
/*
 * What the three files of user address spaces share (mm/mm.c, mm/memory.c,
 * mm/mmap.c), and what the self-tests may see of them. Not a public API.
 */
#ifndef HM386_MM_MM_INTERNAL_H
#define HM386_MM_MM_INTERNAL_H

#include <mm/mm.h>

/*
 * The lowmem page that holds an address space: the PDPT first (a page is
 * 32-byte aligned), the mm_struct, and the slots its VMAs are taken from.
 * hm386 has no small-object allocator; a process's mappings are few (the
 * program's segments, heap, stack, its mmaps), and a call that would need
 * more than MM_VMA_SLOTS fails with -ENOMEM, as Linux's does past
 * vm.max_map_count.
 */
struct mm_frame {
	u64 pdpt[PTRS_PER_PDPT];
	struct mm_struct mm;
	struct vm_area vma_slots[];
};

#define MM_VMA_SLOTS ((PAGE_SIZE - sizeof(struct mm_frame)) / sizeof(struct vm_area))

/* mm.c: a free VMA slot of @mm (NULL when none is left), and back. */
struct vm_area *vma_alloc(struct mm_struct *mm);
void vma_free(struct mm_struct *mm, struct vm_area *vma);

/* mmap.c: give @dst a copy of @src's VMAs (fork); -ENOMEM. */
int vmas_copy(struct mm_struct *dst, struct mm_struct *src);

/* memory.c: */
/* zap_user_range - unmap and release every page in [@start, @end). */
void zap_user_range(struct mm_struct *mm, u32 start, u32 end);
/* free_pte_tables - free the page tables of the 2 MiB regions that meet
 * [@start, @end) and that no VMA of @mm meets any more. */
void free_pte_tables(struct mm_struct *mm, u32 start, u32 end);
/* change_protection - rewrite the present PTEs of [@start, @end) for VMA
 * flags @flags; a page shared copy-on-write stays read-only. */
void change_protection(struct mm_struct *mm, u32 start, u32 end, u32 flags);
/* mm_is_loaded - true when this CPU's CR3 holds @mm's PDPT. */
bool mm_is_loaded(struct mm_struct *mm);

/* shrinker.c: */
/* shrink_caches - ask every SHRINKER for up to @nr pages in the zones of
 * @zone_mask (bit n: zone n); returns how many they gave back. */
u32 shrink_caches(u32 zone_mask, u32 nr);

#endif
