// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 6 (tools/grade.py --check, tests/host/labs.mk):
 * lessons 1 and 3 are converted right, but lesson 2 reasons "with
 * kmap_local_page() the step may fault now" and copies with the faulting
 * copy_from_user(). It copies every byte, but it serves the fault on the
 * absent source page while the caller holds the destination: the case that
 * checks that the step stops short, with the page still absent, must fail.
 */
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
	unsigned long left = copy_from_user(p + offset, src, n);	/* wrong */

	kunmap_local(p);
	return left;
}

struct page_reader {
	struct page *page;
	u32 word;
};

static int map_and_read(void *arg)
{
	struct page_reader *r = arg;
	const u32 *p = kmap_local_page(r->page);

	r->word = p[0];
	kunmap_local(p);
	return 0;
}

u32 read_word_in_thread(struct page *page)
{
	struct page_reader r = { page, 0 };
	struct task *th = kthread_run(map_and_read, &r, current->cpu, "handover");

	if (!th || kthread_join(th))
		return 0;
	return r.word;
}
