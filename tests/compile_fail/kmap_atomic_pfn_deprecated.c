// expect: kmap_atomic_pfn_at.*deprecated.*use kmap_local_page\(\)
/* ... kmap_atomic_pfn() ... */
#include <mm/highmem.h>

void *old_style(u32 pfn)
{
	return kmap_atomic_pfn(pfn);
}
