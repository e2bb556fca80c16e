// SPDX-License-Identifier: MIT
/*
 * Fresh anonymous memory reads zero: pages the brk grows, pages of an
 * mmap, .bss, and the pages that come back after an munmap or a brk shrink
 * (never the bytes that were there before). Every byte is read before it is
 * written.
 */
#include <ktap.h>
#include <pattern.h>
#include <unistd.h>

#define PAGES	16

static uint8_t bss[3 * PAGE_SIZE];

static uintptr_t page_up(uintptr_t a)
{
	return (a + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1);
}

int main(void)
{
	uintptr_t brk0 = sys_brk(0), start = page_up(brk0);
	size_t len = PAGES * PAGE_SIZE;
	uint8_t *m, *again;

	ktap_begin("demand_zero", 5);
	EXPECT_ZEROS(bss, sizeof(bss));
	pattern_fill(bss, sizeof(bss), 1);
	EXPECT_PATTERN(bss, sizeof(bss), 1);
	ktap_case("bss_reads_zero");

	if (EXPECT_EQ(sys_brk(start + len), start + len)) {
		EXPECT_ZEROS((uint8_t *)brk0, start + len - brk0);
		pattern_fill((uint8_t *)start, len, 2);
		EXPECT_PATTERN((uint8_t *)start, len, 2);
	}
	ktap_case("brk_pages_read_zero");

	/* Shrink below the pattern, grow again: fresh zero pages. */
	if (EXPECT_EQ(sys_brk(start), start) &&
	    EXPECT_EQ(sys_brk(start + len), start + len))
		EXPECT_ZEROS((uint8_t *)start, len);
	ktap_case("brk_regrown_pages_read_zero");

	m = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (EXPECT(m != MAP_FAILED)) {
		EXPECT_EQ((uintptr_t)m & (PAGE_SIZE - 1), 0);
		EXPECT_ZEROS(m, len);
		pattern_fill(m, len, 3);
		EXPECT_PATTERN(m, len, 3);
	}
	ktap_case("mmap_pages_read_zero");

	if (m != MAP_FAILED && EXPECT_EQ(munmap(m, len), 0)) {
		again = mmap(m, len, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (EXPECT(again == m))
			EXPECT_ZEROS(again, len);
	}
	ktap_case("remapped_pages_read_zero");
	return ktap_end();
}
