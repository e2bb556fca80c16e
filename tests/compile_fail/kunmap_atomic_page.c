// expect: kunmap_atomic\(\) takes the address, not the page
#define HM386_LEGACY_KMAP_USER
#include <mm/highmem.h>

void wrong(struct page *page)
{
	kmap_atomic(page);
	kunmap_atomic(page);
}
