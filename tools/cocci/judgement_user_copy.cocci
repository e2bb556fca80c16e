// SPDX-License-Identifier: MIT
// A user copy between kmap_atomic() and kunmap_atomic(). Pagefaults were
// disabled there: a fault on a user page that is valid but not there yet
// was not served and the copy stopped short (the exception-table fixup).
// After a conversion to kmap_local_page() the fault is served (and may
// sleep) unless the code keeps pagefault_disable(); which one the code
// needs, and whether it handles the short copy (fault in, copy again, as
// the write path does), is a person's call.
// Output: FILE:LINE: judgement: user-copy: message

@r exists@
identifier map = {kmap_atomic, kmap_atomic_prot, kmap_atomic_pfn};
identifier fn =~ "^((__)?copy_(from|to)_user(_inatomic)?|clear_user|strncpy_from_user|(get|put)_user(_u32)?|fs_iter_(to|from)(_atomic)?|fs_iter_zero|__copy_from_kernel_inatomic)$";
position pos, mpos;
@@
map@mpos(...)
... when != kunmap_atomic(...)
fn@pos(...)

@script:python@
fn << r.fn;
map << r.map;
pos << r.pos;
mpos << r.mpos;
@@
print("%s:%s: judgement: user-copy: %s() between %s() (line %s) and its "
      "unmap ran with pagefaults disabled: a page not there yet failed the "
      "copy; after converting, keep pagefault_disable() and the short-copy "
      "fallback, or let the fault be served"
      % (pos[0].file, pos[0].line, fn, map, mpos[0].line))
