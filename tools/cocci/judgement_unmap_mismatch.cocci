// SPDX-License-Identifier: MIT
// An unmap that does not match its map: kunmap() takes the page,
// kunmap_local() and kunmap_atomic() take the address. A kmap_local_page()
// mapping undone with kunmap(page), a kmap() one with kunmap_local(addr),
// or an address given where the page is wanted (and the reverse), is what
// a half-done conversion leaves behind.
// Output: FILE:LINE: judgement: unmap-mismatch: message

@mismatch exists@
expression a, pg;
identifier lmap = {kmap_local_page, kmap_local_page_prot, kmap_atomic,
		   kmap_atomic_prot};
identifier lunmap = {kunmap_local, kunmap_atomic};
position pos;
@@
(
a = lmap(pg);
...
kunmap@pos(\(pg\|a\));
|
a = lmap(pg);
...
lunmap@pos(pg);
|
a = kmap(pg);
...
lunmap@pos(a);
|
a = kmap(pg);
...
kunmap@pos(a);
)

@mismatch_decl exists@
identifier a;
expression pg;
type T;
identifier lmap = {kmap_local_page, kmap_local_page_prot, kmap_atomic,
		   kmap_atomic_prot};
identifier lunmap = {kunmap_local, kunmap_atomic};
position pos;
@@
(
T a = lmap(pg);
...
kunmap@pos(\(pg\|a\));
|
T a = lmap(pg);
...
lunmap@pos(pg);
|
T a = kmap(pg);
...
lunmap@pos(a);
|
T a = kmap(pg);
...
kunmap@pos(a);
)

@script:python@
pos << mismatch.pos;
@@
print("%s:%s: judgement: unmap-mismatch: this unmap does not match its map: "
      "kunmap() takes the page of a kmap(); kunmap_local() and "
      "kunmap_atomic() take the address their map returned"
      % (pos[0].file, pos[0].line))

@script:python@
pos << mismatch_decl.pos;
@@
print("%s:%s: judgement: unmap-mismatch: this unmap does not match its map: "
      "kunmap() takes the page of a kmap(); kunmap_local() and "
      "kunmap_atomic() take the address their map returned"
      % (pos[0].file, pos[0].line))
