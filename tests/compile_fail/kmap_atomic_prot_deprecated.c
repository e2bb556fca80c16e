// expect: kmap_atomic_prot_at.*deprecated.*use kmap_local_page\(\)
/* Each deprecated entry point carries the warning: kmap_atomic_prot() ... */
#include <mm/highmem.h>

void *old_style(struct page *page)
{
	return kmap_atomic_prot(page, PAGE_KERNEL_RO);
}
