// SPDX-License-Identifier: MIT
/*
 * The exception table and copy_from_kernel_nofault(): good memory is copied
 * byte-exact; NULL, the hole past the direct map and a range that runs into
 * it fail with -EFAULT instead of panicking (after copying exactly the bytes
 * before the first unreadable one); the pagefault-disable depth is restored;
 * every table entry lies in kernel text. A listed instruction is fixed up
 * with pagefaults enabled too (Linux's rule). A fault with no fixup still
 * panics, pagefaults enabled or disabled, and says when they were disabled.
 */
#include <arch/x86/extable.h>
#include <arch/x86/pgtable.h>
#include <mm/paging.h>
#include <arch/x86/trap.h>
#include <kernel/ksyms.h>
#include <kernel/ktest.h>
#include <kernel/preempt.h>
#include <lib/printf.h>
#include <lib/string.h>

#define SENTINEL	0xee
#define BUF_SIZE	(2 * PAGE_SIZE + 16)
/* The last bytes of the direct map; the page after them is never mapped. */
#define TAIL_BYTES	16

extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

static u8 source[BUF_SIZE];
static u8 dest[BUF_SIZE];

static void fill_buffers(void)
{
	for (u32 i = 0; i < BUF_SIZE; i++)
		source[i] = (u8)(i * 7 + 3);
	memset(dest, SENTINEL, sizeof(dest));
}

/* How many bytes of dest, from @from on, still hold the sentinel. */
static u32 untouched_from(u32 from)
{
	u32 n = 0;

	while (from + n < BUF_SIZE && dest[from + n] == SENTINEL)
		n++;
	return n;
}

/* The counts are as a case found them, whatever the copy did. */
static void expect_context_restored(struct ktest *t)
{
	KEXPECT_FALSE(t, pagefault_disabled());
	KEXPECT_EQ(t, preempt_count(), 0);
}

struct copy_case {
	u32 size;
	u32 offset;	/* into source: odd offsets too */
};

static const struct copy_case copy_cases[] = {
	{ 0, 0 }, { 1, 0 }, { 1, 1 }, { 2, 3 }, { 3, 1 }, { 4, 0 }, { 7, 5 },
	{ 64, 0 }, { 255, 1 }, { PAGE_SIZE, 0 }, { PAGE_SIZE + 1, 3 },
	{ 2 * PAGE_SIZE + 13, 1 },
};

static void describe_copy(const void *p, char *buf, size_t size)
{
	const struct copy_case *c = p;

	snprintf(buf, size, "size_%u_offset_%u", c->size, c->offset);
}

static const struct ktest_params copy_params = {
	copy_cases, ARRAY_SIZE(copy_cases), sizeof(copy_cases[0]), describe_copy,
};

static void copies_good_memory(struct ktest *t)
{
	const struct copy_case *c = t->param;

	fill_buffers();
	KEXPECT_EQ(t, copy_from_kernel_nofault(dest, source + c->offset, c->size), 0);
	KEXPECT_MEMEQ(t, dest, source + c->offset, c->size);
	KEXPECT_EQ(t, untouched_from(c->size), BUF_SIZE - c->size);
	expect_context_restored(t);
}

static void null_is_efault(struct ktest *t)
{
	fill_buffers();
	KEXPECT_EQ(t, copy_from_kernel_nofault(dest, NULL, 4), -EFAULT);
	KEXPECT_EQ(t, untouched_from(0), BUF_SIZE);
	expect_context_restored(t);
}

static void past_direct_map_is_efault(struct ktest *t)
{
	fill_buffers();
	KEXPECT_EQ(t, copy_from_kernel_nofault(dest, (void *)high_memory, 8),
		   -EFAULT);
	KEXPECT_EQ(t, untouched_from(0), BUF_SIZE);
	expect_context_restored(t);
}

/* The copy stops at the first unreadable byte, having copied those before. */
static void copy_into_unmapped_page_is_efault(struct ktest *t)
{
	const u8 *tail = (const u8 *)(high_memory - TAIL_BYTES);

	fill_buffers();
	KEXPECT_EQ(t, copy_from_kernel_nofault(dest, tail, 4 * TAIL_BYTES),
		   -EFAULT);
	KEXPECT_MEMEQ(t, dest, tail, TAIL_BYTES);
	KEXPECT_EQ(t, untouched_from(TAIL_BYTES), BUF_SIZE - TAIL_BYTES);
	expect_context_restored(t);
}

/* An outer pagefault_disable() survives the copy's own pair. */
static void copy_keeps_outer_pagefault_disable(struct ktest *t)
{
	pagefault_disable();
	KEXPECT_EQ(t, copy_from_kernel_nofault(dest, NULL, 1), -EFAULT);
	KEXPECT_TRUE(t, pagefault_disabled());
	pagefault_enable();
	expect_context_restored(t);
}

static void copy_null_in_interrupt(void *arg)
{
	long *result = arg;

	*result = copy_from_kernel_nofault(dest, NULL, 1);
}

