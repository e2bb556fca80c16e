/* SPDX-License-Identifier: MIT */
/*
 * In-kernel microbenchmarks (top/bench.c), run by `bench=GLOB` on the
 * command line and by `make bench`, which boots the kernel under QEMU's
 * `-icount shift=0`: guest time then advances by one nanosecond per
 * instruction, so the TSC counts instructions and every figure repeats
 * exactly on any host. Each benchmark is registered beside its subject's
 * other benchmarks (tests/bench/) with BENCHMARK(); the harness prints one
 * line per figure, and the host (tools/bench.py) turns them into ratios.
 *
 * Nothing in `make test` asserts a time: the `bench` self-test suite only
 * runs every benchmark a few times and checks that it leaves no state.
 */
#ifndef HM386_KERNEL_BENCH_H
#define HM386_KERNEL_BENCH_H

#include <types.h>

#define BENCH_MAX_VALUES	6

/* The state of one run of one benchmark. */
struct bench {
	const struct benchmark *bm;
	u32 iters;		/* operations asked for (bench_iters=, or fewer) */
	u64 t0;			/* TSC at bench_start() */
	u64 cycles;		/* TSC cycles between start and stop, summed */
	u32 ops;		/* operations those cycles cover */
	u32 nr_values;		/* further figures: bench_value() */
	const char *value_name[BENCH_MAX_VALUES];
	u32 value[BENCH_MAX_VALUES];
	const char *skip;	/* set by bench_skip(): why it did not run */
};

struct benchmark {
	const char *name;	/* "subject.figure", what bench=GLOB matches */
	const char *baseline;	/* the figure it is a ratio to, or NULL */
	const char *op;		/* what one operation is, for the tables */
	/* Do b->iters operations, timing them between bench_start() and
	 * bench_stop(); set-up and tear-down go outside. */
	void (*run)(struct bench *b);
};

/* BENCHMARK - register @fn as benchmark "@subject.@figure". */
#define BENCHMARK(subject, figure, fn, base, what)			\
	static const struct benchmark __bench_##subject##_##figure	\
	__used __section(".benchmarks") __aligned(4) = {		\
		.name = #subject "." #figure, .baseline = base,		\
		.op = what, .run = fn }

/* bench_start / bench_stop - time what lies between as @ops operations.
 * May be called several times per run: the cycles and ops add up. */
void bench_start(struct bench *b);
void bench_stop(struct bench *b, u32 ops);

/* bench_value - report a further figure (a count, not a time), e.g. the
 * global flushes a run caused. */
void bench_value(struct bench *b, const char *name, u32 value);

/* bench_skip - this benchmark cannot run here (@why: "needs HighMem"). */
void bench_skip(struct bench *b, const char *why);

#endif
