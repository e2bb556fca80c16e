/* SPDX-License-Identifier: MIT */
/*
 * Context checks: what "clean" means for each mechanism that code can leave
 * behind, declared beside the mechanism's own code, through a linker
 * section, as self-test suites and monitor commands are:
 *
 *	static u32 kmap_local_held(void) { return kmap_local_depth(); }
 *	static void kmap_local_give_back(void) { ...unmap them all... }
 *	CONTEXT_CHECK(kmap_local, CONTEXT_TASK, "kmap_local mappings",
 *		      kmap_local_held, kmap_local_give_back);
 *
 * The tools that end a piece of work iterate over the section: the
 * self-test runner after every case (it fails a case that left something
 * and repairs it, so the next case starts clean), the benchmark harness
 * after every benchmark, kthread_exit() for a dying thread (task scope
 * only), and the monitor before `test` and `bench` (global scope only: its
 * own kmap()s). A mechanism added later (processes, the page cache) adds
 * one CONTEXT_CHECK line and every one of them checks it.
 */
#ifndef HM386_KERNEL_CONTEXT_CHECK_H
#define HM386_KERNEL_CONTEXT_CHECK_H

#include <types.h>

/* Whose state a check looks at; also the masks of context_held(). */
enum context_scope {
	CONTEXT_TASK = 1 << 0,		/* the current task's: gone with it */
	CONTEXT_GLOBAL = 1 << 1,	/* the kernel's: outlives the task */
	CONTEXT_ALL = CONTEXT_TASK | CONTEXT_GLOBAL,
};

struct context_check {
	const char *name;	/* the mechanism: "kmap_local" */
	const char *what;	/* what count() counts: "kmap_local mappings" */
	enum context_scope scope;
	u32 (*count)(void);	/* how much is held now; 0 when clean */
	void (*repair)(void);	/* give it all back; only for the tools */
};

/*
 * CONTEXT_CHECK - declare that @ccount() must be 0 when a piece of work
 * (a test case, a benchmark, a thread) ends, and that @crepair() gives
 * back what it holds. Repairs run in link order and must not depend on
 * one another.
 */
#define CONTEXT_CHECK(cname, cscope, cwhat, ccount, crepair)		\
	static const struct context_check __context_check_##cname	\
	__used __section(".context_checks") __aligned(4) = {		\
		.name = #cname, .what = cwhat, .scope = cscope,		\
		.count = ccount, .repair = crepair }

/* Room for context_held()'s description of every check. */
#define CONTEXT_HELD_MAX	160

/*
 * context_held - describe what the checks of @scopes find held, as
 * "kmap_local mappings: 2, preempt_disable() not undone: 1" (a count after
 * each, right for any number), into @buf (always terminated;
 * "" when clean). Returns how many checks found something. Any context.
 */
u32 context_held(enum context_scope scopes, char *buf, size_t size);

/*
 * context_repair - run the repair of every check of @scopes that finds
 * something held. For the self-test runner after a failed case; leaves
 * the checks at 0.
 */
void context_repair(enum context_scope scopes);

/* context_check_count / context_check_get - the declared checks. */
u32 context_check_count(void);
const struct context_check *context_check_get(u32 i);

#endif