static void efault_in_interrupt(struct ktest *t)
{
	long result = 0;

	run_in_interrupt(copy_null_in_interrupt, &result);
	KEXPECT_EQ(t, result, -EFAULT);
	expect_context_restored(t);
}

static void table_entries_lie_in_text(struct ktest *t)
{
	const struct exception_table_entry *e;
	u32 in_copy = 0, offset;

	KASSERT_LT(t, (u32)__start___ex_table, (u32)__stop___ex_table);
	for (e = __start___ex_table; e < __stop___ex_table; e++) {
		const char *name = ksym_lookup(e->insn, &offset);

		KEXPECT_GE(t, e->insn, (u32)_text_start);
		KEXPECT_LT(t, e->insn, (u32)_text_end);
		KEXPECT_GE(t, e->fixup, (u32)_text_start);
		KEXPECT_LT(t, e->fixup, (u32)_text_end);
		KEXPECT_TRUE(t, search_exception_table(e->insn) == e);
		if (name && !strcmp(name, "copy_from_kernel_nofault"))
			in_copy++;
	}
	/* Exactly one: its load. */
	KEXPECT_EQ(t, in_copy, 1);
}

static void search_misses_other_addresses(struct ktest *t)
{
	KEXPECT_NULL(t, search_exception_table(0));
	KEXPECT_NULL(t, search_exception_table((u32)copy_from_kernel_nofault));
	KEXPECT_NULL(t, search_exception_table((u32)_text_end));
}

static void fixup_rewrites_eip(struct ktest *t)
{
	const struct exception_table_entry *e = __start___ex_table;
	struct trap_frame tf = { .eip = e->insn };

	KASSERT_LT(t, (u32)e, (u32)__stop___ex_table);
	KEXPECT_TRUE(t, fixup_exception(&tf));
	KEXPECT_EQ(t, tf.eip, e->fixup);

	tf.eip = (u32)copy_from_kernel_nofault;
	KEXPECT_FALSE(t, fixup_exception(&tf));
	KEXPECT_EQ(t, tf.eip, (u32)copy_from_kernel_nofault);
}

/*
 * Linux's rule: a listed instruction is fixed up whatever the context. With
 * pagefaults enabled, the inatomic copy of a bad kernel address (nothing
 * could serve it) fails as copy_from_kernel_nofault() does, no panic.
 */
static void fixup_applies_with_pagefaults_enabled(struct ktest *t)
{
	const u8 *tail = (const u8 *)(high_memory - TAIL_BYTES);

	fill_buffers();
	KASSERT_FALSE(t, pagefault_disabled());
	KEXPECT_EQ(t, __copy_from_kernel_inatomic(dest, NULL, 4), -EFAULT);
	KEXPECT_EQ(t, __copy_from_kernel_inatomic(dest, (void *)high_memory, 8),
		   -EFAULT);
	KEXPECT_EQ(t, untouched_from(0), BUF_SIZE);
	KEXPECT_EQ(t, __copy_from_kernel_inatomic(dest, tail, 2 * TAIL_BYTES),
		   -EFAULT);
	KEXPECT_MEMEQ(t, dest, tail, TAIL_BYTES);
	KEXPECT_EQ(t, untouched_from(TAIL_BYTES), BUF_SIZE - TAIL_BYTES);
	expect_context_restored(t);
}

/* Enabled pagefaults do not make a fault without a fixup survivable. */
static void null_read_with_pagefaults_enabled_panics(struct ktest *t)
{
	(void)*(volatile u8 *)0;
}

/* Disabled pagefaults do not make a fault without a fixup survivable. */
static void null_read_with_pagefaults_disabled_panics(struct ktest *t)
{
	pagefault_disable();
	(void)*(volatile u8 *)0;
}

/* Only the load has a fixup: a bad destination is the caller's bug. */
static void bad_destination_panics(struct ktest *t)
{
	copy_from_kernel_nofault(NULL, source, 1);
}

static struct ktest_case extable_cases[] = {
	KTEST_PARAM_CASE(copies_good_memory, copy_params),
	KTEST_CASE(null_is_efault),
	KTEST_CASE(past_direct_map_is_efault),
	KTEST_CASE(copy_into_unmapped_page_is_efault),
	KTEST_CASE(copy_keeps_outer_pagefault_disable),
	KTEST_CASE(efault_in_interrupt),
	KTEST_CASE(table_entries_lie_in_text),
	KTEST_CASE(search_misses_other_addresses),
	KTEST_CASE(fixup_rewrites_eip),
	KTEST_CASE(fixup_applies_with_pagefaults_enabled),
	KTEST_DEATH_CASE(null_read_with_pagefaults_enabled_panics,
			 "page fault at 0x00000000: not-present read"),
	KTEST_DEATH_CASE(null_read_with_pagefaults_disabled_panics,
			 "page fault at 0x00000000 with pagefaults disabled: "
			 "not-present read"),
	KTEST_DEATH_CASE(bad_destination_panics,
			 "page fault at 0x00000000 with pagefaults disabled: "
			 "not-present write"),
	{}
};
KTEST_SUITE(extable, extable_cases);
