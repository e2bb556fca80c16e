# The GDB batch case (tests/matrix.py, row gdb-kmap-local): the kernel runs
# the kmap_local self-tests; stop in kmap_local_page()'s implementation for
# a HighMem page (zone bits of page->flags: ZONE_SHIFT 28, ZONE_HIGHMEM 2),
# let it map, and look with the helpers.
hbreak __kmap_local_page_prot if ((page->flags >> 28) & 3) == 2
continue
delete
finish
kmap-stack
pte $
pte kmain
pkmap
kill
