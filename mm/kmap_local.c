// SPDX-License-Identifier: MIT
/*
 * kmap_local: short-lived mappings in a stack of fixmap slots.
 *
 * Each CPU owns KM_MAX_IDX consecutive fixmap slots; the stack of which of
 * them are in use belongs to the task, and a context switch takes the
 * outgoing task's mappings down (saving their PTEs) and puts the incoming
 * task's back (kmap_local_switch). A task with mappings cannot migrate.
 * Mapping pushes: the depth is raised, then the next slot's PTE written;
 * the slot was flushed from the TLB when it was last unmapped, so no flush
 * is needed. Unmapping pops: the PTE is cleared, that one address flushed
 * with invlpg, then the depth lowered. Neither disables preemption: at
 * every point the slots below the depth are the task's, and a switch
 * saves and restores exactly those.
 *
 * The release build does both inline (<mm/highmem-internal.h>) and keeps
 * two checks: the depth limit and the order of unmapping. Debug builds
 * (CONFIG_KMAP_DEBUG) go through __kmap_local_pfn_prot() and
 * __kunmap_local() here: they step by two slots, leaving a guard slot that
 * is never mapped between live ones, check the slot is free, and remember
 * for each slot the last pfn and where it was mapped and unmapped, to
 * diagnose a fault in the area.
 */
#include <arch/x86/cpu.h>
#include <mm/fixmap.h>
#include <arch/x86/trap_frame.h>
#include <kernel/cmdline.h>
#include <kernel/context_check.h>
#include <kernel/monitor.h>
#include <kernel/ksyms.h>
#include <kernel/lab.h>
#include <kernel/panic.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/smp.h>
#include <lib/printf.h>
#include <mm/pkmap.h>
#include "kmap_local_internal.h"

bool kmap_force_map;
KERNEL_PARAM(kmap_force_map, KPARAM_BOOL, &kmap_force_map,
	     "map lowmem pages through kmap_local slots too (debugging)");

/* Set by memlayout_init(), which chooses max_low_pfn. */
u32 kmap_direct_pfns, kmap_direct_bytes;

/* The PTE bits of a kmap_local_page() slot, as this CPU takes them. */
pte_t kmap_prot_pte;

void kmap_local_set_direct(void)
{
	kmap_direct_pfns = kmap_force_map ? 0 : max_low_pfn;
	kmap_direct_bytes = kmap_direct_pfns << PAGE_SHIFT;
	kmap_prot_pte = page_prot(kmap_prot);
}

void kmap_set_force_map(bool on)
{
	kmap_force_map = on;
	kmap_local_set_direct();
}

#define KMAP_AREA_START	fix_to_virt(FIX_KMAP_END)
#define KMAP_AREA_END	(fix_to_virt(FIX_KMAP_BEGIN) + PAGE_SIZE)

/* The running context's stack: the current task's (interrupts included). */
static struct kmap_ctrl *this_kmap_ctrl(void)
{
	return &current->kmap;
}

/*
 * Slot @idx of CPU @cpu is fixmap slot FIX_KMAP_BEGIN + cpu * KM_MAX_IDX +
 * idx: one page below the slot before it, and (the whole area lies in the
 * fixmap's one page table) one entry below it in that table.
 */
u32 kmap_local_slot_addr(u32 cpu, u32 idx)
{
	return fix_to_virt(FIX_KMAP_BEGIN + cpu * KM_MAX_IDX + idx);
}

/* The slot's PTE: the fixmap page table is known, no walk. */
LAB_STATIC pte_t *kmap_slot_pte(u32 cpu, u32 idx)
{
	return fixmap_pte(FIX_KMAP_BEGIN + cpu * KM_MAX_IDX + idx);
}

void kmap_local_init(void)
{
	BUILD_BUG_ON(FIX_KMAP_END >= PTRS_PER_PTE);	/* one page table */
	for (u32 cpu = 0; cpu < NR_CPUS; cpu++)
		cpu_info[cpu].kmap_vaddr0 = kmap_local_slot_addr(cpu, 0);
}

/*
 * The PTE of @t's slot @idx: the slot itself while @t runs (on its CPU),
 * what the switch saved while it does not.
 */
static pte_t task_slot_pte(const struct task *t, u32 idx)
{
	if (cpu_info[t->cpu].current_task == t)
		return *kmap_slot_pte(t->cpu, idx);
	return t->kmap.pteval[idx];
}

/* Which CPU's stack and which slot @addr lies in; false outside the area. */
static bool kmap_slot_of(u32 addr, u32 *cpu, u32 *idx)
{
	u32 n;

	if (addr < KMAP_AREA_START || addr >= KMAP_AREA_END)
		return false;
	n = virt_to_fix(addr) - FIX_KMAP_BEGIN;
	*cpu = n / KM_MAX_IDX;
	*idx = n % KM_MAX_IDX;
	return true;
}

