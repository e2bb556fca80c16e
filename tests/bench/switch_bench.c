// SPDX-License-Identifier: MIT
/*
 * A context switch, with no kmap_local mapping held and with 8 held by
 * each of the two tasks: a switch then takes the outgoing task's 8 slots
 * down (8 PTE clears and invlpgs) and puts the incoming task's back (8 PTE
 * stores). Two threads on the benchmark's CPU hand the CPU to each other
 * with yield(); one operation is one switch.
 */
#include <kernel/panic.h>
#include <kernel/sched.h>
#include <mm/highmem.h>
#include "bench_util.h"

#define HELD	8

struct switcher {
	struct bench *b;	/* set for the thread that times */
	struct page **pages;
	u32 held, rounds;
	volatile bool *done;
};

static struct page *pages[2][HELD];

static int switcher(void *arg)
{
	struct switcher *s = arg;
	void *p[HELD];

	for (u32 i = 0; i < s->held; i++)
		p[i] = kmap_local_page(s->pages[i]);
	yield();			/* both threads hold their mappings */
	if (s->b) {
		bench_start(s->b);
		for (u32 i = 0; i < s->rounds; i++)
			yield();
		bench_stop(s->b, 2 * s->rounds);
		*s->done = true;
	} else {
		while (!*s->done)
			yield();
	}
	for (u32 i = s->held; i--; )
		kunmap_local(p[i]);
	return 0;
}

static void switch_pairs(struct bench *b, u32 held)
{
	volatile bool done = false;
	struct switcher s[2];
	struct task *t[2];
	u32 cpu = current->cpu;

	for (u32 k = 0; k < 2; k++)
		if (!bench_get_pages(b, pages[k], HELD, GFP_HIGHUSER, true)) {
			if (k)
				bench_put_pages(pages[0], HELD);
			return;
		}
	for (u32 k = 0; k < 2; k++) {
		s[k] = (struct switcher){ k ? NULL : b, pages[k], held,
					  b->iters / 2, &done };
		t[k] = kthread_create(switcher, &s[k], cpu, "bench-switch");
		BUG_ON(!t[k]);
	}
	for (u32 k = 0; k < 2; k++)
		wake_up_process(t[k]);
	for (u32 k = 0; k < 2; k++)
		kthread_join(t[k]);
	for (u32 k = 0; k < 2; k++)
		bench_put_pages(pages[k], HELD);
}

static void switch_0(struct bench *b)
{
	switch_pairs(b, 0);
}
BENCHMARK(sched, switch_0, switch_0, NULL,
	  "a context switch (yield) between two threads holding no mapping");

static void switch_8(struct bench *b)
{
	switch_pairs(b, HELD);
}
BENCHMARK(sched, switch_8, switch_8, "sched.switch_0",
	  "a context switch between two threads holding 8 kmap_local mappings each");
