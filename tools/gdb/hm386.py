# SPDX-License-Identifier: MIT
"""GDB helpers for hm386's subject, HIGHMEM (loaded by tools/gdbinit).

  pte ADDR|SYMBOL     walk the PAE tables for a virtual address and decode
                      each level, as the monitor's `pt` does
  pkmap               the pkmap pool behind kmap(): live slots with counts,
                      pages and where kmap() took them; the cursor
  kmap-stack [all|NAME]
                      a task's kmap_local slot stack (default: the task on
                      the selected CPU; QEMU shows each CPU as a thread)

They read the kernel's own variables through its debug information
(pkmap_count, pkmap_slots, cpu_info, all_tasks), and page tables through the
direct map, so they work once paging is on (from `kmain`).
"""

import gdb

PAGE_OFFSET = 0xC0000000
PAGE_SHIFT = 12
FIXADDR_TOP = 0xFFFFF000
ADDR_MASK = 0x000FFFFFFFFFF000
PRESENT, RW, USER, PSE, GLOBAL = 1 << 0, 1 << 1, 1 << 2, 1 << 7, 1 << 8
NX = 1 << 63


def read_u64(addr):
    data = gdb.selected_inferior().read_memory(addr, 8)
    return int.from_bytes(bytes(data), "little")


def decode(entry, pdpte=False, leaf=False):
    """The words the monitor's `pt` uses for one entry."""
    if not entry & PRESENT:
        return "not-present"
    words = ["present"]
    if not pdpte:  # a PAE PDPTE has no access bits
        words += ["rw" if entry & RW else "ro",
                  "user" if entry & USER else "kernel",
                  "nx" if entry & NX else "exec"]
    if leaf:
        words.append("global" if entry & GLOBAL else "local")
    if not pdpte and not leaf and not entry & PSE:
        words.append("table")
    if entry & PSE:
        words.append("large(2M)")
    words.append(f"pfn {(entry & ADDR_MASK) >> PAGE_SHIFT:#x}")
    return " ".join(words)


def to_int(arg):
    """An address from a number, a symbol or any GDB expression."""
    value = gdb.parse_and_eval(arg)
    if value.type.strip_typedefs().code == gdb.TYPE_CODE_FUNC:
        value = value.address
    return int(value.cast(gdb.lookup_type("unsigned int")))


