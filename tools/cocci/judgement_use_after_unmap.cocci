// SPDX-License-Identifier: MIT
// A pointer into a mapped page used after the page was unmapped: directly
// after kunmap_local(), or after the file's "put page" helper (a function
// that unmaps the page it is given) was handed the page. With kmap() the
// read worked: the pool keeps a page's address until the pool wraps, and
// a page-cache page stays in the cache. A kmap_local_page() mapping is gone
// at its unmap: read what you need first, then put the page.
// Output: FILE:LINE: judgement: use-after-unmap: message

@putter@
identifier putfn, pg;
@@
putfn(..., struct page *pg, ...) {
<+...
\(kunmap(pg)\|kunmap_local(...)\)
...+>
}

@after_put exists@
identifier putter.putfn;
expression pg, E;
idexpression p;
identifier fld;
position pos;
@@
putfn(pg, ..., p, ...);
... when != p = E
p@pos->fld

@after_kunmap_local exists@
expression E;
idexpression p;
identifier fld;
position pos;
@@
kunmap_local(p);
... when != p = E
p@pos->fld

@script:python@
pos << after_put.pos;
putfn << putter.putfn;
p << after_put.p;
@@
print("%s:%s: judgement: use-after-unmap: %s is used after %s() put its "
      "page: a kmap_local_page() mapping is gone at the put; read it first"
      % (pos[0].file, pos[0].line, p, putfn))

@script:python@
pos << after_kunmap_local.pos;
p << after_kunmap_local.p;
@@
print("%s:%s: judgement: use-after-unmap: %s is used after its "
      "kunmap_local(): the mapping is gone" % (pos[0].file, pos[0].line, p))
