// SPDX-License-Identifier: MIT
// page_address() of a page that may be in HighMem, where it has no address
// (NULL in Linux without a kmap(); in hm386, whatever the direct map would
// say): a page that this function maps, a page-cache or user page, or the
// result of a helper of this file that maps the page it returns or hands
// back through a struct page ** (directory code's "get page" helpers:
// their callers used page_address() to find the mapping kmap() made). After the conversion the address is the one
// kmap_local_page() returned: pass it along instead.
// Output: FILE:LINE: judgement: page-address: message

@getter@
identifier getfn, pg;
identifier map = {kmap, kmap_atomic, kmap_local_page};
@@
getfn(...) {
<+...
map(pg)
...
return pg;
...+>
}

// A helper that maps a page and takes an out-parameter (struct page **)
// to hand it back through, returning something else (an address, an
// error).
@outgetter exists@
identifier getfn, pg, pp;
identifier map = {kmap, kmap_atomic, kmap_local_page};
@@
getfn(..., struct page **pp, ...) {
<+...
map(pg)
...+>
}

@from_outgetter exists@
identifier outgetter.getfn;
expression pg;
position pos;
@@
getfn(..., &pg, ...)
...
page_address@pos(pg)

@from_outgetter_ptr exists@
identifier outgetter.getfn;
expression pp;
position pos;
@@
getfn(..., pp, ...)
...
page_address@pos(*pp)

@mapped_here exists@
expression pg;
identifier map = {kmap, kmap_atomic, kmap_local_page, kmap_atomic_prot,
		  kmap_local_page_prot};
identifier source =~ "^(read_mapping_page|read_cache_page|find_get_page|find_lock_page|find_or_create_page|grab_cache_page.*|pagecache_get_page|page_cache_get|get_user_page|mm_get_user_page)$";
expression gfp =~ "HIGHUSER|HIGHMEM";
position pos;
@@
(
map(pg)
|
pg = source(...)
|
pg = alloc_page(gfp)
|
pg = alloc_pages(gfp, ...)
)
...
page_address@pos(pg)

@from_getter exists@
identifier getter.getfn;
expression pg;
position pos;
@@
pg = getfn(...)
...
page_address@pos(pg)

@script:python@
pos << mapped_here.pos;
@@
print("%s:%s: judgement: page-address: page_address() of a page that may "
      "be in HighMem (it is mapped here, or comes from the page cache or a "
      "HighMem allocation): use the address its kmap_local_page() returned"
      % (pos[0].file, pos[0].line))

@script:python@
pos << from_getter.pos;
getfn << getter.getfn;
@@
print("%s:%s: judgement: page-address: page_address() of the page %s() "
      "mapped and returned: it may be in HighMem; make %s() return the "
      "address kmap_local_page() gave" % (pos[0].file, pos[0].line, getfn,
					  getfn))

@script:python@
pos << from_outgetter.pos;
getfn << outgetter.getfn;
@@
print("%s:%s: judgement: page-address: page_address() of the page %s() "
      "mapped and handed back: it may be in HighMem; use the address %s() "
      "returns, made by kmap_local_page()" % (pos[0].file, pos[0].line,
					     getfn, getfn))

@script:python@
pos << from_outgetter_ptr.pos;
getfn << outgetter.getfn;
@@
print("%s:%s: judgement: page-address: page_address() of the page %s() "
      "mapped and handed back: it may be in HighMem; use the address %s() "
      "returns, made by kmap_local_page()" % (pos[0].file, pos[0].line,
					     getfn, getfn))
