// SPDX-License-Identifier: MIT
/*
 * kmap_local_page() and the deprecated kmap_atomic(): slots and PTEs, every
 * HighMem page written and read back through them, nesting to the limit,
 * interrupts mapping on top of the interrupted code, the TLB, protections,
 * and the misuses that must panic with a diagnosis.
 */
#define HM386_LEGACY_KMAP_USER	/* tests kmap_atomic() on purpose */
#include <arch/x86/cpu.h>
#include <arch/x86/extable.h>
#include <mm/fixmap.h>
#include <arch/x86/trap.h>
#include <kernel/ktest.h>
#include <kernel/preempt.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/highmem.h>
#include <mm/mmzone.h>
#include "mm/kmap_local_internal.h"
#include "mm_test_util.h"
#include <mm/memlayout.h>

#define SWEEP_FULL_LIMIT	(2U << 20)	/* pages: 8 GiB of HighMem */
#define PAGES_PER_2M		(PMD_SIZE / PAGE_SIZE)

/* A HighMem page if there is HighMem, else a lowmem one. */
static struct page *any_page(struct ktest *t)
{
	struct page *page = alloc_page(GFP_HIGHUSER);

	KASSERT_NOT_NULL(t, page);
	return page;
}

static struct page *highmem_page(struct ktest *t)
{
	struct page *page;

	if (!zone_free_pages(&zones[ZONE_HIGHMEM]))
		ktest_skip(t, "no HighMem (boot with -m 1G or more, or highmem=)");
	page = alloc_page(GFP_HIGHUSER);
	KASSERT_NOT_NULL(t, page);
	KASSERT_TRUE(t, PageHighMem(page));
	return page;
}

static u32 pattern(u32 pfn, u32 word)
{
	return (pfn * 2654435761U) ^ (word << 20) ^ 0xa5a5a5a5;
}

static void fill(u32 *p, u32 pfn)
{
	for (u32 w = 0; w < PAGE_SIZE / 4; w++)
		p[w] = pattern(pfn, w);
}

/* The first word that differs from fill()'s pattern, or PAGE_SIZE / 4. */
static u32 first_bad_word(const u32 *p, u32 pfn)
{
	u32 w = 0;

	while (w < PAGE_SIZE / 4 && p[w] == pattern(pfn, w))
		w++;
	return w;
}

static void lowmem_page_uses_no_slot(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	void *addr;

	KASSERT_NOT_NULL(t, page);
	addr = kmap_local_page(page);
	if (kmap_force_map) {
		KEXPECT_TRUE(t, is_kmap_addr(addr));
		KEXPECT_EQ(t, kmap_local_depth(), 1);
	} else {
		KEXPECT_EQ(t, (u32)addr, (u32)page_address(page));
		KEXPECT_EQ(t, kmap_local_depth(), 0);
	}
	KEXPECT_EQ(t, (u32)kmap_to_page(addr), (u32)page);
	kunmap_local(addr);
	KEXPECT_EQ(t, kmap_local_depth(), 0);
	__free_page(page);
}

static void highmem_page_takes_a_slot(struct ktest *t)
{
	struct page *page = highmem_page(t);
	u32 pfn = page_to_pfn(page);
	u32 *addr = kmap_local_page(page);
	pte_t pte = *fixmap_pte(virt_to_fix((u32)addr));

	KEXPECT_EQ(t, (u32)addr, kmap_local_slot_addr(0, KM_INCR - 1));
	KEXPECT_EQ(t, kmap_local_depth(), 1);
	KEXPECT_EQ(t, pte_phys(pte), (phys_addr_t)pfn << PAGE_SHIFT);
	KEXPECT_EQ(t, pte & ~PTE_ADDR_MASK, page_prot(PAGE_KERNEL));
	KEXPECT_TRUE(t, is_kmap_addr(addr + 100));
	KEXPECT_EQ(t, (u32)kmap_to_page(addr + 100), (u32)page);
	/* A struct page knows nothing of kmap_local mappings (and once no
	 * kmap() of the page lingers in the pool, it has no address). */
	kmap_flush_unused();
	KEXPECT_NULL(t, page_address(page));
	addr[0] = 0x1234;
	kunmap_local(addr + 1000);		/* any address in the page */
	KEXPECT_EQ(t, *fixmap_pte(virt_to_fix((u32)addr)), 0);
	KEXPECT_EQ(t, kmap_local_depth(), 0);
	__free_page(page);
}