/*
 * kmap_local_push - take the next slot of @kc's stack for a new mapping and
 * return its index. Debug builds step over a guard slot (KM_INCR is 2).
 * The caller checked that the stack has room.
 */
LAB_STATIC LAB_EXERCISE(4) u32 kmap_local_push(struct kmap_ctrl *kc)
{
	kc->idx += KM_INCR;
	return kc->idx - 1;
}

/*
 * kmap_local_pop - take down slot @idx of CPU @cpu, the top of @kc's
 * stack: clear its PTE, flush that one address from this CPU's TLB (the
 * next push may map another page there without a flush), and drop it and
 * its guard from the stack.
 */
LAB_STATIC LAB_EXERCISE(4) void kmap_local_pop(struct kmap_ctrl *kc, u32 cpu,
					       u32 idx)
{
	pte_clear(kmap_slot_pte(cpu, idx));
	flush_tlb_one_local(kmap_local_slot_addr(cpu, idx));
	kc->idx -= KM_INCR;
}

u32 kmap_local_depth(void)
{
	return this_kmap_ctrl()->idx / KM_INCR;
}

/*
 * site_name - where a kmap_local call was made, for a report: "x.c:12" from
 * the debug build's call-site records, else the function and offset of
 * the call before return address @ip (the release build's inline paths;
 * a call that never returns may be its function's last instruction, so
 * the byte before @ip is named).
 */
static void site_name(char *buf, size_t size, const char *file, int line,
		      u32 ip)
{
	if (file)
		snprintf(buf, size, "%s:%d", file, line);
	else
		ksym_format(ip - 1, buf, size);
}

static void __noreturn overflow_panic(const char *file, int line, u32 ip)
{
	char site[96];

	site_name(site, sizeof(site), file, line, ip);
	panic("kmap_local: too many nested mappings at %s: depth %u would "
	      "exceed KM_MAX_DEPTH (%d)", site, kmap_local_depth() + 1,
	      KM_MAX_DEPTH);
}

void *__kmap_local_pfn_prot(u32 pfn, pte_t prot, const char *file, int line)
{
	struct kmap_ctrl *kc = this_kmap_ctrl();
	pte_t *ptep;
	u32 cpu, idx;

	if (kc->idx + KM_INCR > KM_MAX_IDX)
		overflow_panic(file, line, (u32)__builtin_return_address(0));
	idx = kmap_local_push(kc);
	barrier();
	/* The task holds a slot now: it cannot migrate. */
	cpu = smp_processor_id();
	ptep = kmap_slot_pte(cpu, idx);
	if (*ptep & _PAGE_PRESENT)
		panic("kmap_local: slot %u of CPU %u is still mapped (pte 0x%llx)",
		      idx, cpu, *ptep);
#if CONFIG_KMAP_DEBUG
	kc->slot[idx].pfn = pfn;
	kc->slot[idx].mapped = (struct kmap_site){ file, line };
#endif
	set_pte_new(ptep, ((pte_t)pfn << PAGE_SHIFT) | page_prot(prot));
	return (void *)kmap_local_slot_addr(cpu, idx);
}

/*
 * describe_slot - "0xfffd2000 (pfn 0x1234, mapped at x.c:12)" for slot
 * @idx of @t's stack on CPU @cpu: the page it maps now, or (debug builds)
 * the one it mapped last and where.
 */
static void describe_slot(char *buf, size_t size, const struct task *t,
			  u32 cpu, u32 idx)
{
	u32 addr = kmap_local_slot_addr(cpu, idx);
#if CONFIG_KMAP_DEBUG
	const struct kmap_slot *s = &t->kmap.slot[idx];

	snprintf(buf, size, "0x%08x (pfn 0x%x, mapped at %s:%d)", addr, s->pfn,
		 s->mapped.file ? s->mapped.file : "?", s->mapped.line);
#else
	pte_t pte = idx < t->kmap.idx ? task_slot_pte(t, idx) : 0;

	if (pte & _PAGE_PRESENT)
		snprintf(buf, size, "0x%08x (pfn 0x%x)", addr,
			 (u32)(pte_phys(pte) >> PAGE_SHIFT));
	else
		snprintf(buf, size, "0x%08x (not mapped)", addr);
#endif
}

/*
 * kunmap_local_report - panic naming what is wrong with the unmap of
 * @vaddr made at @file:@line (or @ip): not a slot, another CPU's slot, no
 * mapping held, or not the most recent mapping.
 */
