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
#include <arch/x86/uaccess.h>
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
 * copy_chunk_mapped - lesson 2: with @page mapped, copy @n bytes from user
 * @src to @page at @offset, serving no page fault (the caller holds @page:
 * a fault could need it). Returns the bytes not copied: a short copy stops
 * at the first page of @src that is not there, having copied exactly the
 * bytes before it; the caller faults the rest in and calls again. Was:
 *
 *	p = kmap_atomic(page);
 *	left = __copy_from_user_inatomic(p + offset, src, n);
 *	kunmap_atomic(p);
 */
unsigned long copy_chunk_mapped(struct page *page, u32 offset,
				const void __user *src, unsigned long n)
{
	u8 *p = kmap_local_page(page);
	unsigned long left;

	/* TODO: a fault on a page of @src that is not there yet ... */
	left = __copy_from_user_inatomic(p + offset, src, n);
	kunmap_local(p);
	return left;
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