static void pfn_always_uses_a_slot(struct ktest *t)
{
	struct page *page = alloc_page(GFP_KERNEL);
	u32 *direct, *slot;

	KASSERT_NOT_NULL(t, page);
	direct = page_address(page);
	direct[5] = 0xfeedf00d;
	slot = kmap_local_pfn(page_to_pfn(page));
	KEXPECT_TRUE(t, is_kmap_addr(slot));
	KEXPECT_EQ(t, slot[5], 0xfeedf00d);
	slot[6] = 0x600d;
	KEXPECT_EQ(t, direct[6], 0x600d);
	kunmap_local(slot);
	__free_page(page);
}

/* Four words per page, at both ends and at a pfn-dependent place. */
static void mark(u32 *p, u32 pfn)
{
	p[0] = pattern(pfn, 0);
	p[1 + pfn % (PAGE_SIZE / 4 - 2)] = pattern(pfn, 1);
	p[PAGE_SIZE / 4 - 1] = pattern(pfn, 2);
}

static bool marked(const u32 *p, u32 pfn)
{
	return p[0] == pattern(pfn, 0) && p[1 + pfn % (PAGE_SIZE / 4 - 2)] ==
	       pattern(pfn, 1) && p[PAGE_SIZE / 4 - 1] == pattern(pfn, 2);
}

/*
 * Every free HighMem page (a page in every 2 MiB above 8 GiB of HighMem) gets a
 * mark derived from its pfn through kmap_local_page(); then all are read
 * back. Catches wrong PTEs, lost high address bits and stale TLB entries.
 */
static void integrity_sweep_of_highmem(struct ktest *t)
{
	struct held h = HELD_INIT(h);
	struct list_head *pos;
	struct zone *z = &zones[ZONE_HIGHMEM];
	bool sample = z->managed_pages > SWEEP_FULL_LIMIT;
	u32 written = 0, verified = 0, bad = 0, above_4g = 0;
	u32 free = zone_free_pages(z);	/* the rest backs vmalloc (idle/0's stack) */

	if (!free)
		ktest_skip(t, "no HighMem");
	drain_zone(&h, GFP_HIGHUSER, z);
	for (u32 pass = 0; pass < 2; pass++) {
		list_for_each(pos, &h.list) {
			struct page *block = list_entry(pos, struct page, lru);

			for (u32 i = 0; i < (1U << block->order); i++) {
				u32 pfn = page_to_pfn(block) + i;
				u32 *p;

				if (sample && pfn % PAGES_PER_2M && i)
					continue;
				p = kmap_local_page(block + i);
				if (pass == 0) {
					mark(p, pfn);
					written++;
				} else {
					bad += !marked(p, pfn);
					verified++;
					above_4g += pfn >= 0x100000;
				}
				kunmap_local(p);
			}
		}
	}
	release_all(&h, 1);
	kprintf("    # integrity sweep: %u HighMem pages verified (%u above 4 GiB)%s\n",
		verified, above_4g, sample ? ", one per 2 MiB" : ", every free one");
	KEXPECT_EQ(t, bad, 0);
	KEXPECT_EQ(t, verified, written);
	if (!sample)
		KEXPECT_EQ(t, verified, free);
	KEXPECT_EQ(t, kmap_local_depth(), 0);
}