static void __noreturn kunmap_local_report(const void *vaddr,
					   const char *file, int line, u32 ip)
{
	u32 addr = (u32)vaddr & PAGE_MASK, cpu, idx, depth = current->kmap.idx;
	char site[96], top[128], this[128];

	site_name(site, sizeof(site), file, line, ip);
	/* Direct-map addresses were handled inline (kunmap_local_at()). */
	if (!kmap_slot_of(addr, &cpu, &idx))
		panic("kunmap_local(0x%08x) at %s: not an address that "
		      "kmap_local_*() returned", (u32)vaddr, site);
	if (cpu != raw_smp_processor_id())
		panic("kunmap_local(0x%08x) at %s: slot of CPU %u, running on "
		      "CPU %u", (u32)vaddr, site, cpu, raw_smp_processor_id());
	if (!depth)
		panic("kunmap_local(0x%08x) at %s: no kmap_local mapping is held",
		      (u32)vaddr, site);
	describe_slot(top, sizeof(top), current, cpu, depth - 1);
	describe_slot(this, sizeof(this), current, cpu, idx);
	panic("kunmap_local() at %s out of order: it unmaps %s but the most "
	      "recent mapping is %s", site, this, top);
}

void __kunmap_local(const void *vaddr, const char *file, int line)
{
	struct kmap_ctrl *kc = this_kmap_ctrl();
	u32 cpu = raw_smp_processor_id(), idx = kc->idx - 1;

	/* The most recent mapping, and still mapped: anything else panics. */
	if (!kc->idx || ((u32)vaddr & PAGE_MASK) != kmap_local_slot_addr(cpu, idx) ||
	    !(*kmap_slot_pte(cpu, idx) & _PAGE_PRESENT))
		kunmap_local_report(vaddr, file, line,
				    (u32)__builtin_return_address(0));
#if CONFIG_KMAP_DEBUG
	kc->slot[idx].unmapped = (struct kmap_site){ file, line };
#endif
	barrier();
	kmap_local_pop(kc, cpu, idx);
}

#if !CONFIG_KMAP_DEBUG
void kmap_local_overflow(void)
{
	overflow_panic(NULL, 0, (u32)__builtin_return_address(0));
}

void kunmap_local_bad(const void *vaddr)
{
	kunmap_local_report(vaddr, NULL, 0, (u32)__builtin_return_address(0));
}
#endif

bool is_kmap_local_addr(u32 addr)
{
	u32 cpu, idx;

	return kmap_slot_of(addr, &cpu, &idx);
}

struct page *kmap_local_to_page(u32 addr)
{
	u32 cpu, idx;
	pte_t pte;

	if (!kmap_slot_of(addr, &cpu, &idx))
		panic("kmap_local_to_page(0x%08x): not a kmap_local slot", addr);
	pte = *kmap_slot_pte(cpu, idx);
	if (!(pte & _PAGE_PRESENT))
		panic("kmap_to_page(0x%08x): the kmap_local slot is not mapped", addr);
	return pfn_to_page((u32)(pte_phys(pte) >> PAGE_SHIFT));
}

/* kmap_local_unwind - unmap every slot this context holds, newest first
 * (the repair after a self-test case that aborted while mapped). */
static void kmap_local_unwind(void)
{
	struct kmap_ctrl *kc = this_kmap_ctrl();

	while (kc->idx)
		kmap_local_pop(kc, smp_processor_id(), kc->idx - 1);
}
CONTEXT_CHECK(kmap_local, CONTEXT_TASK, "kmap_local mappings",
	      kmap_local_depth, kmap_local_unwind);

void kmap_local_irq_exit_check(u32 depth_at_entry, u32 vector)
{
	u32 depth = kmap_local_depth();

	if (depth != depth_at_entry)
		panic("the handler of interrupt vector %u changed the kmap_local "
		      "stack: depth %u at entry, %u at exit (it must unmap exactly "
		      "what it mapped)", vector, depth_at_entry, depth);
}

