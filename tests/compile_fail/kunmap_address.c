// expect: kunmap\(\) takes the struct page, not the address
/* kunmap() takes the page; the address kmap() returned does not compile. */
#define HM386_LEGACY_KMAP_USER
#include <mm/highmem.h>

void unmap_by_address(struct page *page)
{
	void *addr = kmap(page);

	kunmap(addr);
}
