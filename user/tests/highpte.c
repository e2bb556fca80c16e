// SPDX-License-Identifier: MIT
/*
 * Memory spread over many 2 MiB regions, so that the process has many page
 * tables (one PTE page maps 2 MiB with PAE; hm386 puts them in HighMem):
 * the first and last page of each region hold their own pattern, a forked
 * child sees every one and rewrites them, the parent keeps its own, and
 * the memory reads zero once unmapped and mapped again.
 */
#include <child.h>
#include <ktap.h>
#include <pattern.h>
#include <unistd.h>

#define REGION		(2 * 1024 * 1024)
#define NR_REGIONS	24
#define LEN		(NR_REGIONS * REGION)

static uint8_t *area;

/* The two pages of region @r: its first and its last. */
static uint8_t *page_of(int r, int which)
{
	return area + r * REGION + (which ? REGION - PAGE_SIZE : 0);
}

static void fill_all(uint32_t seed)
{
	for (int r = 0; r < NR_REGIONS; r++)
		for (int w = 0; w < 2; w++)
			pattern_fill(page_of(r, w), PAGE_SIZE, seed + 2 * r + w);
}

static void check_all(uint32_t seed)
{
	for (int r = 0; r < NR_REGIONS; r++)
		for (int w = 0; w < 2; w++)
			EXPECT_PATTERN(page_of(r, w), PAGE_SIZE, seed + 2 * r + w);
}

static int child(void *unused)
{
	check_all(100);
	fill_all(200);
	check_all(200);
	return ktap_case_status();
}

int main(void)
{
	uint8_t *again;

	ktap_begin("highpte", 4);
	area = mmap(NULL, LEN, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!EXPECT(area != MAP_FAILED))
		area = NULL;
	if (area) {
		fill_all(100);
		check_all(100);
	}
	ktap_case("many_2mib_regions");

	if (area)
		EXPECT_EQ(run_child(child, NULL), 0);
	ktap_case("child_sees_and_rewrites_every_page");

	if (area)
		check_all(100);
	ktap_case("parent_keeps_its_pages");

	if (area && EXPECT_EQ(munmap(area, LEN), 0)) {
		again = mmap(area, LEN, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (EXPECT(again == area))
			for (int r = 0; r < NR_REGIONS; r++)
				for (int w = 0; w < 2; w++)
					EXPECT_ZEROS(page_of(r, w), PAGE_SIZE);
	}
	ktap_case("remapped_pages_read_zero");
	return ktap_end();
}
