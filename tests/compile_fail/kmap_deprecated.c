// expect: deprecated.*use kmap_local_page\(\)
/* A file that does not declare itself a legacy user may not call kmap(). */
#include <mm/highmem.h>

void *old_style(struct page *page)
{
	return kmap(page);
}
