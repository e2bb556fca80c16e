// SPDX-License-Identifier: MIT
/*
 * Context checks (include/kernel/context_check.h): every mechanism that
 * code can leave behind is declared; what is held is counted and described
 * in the words the runner prints; the repair gives it back; kmap() users
 * are the kernel's, not the task's, so a thread may exit leaving one for
 * another thread to kunmap().
 */
#define HM386_LEGACY_KMAP_USER	/* kmap() users are what the pkmap check counts */
#include <kernel/context_check.h>
#include <kernel/ktest.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <mm/highmem_hooks.h>

static const struct context_check *find_check(const char *name)
{
	for (u32 i = 0; i < context_check_count(); i++)
		if (!strcmp(context_check_get(i)->name, name))
			return context_check_get(i);
	return NULL;
}

static void every_mechanism_is_declared(struct ktest *t)
{
	static const struct {
		const char *name;
		enum context_scope scope;
	} want[] = {
		{ "kmap_local", CONTEXT_TASK },
		{ "preempt", CONTEXT_TASK },
		{ "pagefault", CONTEXT_TASK },
		{ "pkmap", CONTEXT_GLOBAL },
	};
	char held[CONTEXT_HELD_MAX];

	for (u32 i = 0; i < ARRAY_SIZE(want); i++) {
		const struct context_check *c = find_check(want[i].name);

		KASSERT_NOT_NULL(t, c);
		KEXPECT_EQ(t, c->scope, want[i].scope);
		KEXPECT_EQ(t, c->count(), 0);
	}
	KEXPECT_EQ(t, context_held(CONTEXT_ALL, held, sizeof(held)), 0);
	KEXPECT_STREQ(t, held, "");
}

static struct page *highmem_page(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	KASSERT_NOT_NULL(t, page);
	if (!PageHighMem(page)) {
		__free_page(page);
		ktest_skip(t, "no HighMem: a lowmem page takes no slot");
	}
	return page;
}

static void kmap_local_mapping_is_held_then_repaired(struct ktest *t)
{
	struct page *page = highmem_page(t);
	char held[CONTEXT_HELD_MAX];
	u32 n;

	kmap_local_page(page);
	kmap_local_page(page);
	n = context_held(CONTEXT_TASK, held, sizeof(held));
	KEXPECT_EQ(t, n, 1);
	KEXPECT_STREQ(t, held, "kmap_local mappings: 2");
	/* The global scope does not look at the task's mappings. */
	KEXPECT_EQ(t, context_held(CONTEXT_GLOBAL, held, sizeof(held)), 0);
	context_repair(CONTEXT_TASK);
	KEXPECT_EQ(t, kmap_local_depth(), 0);
	__free_page(page);
}

static void disabled_preemption_and_pagefaults_are_held(struct ktest *t)
{
	char held[CONTEXT_HELD_MAX];
	u32 n;

	preempt_disable();
	preempt_disable();
	pagefault_disable();
	n = context_held(CONTEXT_ALL, held, sizeof(held));
	context_repair(CONTEXT_ALL);
	KEXPECT_EQ(t, n, 2);
	/* In section order, which the compiler chooses within one file. */
	KEXPECT_NOT_NULL(t, strstr(held, "preempt_disable() not undone: 2"));
	KEXPECT_NOT_NULL(t, strstr(held, "pagefault_disable() not undone: 1"));
	KEXPECT_EQ(t, strlen(held), strlen("preempt_disable() not undone: 2, "
					   "pagefault_disable() not undone: 1"));
	KEXPECT_EQ(t, preempt_count(), 0);
	KEXPECT_FALSE(t, pagefault_disabled());
}

static void description_is_cut_not_overrun(struct ktest *t)
{
	char held[12];

	memset(held, 'x', sizeof(held));
	preempt_disable();
	KEXPECT_EQ(t, context_held(CONTEXT_ALL, held, 8), 1);
	preempt_enable();
	KEXPECT_STREQ(t, held, "preempt");
	KEXPECT_EQ(t, held[8], 'x');
}

static int kmap_and_exit(void *arg)
{
	u32 *p = kmap(arg);

	*p = 0x5eed;
	return 0;		/* exits holding a kmap() user: allowed */
}

static void kmap_user_outlives_its_thread(struct ktest *t)
{
	struct page *page = highmem_page(t);
	char held[CONTEXT_HELD_MAX];

	KEXPECT_EQ(t, kthread_join(kthread_run(kmap_and_exit, page, 0,
					       "mapper")), 0);
	KEXPECT_EQ(t, context_held(CONTEXT_TASK, held, sizeof(held)), 0);
	KEXPECT_EQ(t, context_held(CONTEXT_GLOBAL, held, sizeof(held)), 1);
	KEXPECT_STREQ(t, held, "pkmap slots with kmap() users: 1");
	/* The pointer is still good in this thread, and this thread ends it. */
	KEXPECT_EQ(t, *(u32 *)page_address(page), 0x5eed);
	kunmap(page);
	KEXPECT_EQ(t, context_held(CONTEXT_ALL, held, sizeof(held)), 0);
	__free_page(page);
}

static struct ktest_case context_check_cases[] = {
	KTEST_CASE(every_mechanism_is_declared),
	KTEST_CASE(kmap_local_mapping_is_held_then_repaired),
	KTEST_CASE(disabled_preemption_and_pagefaults_are_held),
	KTEST_CASE(description_is_cut_not_overrun),
	KTEST_CASE(kmap_user_outlives_its_thread),
	{}
};
KTEST_SUITE(context_check, context_check_cases);
