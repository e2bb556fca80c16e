// SPDX-License-Identifier: MIT
/*
 * Symbol lookup over the table that tools/ksyms.sh generates at link time,
 * and backtraces by walking the frame-pointer chain: each frame starts with
 * the caller's EBP, followed by the return address. The walk follows boot,
 * exception and thread stacks alike.
 */
#include <arch/x86/layout.h>
#include <arch/x86/trap_frame.h>
#include <kernel/ksyms.h>
#include <kernel/monitor.h>
#include <kernel/printk.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/task_memory.h>

extern const u32 ksyms_count;
extern const u32 ksyms_addrs[];
extern const u32 ksyms_name_offsets[];
extern const char ksyms_names[];

/* The index of the last symbol at or below @addr, or -1 outside kernel text. */
static int ksym_index(u32 addr)
{
	u32 lo = 0, hi = ksyms_count;

	if (addr < (u32)_text_start || addr >= (u32)_text_end || !ksyms_count)
		return -1;
	while (hi - lo > 1) {
		u32 mid = lo + (hi - lo) / 2;

		if (ksyms_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	return ksyms_addrs[lo] <= addr ? (int)lo : -1;
}

const char *ksym_lookup(u32 addr, u32 *offset)
{
	int i = ksym_index(addr);

	if (i < 0)
		return NULL;
	if (offset)
		*offset = addr - ksyms_addrs[i];
	return ksyms_names + ksyms_name_offsets[i];
}

u32 ksym_address(const char *name)
{
	for (u32 i = 0; i < ksyms_count; i++)
		if (!strcmp(ksyms_names + ksyms_name_offsets[i], name))
			return ksyms_addrs[i];
	return 0;
}

void ksym_format(u32 addr, char *buf, size_t size)
{
	int i = ksym_index(addr);
	u32 end;

	if (i < 0) {
		snprintf(buf, size, "0x%08x", addr);
		return;
	}
	/* A symbol ends where the next one starts. */
	end = (u32)i + 1 < ksyms_count ? ksyms_addrs[i + 1] : (u32)_text_end;
	snprintf(buf, size, "%s+0x%x/0x%x", ksyms_names + ksyms_name_offsets[i],
		 addr - ksyms_addrs[i], end - ksyms_addrs[i]);
}

/* A frame pointer is followed while it moves up the stack into memory
 * that is surely mapped. */
static bool frame_ok(u32 ebp, u32 prev)
{
	return ebp && !(ebp & 3) && ebp > prev &&
	       kernel_range_mapped(ebp, 8);
}

/*
 * The EIP a trap interrupted, when the frame at @frame is trap_dispatch()'s
 * (its return address is trap_dispatch_return; its argument, the trap
 * frame, follows); 0 otherwise. Without it a backtrace would skip the
 * function that faulted: its EBP links to its caller, its EIP is only in
 * the trap frame.
 */
static u32 interrupted_eip(const u32 *frame)
{
	const struct trap_frame *tf;

	if (frame[1] != (u32)trap_dispatch_return ||
	    !kernel_range_mapped((u32)&frame[2], 4))
		return 0;
	tf = (const struct trap_frame *)frame[2];
	if (!kernel_range_mapped((u32)&tf->eip, 4))
		return 0;
	return tf->eip;
}

u32 stack_trace_save(u32 eip, u32 ebp, u32 *addrs, u32 max)
{
	u32 n = 0, prev = 0;

	if (eip && n < max)
		addrs[n++] = eip;
	while (n < max && frame_ok(ebp, prev)) {
		const u32 *frame = (const u32 *)ebp;
		u32 trapped;

		if (!frame[1])
			break;
		addrs[n++] = frame[1];
		trapped = interrupted_eip(frame);
		if (trapped && n < max)
			addrs[n++] = trapped;
		prev = ebp;
		ebp = frame[0];
	}
	return n;
}

/* True when addrs[@i] is an exact EIP, not a return address (which points
 * after its call): the @eip a walk started from, or an interrupted one. */
static bool trace_entry_exact(const u32 *addrs, u32 i, u32 eip)
{
	if (i == 0)
		return eip != 0;
	return addrs[i - 1] == (u32)trap_dispatch_return;
}

u32 __attribute__((noinline)) stack_trace_here(u32 *addrs, u32 max)
{
	return stack_trace_save(0, (u32)__builtin_frame_address(0), addrs, max);
}

void dump_backtrace(u32 eip, u32 ebp)
{
	u32 addrs[STACKTRACE_MAX];
	u32 n = stack_trace_save(eip, ebp, addrs, STACKTRACE_MAX);
	char sym[96];

	kprintf("Call Trace:\n");
	for (u32 i = 0, repeat; i < n; i += repeat) {
		/* A return address points after the call: name the call. */
		ksym_format(trace_entry_exact(addrs, i, eip) ? addrs[i] : addrs[i] - 1,
			    sym, sizeof(sym));
		for (repeat = 1; i + repeat < n && addrs[i + repeat] == addrs[i]; repeat++)
			;
		kprintf(" [<%08x>] %s", addrs[i], sym);
		if (repeat > 1)
			kprintf(" (%u times: recursion)", repeat);
		kprintf("\n");
	}
	if (n == STACKTRACE_MAX)
		kprintf(" ... (more frames not shown)\n");
}

static int __attribute__((noinline)) cmd_bt(int argc, char **argv)
{
	if (argc != 1)
		return MONITOR_USAGE;
	dump_backtrace(0, (u32)__builtin_frame_address(0));
	return 0;
}
MONITOR_COMMAND(bt, cmd_bt, "", "a backtrace of the monitor itself");
