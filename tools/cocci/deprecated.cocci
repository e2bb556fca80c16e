// SPDX-License-Identifier: MIT
// Every call of the deprecated kmap API, one line per site with the
// conversion to make (docs/highmem.md, "Converting old code"). Run by
// tools/kmap_lint.py, which decides whether a site is an error or a note.
// Output: FILE:LINE: deprecated: NAME: advice

@call@
identifier fn = {kmap, kunmap, kmap_atomic, kunmap_atomic, kmap_atomic_prot,
		 kmap_atomic_pfn};
position pos;
@@
fn@pos(...)

@script:python@
fn << call.fn;
pos << call.pos;
@@
advice = {
	"kmap": "use kmap_local_page(page) if the address stays in this "
		"thread; a pointer handed to another thread needs kmap()",
	"kunmap": "use kunmap_local(addr): it takes the address "
		  "kmap_local_page() returned, not the page; unmap in reverse "
		  "order of mapping",
	"kmap_atomic": "use kmap_local_page(page): add preempt_disable() or "
		       "pagefault_disable() if the code between map and unmap "
		       "relied on them",
	"kmap_atomic_prot": "use kmap_local_page_prot(page, prot), as for "
			    "kmap_atomic()",
	"kmap_atomic_pfn": "use kmap_local_pfn(pfn), as for kmap_atomic()",
	"kunmap_atomic": "use kunmap_local(addr), then preempt_enable()/"
			 "pagefault_enable() if you added the disables",
}
print("%s:%s: deprecated: %s: %s" % (pos[0].file, pos[0].line, fn, advice[fn]))
