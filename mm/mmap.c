// SPDX-License-Identifier: MIT
/*
 * The mappings of a user address space (VMAs) and the system calls that
 * change them: brk, mmap2 (anonymous private memory), munmap, mprotect.
 * Contract: include/mm/mm.h. Semantics and errors are Linux's; where hm386
 * does less (no file or shared mappings) the call says so with Linux's
 * error for it.
 *
 * mm->vmas is sorted by address; its VMAs are disjoint, and two neighbours
 * that touch with the same flags are merged, as Linux's vma_merge() does,
 * so that a growing heap or a run of mmaps stays one VMA. The slots come
 * from the mm's own page (mm/mm_internal.h).
 */
#include <kernel/panic.h>
#include <kernel/sched.h>
#include <kernel/syscall.h>
#include <mm/mm.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/mman.h>
#include "mm_internal.h"

#define VM_ACCESS	(VM_READ | VM_WRITE | VM_EXEC)
#define VM_ALL		(VM_ACCESS | VM_STACK | VM_HEAP)

static struct vm_area *vma_of(struct list_head *pos)
{
	return list_entry(pos, struct vm_area, list);
}

struct vm_area *mm_find_vma(struct mm_struct *mm, u32 addr)
{
	struct list_head *pos;

	list_for_each(pos, &mm->vmas) {
		struct vm_area *vma = vma_of(pos);

		if (addr < vma->start)
			return NULL;
		if (addr < vma->end)
			return vma;
	}
	return NULL;
}

/* The first VMA that ends above @addr, or NULL. */
static struct vm_area *vma_after(struct mm_struct *mm, u32 addr)
{
	struct list_head *pos;

	list_for_each(pos, &mm->vmas)
		if (vma_of(pos)->end > addr)
			return vma_of(pos);
	return NULL;
}

/* True when no VMA meets [start, end). */
static bool range_is_free(struct mm_struct *mm, u32 start, u32 end)
{
	struct vm_area *vma = vma_after(mm, start);

	return !vma || vma->start >= end;
}

/* Merge @vma with the neighbour after it when they touch with one flags;
 * true when it did. */
static bool vma_merge_next(struct mm_struct *mm, struct vm_area *vma)
{
	struct vm_area *next;

	if (vma->list.next == &mm->vmas)
		return false;
	next = vma_of(vma->list.next);
	if (next->start != vma->end || next->flags != vma->flags)
		return false;
	vma->end = next->end;
	vma_free(mm, next);
	return true;
}

/* Merge the VMAs that meet [start, end] with their neighbours. */
static void vmas_merge_around(struct mm_struct *mm, u32 start, u32 end)
{
	struct list_head *pos;

	for (pos = mm->vmas.next; pos != &mm->vmas; pos = pos->next) {
		struct vm_area *vma = vma_of(pos);

		if (vma->start > end)
			break;
		if (vma->end < start)
			continue;
		while (vma_merge_next(mm, vma))
			;
	}
}

/* Check a page-aligned user range; its end in *@end. */
static bool user_range_ok(u32 start, u32 len, u32 *end)
{
	*end = start + len;
	return !(start & ~PAGE_MASK) && !(len & ~PAGE_MASK) && len &&
	       *end > start && start >= USER_MIN_ADDR && *end <= USER_STACK_TOP;
}

int mm_map(struct mm_struct *mm, u32 start, u32 len, u32 flags)
{
	struct vm_area *vma, *next;
	u32 end;

	if (!user_range_ok(start, len, &end) || (flags & ~VM_ALL) ||
	    !range_is_free(mm, start, end))
		return -EINVAL;
	vma = vma_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->start = start;
	vma->end = end;
	vma->flags = flags;
	next = vma_after(mm, start);
	list_add_tail(&vma->list, next ? &next->list : &mm->vmas);
	vmas_merge_around(mm, start, end);
	return 0;
}

/* Split @vma at @addr (inside it): a new VMA takes [addr, end). */
static void vma_split(struct mm_struct *mm, struct vm_area *vma, u32 addr)
{
	struct vm_area *upper = vma_alloc(mm);

	BUG_ON(!upper);		/* the callers counted the slots */
	upper->start = addr;
	upper->end = vma->end;
	upper->flags = vma->flags;
	vma->end = addr;
	list_add(&upper->list, &vma->list);
}

/* How many VMAs of @mm strictly contain @addr (0 or 1): a split there. */
static u32 splits_at(struct mm_struct *mm, u32 addr)
{
	struct vm_area *vma = mm_find_vma(mm, addr);

	return vma && vma->start < addr;
}

/* Split the VMAs around [start, end) so that none crosses its ends;
 * -ENOMEM (and nothing changed) when the slots are short. */
static int split_at_ends(struct mm_struct *mm, u32 start, u32 end)
{
	if (splits_at(mm, start) + splits_at(mm, end) > mm->nr_free_vmas)
		return -ENOMEM;
	if (splits_at(mm, start))
		vma_split(mm, mm_find_vma(mm, start), start);
	if (splits_at(mm, end))
		vma_split(mm, mm_find_vma(mm, end), end);
	return 0;
}

