// SPDX-License-Identifier: MIT
/*
 * The microbenchmark harness: benchmarks registered with BENCHMARK() in the
 * .benchmarks section, selected by `bench=GLOB`, each run once with
 * `bench_iters=` operations (default BENCH_ITERS_DEFAULT) and reported as
 *
 *   bench: NAME ops=N cycles=C per_op=P [base=BASELINE] [KEY=VALUE ...]
 *
 * in guest TSC cycles. The host divides and compares (tools/bench.py).
 * A benchmark must leave the kernel clean (every CONTEXT_CHECK at 0: no
 * kmap_local mapping, kmap() user, or disabled preemption behind): the
 * harness checks, and names the culprit.
 *
 * `bench_profile=on` says where the instructions go: between bench_start()
 * and bench_stop() the trap flag single-steps the CPU, and each step is
 * counted against the function it is in (top/profile.c). After each
 * figure comes `bench: NAME profile steps=N FUNC=COUNT ...`, the functions
 * by count. (The cycle figures of such a run include the stepping.)
 */
#include <arch/x86/cpu.h>
#include <arch/x86/smp.h>
#include <arch/x86/trap.h>
#include <kernel/bench.h>
#include <kernel/cmdline.h>
#include <kernel/context_check.h>
#include <kernel/ksyms.h>
#include <kernel/monitor.h>
#include <kernel/panic.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/qemu_exit.h>
#include <lib/div64.h>
#include <lib/parse.h>
#include <lib/string.h>
#include <top/bench_harness.h>
#include <top/ktest_runner.h>
#include <top/profile.h>
#include <top/monitor.h>

#define BENCH_GLOB_MAX		64
#define BENCH_ITERS_DEFAULT	10000

extern const struct benchmark __start_benchmarks[], __stop_benchmarks[];

static char bench_glob[BENCH_GLOB_MAX];
KERNEL_PARAM_STRING(bench, bench_glob,
		    "run the benchmarks matching this glob, then exit (make bench)");
static u32 bench_iters = BENCH_ITERS_DEFAULT;
KERNEL_PARAM(bench_iters, KPARAM_UINT, &bench_iters,
	     "operations per benchmark (bench=)");

void bench_start(struct bench *b)
{
	barrier();
	b->t0 = rdtsc();
	if (bench_profile)
		write_eflags(read_eflags() | X86_EFLAGS_TF);
	barrier();
}

void bench_stop(struct bench *b, u32 ops)
{
	u64 t1;

	barrier();
	if (bench_profile)
		write_eflags(read_eflags() & ~X86_EFLAGS_TF);
	t1 = rdtsc();
	barrier();
	b->cycles += t1 - b->t0;
	b->ops += ops;
}

void bench_value(struct bench *b, const char *name, u32 value)
{
	BUG_ON(b->nr_values >= BENCH_MAX_VALUES);
	b->value_name[b->nr_values] = name;
	b->value[b->nr_values++] = value;
}

void bench_skip(struct bench *b, const char *why)
{
	b->skip = why;
}

u32 bench_count(void)
{
	return __stop_benchmarks - __start_benchmarks;
}

const struct benchmark *bench_get(u32 i)
{
	return i < bench_count() ? &__start_benchmarks[i] : NULL;
}

void bench_measure(const struct benchmark *bm, u32 iters, struct bench *b)
{
	*b = (struct bench){ .bm = bm, .iters = iters };
	bm->run(b);
	char held[CONTEXT_HELD_MAX];

	if (context_held(CONTEXT_ALL, held, sizeof(held)))
		panic("benchmark %s left %s", bm->name, held);
	if (!b->skip && !b->ops)
		panic("benchmark %s timed no operation", bm->name);
}

static void bench_one(const struct benchmark *bm, u32 iters)
{
	struct bench b;
	u64 tenths;
	u32 rem;

	bench_measure(bm, iters, &b);
	if (b.skip) {
		kprintf("bench: %s skip=\"%s\"\n", bm->name, b.skip);
		return;
	}
	tenths = div_u64_rem(b.cycles * 10, b.ops, &rem);
	kprintf("bench: %s ops=%u cycles=%llu per_op=%llu.%llu", bm->name, b.ops,
		b.cycles, tenths / 10, tenths % 10);
	if (bm->baseline)
		kprintf(" base=%s", bm->baseline);
	for (u32 i = 0; i < b.nr_values; i++)
		kprintf(" %s=%u", b.value_name[i], b.value[i]);
	kprintf("\n");
	if (bench_profile) {
		profile_end(bm->name);
		profile_begin();
	}
}

u32 bench_run(const char *glob, u32 iters)
{
	u32 n = 0;

	for (const struct benchmark *bm = __start_benchmarks;
	     bm < __stop_benchmarks; bm++) {
		if (!ktest_glob_match(glob, bm->name))
			continue;
		bench_one(bm, iters);
		n++;
	}
	return n;
}

void bench_run_from_cmdline(void)
{
	u32 n;

	if (!bench_glob[0])
		return;
	kprintf("bench: begin cpus=%u kmap_debug=%d iters=%u\n",
		num_online_cpus(), CONFIG_KMAP_DEBUG, bench_iters);
	for (const struct benchmark *bm = __start_benchmarks;
	     bm < __stop_benchmarks; bm++)
		if (ktest_glob_match(bench_glob, bm->name))
			kprintf("bench: about %s op=\"%s\"\n", bm->name, bm->op);
	if (bench_profile)
		profile_begin();
	n = bench_run(bench_glob, bench_iters);
	if (bench_profile)
		profile_end(NULL);
	kprintf("bench: end %u benchmarks\n", n);
	qemu_exit(n ? QEMU_EXIT_PASS : QEMU_EXIT_FAIL);
}

/* bench GLOB [ITERS]: figures in guest TSC cycles; deterministic only
 * under -icount (make bench), here they are what this host gives. */
static int cmd_bench(int argc, char **argv)
{
	u64 iters = BENCH_ITERS_DEFAULT;

	if (argc < 2 || argc > 3)
		return MONITOR_USAGE;
	if (argc == 3 && (parse_u64(argv[2], &iters) || !iters || iters > 1000000)) {
		kprintf("bench: ITERS must be 1 to 1000000, not '%s'\n", argv[2]);
		return MONITOR_ERROR;
	}
	/* The kmap benchmarks count on the whole pool. */
	if (!monitor_kernel_clean("the benchmarks"))
		return MONITOR_ERROR;
	if (!bench_run(argv[1], (u32)iters))
		kprintf("no benchmark matches '%s' (try 'bench *' or 'bench kmap*')\n",
			argv[1]);
	return 0;
}
MONITOR_COMMAND(bench, cmd_bench, "GLOB [ITERS]",
		"run benchmarks, print cycles per operation (make bench: exact)");
