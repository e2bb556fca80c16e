// expect: deprecated.*use kmap_local_page\(\)
/* ... nor kunmap(). */
#include <mm/highmem.h>

void old_style(struct page *page)
{
	kunmap(page);
}