class Pte(gdb.Command):
    """pte ADDR -- walk the PAE page tables for virtual address ADDR (a
number, a symbol or an expression) and decode each level's entry: present,
rw/ro, user/kernel, nx/exec, global, large page, pfn."""

    def __init__(self):
        super().__init__("pte", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        va = to_int(arg) & 0xFFFFFFFF
        cr3 = int(gdb.parse_and_eval("$cr3")) & 0xFFFFFFFF
        print(f"{va:#010x}, CR3 {cr3:#010x}:")
        pdpte = read_u64(PAGE_OFFSET + (cr3 & ~0x1F) + (va >> 30) * 8)
        print(f"  PDPTE[{va >> 30:3}] {pdpte:#018x}: {decode(pdpte, True)}")
        if not pdpte & PRESENT:
            print(f"  -> {va:#010x} is not mapped")
            return
        index = (va >> 21) & 511
        pde = read_u64(PAGE_OFFSET + (pdpte & ADDR_MASK) + index * 8)
        print(f"  PDE  [{index:3}] {pde:#018x}: "
              f"{decode(pde, leaf=bool(pde & PSE))}")
        if not pde & PRESENT:
            print(f"  -> {va:#010x} is not mapped")
            return
        if pde & PSE:
            phys = (pde & ADDR_MASK) + (va & 0x1FFFFF)
            print(f"  -> phys {phys:#x} (2 MiB page)")
            return
        index = (va >> 12) & 511
        pte = read_u64(PAGE_OFFSET + (pde & ADDR_MASK) + index * 8)
        print(f"  PTE  [{index:3}] {pte:#018x}: {decode(pte, leaf=True)}")
        if not pte & PRESENT:
            print(f"  -> {va:#010x} is not mapped")
            return
        print(f"  -> phys {(pte & ADDR_MASK) + (va & 0xFFF):#x} (4 KiB page)")


def c_string(value):
    return value.string() if int(value) else "?"


class Pkmap(gdb.Command):
    """pkmap -- the pkmap pool behind kmap(): every slot whose count is not
0 (1: mapped, no user, maybe still in TLBs; n: n - 1 users), with its
address, page and where kmap() took it; then the cursor."""

    def __init__(self):
        super().__init__("pkmap", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        counts = gdb.parse_and_eval("pkmap_count")
        slots = gdb.parse_and_eval("pkmap_slots")
        table = gdb.parse_and_eval("pkmap_page_table")
        base = int(gdb.parse_and_eval("kernel_areas[AREA_PKMAP].start"))
        nr_slots = counts.type.range()[1] + 1
        print(f"pkmap pool: {nr_slots} slots at {base:#010x}, cursor at "
              f"slot {int(gdb.parse_and_eval('last_pkmap_nr'))}")
        mapped = users = 0
        for nr in range(nr_slots):
            count = int(counts[nr])
            if not count:
                continue
            mapped += 1
            users += count > 1
            pte = int(table[nr]) if int(table) else 0
            slot = slots[nr]
            print(f"  slot {nr:3} {base + (nr << PAGE_SHIFT):#010x} count "
                  f"{count} pfn {(pte & ADDR_MASK) >> PAGE_SHIFT:#x} users "
                  f"{count - 1} kmap() at {c_string(slot['file'])}:"
                  f"{int(slot['line'])}")
        print(f"{mapped} slot{'' if mapped == 1 else 's'} mapped, "
              f"{users} with users")


def task_list():
    """Every task, from the kernel's all_tasks list."""
    head = gdb.parse_and_eval("&all_tasks")
    task_ptr = gdb.lookup_type("struct task").pointer()
    offset = int(gdb.parse_and_eval("(unsigned int)&((struct task *)0)->all_list"))
    node = head["next"]
    while int(node) != int(head):
        yield gdb.Value(int(node) - offset).cast(task_ptr)
        node = node["next"]


def task_slot_pte(task, cpu, n, idx):
    """The PTE of @task's slot @idx (area slot @n): the fixmap's entry while
    the task runs, what the context switch saved while it does not
    (mm/kmap_local.c)."""
    running = int(gdb.parse_and_eval(f"cpu_info[{cpu}].current_task"))
    if running == int(task):
        pt = int(gdb.parse_and_eval("(unsigned int)fixmap_pt"))
        va = FIXADDR_TOP - (n << PAGE_SHIFT)
        entry = pt + (((va >> PAGE_SHIFT) & 511) << 3)
        return int(gdb.parse_and_eval(f"*(unsigned long long *){entry:#x}"))
    return int(task["kmap"]["pteval"][idx])


def print_kmap_stack(task):
    kmap = task["kmap"]
    cpu = int(task["cpu"])
    depth_slots = int(kmap["idx"])
    max_idx = kmap["pteval"].type.range()[1] + 1
    fix_begin = int(gdb.parse_and_eval("(int)FIX_KMAP_BEGIN"))
    history = any(f.name == "slot" for f in kmap.type.fields())
    live = []
    for idx in range(depth_slots):
        n = fix_begin + cpu * max_idx + idx
        pte = task_slot_pte(task, cpu, n, idx)
        if pte & 1:
            live.append((idx, n, pte))
    print(f"task {int(task['id'])} {task['name'].string()} (CPU {cpu}): "
          f"depth {len(live)}")
    for idx, n, pte in live:
        addr = FIXADDR_TOP - (n << PAGE_SHIFT)
        # Debug builds: the page and site the task recorded (the PTE
        # beside it shows whether they agree); release: the PTE's page.
        slot = kmap["slot"][idx] if history else None
        pfn = int(slot["pfn"]) if history else (pte & ADDR_MASK) >> PAGE_SHIFT
        line = f"  slot {idx:2} {addr:#010x} pfn {pfn:#x} pte {pte:#018x}"
        if history:
            site = slot["mapped"]
            line += (f" mapped at {c_string(site['file'])}:"
                     f"{int(site['line'])}")
        print(line)


class KmapStack(gdb.Command):
    """kmap-stack [all|NAME] -- a task's kmap_local slot stack: each live
slot's address, page, PTE and where kmap_local_page() took it. Without an
argument, the task running on the selected CPU (GDB thread N is CPU N-1)."""

    def __init__(self):
        super().__init__("kmap-stack", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        arg = arg.strip()
        if not arg:
            cpu = gdb.selected_thread().num - 1
            print_kmap_stack(gdb.parse_and_eval(f"cpu_info[{cpu}].current_task"))
            return
        found = False
        for task in task_list():
            if arg == "all" or task["name"].string() == arg:
                print_kmap_stack(task)
                found = True
        if not found:
            raise gdb.GdbError(f"kmap-stack: no task named {arg!r}")


Pte()
Pkmap()
KmapStack()
