// SPDX-License-Identifier: MIT
/*
 * fork() is copy-on-write: after a fork each side sees the bytes written
 * before it, and its own writes only, on anonymous mmap pages, heap pages
 * and .bss pages, over three generations and with several children at
 * once. Every byte is checked, by the parent and by each child.
 */
#include <child.h>
#include <ktap.h>
#include <pattern.h>
#include <stdlib.h>
#include <unistd.h>

#define MMAP_PAGES	16
#define HEAP_PAGES	4
#define BSS_PAGES	3
#define NR_SIBLINGS	4

/* The three kinds of private memory a process has. */
struct region {
	uint8_t *base;
	size_t len;
};

static uint8_t bss[BSS_PAGES * PAGE_SIZE];
static struct region regions[3];

/* Fill page i of every region with pattern @seed + i, for the pages that
 * @select(i) accepts. */
static void fill(uint32_t seed, bool (*select)(size_t page))
{
	for (int r = 0; r < 3; r++) {
		for (size_t p = 0; p < regions[r].len / PAGE_SIZE; p++) {
			if (!select || select(p))
				pattern_fill(regions[r].base + p * PAGE_SIZE,
					     PAGE_SIZE, seed + r * 100 + p);
		}
	}
}

/* Expect page i of every region to hold pattern @seed + i where @select(i),
 * and @other_seed + i elsewhere; true when all do. */
static bool verify(uint32_t seed, bool (*select)(size_t page),
		   uint32_t other_seed)
{
	bool ok = true;

	for (int r = 0; r < 3; r++) {
		for (size_t p = 0; p < regions[r].len / PAGE_SIZE; p++) {
			uint32_t s = !select || select(p) ? seed : other_seed;

			ok &= EXPECT_PATTERN(regions[r].base + p * PAGE_SIZE,
					     PAGE_SIZE, s + r * 100 + p);
		}
	}
	return ok;
}

static bool odd(size_t page) { return page & 1; }
static bool first_half(size_t page) { return page < 2; }

enum {
	SEED_PARENT = 1000, SEED_CHILD = 2000, SEED_GRANDCHILD = 3000,
	SEED_PARENT_AFTER = 4000, SEED_SIBLING = 5000,
};

/* The grandchild: sees the child's bytes, writes the first pages. */
static int grandchild(void *unused)
{
	verify(SEED_CHILD, NULL, 0);
	fill(SEED_GRANDCHILD, first_half);
	verify(SEED_GRANDCHILD, first_half, SEED_CHILD);
	return ktap_case_status();
}

/* The child: sees the parent's bytes of before the fork, writes all, forks
 * the grandchild, and still has its own bytes once the grandchild wrote.
 * Exit status: bit 0 its own checks failed, bit 1 the grandchild's. */
static int child(void *unused)
{
	int status;

	verify(SEED_PARENT, NULL, 0);
	fill(SEED_CHILD, NULL);
	verify(SEED_CHILD, NULL, 0);
	status = run_child(grandchild, NULL);
	verify(SEED_CHILD, NULL, 0);
	return ktap_case_status() | (status != 0) << 1;
}

/* Sibling @arg: writes its own seed on the odd pages, sees the parent's on
 * the even ones, while the other siblings and the parent write. */
static int sibling(void *arg)
{
	uint32_t seed = SEED_SIBLING + 1000 * (uint32_t)(uintptr_t)arg;

	verify(SEED_PARENT_AFTER, odd, SEED_PARENT);
	for (int round = 0; round < 3; round++) {
		fill(seed + round, odd);
		sched_yield();
		verify(seed + round, odd, SEED_PARENT);
	}
	return ktap_case_status();
}

int main(void)
{
	pid_t pids[NR_SIBLINGS];
	int status;

	ktap_begin("fork_cow", 5);
	regions[0].base = mmap(NULL, MMAP_PAGES * PAGE_SIZE,
			       PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	regions[0].len = MMAP_PAGES * PAGE_SIZE;
	regions[1].base = malloc(HEAP_PAGES * PAGE_SIZE);
	regions[1].len = HEAP_PAGES * PAGE_SIZE;
	regions[2].base = bss;
	regions[2].len = sizeof(bss);
	if (!EXPECT(regions[0].base != MAP_FAILED) || !EXPECT(regions[1].base)) {
		ktap_case("parent_fills_its_pages");
		return ktap_end();
	}
	fill(SEED_PARENT, NULL);
	verify(SEED_PARENT, NULL, 0);
	ktap_case("parent_fills_its_pages");

	pids[0] = fork();
	if (pids[0] == 0)
		_exit(child(NULL));
	/* Write at once, while the child reads the same pages. */
	fill(SEED_PARENT_AFTER, odd);
	status = wait_child(pids[0]);
	EXPECT(status != -1 && !WIFSIGNALED(status) &&
	       !(WEXITSTATUS(status) & 1));
	ktap_case("child_sees_parent_bytes_and_its_own");
	EXPECT(status != -1 && !WIFSIGNALED(status) &&
	       !(WEXITSTATUS(status) & 2));
	ktap_case("grandchild_sees_child_bytes_and_its_own");

	verify(SEED_PARENT_AFTER, odd, SEED_PARENT);
	ktap_case("parent_keeps_its_bytes_after_the_children");

	for (int i = 0; i < NR_SIBLINGS; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(sibling((void *)(uintptr_t)i));
	}
	for (int round = 0; round < 3; round++) {
		fill(SEED_PARENT + 10 * (round + 1), first_half);
		sched_yield();
	}
	for (int i = 0; i < NR_SIBLINGS; i++) {
		if (pids[i] < 0)
			ktap_fail(__FILE__, __LINE__, "fork of sibling %d failed", i);
		else
			EXPECT_EQ(wait_child(pids[i]), 0);
	}
	/* The parent: its last writes on pages 0 and 1 (odd page 1 too), its
	 * earlier ones elsewhere. */
	for (int r = 0; r < 3; r++) {
		for (size_t p = 0; p < regions[r].len / PAGE_SIZE; p++) {
			uint32_t s = first_half(p) ? SEED_PARENT + 30 :
				     odd(p) ? SEED_PARENT_AFTER : SEED_PARENT;

			EXPECT_PATTERN(regions[r].base + p * PAGE_SIZE,
				       PAGE_SIZE, s + r * 100 + p);
		}
	}
	ktap_case("siblings_and_parent_write_at_once");
	return ktap_end();
}
