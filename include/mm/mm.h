/* SPDX-License-Identifier: MIT */
/*
 * User address spaces (mm/mm.c, mm/memory.c, mm/mmap.c): the memory of a
 * process, as Linux's i386 kernel keeps it with PAE and CONFIG_HIGHPTE.
 *
 *  - One PDPT per process, from lowmem: CR3 holds a 32-bit physical
 *    address, so it must lie below 4 GiB (and it is 32-byte aligned).
 *    Entries 0-2 are the process's own page directories (lowmem, allocated
 *    with the PDPT: a PAE PDPT entry is loaded into the CPU with CR3, so it
 *    is never changed while the PDPT may be loaded); entry 3 is the
 *    kernel's page directory, shared by every process.
 *  - User page tables (PTE pages) come from HighMem (GFP_HIGHUSER) and the
 *    kernel reaches them only through pte_offset_map()/pte_unmap(): a
 *    kmap_local mapping, never page_address().
 *  - Anonymous memory is demand-paged: a VMA says what may be there; the
 *    first touch allocates a GFP_HIGHUSER page zeroed with
 *    clear_user_highpage(). fork() shares every page copy-on-write; a write
 *    fault copies it with copy_user_highpage(), or reuses it when the
 *    faulting process is its only mapper (page_mapcount() == 1).
 *  - User pages are NX unless the VMA is executable (when the CPU has NX),
 *    and user (U/S) so that the kernel's pages stay out of reach.
 *
 * An mm is used by one task (processes are single-threaded) and changed
 * only by that task, or before it runs (fork, exec): its TLB entries are
 * on the CPU that runs it, and flushing them is a local invlpg.
 */
#ifndef HM386_MM_MM_H
#define HM386_MM_MM_H

#include <arch/x86/pgtable.h>
#include <lib/list.h>
#include <mm/gfp.h>
#include <mm/page.h>
#include <types.h>

/* The user address space layout (Linux i386's, without randomization). */
#define USER_STACK_TOP		0xc0000000U	/* the stack grows down from here */
#define USER_STACK_MAX		(8U << 20)	/* its VMA: 8 MiB, demand paged */
#define USER_STACK_GUARD_GAP	(1U << 20)	/* nothing maps below it */
#define USER_MMAP_TOP		(USER_STACK_TOP - USER_STACK_MAX - USER_STACK_GUARD_GAP)
#define USER_MIN_ADDR		0x10000U	/* nothing maps below 64 KiB */

/* vm_area.flags */
#define VM_READ		0x1U
#define VM_WRITE	0x2U
#define VM_EXEC		0x4U
#define VM_STACK	0x100U		/* the stack VMA */
#define VM_HEAP		0x200U		/* the brk VMA */

struct vm_area {
	u32 start, end;			/* [start, end), page aligned */
	u32 flags;			/* VM_* */
	struct list_head list;		/* on mm->vmas, by address */
};

struct mm_struct {
	u64 *pdpt;			/* 4 entries, lowmem, 32-byte aligned */
	u32 pdpt_phys;			/* what CR3 gets */
	struct page *pd[3];		/* user page directories, lowmem */
	struct list_head vmas;		/* struct vm_area, sorted, disjoint */
	struct list_head free_vmas;	/* unused VMA slots (mm/mm.c) */
	u32 nr_free_vmas;		/* how many */
	u32 start_brk, brk;		/* the heap: [start_brk, brk) */
	u32 start_stack;		/* the initial stack pointer (exec) */
	u32 nr_pte_pages;		/* page tables in use */
	u32 nr_pte_pages_highmem;	/* of those, in HighMem */
	u32 rss;			/* pages mapped */
	u32 rss_highmem;		/* of those, in HighMem */
	u32 rss_above_4g;		/* of those, above 4 GiB */
	/* which 2 MiB regions have a page table: one bit each, kept with
	 * the directory entries (mm/memory.c: pte_alloc(), free_pte_tables()) */
	u32 pt_map[USER_STACK_TOP / PMD_SIZE / 32];
};

/* mm_create - an empty user address space (the kernel's GiB shared), or
 * NULL when lowmem is short. May sleep. */
struct mm_struct *mm_create(void);

/*
 * mm_destroy - free every user page (dropping its reference: a page still
 * shared copy-on-write lives on), every PTE page, the page directories,
 * the PDPT and the VMAs. @mm must not be loaded on any CPU: the caller
 * switched away from it (switch_mm(NULL)).
 */
void mm_destroy(struct mm_struct *mm);

/*
 * mm_fork - a copy-on-write copy of @src (VMAs, brk, stack), for fork():
 * every writable present page becomes read-only in both and gains a
 * mapper; page tables are copied with the source and destination PTE
 * pages mapped at once (pte_offset_map() twice, unmapped in reverse
 * order). @src must be the current task's mm (its TLB is flushed here).
 * NULL when memory is short: everything half-copied is undone.
 */
struct mm_struct *mm_fork(struct mm_struct *src);

/* switch_mm - load @mm's PDPT in CR3 on this CPU, or the kernel's when NULL. */
void switch_mm(struct mm_struct *mm);

