/* SPDX-License-Identifier: MIT */
/*
 * The benchmark harness (top/bench.c): what kmain, the monitor and the
 * bench self-test suite call. Benchmarks register and time themselves
 * through <kernel/bench.h>, which any file may include.
 */
#ifndef HM386_TOP_BENCH_HARNESS_H
#define HM386_TOP_BENCH_HARNESS_H

#include <kernel/bench.h>

/* bench_count / bench_get - the registered benchmarks, by index. */
u32 bench_count(void);
const struct benchmark *bench_get(u32 i);

/*
 * bench_measure - run @bm once with @iters operations into @b, silently.
 * Panics, naming it, if it left a mapping or disabled preemption behind
 * or (not skipped) timed nothing.
 */
void bench_measure(const struct benchmark *bm, u32 iters, struct bench *b);

/*
 * bench_run - run the benchmarks matching @glob with @iters operations
 * each, printing a `bench:` line per figure; returns how many ran (skipped
 * ones included). Thread context, interrupts on.
 */
u32 bench_run(const char *glob, u32 iters);

/* bench_run_from_cmdline - with `bench=GLOB`: run them, then exit QEMU
 * (status 33). Without it: return. */
void bench_run_from_cmdline(void);

#endif
