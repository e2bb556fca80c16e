// SPDX-License-Identifier: MIT
/*
 * Lab 6: converting kmap() and kmap_atomic() users (docs/labs/lab6.md).
 *
 * In the lab-6 kernel (`make lab 6`) the three functions below replace the
 * "after" side of the three conversion lessons in
 * tests/kernel/conversion_test.c. Each was written with kmap_atomic() or
 * kmap() and has been converted to kmap_local_page() naively: the mapping
 * call was swapped and nothing else. Each is wrong in its own way. Apply
 * the rules of docs/highmem.md ("Converting old code"), then
 * `make grade 6`.
 */
#include <arch/x86/extable.h>
#include <kernel/preempt.h>
#include <kernel/sched.h>
#include <mm/highmem.h>

/* From tests/kernel/conversion_test.c: read-modify-write of this CPU's
 * counter, spanning a timer tick. */
void bump(void);

/*
 * bump_mapped_counter - lesson 1: bump() with @page mapped, and no update
 * lost. Was:
 *
 *	p = kmap_atomic(page);
 *	bump();
 *	kunmap_atomic(p);
 */
void bump_mapped_counter(struct page *page)
{
	void *p = kmap_local_page(page);

	/* TODO: bump() relied on something kmap_atomic() did. */
	bump();
	kunmap_local(p);
}

/*
 * copy_word_mapped - lesson 2: with @page mapped, copy a word from @src,
 * which may fault, into *@word. Returns 0, or -EFAULT when @src cannot be
 * read: never a page-fault panic. Was:
 *
 *	p = kmap_atomic(page);
 *	ret = __copy_from_kernel_inatomic(word, src, sizeof(*word));
 *	kunmap_atomic(p);
 */
int copy_word_mapped(struct page *page, u32 *word, const void *src)
{
	void *p = kmap_local_page(page);
	int ret;

	/* TODO: the _inatomic copy returns -EFAULT only when ... */
	ret = __copy_from_kernel_inatomic(word, src, sizeof(*word));
	kunmap_local(p);
	return ret;
}

struct word_reader {
	const u32 *addr;	/* where the thread reads */
	u32 word;		/* what it read */
};

/* The thread function of the old code (__unused: your conversion may no
 * longer need it). */
static __unused int read_word(void *arg)
{
	struct word_reader *r = arg;

	r->word = r->addr[0];
	return 0;
}

/*
 * read_word_in_thread - lesson 3: the first word of @page, as a thread on
 * this CPU reads it. Was:
 *
 *	r.addr = kmap(page);
 *	th = kthread_run(read_word, &r, current->cpu, "handover");
 *	kthread_join(th);
 *	kunmap(page);
 */
u32 read_word_in_thread(struct page *page)
{
	struct word_reader r = { kmap_local_page(page), 0 };
	struct task *th = kthread_run(read_word, &r, current->cpu, "handover");

	/* TODO: whose is a kmap_local_page() address? */
	if (th)
		kthread_join(th);
	kunmap_local(r.addr);
	return r.word;
}
