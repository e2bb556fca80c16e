// SPDX-License-Identifier: MIT
// The automatic conversion of a simple kmap_atomic() pair: map and unmap in
// the same function, on every path, and nothing between them that could
// have relied on what kmap_atomic() disabled or that lets the address out.
// A call to anything but the mem*() and str*() helpers may have (a user
// copy relied on pagefaults being off, smp_processor_id() or a function
// that uses it on preemption being off, and the compiler cannot see into
// a callee), so a pair with one between is not simple; nor is one whose
// address is stored or returned. Everything else is left for a person
// (tools/cocci/judgement_*.cocci say what to look at).
// `make lint-fix` writes the result as a patch; it is never applied to the
// tree by a tool.

@simple_declaration@
expression page;
type T;
identifier p;
identifier other !~ "^(mem(cpy|set|cmp|move|chr)|str(n)?(cpy|cmp|len|nlen))$";
expression E, E2;
type T2;
@@
- T p = kmap_atomic(page);
+ T p = kmap_local_page(page);
  ... when strict
      when != other(...)
      when != E = \(p\|p + E2\|(T2)p\|&p[E2]\)
      when != return \(p\|p + E2\|(T2)p\|&p[E2]\);
- kunmap_atomic(p);
+ kunmap_local(p);

@simple_assignment@
expression page;
expression p;
identifier other !~ "^(mem(cpy|set|cmp|move|chr)|str(n)?(cpy|cmp|len|nlen))$";
expression E, E2;
type T2;
@@
- p = kmap_atomic(page);
+ p = kmap_local_page(page);
  ... when strict
      when != other(...)
      when != E = \(p\|p + E2\|(T2)p\|&p[E2]\)
      when != return \(p\|p + E2\|(T2)p\|&p[E2]\);
- kunmap_atomic(p);
+ kunmap_local(p);
