/* SPDX-License-Identifier: MIT */
/*
 * Where the instructions go (top/profile.c): with `bench_profile=on`, the
 * CPU single-steps a region of kernel code with the trap flag and each step
 * is counted against the function it is in. The in-kernel benchmarks
 * (top/bench.c) profile their timed regions; a user program profiles the
 * kernel work of its own system calls and faults with the hm386_profile
 * system call (the user benchmark, user/bin/ubench.c).
 */
#ifndef HM386_TOP_PROFILE_H
#define HM386_TOP_PROFILE_H

#include <types.h>

/* bench_profile - true when the kernel booted with `bench_profile=on`. */
extern bool bench_profile;

/* profile_begin - count every single-step trap from now on (the caller
 * sets the trap flag where it wants steps). */
void profile_begin(void);

/* profile_end - stop counting, and print the counts as
 * `bench: NAME profile steps=N FUNC=COUNT ...` (the functions by count;
 * nothing when @name is NULL), then forget them. */
void profile_end(const char *name);

#endif
