/* SPDX-License-Identifier: MIT */
/*
 * The kernel's own symbol table (generated at link time by tools/ksyms.sh),
 * and stack walking over frame pointers (-fno-omit-frame-pointer).
 */
#ifndef HM386_KERNEL_KSYMS_H
#define HM386_KERNEL_KSYMS_H

#include <types.h>

/*
 * ksym_lookup - the function containing @addr: its name, and the offset of
 * @addr from its start in *@offset. NULL when @addr is not kernel text.
 */
const char *ksym_lookup(u32 addr, u32 *offset);

/* ksym_address - the address of the text symbol @name, 0 if none. */
u32 ksym_address(const char *name);

/* ksym_format - "name+0x1c/0x40" (or the hex address) into @buf. */
void ksym_format(u32 addr, char *buf, size_t size);

#define STACKTRACE_MAX 32

/*
 * stack_trace_save - the return addresses of the frames from @ebp up,
 * starting with @eip when it is non-zero; at most @max. Returns how many.
 * Where a frame returns to trap_dispatch_return (isr.asm), the EIP the
 * trap interrupted follows it: the function that faulted. Stops at a zero,
 * misaligned or out-of-stack frame pointer.
 */
u32 stack_trace_save(u32 eip, u32 ebp, u32 *addrs, u32 max);

/* stack_trace_here - as stack_trace_save, from the caller's frame. */
u32 stack_trace_here(u32 *addrs, u32 max);

/* dump_backtrace - print a symbolized backtrace from @eip/@ebp. */
void dump_backtrace(u32 eip, u32 ebp);

#endif
