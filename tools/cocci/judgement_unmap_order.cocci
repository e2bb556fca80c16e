// SPDX-License-Identifier: MIT
// Two mappings undone in the order they were made. kmap_local_page()
// mappings are a stack: the last made is the first undone (hm386 panics
// otherwise, Linux warns). kmap() mappings could be undone in any order,
// so legacy code often did it wrong without harm; converted, it breaks.
// Directly in one function, or through the file's "put page" helpers (a
// function that kunmap()s the page it is given, with or without the
// address too), as a directory rename that holds two directory pages did.
// Output: FILE:LINE: judgement: unmap-order: message

@direct exists@
expression a, b, e1, e2;
identifier m1 = {kmap, kmap_atomic, kmap_local_page, kmap_local_pfn};
identifier m2 = {kmap, kmap_atomic, kmap_local_page, kmap_local_pfn};
position pos;
@@
a = m1(e1)
... when != kunmap_local(a)
    when != kunmap_atomic(a)
    when != kunmap(e1)
b = m2(e2)
... when != kunmap_local(b)
    when != kunmap_atomic(b)
    when != kunmap(e2)
(
kunmap_local@pos(a)
|
kunmap_atomic@pos(a)
|
kunmap@pos(e1)
)

@putter@
identifier putfn, pg;
@@
putfn(..., struct page *pg, ...) {
<+...
kunmap(pg)
...+>
}

@through_helpers exists@
identifier putter.putfn;
expression p1, p2, E1, E2;
position pos;
@@
\(&p1\|p1 = E1\)
... when != putfn(p1, ...)
\(&p2\|p2 = E2\)
... when != putfn(p2, ...)
    when != putfn(p1, ...)
putfn@pos(p1, ...)
... when != putfn(p2, ...)
putfn(p2, ...)

@script:python@
pos << direct.pos;
@@
print("%s:%s: judgement: unmap-order: two mappings undone in the order "
      "they were made: local mappings nest, undo the last one first"
      % (pos[0].file, pos[0].line))

@script:python@
pos << through_helpers.pos;
putfn << putter.putfn;
@@
print("%s:%s: judgement: unmap-order: two pages put with %s() in the "
      "order they were got: converted to kmap_local_page(), put the last "
      "one first" % (pos[0].file, pos[0].line, putfn))
