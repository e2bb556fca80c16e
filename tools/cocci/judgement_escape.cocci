// SPDX-License-Identifier: MIT
// A mapped address that leaves the code that mapped it: stored into a
// structure or a global, returned, or passed to another function (a
// thread's argument included). A kmap() address may do that; a
// kmap_local_page() address is valid only in the thread that made it and
// only until its unmap. A person decides: keep the address local, hand
// over the page instead (lab 6, lesson 3), or keep kmap().
// Output: FILE:LINE: judgement: escape: message

@stored_directly@
identifier map = {kmap, kmap_atomic, kmap_local_page, kmap_local_pfn,
		  kmap_atomic_prot, kmap_atomic_pfn, kmap_local_page_prot};
expression E;
identifier fld;
global idexpression G;
position pos;
@@
(
E.fld =@pos map(...)
|
E->fld =@pos map(...)
|
G =@pos map(...)
)

@in_initializer@
identifier map = {kmap, kmap_atomic, kmap_local_page, kmap_local_pfn,
		  kmap_atomic_prot, kmap_atomic_pfn, kmap_local_page_prot};
identifier x;
type T;
position pos;
@@
T x = { ..., map@pos(...), ... };

@escapes_declared exists@
identifier map = {kmap, kmap_atomic, kmap_local_page, kmap_local_pfn,
		  kmap_atomic_prot, kmap_atomic_pfn, kmap_local_page_prot};
identifier other !~ "^(mem(cpy|set|cmp|move|chr)|(__)?copy_(from|to)_user.*|clear_user|strncpy_from_user|copy_from_kernel_nofault|__copy_from_kernel_inatomic|fs_iter_.*|kunmap|kunmap_local|kunmap_atomic|is_kmap_addr|kmap_to_page|flush_dcache_page|copy_page|clear_page|str(n)?(cpy|cmp|len|nlen)|printk|kprintf|pr_.*|virt_to_phys|__pa|offset_in_page|KEXPECT_.*|KASSERT_.*)$";
identifier x;
type T;
identifier fld;
expression E, E2;
global idexpression G;
type T2;
position pos, mpos;
@@
T x = map@mpos(...);
... when != x = E2
(
E.fld = x@pos
|
E->fld = x@pos
|
G = x@pos
|
other(..., \(x@pos\|x@pos + E2\|(T2)x@pos\), ...)
)

@escapes_assigned exists@
identifier map = {kmap, kmap_atomic, kmap_local_page, kmap_local_pfn,
		  kmap_atomic_prot, kmap_atomic_pfn, kmap_local_page_prot};
identifier other !~ "^(mem(cpy|set|cmp|move|chr)|(__)?copy_(from|to)_user.*|clear_user|strncpy_from_user|copy_from_kernel_nofault|__copy_from_kernel_inatomic|fs_iter_.*|kunmap|kunmap_local|kunmap_atomic|is_kmap_addr|kmap_to_page|flush_dcache_page|copy_page|clear_page|str(n)?(cpy|cmp|len|nlen)|printk|kprintf|pr_.*|virt_to_phys|__pa|offset_in_page|KEXPECT_.*|KASSERT_.*)$";
local idexpression p;
identifier fld;
expression E, E2;
global idexpression G;
type T2;
position pos, mpos;
@@
p = map@mpos(...)
... when != p = E2
(
E.fld = p@pos
|
E->fld = p@pos
|
G = p@pos
|
other(..., \(p@pos\|p@pos + E2\|(T2)p@pos\), ...)
)

@returned_declared exists@
identifier map = {kmap, kmap_atomic, kmap_local_page, kmap_local_pfn,
		  kmap_atomic_prot, kmap_atomic_pfn, kmap_local_page_prot};
identifier x;
type T;
identifier fld;
expression E, E2;
global idexpression G;
type T2;
position pos, mpos;
@@
T x = map@mpos(...);
... when != x = E2
return x@pos;

@returned_assigned exists@
identifier map = {kmap, kmap_atomic, kmap_local_page, kmap_local_pfn,
		  kmap_atomic_prot, kmap_atomic_pfn, kmap_local_page_prot};
local idexpression p;
identifier fld;
expression E, E2;
global idexpression G;
type T2;
position pos, mpos;
@@
p = map@mpos(...)
... when != p = E2
return p@pos;

// The directory code's variant: the address of a page the file's helper
// mapped (page_address() of it, with kmap()) stored in a structure that a
// new thread is then given.
@to_thread exists@
expression E, pg;
identifier fld;
identifier spawn = {kthread_run, kthread_create};
position pos;
@@
E.fld =@pos page_address(pg)
...
spawn(..., &E, ...)

@script:python@
pos << to_thread.pos;
spawn << to_thread.spawn;
@@
print("%s:%s: judgement: escape: a page's mapped address is stored in a "
      "structure handed to a new thread (%s()): a kmap_local_page() "
      "address is good only in the thread that mapped it; hand over the "
      "page" % (pos[0].file, pos[0].line, spawn))

@script:python@
map << stored_directly.map;
pos << stored_directly.pos;
@@
print("%s:%s: judgement: escape: the address %s() returned is stored "
      "where other code or another thread may use it" %
      (pos[0].file, pos[0].line, map))

@script:python@
map << in_initializer.map;
pos << in_initializer.pos;
@@
print("%s:%s: judgement: escape: the address %s() returned is stored "
      "in a structure that other code or another thread may use" %
      (pos[0].file, pos[0].line, map))

@script:python@
map << escapes_declared.map;
other << escapes_declared.other = "";
pos << escapes_declared.pos;
mpos << escapes_declared.mpos;
@@
how = "passed to %s()" % other if other else "stored where other code " \
      "or another thread may use it"
print("%s:%s: judgement: escape: the address %s() returned (line %s) is %s"
      % (pos[0].file, pos[0].line, map, mpos[0].line, how))

@script:python@
map << returned_declared.map;
pos << returned_declared.pos;
mpos << returned_declared.mpos;
@@
print("%s:%s: judgement: escape: the address %s() returned (line %s) is "
      "returned to the caller" % (pos[0].file, pos[0].line, map, mpos[0].line))

@script:python@
map << escapes_assigned.map;
other << escapes_assigned.other = "";
pos << escapes_assigned.pos;
mpos << escapes_assigned.mpos;
@@
how = "passed to %s()" % other if other else "stored where other code " \
      "or another thread may use it"
print("%s:%s: judgement: escape: the address %s() returned (line %s) is %s"
      % (pos[0].file, pos[0].line, map, mpos[0].line, how))

@script:python@
map << returned_assigned.map;
pos << returned_assigned.pos;
mpos << returned_assigned.mpos;
@@
print("%s:%s: judgement: escape: the address %s() returned (line %s) is "
      "returned to the caller" % (pos[0].file, pos[0].line, map, mpos[0].line))
