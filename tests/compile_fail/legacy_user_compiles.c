// expect: OK
/* The same call compiles in a file that says it is a legacy user. */
#define HM386_LEGACY_KMAP_USER
#include <mm/highmem.h>

void *old_style(struct page *page)
{
	return kmap_atomic(page);
}
