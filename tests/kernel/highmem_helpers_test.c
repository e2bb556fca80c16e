// SPDX-License-Identifier: MIT
/*
 * The highmem helpers on lowmem and HighMem pages, in every pairing, at the
 * edges of the page, checked against a model of what the page must hold.
 */
#include <kernel/ktest.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/highmem.h>
#include <mm/mmzone.h>

struct pairing {
	gfp_t first, second;	/* where the two pages come from */
	const char *name;
};

static const struct pairing pairings[] = {
	{ GFP_KERNEL, GFP_KERNEL, "lowmem_lowmem" },
	{ GFP_HIGHUSER, GFP_HIGHUSER, "highmem_highmem" },
	{ GFP_KERNEL, GFP_HIGHUSER, "lowmem_highmem" },
	{ GFP_HIGHUSER, GFP_KERNEL, "highmem_lowmem" },
};

static void describe_pairing(const void *p, char *buf, size_t size)
{
	strlcpy(buf, ((const struct pairing *)p)->name, size);
}

static const struct ktest_params pairing_params = {
	pairings, ARRAY_SIZE(pairings), sizeof(pairings[0]), describe_pairing,
};

static u8 model[2][PAGE_SIZE];	/* what each page must hold */
static u8 seen[PAGE_SIZE];

static struct page *page_from(struct ktest *t, gfp_t gfp)
{
	struct page *page;

	if ((gfp & __GFP_HIGHMEM) && !zone_free_pages(&zones[ZONE_HIGHMEM]))
		ktest_skip(t, "no HighMem");
	page = alloc_page(gfp);
	KASSERT_NOT_NULL(t, page);
	KASSERT_EQ(t, PageHighMem(page), !!(gfp & __GFP_HIGHMEM));
	return page;
}

/* The page's bytes equal the model's, read back through memcpy_from_page. */
static void expect_model(struct ktest *t, struct page *page, int which)
{
	memcpy_from_page(seen, page, 0, PAGE_SIZE);
	KEXPECT_MEMEQ(t, seen, model[which], PAGE_SIZE);
	KEXPECT_EQ(t, kmap_local_depth(), 0);
}

static void helpers_keep_pages_as_modelled(struct ktest *t)
{
	const struct pairing *p = t->param;
	struct page *a = page_from(t, p->first), *b = page_from(t, p->second);
	u8 buf[8];

	memset_page(a, 0, 0x11, PAGE_SIZE);
	memset(model[0], 0x11, PAGE_SIZE);
	expect_model(t, a, 0);

	memcpy_to_page(a, PAGE_SIZE - 3, "xyz", 3);
	memcpy(model[0] + PAGE_SIZE - 3, "xyz", 3);
	memcpy_to_page(a, 0, "ab", 2);
	memcpy(model[0], "ab", 2);
	memset_page(a, 100, 0x22, 0);			/* nothing */
	memset_page(a, PAGE_SIZE - 4, 0x33, 1);
	model[0][PAGE_SIZE - 4] = 0x33;
	memzero_page(a, 10, 20);
	memset(model[0] + 10, 0, 20);
	zero_user_segments(a, 2, 3, PAGE_SIZE - 1, PAGE_SIZE);
	model[0][2] = 0;
	model[0][PAGE_SIZE - 1] = 0;
	expect_model(t, a, 0);

	memcpy_from_page(buf, a, PAGE_SIZE - 5, 5);
	KEXPECT_MEMEQ(t, buf, model[0] + PAGE_SIZE - 5, 5);

	copy_highpage(b, a);
	memcpy(model[1], model[0], PAGE_SIZE);
	expect_model(t, b, 1);

	memcpy_page(b, PAGE_SIZE - 7, a, 0, 7);		/* edge to edge */
	memcpy(model[1] + PAGE_SIZE - 7, model[0], 7);
	memcpy_page(b, 0, a, PAGE_SIZE - 1, 1);
	model[1][0] = model[0][PAGE_SIZE - 1];
	expect_model(t, b, 1);
	expect_model(t, a, 0);

	clear_highpage(a);
	memset(model[0], 0, PAGE_SIZE);
	expect_model(t, a, 0);
	__free_page(a);
	__free_page(b);
}

static void copy_within_one_page(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	KASSERT_NOT_NULL(t, page);
	for (u32 i = 0; i < PAGE_SIZE; i++)
		model[0][i] = (u8)(i * 7);
	memcpy_to_page(page, 0, model[0], PAGE_SIZE);
	memcpy_page(page, 1, page, 0, PAGE_SIZE - 1);	/* overlapping */
	memmove(model[0] + 1, model[0], PAGE_SIZE - 1);
	expect_model(t, page, 0);
	__free_page(page);
}

static void to_page_beyond_panics(struct ktest *t)
{
	memcpy_to_page(alloc_page(GFP_HIGHUSER), PAGE_SIZE - 1, "ab", 2);
}

static void segments_beyond_panics(struct ktest *t)
{
	zero_user_segments(alloc_page(GFP_HIGHUSER), 0, 1, 10, PAGE_SIZE + 1);
}

static void memcpy_page_beyond_panics(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	memcpy_page(page, PAGE_SIZE, page, 0, 1);
}

static struct ktest_case highmem_helpers_cases[] = {
	KTEST_PARAM_CASE(helpers_keep_pages_as_modelled, pairing_params),
	KTEST_CASE(copy_within_one_page),
	KTEST_DEATH_CASE(to_page_beyond_panics,
			 "memcpy_to_page: offset 4095 + length 2 is beyond the 4096-byte page"),
	KTEST_DEATH_CASE(segments_beyond_panics,
			 "zero_user_segments: offset 10 + length 4087 is beyond"),
	KTEST_DEATH_CASE(memcpy_page_beyond_panics,
			 "memcpy_page: offset 4096 + length 1 is beyond"),
	{}
};
KTEST_SUITE(highmem_helpers, highmem_helpers_cases);
