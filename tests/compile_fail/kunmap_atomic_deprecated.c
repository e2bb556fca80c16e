// expect: kunmap_atomic_at.*deprecated.*use kmap_local_page\(\)
/* ... and kunmap_atomic(). */
#include <mm/highmem.h>

void old_style(void *addr)
{
	kunmap_atomic(addr);
}
