// expect: OK
/* The same calls compile in a file that says it is a legacy user. */
#define HM386_LEGACY_KMAP_USER
#include <mm/highmem.h>

void *old_style(struct page *page)
{
	return kmap_atomic(page);
}

void *older_style(struct page *page)
{
	void *addr = kmap(page);

	kunmap(page);
	return addr;
}
