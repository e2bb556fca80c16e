/* SPDX-License-Identifier: MIT */
/*
 * The kernel monitor's loop (top/monitor.c). Commands register themselves
 * beside the code they inspect through <kernel/monitor.h>.
 */
#ifndef HM386_TOP_MONITOR_H
#define HM386_TOP_MONITOR_H

#include <types.h>

/*
 * monitor_run - print the prompt, read lines from COM1 and run them, for
 * ever (`halt` leaves QEMU). A user shell enters the same monitor with
 * hm386's own system call hm386_monitor, and `user` takes it back. Process context: it sleeps between polls of
 * the UART, so the CPU idles in hlt while nobody types.
 */
void __noreturn monitor_run(void);

/*
 * monitor_kernel_clean - true when no CONTEXT_CHECK finds anything held;
 * otherwise prints why @tools (say "the self-tests") cannot start now
 * and returns false. The monitor's own kmap()s are the usual reason.
 */
bool monitor_kernel_clean(const char *tools);

#endif
