/* SPDX-License-Identifier: MIT */
/*
 * Leaving the virtual machine from PID 1 on Linux, with the exit statuses
 * the hm386 test runner knows (QEMU's isa-debug-exit at port 0xf4: 33 when
 * @passed, 35 otherwise). On hm386 PID 1 simply exits and the kernel does
 * the same with its status; this is for Linux only.
 */
#ifndef USER_END_VM_H
#define USER_END_VM_H

#include <stddef.h>

/* Write the verdict to isa-debug-exit (after ioperm() for its port); if
 * that did not end the machine, say so and power off. Returns only when
 * neither worked. */
void linux_end_vm(bool passed);

#endif
