// SPDX-License-Identifier: MIT
/*
 * The user copies and Linux's fixup rule (arch/x86/usercopy.c, traps.c):
 * a kernel fault that is not served, at an instruction listed in the
 * exception table, fails the copy in any context, never a panic. With
 * pagefaults enabled a fault on a page not there yet is served (the page
 * appears, the copy completes) and only a bad address (no VMA, a
 * protection violation, no process) is fixed up; with pagefaults disabled
 * the same fault is not served: the copy stops short and the page is still
 * not there, until fault_in_readable() (the write path's fallback) brings
 * it.
 *
 * Each case gives the test task an address space (tests/kernel/
 * mm_test_util.h) with a read-write VMA at BASE and a read-only one at
 * RO_BASE, nothing present, and reads rss and the PTEs afterwards.
 */
#include <arch/x86/layout.h>
#include <arch/x86/uaccess.h>
#include <kernel/ktest.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <uapi/hm386/errno.h>
#include "mm_test_util.h"

#define BASE		0x10000000U	/* two read-write pages */
#define RO_BASE		(BASE + 4 * PAGE_SIZE)	/* one read-only page */
#define NO_VMA		(BASE + 2 * PAGE_SIZE)	/* between them: nothing */
#define SENTINEL	0xa5
#define WORDS		4

static void fill_sentinel(u32 *buf)
{
	memset(buf, SENTINEL, WORDS * sizeof(*buf));
}

static bool untouched(const u32 *buf)
{
	const u8 *b = (const u8 *)buf;

	for (u32 i = 0; i < WORDS * sizeof(*buf); i++)
		if (b[i] != SENTINEL)
			return false;
	return true;
}

/* BASE (read-write, 2 pages) and RO_BASE (read-only, 1 page) in a fresh
 * address space the current task takes. */
static void enter(struct ktest *t, struct test_mm *tm)
{
	int err;

	KASSERT_EQ(t, test_mm_enter(tm, BASE, 2 * PAGE_SIZE, VM_READ | VM_WRITE), 0);
	err = mm_map(tm->mm, RO_BASE, PAGE_SIZE, VM_READ);
	if (err)
		test_mm_leave(tm);
	KASSERT_EQ(t, err, 0);
}

/* Pagefaults enabled, a bad address: the fault is not served (nothing to
 * serve it with), the fixup fails the copy, nothing is mapped. */
static void bad_pointer_is_efault_with_pagefaults_enabled(struct ktest *t)
{
	struct test_mm tm;
	u32 buf[WORDS], word = 0x12345678, fixups = uaccess_fixups;
	char name[8];

	enter(t, &tm);
	fill_sentinel(buf);
	KEXPECT_FALSE(t, pagefault_disabled());
	KEXPECT_EQ(t, copy_from_user(buf, (const void __user *)NO_VMA, sizeof(buf)),
		   sizeof(buf));
	KEXPECT_TRUE(t, untouched(buf));
	/* A write to a read-only VMA: a protection violation. */
	KEXPECT_EQ(t, copy_to_user((void __user *)RO_BASE, &word, sizeof(word)),
		   sizeof(word));
	KEXPECT_EQ(t, strncpy_from_user(name, (const char __user *)NO_VMA,
					sizeof(name)), -EFAULT);
	KEXPECT_EQ(t, get_user_u32(&word, (const u32 __user *)(NO_VMA + 4)),
		   -EFAULT);
	KEXPECT_EQ(t, word, 0x12345678);
	KEXPECT_EQ(t, uaccess_fixups - fixups, 4);
	KEXPECT_FALSE(t, user_page_present(tm.mm, NO_VMA));
	KEXPECT_FALSE(t, user_page_present(tm.mm, RO_BASE));
	KEXPECT_EQ(t, tm.mm->rss, 0);
	test_mm_leave(&tm);
}

/* A copy that runs from a good page into no VMA stops at the boundary,
 * having copied the bytes before it. */
