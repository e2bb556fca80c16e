// SPDX-License-Identifier: MIT
/*
 * The benchmarks themselves, as tests: each registered benchmark runs with
 * a few operations and must time them (or say why it cannot run here),
 * leaving nothing mapped (bench_measure() panics otherwise), and its
 * baseline must be a registered benchmark. No time is asserted: figures
 * are for `make bench` (docs/benchmarks.md).
 */
#include <top/bench_harness.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <lib/string.h>

#define SMOKE_ITERS	16

static bool registered(const char *name)
{
	for (u32 i = 0; i < bench_count(); i++)
		if (!strcmp(bench_get(i)->name, name))
			return true;
	return false;
}

static void every_benchmark_runs(struct ktest *t)
{
	u32 ran = 0, skipped = 0;

	KASSERT_GT(t, bench_count(), 0);
	for (u32 i = 0; i < bench_count(); i++) {
		const struct benchmark *bm = bench_get(i);
		struct bench b;

		bench_measure(bm, SMOKE_ITERS, &b);
		if (b.skip) {
			skipped++;
			continue;
		}
		ran++;
		if (b.ops < SMOKE_ITERS || !b.cycles)
			ktest_fail(t, __FILE__, __LINE__, "%s: %u operations in %llu "
				   "cycles", bm->name, b.ops, b.cycles);
	}
	kprintf("    # %u benchmarks ran, %u skipped here\n", ran, skipped);
}

static void baselines_are_registered(struct ktest *t)
{
	for (u32 i = 0; i < bench_count(); i++) {
		const struct benchmark *bm = bench_get(i);

		if (bm->baseline && !registered(bm->baseline))
			ktest_fail(t, __FILE__, __LINE__, "%s: baseline %s is not a "
				   "benchmark", bm->name, bm->baseline);
		KEXPECT_TRUE(t, bm->op && bm->op[0]);
	}
}

static struct ktest_case bench_cases[] = {
	KTEST_CASE(every_benchmark_runs),
	KTEST_CASE(baselines_are_registered),
	{}
};
KTEST_SUITE(bench, bench_cases);