static void nesting_to_max_depth(struct ktest *t)
{
	struct page *pages[KM_MAX_DEPTH];
	u32 *addrs[KM_MAX_DEPTH];
	u32 bad = 0;

	for (u32 d = 0; d < KM_MAX_DEPTH; d++)
		pages[d] = any_page(t);
	for (u32 d = 0; d < KM_MAX_DEPTH; d++) {
		addrs[d] = kmap_local_pfn(page_to_pfn(pages[d]));
		KEXPECT_EQ(t, (u32)addrs[d], kmap_local_slot_addr(0, (d + 1) * KM_INCR - 1));
		fill(addrs[d], page_to_pfn(pages[d]));
		for (u32 k = 0; k <= d; k++)
			bad += first_bad_word(addrs[k], page_to_pfn(pages[k])) != PAGE_SIZE / 4;
#if CONFIG_KMAP_DEBUG
		/* The guard slot below every live slot is never present. */
		KEXPECT_EQ(t, *fixmap_pte(virt_to_fix((u32)addrs[d]) - 1), 0);
#endif
	}
	KEXPECT_EQ(t, kmap_local_depth(), KM_MAX_DEPTH);
	for (int d = KM_MAX_DEPTH - 1; d >= 0; d--) {
		kunmap_local(addrs[d]);
		for (int k = 0; k < d; k++)
			bad += first_bad_word(addrs[k], page_to_pfn(pages[k])) != PAGE_SIZE / 4;
	}
	KEXPECT_EQ(t, bad, 0);
	KEXPECT_EQ(t, kmap_local_depth(), 0);
	for (u32 d = 0; d < KM_MAX_DEPTH; d++)
		__free_page(pages[d]);
}

/* Map A, read it, unmap; map B into the same slot: B must show, not A. */
static void unmap_flushes_the_tlb(struct ktest *t)
{
	struct page *a = any_page(t), *b = any_page(t);
	volatile u32 *p;
	u32 first;

	memset_page(a, 0, 0xaa, PAGE_SIZE);
	memset_page(b, 0, 0xbb, PAGE_SIZE);
	p = kmap_local_pfn(page_to_pfn(a));
	first = p[0];
	kunmap_local((void *)p);
	p = kmap_local_pfn(page_to_pfn(b));
	KEXPECT_EQ(t, first, 0xaaaaaaaa);
	KEXPECT_EQ(t, p[0], 0xbbbbbbbb);
	kunmap_local((void *)p);
	__free_page(a);
	__free_page(b);
}

/*
 * kunmap_local() clears the slot's PTE, then flushes the slot from the TLB:
 * in that order. A CPU may load a translation into its TLB whenever the
 * PTE is present (a speculative access, a prefetch, an interrupt), so a
 * flush that comes before the clear can be undone at once, and the entry
 * outlives the unmap: the next mapping of the slot, which does not flush,
 * reads the old page. QEMU's TLB only loads on an access, so the test makes
 * one: it single-steps kunmap_local() and, after every instruction, reads
 * through the slot while its PTE is present.
 */
static const volatile u32 *step_slot;
static const pte_t *step_pte;
static u32 step_reads;

static void read_slot_while_mapped(struct trap_frame *tf)
{
	if (*step_pte & _PAGE_PRESENT) {
		(void)step_slot[0];
		step_reads++;
	}
}

static void unmap_clears_before_it_flushes(struct ktest *t)
{
	struct page *a = any_page(t), *b = any_page(t);
	volatile u32 *p;
	u32 flags;

	memset_page(a, 0, 0xaa, PAGE_SIZE);
	memset_page(b, 0, 0xbb, PAGE_SIZE);
	p = kmap_local_pfn(page_to_pfn(a));
	step_slot = p;
	step_pte = fixmap_pte(virt_to_fix((u32)p));
	step_reads = 0;
	set_single_step_hook(read_slot_while_mapped);
	flags = read_eflags();
	write_eflags(flags | X86_EFLAGS_TF);
	kunmap_local((void *)p);
	write_eflags(flags & ~X86_EFLAGS_TF);
	set_single_step_hook(NULL);
	KEXPECT_TRUE(t, step_reads > 0);
	p = kmap_local_pfn(page_to_pfn(b));
	KEXPECT_EQ(t, (u32)p, (u32)step_slot);
	KEXPECT_EQ(t, p[0], 0xbbbbbbbb);
	kunmap_local((void *)p);
	__free_page(a);
	__free_page(b);
}

/* A read-only slot mapping of any page, lowmem included. */
#define map_readonly(page) \
	__kmap_local_pfn_prot(page_to_pfn(page), PAGE_KERNEL_RO, __FILE__, __LINE__)

