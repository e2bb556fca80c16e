// expect: kunmap_local\(\) takes the address, not the page
/* kunmap_local() must refuse a struct page: the address is what it unmaps. */
#include <mm/highmem.h>

void wrong(struct page *page)
{
	kmap_local_page(page);
	kunmap_local(page);
}