void kmap_local_fault_diagnose(u32 addr, const struct trap_frame *tf)
{
	const struct kmap_ctrl *kc = this_kmap_ctrl();
#if CONFIG_KMAP_DEBUG
	const struct kmap_slot *s;
#endif
	struct task *owner;
	char what[96], slot[128];
	u32 cpu, idx;

	if (!kmap_slot_of(addr, &cpu, &idx))
		return;
	pf_describe(tf->error_code, what, sizeof(what));
#if CONFIG_KMAP_DEBUG
	if (idx % KM_INCR == 0)
		panic("kmap_local guard slot hit: 0x%08x (%s) is CPU %u slot %u, a "
		      "guard that is never mapped: an access ran off the slot next "
		      "to it", addr, what, cpu, idx);
#endif
	/*
	 * Another task's live mapping: a pointer left its thread. Slots are
	 * reused, so the owner named is the slot's holder now; the pointer
	 * may come from any task that held the slot before.
	 */
	owner = task_by_kmap_slot(cpu, idx);
	if (owner && owner != current) {
		describe_slot(slot, sizeof(slot), owner, cpu, idx);
		panic("kmap_local address 0x%08x is mapped by task %s (%u), used by "
		      "task %s (%u): kmap_local_page() mappings are thread-local; "
		      "see kmap(). The slot: %s. Task %s holds it now; the pointer "
		      "may have been leaked by another task that used the slot "
		      "before", addr, owner->name, owner->id, current->name,
		      current->id, slot, owner->name);
	}
	if (cpu != smp_processor_id())
		panic("page fault at 0x%08x (%s): CPU %u's kmap_local slot %u, used "
		      "on CPU %u: kmap_local mappings are CPU-local", addr, what,
		      cpu, idx, smp_processor_id());
	describe_slot(slot, sizeof(slot), current, cpu, idx);
	if (idx < kc->idx)
		panic("page fault on live kmap_local slot %s, CPU %u slot %u: %s",
		      slot, cpu, idx, what);
#if CONFIG_KMAP_DEBUG
	s = &kc->slot[idx];
	if (!s->mapped.file)
		panic("page fault at 0x%08x (%s): CPU %u kmap_local slot %u was never "
		      "mapped by task %s: the pointer was leaked by another task "
		      "that used the slot, or is wild", addr, what, cpu, idx,
		      current->name);
	/* The history is this task's: the pointer may be another task's. */
	panic("use after kunmap_local: 0x%08x (%s) is CPU %u slot %u, free; in "
	      "task %s it last held pfn 0x%x, mapped at %s:%d and unmapped at "
	      "%s:%d; the pointer may also have been leaked by another task "
	      "that used the slot", addr, what, cpu, idx, current->name, s->pfn,
	      s->mapped.file, s->mapped.line, s->unmapped.file, s->unmapped.line);
#else
	panic("use after kunmap_local: 0x%08x (%s) is CPU %u slot %u, free (the "
	      "release build keeps no slot history: the debug build names what "
	      "it last held); the pointer may also have been leaked by another "
	      "task that used the slot", addr, what, cpu, idx);
#endif
}

void kmap_local_switch(struct task *prev, struct task *next)
{
	u32 cpu = smp_processor_id();

	for (u32 idx = 0; idx < prev->kmap.idx; idx++) {
		pte_t *ptep = kmap_slot_pte(cpu, idx);

		prev->kmap.pteval[idx] = *ptep;
		if (!(*ptep & _PAGE_PRESENT))
			continue;	/* a guard slot, or one being taken */
		pte_clear(ptep);
		flush_tlb_one_local(kmap_local_slot_addr(cpu, idx));
	}
	for (u32 idx = 0; idx < next->kmap.idx; idx++)
		if (next->kmap.pteval[idx] & _PAGE_PRESENT)
			set_pte_new(kmap_slot_pte(cpu, idx),
				    next->kmap.pteval[idx]);
}

bool kmap_local_slot_live(const struct task *task, u32 cpu, u32 idx)
{
	return task->cpu == cpu && idx < task->kmap.idx &&
	       (task_slot_pte(task, idx) & _PAGE_PRESENT);
}

static void print_task_slots(struct task *t, void *unused)
{
	kprintf("task %u %s (CPU %u): depth %u\n", t->id, t->name, t->cpu,
		t->kmap.idx / KM_INCR);
	for (u32 idx = 0; idx < t->kmap.idx; idx++) {
		char slot[128];

		if (!(task_slot_pte(t, idx) & _PAGE_PRESENT))
			continue;	/* a guard slot */
		describe_slot(slot, sizeof(slot), t, t->cpu, idx);
		kprintf("  slot %2u %s\n", idx, slot);
	}
}

static int cmd_slots(int argc, char **argv)
{
	u32 cpu;

	if (argc != 1)
		return MONITOR_USAGE;
	for_each_online_cpu(cpu) {
		u32 mapped = 0;

		for (u32 idx = 0; idx < KM_MAX_IDX; idx++)
			mapped += (*kmap_slot_pte(cpu, idx) & _PAGE_PRESENT) != 0;
		kprintf("CPU %u: %u kmap_local slots at 0x%08x-0x%08x, %u mapped, "
			"running %s\n", cpu, KM_MAX_IDX,
			kmap_local_slot_addr(cpu, KM_MAX_IDX - 1),
			(u32)(kmap_local_slot_addr(cpu, 0) + PAGE_SIZE - 1), mapped,
			cpu_info[cpu].current_task->name);
	}
	task_for_each(print_task_slots, NULL);
	return 0;
}
MONITOR_COMMAND(slots, cmd_slots, "",
		"each CPU's kmap_local slots and each task's slot stack");