static void readonly_and_nx_protections(struct ktest *t)
{
	struct page *page = any_page(t);
	u32 *ro = map_readonly(page);
	pte_t pte;

	KASSERT_TRUE(t, is_kmap_addr(ro));
	pte = *fixmap_pte(virt_to_fix((u32)ro));
	KEXPECT_FALSE(t, pte & _PAGE_RW);
	KEXPECT_EQ(t, !!(pte & _PAGE_NX), boot_cpu.nx_used);
	kunmap_local(ro);
	__free_page(page);
}

static void pages_above_4g_map(struct ktest *t)
{
	struct held h = HELD_INIT(h);
	struct list_head *pos;
	struct page *high = NULL;

	if (max_pfn <= 0x100000)
		ktest_skip(t, "no RAM above 4 GiB (boot with -m 4G or more)");
	drain_zone(&h, GFP_HIGHUSER, &zones[ZONE_HIGHMEM]);
	list_for_each(pos, &h.list) {
		struct page *block = list_entry(pos, struct page, lru);

		if (page_to_pfn(block) >= 0x100000)
			high = block;
	}
	KASSERT_NOT_NULL(t, high);
	if (high) {
		u32 *p = kmap_local_page(high);
		volatile u32 *alias;

		KEXPECT_EQ(t, pte_phys(*fixmap_pte(virt_to_fix((u32)p))),
			   page_to_phys(high));
		KEXPECT_GE(t, page_to_phys(high), 4 * GiB);
		p[3] = 0xabad1dea;
		alias = set_fixmap(FIX_TEST_0, page_to_phys(high), PAGE_KERNEL);
		KEXPECT_EQ(t, alias[3], 0xabad1dea);
		clear_fixmap(FIX_TEST_0);
		kunmap_local(p);
	}
	release_all(&h, 1);
}

/* What an interrupt does while the interrupted code holds mappings. */
struct irq_probe {
	struct page *pages[2];
	u32 bad, depth_at_entry, depth_inside;
};

static void map_in_interrupt(void *arg)
{
	struct irq_probe *probe = arg;
	u32 *a, *b;

	probe->depth_at_entry = kmap_local_depth();
	a = kmap_local_page(probe->pages[0]);
	b = kmap_local_page(probe->pages[1]);
	probe->depth_inside = kmap_local_depth();
	probe->bad += first_bad_word(a, page_to_pfn(probe->pages[0])) != PAGE_SIZE / 4;
	probe->bad += first_bad_word(b, page_to_pfn(probe->pages[1])) != PAGE_SIZE / 4;
	kunmap_local(b);
	kunmap_local(a);
}

static void interrupt_maps_on_top(struct ktest *t)
{
	struct page *mine[2] = { any_page(t), any_page(t) };
	struct irq_probe probe = { { any_page(t), any_page(t) }, 0, 0, 0 };
	u32 *m0, *m1, outer, slots_inside;

	for (u32 i = 0; i < 2; i++) {
		m0 = kmap_local_page(probe.pages[i]);
		fill(m0, page_to_pfn(probe.pages[i]));
		kunmap_local(m0);
	}
	m0 = kmap_local_page(mine[0]);
	m1 = kmap_local_page(mine[1]);
	fill(m0, page_to_pfn(mine[0]));
	fill(m1, page_to_pfn(mine[1]));
	outer = kmap_local_depth();
	slots_inside = 2 * (kmap_force_map || PageHighMem(probe.pages[0]));
	run_in_interrupt(map_in_interrupt, &probe);
	KEXPECT_EQ(t, probe.bad, 0);
	KEXPECT_EQ(t, probe.depth_at_entry, outer);
	KEXPECT_EQ(t, probe.depth_inside, outer + slots_inside);
	KEXPECT_EQ(t, kmap_local_depth(), outer);
	KEXPECT_EQ(t, first_bad_word(m0, page_to_pfn(mine[0])), PAGE_SIZE / 4);
	KEXPECT_EQ(t, first_bad_word(m1, page_to_pfn(mine[1])), PAGE_SIZE / 4);
	kunmap_local(m1);
	kunmap_local(m0);
	for (u32 i = 0; i < 2; i++) {
		__free_page(mine[i]);
		__free_page(probe.pages[i]);
	}
}

