// SPDX-License-Identifier: MIT
// Per-CPU data or smp_processor_id() between kmap_atomic() and
// kunmap_atomic(). Preemption was disabled there; kmap_local_page() only
// pins the task to its CPU, another task may still run on it between a
// read and a write. The converted code needs preempt_disable() around the
// part that relies on it (lab 6, lesson 1).
// Output: FILE:LINE: judgement: per-cpu: message

@percpu exists@
identifier map = {kmap_atomic, kmap_atomic_prot, kmap_atomic_pfn};
identifier cpu =~ "^(smp_processor_id|raw_smp_processor_id|this_cpu|this_cpu_.*|per_cpu.*|get_cpu.*|__this_cpu_.*)$";
position pos, mpos;
@@
map@mpos(...)
... when != kunmap_atomic(...)
cpu@pos(...)

@script:python@
cpu << percpu.cpu;
map << percpu.map;
pos << percpu.pos;
mpos << percpu.mpos;
@@
print("%s:%s: judgement: per-cpu: %s() between %s() (line %s) and its "
      "unmap ran with preemption disabled; after converting, add "
      "preempt_disable() around what relies on it"
      % (pos[0].file, pos[0].line, cpu, map, mpos[0].line))