/*
 * use_mm - the current task takes @mm as its address space (NULL: none,
 * the kernel's tables) and loads it, with no switch in between; returns
 * the one it had, which the caller may then mm_destroy(). For exec and
 * exit.
 */
struct mm_struct *use_mm(struct mm_struct *mm);

/*
 * handle_mm_fault - resolve a fault at user address @addr in @mm, with the
 * #PF error code @error_code (PF_WRITE, PF_PROT, PF_INSTR, PF_USER).
 * Returns 0 when the access may be retried; -EFAULT when no VMA allows
 * it (a segfault: *@why says what, e.g. "no mapping", "write to a
 * read-only mapping", "execute of a non-executable mapping"); -ENOMEM when
 * no page could be had (the process is out of memory). May sleep.
 */
int handle_mm_fault(struct mm_struct *mm, u32 addr, u32 error_code,
		    const char **why);

/*
 * mm_get_user_page - the page at user address @addr of @mm, faulted in as
 * a user read (or write, @write: a page shared copy-on-write is copied
 * first) would be, with a reference taken for the caller (put_page() when
 * done). ERR_PTR(-EFAULT) when the VMAs do not allow the access,
 * ERR_PTR(-ENOMEM). For filling an mm that is not loaded (exec: the
 * initial stack; segments are mapped writable, filled, then mm_protect()ed),
 * as Linux's get_user_pages_remote(). May sleep.
 */
struct page *mm_get_user_page(struct mm_struct *mm, u32 addr, bool write);

/*
 * mm_map - add a VMA [@start, @start + @len) with @flags (VM_*), page
 * aligned, not overlapping another (-EINVAL, -ENOMEM). Nothing is
 * allocated until it is touched. For exec (segments, stack, heap).
 */
int mm_map(struct mm_struct *mm, u32 start, u32 len, u32 flags);

/*
 * mm_brk - the brk() of @mm, as Linux's: @brk below the heap's start (0
 * included) changes nothing; otherwise the heap [start_brk, @brk) grows or
 * shrinks (pages beyond the new end freed). Returns the break now: the old
 * one when it could not grow (another mapping in the way, memory short).
 */
u32 mm_brk(struct mm_struct *mm, u32 brk);

/*
 * mm_mmap - the mmap2() of @mm for anonymous private memory (PROT_*,
 * MAP_* of <uapi/hm386/mman.h>): the address of the new mapping, or
 * -errno: -ENODEV for a file mapping (mm cannot see files), -EINVAL for
 * MAP_SHARED, bad protections or a zero length, -ENOMEM without room.
 * MAP_FIXED replaces what was there; otherwise @addr is a hint, and the
 * mapping goes top down below USER_MMAP_TOP.
 */
long mm_mmap(struct mm_struct *mm, u32 addr, u32 len, u32 prot, u32 flags);

/* mm_find_vma - the VMA containing @addr, or NULL. */
struct vm_area *mm_find_vma(struct mm_struct *mm, u32 addr);

/*
 * mm_unmap / mm_protect - the munmap() and mprotect() of @mm (-EINVAL,
 * -ENOMEM), splitting VMAs as needed; mm_unmap frees the pages, mm_protect
 * rewrites the present PTEs (a COW-shared page stays read-only).
 */
int mm_unmap(struct mm_struct *mm, u32 start, u32 len);
int mm_protect(struct mm_struct *mm, u32 start, u32 len, u32 flags);

/* pte_offset_map - the PTE for @addr in @mm, mapped with kmap_local_page()
 * (its page table is in HighMem); NULL when there is no page table.
 * pte_unmap() undoes it (any address in the PTE page, reverse order). */
pte_t *pte_offset_map(struct mm_struct *mm, u32 addr);
void pte_unmap(pte_t *pte);

/* mm_for_each_page - call @fn for every present user page of @mm, in
 * address order, with its PTE (for `vm PID` and the tests). */
void mm_for_each_page(struct mm_struct *mm,
		      void (*fn)(u32 addr, pte_t pte, void *arg), void *arg);

/* mm_pte_page_pfn - the pfn of the page table that maps @addr, 0 if none. */
u32 mm_pte_page_pfn(struct mm_struct *mm, u32 addr);

/*
 * user_pte_gfp - where user page tables come from: GFP_HIGHUSER, as
 * Linux's CONFIG_HIGHPTE. ptw_check() (arch/x86) adds __GFP_BELOW_4G when
 * the CPU cannot walk a page table above 4 GiB (QEMU 7.2's
 * qemu-system-i386 cannot: docs/processes.md).
 */
extern gfp_t user_pte_gfp;

/* Since boot: COW copies made, COW pages reused (one mapper), demand-zero
 * pages, peak HighMem PTE pages of any mm, user pages above 4 GiB. */
struct mm_stats {
	u64 cow_copies, cow_reuses, zero_fills;
	u32 pte_pages_highmem, pte_pages_highmem_peak;
	u64 user_pages_above_4g;
};
extern struct mm_stats mm_stats;

#endif
