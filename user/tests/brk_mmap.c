// SPDX-License-Identifier: MIT
/*
 * brk and mmap2 as Linux has them: brk(0) gives the break, a grow returns
 * the new break and its pages hold what is written, a refused grow returns
 * the old break, a shrink takes the pages away (a child touching them
 * dies by SIGSEGV); anonymous mmap pages, munmap of one page in the middle
 * (a child reading it dies, its neighbours keep their bytes), mprotect
 * read-only (a child writing dies, one reading lives, and the parent writes
 * again after making it writable), and the arguments Linux refuses.
 */
#include <child.h>
#include <errno.h>
#include <ktap.h>
#include <pattern.h>
#include <uapi/hm386/wait.h>
#include <unistd.h>

#define KERNEL_START	0xc0000000ul	/* Linux's and hm386's 3G/1G split */

static uintptr_t page_up(uintptr_t a)
{
	return (a + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1);
}

static int read_byte(void *addr)
{
	return *(volatile uint8_t *)addr == 0x5a ? 3 : 0;
}

static int write_byte(void *addr)
{
	*(volatile uint8_t *)addr = 0x5a;
	return 0;
}

/* Page i of @m gets pattern @seed + i. */
static void fill_pages(uint8_t *m, int pages, uint32_t seed)
{
	for (int i = 0; i < pages; i++)
		pattern_fill(m + i * PAGE_SIZE, PAGE_SIZE, seed + i);
}

/* Expect page i of @m to hold pattern @seed + i, for @first <= i < @end. */
static void check_pages(uint8_t *m, int first, int end, uint32_t seed)
{
	for (int i = first; i < end; i++)
		EXPECT_PATTERN(m + i * PAGE_SIZE, PAGE_SIZE, seed + i);
}

/* Expect a child doing @fn(@addr) to die by SIGSEGV. */
static void expect_segv(int (*fn)(void *), void *addr)
{
	char text[24];
	int status = run_child(fn, addr);

	if (!killed_by(status, SIGSEGV))
		ktap_fail(__FILE__, __LINE__, "touching %p: %s, not SIGSEGV",
			  addr, status_text(status, text, sizeof(text)));
}

int main(void)
{
	uintptr_t brk0 = sys_brk(0), base = page_up(brk0), top;
	size_t len = 4 * PAGE_SIZE;
	uint8_t *m;
	int status;

	ktap_begin("brk_mmap", 7);
	EXPECT_NE(brk0, 0);
	EXPECT_EQ(sys_brk(0), brk0);
	top = base + 3 * PAGE_SIZE;
	if (EXPECT_EQ(sys_brk(top), top)) {
		pattern_fill((void *)brk0, top - brk0, 1);
		EXPECT_PATTERN((void *)brk0, top - brk0, 1);
	}
	ktap_case("brk_grows");

	EXPECT_EQ(sys_brk(KERNEL_START + PAGE_SIZE), top);
	EXPECT_EQ(sys_brk(0), top);
	EXPECT_PATTERN((void *)brk0, top - brk0, 1);
	ktap_case("refused_brk_returns_the_old_break");

	if (EXPECT_EQ(sys_brk(base + PAGE_SIZE), base + PAGE_SIZE)) {
		EXPECT_PATTERN((void *)brk0, base + PAGE_SIZE - brk0, 1);
		expect_segv(read_byte, (void *)(base + 2 * PAGE_SIZE));
	}
	ktap_case("brk_shrink_unmaps");

	m = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (EXPECT(m != MAP_FAILED)) {
		EXPECT_EQ((uintptr_t)m & (PAGE_SIZE - 1), 0);
		EXPECT((uintptr_t)m < KERNEL_START);
		fill_pages(m, 4, 20);
		check_pages(m, 0, 4, 20);
	}
	ktap_case("mmap_anonymous_pages");

	if (m != MAP_FAILED && EXPECT_EQ(munmap(m + PAGE_SIZE, PAGE_SIZE), 0)) {
		expect_segv(read_byte, m + PAGE_SIZE);
		expect_segv(write_byte, m + 2 * PAGE_SIZE - 1);
		check_pages(m, 0, 1, 20);
		check_pages(m, 2, 4, 20);
	}
	ktap_case("munmap_middle_page_faults");

	if (m != MAP_FAILED &&
	    EXPECT_EQ(mprotect(m + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ), 0)) {
		expect_segv(write_byte, m + 2 * PAGE_SIZE + 100);
		status = run_child(read_byte, m + 2 * PAGE_SIZE + 100);
		EXPECT(status != -1 && WIFEXITED(status));
		/* Its neighbour stays writable; the page again once asked. */
		EXPECT_EQ(run_child(write_byte, m + 3 * PAGE_SIZE), 0);
		EXPECT_EQ(mprotect(m + 2 * PAGE_SIZE, PAGE_SIZE,
				   PROT_READ | PROT_WRITE), 0);
		write_byte(m + 2 * PAGE_SIZE + 100);
		EXPECT_EQ(m[2 * PAGE_SIZE + 100], 0x5a);
	}
	ktap_case("mprotect_read_only_write_faults");

	EXPECT(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
	       MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	EXPECT(mmap((void *)0x10000001, PAGE_SIZE, PROT_READ,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(munmap((void *)0x10000001, PAGE_SIZE), -1);
	EXPECT_EQ(errno, EINVAL);
	ktap_case("bad_arguments_einval");
	return ktap_end();
}