int mm_unmap(struct mm_struct *mm, u32 start, u32 len)
{
	struct vm_area *vma;
	u32 end;
	int err;

	len = ALIGN_UP(len, PAGE_SIZE);
	end = start + len;
	if ((start & ~PAGE_MASK) || !len || end < start || end > USER_STACK_TOP)
		return -EINVAL;
	err = split_at_ends(mm, start, end);
	if (err)
		return err;
	while ((vma = vma_after(mm, start)) && vma->start < end)
		vma_free(mm, vma);
	zap_user_range(mm, start, end);
	free_pte_tables(mm, start, end);
	return 0;
}

int mm_protect(struct mm_struct *mm, u32 start, u32 len, u32 flags)
{
	struct vm_area *vma;
	u32 end, addr;
	int err;

	if ((start & ~PAGE_MASK) || (flags & ~VM_ACCESS))
		return -EINVAL;
	if (!len)
		return 0;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = start + len;
	if (end <= start || end > USER_STACK_TOP)
		return -ENOMEM;
	/* Every page of the range must be mapped. */
	for (addr = start; addr < end; addr = vma->end) {
		vma = mm_find_vma(mm, addr);
		if (!vma)
			return -ENOMEM;
	}
	err = split_at_ends(mm, start, end);
	if (err)
		return err;
	for (addr = start; addr < end; addr = vma->end) {
		vma = mm_find_vma(mm, addr);
		vma->flags = (vma->flags & ~VM_ACCESS) | flags;
		change_protection(mm, vma->start, vma->end, vma->flags);
	}
	vmas_merge_around(mm, start, end);
	return 0;
}

int vmas_copy(struct mm_struct *dst, struct mm_struct *src)
{
	struct list_head *pos;

	list_for_each(pos, &src->vmas) {
		struct vm_area *vma = vma_alloc(dst);

		if (!vma)
			return -ENOMEM;
		vma->start = vma_of(pos)->start;
		vma->end = vma_of(pos)->end;
		vma->flags = vma_of(pos)->flags;
		list_add_tail(&vma->list, &dst->vmas);
	}
	return 0;
}

u32 mm_brk(struct mm_struct *mm, u32 brk)
{
	u32 old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	u32 new_end = ALIGN_UP(brk, PAGE_SIZE);

	if (brk < mm->start_brk || new_end < brk || new_end > USER_MMAP_TOP)
		return mm->brk;
	if (new_end < old_end && mm_unmap(mm, new_end, old_end - new_end))
		return mm->brk;
	/* Growing: the new pages and a page above them must be free. */
	if (new_end > old_end &&
	    (!range_is_free(mm, old_end, new_end + PAGE_SIZE) ||
	     mm_map(mm, old_end, new_end - old_end, VM_READ | VM_WRITE | VM_HEAP)))
		return mm->brk;
	mm->brk = brk;
	return brk;
}

/* The free gap of @len bytes highest below USER_MMAP_TOP, or 0. */
static u32 unmapped_area_topdown(struct mm_struct *mm, u32 len)
{
	u32 end = USER_MMAP_TOP;
	struct list_head *pos;

	for (pos = mm->vmas.prev; pos != &mm->vmas; pos = pos->prev) {
		struct vm_area *vma = vma_of(pos);

		if (vma->start >= end)
			continue;
		if (vma->end <= end && end - vma->end >= len)
			return end - len;
		end = vma->start;
	}
	return end >= USER_MIN_ADDR && end - USER_MIN_ADDR >= len ? end - len : 0;
}

static u32 prot_to_vm(u32 prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

#define PROT_ALL	(PROT_READ | PROT_WRITE | PROT_EXEC)

long mm_mmap(struct mm_struct *mm, u32 addr, u32 len, u32 prot, u32 flags)
{
	u32 start, end;
	int err;

	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV;
	if ((flags & (MAP_SHARED | MAP_PRIVATE)) != MAP_PRIVATE ||
	    (prot & ~PROT_ALL) || !len)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr > USER_STACK_TOP - len)
			return -ENOMEM;
		if (addr < USER_MIN_ADDR)
			return -EPERM;
		err = mm_unmap(mm, addr, len);
		if (err)
			return err;
		start = addr;
	} else {
		start = ALIGN_UP(addr, PAGE_SIZE);
		end = start + len;
		if (!start || start < USER_MIN_ADDR || end < start ||
		    end > USER_MMAP_TOP || !range_is_free(mm, start, end))
			start = unmapped_area_topdown(mm, len);
		if (!start)
			return -ENOMEM;
	}
	err = mm_map(mm, start, len, prot_to_vm(prot));
	return err ? err : (long)start;
}

/* The system calls, on the calling process's address space. */

static long sys_brk(u32 brk)
{
	return (long)mm_brk(current->mm, brk);
}
SYSCALL_DEFINE(__NR_brk, brk, sys_brk);

static long sys_mmap2(u32 addr, u32 len, u32 prot, u32 flags, u32 fd,
		      u32 pgoff)
{
	return mm_mmap(current->mm, addr, len, prot, flags);
}
SYSCALL_DEFINE(__NR_mmap2, mmap2, sys_mmap2);

static long sys_munmap(u32 addr, u32 len)
{
	return mm_unmap(current->mm, addr, len);
}
SYSCALL_DEFINE(__NR_munmap, munmap, sys_munmap);

static long sys_mprotect(u32 addr, u32 len, u32 prot)
{
	if (prot & ~PROT_ALL)
		return -EINVAL;
	return mm_protect(current->mm, addr, len, prot_to_vm(prot));
}
SYSCALL_DEFINE(__NR_mprotect, mprotect, sys_mprotect);