static void kmap_atomic_disables_and_restores(struct ktest *t)
{
	struct page *page = any_page(t);
	u32 before = preempt_count(), word = 0;
	u32 *p;
	long err;

	KEXPECT_FALSE(t, pagefault_disabled());
	p = kmap_atomic(page);
	KEXPECT_EQ(t, preempt_count(), before + 1);
	KEXPECT_TRUE(t, pagefault_disabled());
	KEXPECT_TRUE(t, in_atomic());
	/* A faulting access inside fails instead of panicking. */
	err = copy_from_kernel_nofault(&word, (void *)(kmap_local_slot_addr(0, KM_MAX_IDX - 1)),
				       sizeof(word));
	KEXPECT_EQ(t, err, -EFAULT);
	p[0] = 77;
	kunmap_atomic(p);
	KEXPECT_EQ(t, preempt_count(), before);
	KEXPECT_FALSE(t, pagefault_disabled());
	/* Lowmem pages too: the counters move although no slot is used. */
	p = kmap_atomic(pfn_to_page(virt_to_page(&word) - mem_map));
	KEXPECT_EQ(t, preempt_count(), before + 1);
	kunmap_atomic(p);
	KEXPECT_EQ(t, preempt_count(), before);
	__free_page(page);
}

static void kmap_area_bounds(struct ktest *t)
{
	u32 first = kmap_local_slot_addr(0, 0);
	u32 last = kmap_local_slot_addr(NR_CPUS - 1, KM_MAX_IDX - 1);

	KEXPECT_EQ(t, first, fix_to_virt(FIX_KMAP_BEGIN));
	KEXPECT_EQ(t, last, fix_to_virt(FIX_KMAP_END));
	KEXPECT_TRUE(t, is_kmap_addr((void *)first));
	KEXPECT_TRUE(t, is_kmap_addr((void *)(first + PAGE_SIZE - 1)));
	KEXPECT_TRUE(t, is_kmap_addr((void *)last));
	KEXPECT_FALSE(t, is_kmap_addr((void *)(last - 1)));
	KEXPECT_FALSE(t, is_kmap_addr((void *)(first + PAGE_SIZE)));
	KEXPECT_FALSE(t, is_kmap_addr((void *)PAGE_OFFSET));
	/* The slots sit in the fixmap page table, above pkmap. */
	KEXPECT_GE(t, last, kernel_areas[AREA_FIXMAP].start);
	KEXPECT_EQ(t, last & PMD_MASK, FIXADDR_TOP & PMD_MASK);
	kprintf("    # kmap_local slots: CPU 0 slot 0 at 0x%08x, CPU %u slot %u at "
		"0x%08x; %u slots per CPU, %s\n", first, NR_CPUS - 1, KM_MAX_IDX - 1,
		last, KM_MAX_IDX, CONFIG_KMAP_DEBUG ? "guards at even slots" :
		"no guard slots");
}

/* Death cases. */
static void slot_overflow_panics(struct ktest *t)
{
	struct page *page = any_page(t);

	for (u32 d = 0; d <= KM_MAX_DEPTH; d++)
		kmap_local_pfn(page_to_pfn(page));
}

static void wrong_order_unmap_panics(struct ktest *t)
{
	struct page *page = any_page(t);
	void *a = kmap_local_pfn(page_to_pfn(page));
	void *b = kmap_local_pfn(page_to_pfn(page));

	(void)b;
	kunmap_local(a);
}

/*
 * The same two through kmap_local_page() of a HighMem page: in the release
 * build the inline path, whose checks name the call site by function and
 * offset (rows kernel-128M-release-death-*, tests/matrix.py).
 */
static void page_overflow_panics(struct ktest *t)
{
	struct page *page = highmem_page(t);

	for (u32 d = 0; d <= KM_MAX_DEPTH; d++)
		kmap_local_page(page);
}

