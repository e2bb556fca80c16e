// SPDX-License-Identifier: MIT
/* Ending Linux's virtual machine from PID 1 (end_vm.h). */
#include <end_vm.h>
#include <stdio.h>
#include <unistd.h>

/* Linux's i386 numbers, used only when Linux is the kernel. */
#define LINUX_NR_ioperm		101
#define LINUX_NR_reboot		88
#define LINUX_REBOOT_MAGIC1	0xfee1dead
#define LINUX_REBOOT_MAGIC2	672274793
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc

#define DEBUG_EXIT_PORT		0xf4
#define DEBUG_EXIT_PASS		0x10	/* QEMU exits with 0x10 << 1 | 1 = 33 */
#define DEBUG_EXIT_FAIL		0x11	/* 35 */

void linux_end_vm(bool passed)
{
	unsigned char v = passed ? DEBUG_EXIT_PASS : DEBUG_EXIT_FAIL;

	if (__syscall(LINUX_NR_ioperm, DEBUG_EXIT_PORT, 1, 1, 0, 0, 0) == 0)
		__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(DEBUG_EXIT_PORT));
	printf("# isa-debug-exit did not end the VM; powering off\n");
	__syscall(LINUX_NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		  LINUX_REBOOT_CMD_POWER_OFF, 0, 0, 0);
}