static void copy_across_into_no_vma_is_short(struct ktest *t)
{
	struct test_mm tm;
	u32 buf[WORDS];
	const u32 __user *src = (const u32 __user *)(NO_VMA - 2 * sizeof(u32));

	enter(t, &tm);
	fill_sentinel(buf);
	KEXPECT_EQ(t, put_user_u32(0xc0ffee01, (u32 __user *)src), 0);
	KEXPECT_EQ(t, put_user_u32(0xc0ffee02, (u32 __user *)src + 1), 0);
	KEXPECT_EQ(t, copy_from_user(buf, src, sizeof(buf)), 2 * sizeof(u32));
	KEXPECT_EQ(t, buf[0], 0xc0ffee01);
	KEXPECT_EQ(t, buf[1], 0xc0ffee02);
	KEXPECT_EQ(t, buf[2], 0xa5a5a5a5);
	test_mm_leave(&tm);
}

/* Pagefaults enabled, a page not there yet: served, the copy completes. */
static void absent_page_served_with_pagefaults_enabled(struct ktest *t)
{
	struct test_mm tm;
	u32 buf[WORDS], fixups = uaccess_fixups;

	enter(t, &tm);
	fill_sentinel(buf);
	KEXPECT_FALSE(t, user_page_present(tm.mm, BASE));
	KEXPECT_EQ(t, __copy_from_user_inatomic(buf, (const void __user *)BASE,
						sizeof(buf)), 0);
	KEXPECT_TRUE(t, user_page_present(tm.mm, BASE));
	KEXPECT_EQ(t, buf[0], 0);	/* demand zero */
	KEXPECT_EQ(t, buf[WORDS - 1], 0);
	KEXPECT_EQ(t, tm.mm->rss, 1);
	KEXPECT_EQ(t, uaccess_fixups, fixups);
	test_mm_leave(&tm);
}

/*
 * Pagefaults disabled, the same page: not served. Both directions stop
 * short with nothing copied and the page still absent; fault_in_readable()
 * with pagefaults enabled brings it, and the atomic copy then completes.
 */
static void absent_page_not_served_with_pagefaults_disabled(struct ktest *t)
{
	struct test_mm tm;
	u32 buf[WORDS], word = 0x600dcafe, fixups = uaccess_fixups;
	unsigned long from_left, to_left, again;

	enter(t, &tm);
	fill_sentinel(buf);
	pagefault_disable();
	from_left = __copy_from_user_inatomic(buf, (const void __user *)BASE,
					      sizeof(buf));
	to_left = __copy_to_user_inatomic((void __user *)(BASE + PAGE_SIZE),
					  &word, sizeof(word));
	pagefault_enable();
	KEXPECT_EQ(t, from_left, sizeof(buf));
	KEXPECT_EQ(t, to_left, sizeof(word));
	KEXPECT_TRUE(t, untouched(buf));
	KEXPECT_FALSE(t, user_page_present(tm.mm, BASE));
	KEXPECT_FALSE(t, user_page_present(tm.mm, BASE + PAGE_SIZE));
	KEXPECT_EQ(t, tm.mm->rss, 0);
	KEXPECT_EQ(t, uaccess_fixups - fixups, 2);
	/* The fallback: fault in with pagefaults enabled, copy again. */
	KEXPECT_EQ(t, fault_in_readable((const char __user *)BASE, sizeof(buf)), 0);
	KEXPECT_TRUE(t, user_page_present(tm.mm, BASE));
	pagefault_disable();
	again = __copy_from_user_inatomic(buf, (const void __user *)BASE,
					  sizeof(buf));
	pagefault_enable();
	KEXPECT_EQ(t, again, 0);
	KEXPECT_EQ(t, buf[0], 0);
	test_mm_leave(&tm);
}

/* A kernel thread has no process memory: a user address cannot be served,
 * and a listed copy fails instead of panicking. */
static void user_address_without_a_process_is_efault(struct ktest *t)
{
	u32 buf[WORDS];

	if (current->mm)
		ktest_skip(t, "the test task has an address space");
	fill_sentinel(buf);
	KEXPECT_EQ(t, copy_from_user(buf, (const void __user *)BASE, sizeof(buf)),
		   sizeof(buf));
	KEXPECT_TRUE(t, untouched(buf));
}

static struct ktest_case usercopy_cases[] = {
	KTEST_CASE(bad_pointer_is_efault_with_pagefaults_enabled),
	KTEST_CASE(copy_across_into_no_vma_is_short),
	KTEST_CASE(absent_page_served_with_pagefaults_enabled),
	KTEST_CASE(absent_page_not_served_with_pagefaults_disabled),
	KTEST_CASE(user_address_without_a_process_is_efault),
	{}
};
KTEST_SUITE(usercopy, usercopy_cases);
