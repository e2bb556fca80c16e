// SPDX-License-Identifier: MIT
// A map and its unmap in different functions: a function that maps with
// one kind of call (kmap, kmap_atomic, kmap_local_page) and never unmaps
// with the matching call, or one that unmaps without mapping (a "get page"
// and a "put page" helper, as directory code had). A kmap() mapping may
// outlive its function; a kmap_local_page() one is a stack: the helpers'
// callers must nest them, and the put helper needs the address, not the
// page. A person rewrites the helpers' contract.
// Output: FILE:LINE: judgement: unmap-elsewhere: message

@map@
identifier fn = {kmap, kmap_atomic, kmap_atomic_prot, kmap_atomic_pfn,
		 kmap_local_page, kmap_local_page_prot, kmap_local_pfn};
position pos;
@@
fn@pos(...)

@unmap@
identifier fn = {kunmap, kunmap_atomic, kunmap_local};
position pos;
@@
fn@pos(...)

@initialize:python@
@@
KIND = {"kmap": "kmap", "kunmap": "kmap",
	"kmap_atomic": "kmap_atomic", "kmap_atomic_prot": "kmap_atomic",
	"kmap_atomic_pfn": "kmap_atomic", "kunmap_atomic": "kmap_atomic",
	"kmap_local_page": "kmap_local", "kmap_local_page_prot": "kmap_local",
	"kmap_local_pfn": "kmap_local", "kunmap_local": "kmap_local"}
UNMAP = {"kmap": "kunmap", "kmap_atomic": "kunmap_atomic",
	 "kmap_local": "kunmap_local"}
maps = {}	# (file, function, kind) -> [(line, call)]
unmaps = {}

@script:python@
fn << map.fn;
pos << map.pos;
@@
key = (pos[0].file, pos[0].current_element, KIND[fn])
maps.setdefault(key, set()).add((int(pos[0].line), fn))

@script:python@
fn << unmap.fn;
pos << unmap.pos;
@@
key = (pos[0].file, pos[0].current_element, KIND[fn])
unmaps.setdefault(key, set()).add((int(pos[0].line), fn))

@finalize:python@
@@
for (file, func, kind), sites in sorted(maps.items()):
	if (file, func, kind) in unmaps:
		continue
	for line, fn in sorted(sites):
		print("%s:%s: judgement: unmap-elsewhere: %s() in %s(), which "
		      "has no %s(): the mapping outlives the function"
		      % (file, line, fn, func, UNMAP[kind]))
for (file, func, kind), sites in sorted(unmaps.items()):
	if (file, func, kind) in maps:
		continue
	for line, fn in sorted(sites):
		print("%s:%s: judgement: unmap-elsewhere: %s() in %s(), which "
		      "maps nothing with %s(): the mapping was made in another "
		      "function" % (file, line, fn, func,
				    "kmap_local_page" if kind == "kmap_local" else kind))
