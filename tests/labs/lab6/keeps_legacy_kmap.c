// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 6 (tools/grade.py --check, tests/host/labs.mk):
 * lessons 1 and 2 are converted right, but lesson 3 keeps the deprecated
 * kmap(), and the file declares itself a legacy user so that it compiles.
 * It works, which is why the lesson's tests cannot tell; the lab is to
 * convert it. The lint of the lab's code (a lab may not declare itself a
 * legacy user: tools/kmap_lint.py) must fail.
 */
#define HM386_LEGACY_KMAP_USER	/* wrong: a lab's code may not */
#include <arch/x86/uaccess.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <mm/highmem.h>

void bump(void);

void bump_mapped_counter(struct page *page)
{
	void *p = kmap_local_page(page);

	preempt_disable();
	bump();
	preempt_enable();
	kunmap_local(p);
}

unsigned long copy_chunk_mapped(struct page *page, u32 offset,
				const void __user *src, unsigned long n)
{
	u8 *p = kmap_local_page(page);
	unsigned long left;

	pagefault_disable();
	left = __copy_from_user_inatomic(p + offset, src, n);
	pagefault_enable();
	kunmap_local(p);
	return left;
}

struct word_reader {
	const u32 *addr;
	u32 word;
};

static int read_word(void *arg)
{
	struct word_reader *r = arg;

	r->word = r->addr[0];
	return 0;
}

u32 read_word_in_thread(struct page *page)
{
	struct word_reader r = { kmap(page), 0 };	/* wrong: still kmap() */
	struct task *th = kthread_run(read_word, &r, current->cpu, "handover");

	if (th)
		kthread_join(th);
	kunmap(page);
	return r.word;
}
