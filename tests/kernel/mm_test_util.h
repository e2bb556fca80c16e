/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the memory self-tests: take whole zones block by block
 * and give them back (tests/kernel/mm_test_util.c).
 */
#ifndef HM386_TESTS_MM_TEST_UTIL_H
#define HM386_TESTS_MM_TEST_UTIL_H

#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mmzone.h>

/* Blocks held by a test, chained through their head page's lru. */
struct held {
	struct list_head list;
	u32 blocks, pages;
};

#define HELD_INIT(name) { LIST_HEAD_INIT((name).list), 0, 0 }

/* hold - add the allocated block headed by @page to @h. */
void hold(struct held *h, struct page *page);

/* drain_zone - take blocks with @gfp, largest first, while they come from
 * zone @z, until it has no free page left. */
void drain_zone(struct held *h, gfp_t gfp, const struct zone *z);

/* release_all - free every block of @h in @passes rounds chosen by a hash
 * of the pfn (an order unrelated to allocation), without poisoning. */
void release_all(struct held *h, u32 passes);

/* page_is_free - true when @page lies in a free block of its zone (read
 * under the zone's lock) or on a CPU's list of free pages. */
bool page_is_free(struct page *page);

/*
 * A user address space for a test that copies to and from user memory from
 * the kernel: a VMA of @len bytes at @base with @flags (VM_*), none of it
 * present yet, taken by the current task with use_mm(). test_mm_enter()
 * returns 0, or -ENOMEM; test_mm_leave() gives back the task's own address
 * space and destroys the test's.
 */
struct test_mm {
	struct mm_struct *mm;		/* the test's */
	struct mm_struct *saved;	/* the task's before it */
};

int test_mm_enter(struct test_mm *tm, u32 base, u32 len, u32 flags);
void test_mm_leave(struct test_mm *tm);

/* user_page_present - true when @addr's PTE in @mm maps a page. */
bool user_page_present(struct mm_struct *mm, u32 addr);

#endif