static void page_wrong_order_unmap_panics(struct ktest *t)
{
	struct page *page = highmem_page(t);
	void *a = kmap_local_page(page);
	void *b = kmap_local_page(page);

	(void)b;
	kunmap_local(a);
}

static void use_after_kunmap_diagnosed(struct ktest *t)
{
	struct page *page = any_page(t);
	volatile u32 *p = kmap_local_pfn(page_to_pfn(page));

	p[0] = 1;
	kunmap_local((void *)p);
	p[0] = 2;			/* the bug */
}

static void guard_slot_hit_diagnosed(struct ktest *t)
{
	struct page *page = any_page(t);
	volatile u8 *p = kmap_local_pfn(page_to_pfn(page));

	if (!CONFIG_KMAP_DEBUG)
		ktest_skip(t, "no guard slots in a release build");
	p[PAGE_SIZE] = 1;		/* runs off the end of the page */
}

static void readonly_write_faults(struct ktest *t)
{
	volatile u32 *p = map_readonly(any_page(t));

	p[0] = 1;
}

static void execute_from_slot_faults(struct ktest *t)
{
	struct page *page = any_page(t);
	u8 *p = kmap_local_pfn(page_to_pfn(page));

	if (!boot_cpu.nx_used)
		ktest_skip(t, "the CPU has no NX");
	p[0] = 0xc3;			/* ret */
	((void (*)(void))p)();
}

static void leak_in_interrupt(void *arg)
{
	kmap_local_pfn(page_to_pfn(arg));	/* never unmapped */
}

static void interrupt_leaving_mapping_panics(struct ktest *t)
{
	run_in_interrupt(leak_in_interrupt, any_page(t));
}

static void helper_beyond_page_panics(struct ktest *t)
{
	u8 buf[16];

	memcpy_from_page(buf, any_page(t), PAGE_SIZE - 8, sizeof(buf));
}

static void unmap_of_random_address_panics(struct ktest *t)
{
	kunmap_local((void *)0x1000);
}

static struct ktest_case kmap_local_cases[] = {
	KTEST_CASE(lowmem_page_uses_no_slot),
	KTEST_CASE(highmem_page_takes_a_slot),
	KTEST_CASE(pfn_always_uses_a_slot),
	KTEST_CASE(integrity_sweep_of_highmem),
	KTEST_CASE(nesting_to_max_depth),
	KTEST_CASE(unmap_flushes_the_tlb),
	KTEST_CASE(unmap_clears_before_it_flushes),
	KTEST_CASE(readonly_and_nx_protections),
	KTEST_CASE(pages_above_4g_map),
	KTEST_CASE(interrupt_maps_on_top),
	KTEST_CASE(kmap_atomic_disables_and_restores),
	KTEST_CASE(kmap_area_bounds),
	KTEST_DEATH_CASE(slot_overflow_panics, "too many nested mappings"),
	KTEST_DEATH_CASE(wrong_order_unmap_panics, "out of order: it unmaps 0x"),
	KTEST_DEATH_CASE(page_overflow_panics, "too many nested mappings"),
	KTEST_DEATH_CASE(page_wrong_order_unmap_panics, "out of order: it unmaps 0x"),
	KTEST_DEATH_CASE(use_after_kunmap_diagnosed, "use after kunmap_local: 0x"),
	KTEST_DEATH_CASE(guard_slot_hit_diagnosed, "kmap_local guard slot hit"),
	KTEST_DEATH_CASE(readonly_write_faults, "page fault on live kmap_local slot"),
	KTEST_DEATH_CASE(execute_from_slot_faults, "instruction-fetch"),
	KTEST_DEATH_CASE(interrupt_leaving_mapping_panics,
			 "changed the kmap_local stack: depth 0 at entry, 1 at exit"),
	KTEST_DEATH_CASE(helper_beyond_page_panics,
			 "memcpy_from_page: offset 4088 + length 16 is beyond"),
	KTEST_DEATH_CASE(unmap_of_random_address_panics, "not an address that kmap_local"),
	{}
};
KTEST_SUITE(kmap_local, kmap_local_cases);
