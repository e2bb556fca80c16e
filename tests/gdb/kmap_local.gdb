# The GDB batch case (tests/matrix.py, row gdb-kmap-local): the kernel runs
# the kmap_local self-tests; stop where kmap_local_page() maps a HighMem
# page (its lowmem fast path is inline; kmap_local_pfn() of a lowmem frame
# comes here too, hence the condition), let it map, and look with the helpers.
hbreak __kmap_local_pfn_prot if pfn >= max_low_pfn
continue
delete
finish
kmap-stack
pte $
pte kmain
pkmap
# Leave QEMU to the runner: `kill` raced QEMU's exit under load ("Broken pipe").
disconnect
