// SPDX-License-Identifier: MIT
/*
 * The VGA text-mode mirror of the console: 80x25 at physical 0xB8000,
 * scrolling, light grey on black. Only used when the machine booted through
 * BIOS with a colour text mode (the BIOS equipment word says so); under UEFI
 * there is no text mode and the mirror stays off.
 */
#include <arch/x86/cpu.h>
#include <arch/x86/layout.h>
#include <arch/x86/vga.h>
#include <boot/bootinfo.h>
#include <kernel/cmdline.h>
#include <kernel/console.h>
#include <lib/string.h>

#define VGA_PHYS	0xB8000
#define VGA_COLS	80
#define VGA_ROWS	25
#define VGA_ATTR	0x0700		/* light grey on black */
#define BDA_EQUIPMENT	0x410		/* BIOS data area: equipment word */
#define EQUIP_VIDEO_MASK 0x30
#define EQUIP_VIDEO_MONO 0x30
#define CRTC_INDEX	0x3d4
#define CRTC_DATA	0x3d5

static u16 *vga_mem;
static u32 vga_row, vga_col;

bool vga_probe(void)
{
	u16 equipment = *(volatile u16 *)__va(BDA_EQUIPMENT);

	return (equipment & EQUIP_VIDEO_MASK) != EQUIP_VIDEO_MONO &&
	       (equipment & EQUIP_VIDEO_MASK) != 0;
}

static void vga_move_cursor(void)
{
	u16 pos = vga_row * VGA_COLS + vga_col;

	outb(CRTC_INDEX, 0x0f);
	outb(CRTC_DATA, pos & 0xff);
	outb(CRTC_INDEX, 0x0e);
	outb(CRTC_DATA, pos >> 8);
}

void vga_init(void)
{
	vga_mem = __va(VGA_PHYS);
	for (u32 i = 0; i < VGA_COLS * VGA_ROWS; i++)
		vga_mem[i] = VGA_ATTR | ' ';
	vga_row = vga_col = 0;
	vga_move_cursor();
}

static void vga_newline(void)
{
	vga_col = 0;
	if (++vga_row < VGA_ROWS)
		return;
	memmove(vga_mem, vga_mem + VGA_COLS,
		(VGA_ROWS - 1) * VGA_COLS * sizeof(*vga_mem));
	for (u32 i = 0; i < VGA_COLS; i++)
		vga_mem[(VGA_ROWS - 1) * VGA_COLS + i] = VGA_ATTR | ' ';
	vga_row = VGA_ROWS - 1;
}

void vga_write(const char *s, size_t len)
{
	if (!vga_mem)
		return;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\n') {
			vga_newline();
		} else if (c == '\r') {
			vga_col = 0;
		} else if (c == '\t') {
			do {
				vga_write(" ", 1);
			} while (vga_col % 8);
		} else {
			vga_mem[vga_row * VGA_COLS + vga_col] = VGA_ATTR | (u8)c;
			if (++vga_col == VGA_COLS)
				vga_newline();
		}
	}
	vga_move_cursor();
}

static bool vga_enabled = true;
KERNEL_PARAM(vga, KPARAM_BOOL, &vga_enabled,
	     "mirror the console on the VGA text screen when there is one");

/* Under UEFI there is no text mode, whatever the BIOS area holds. */
static void vga_console_setup(void)
{
	if (vga_enabled && !boot_info.efi && vga_probe())
		vga_init();
}
CONSOLE(vga, vga_write, vga_console_setup);

bool vga_active(void)
{
	return vga_mem != NULL;
}

u32 vga_cursor_row(void)
{
	return vga_row;
}

void vga_row_text(u32 row, char *buf, size_t size)
{
	size_t n = 0;

	for (u32 col = 0; vga_mem && row < VGA_ROWS && col < VGA_COLS && n + 1 < size; col++)
		buf[n++] = (char)(vga_mem[row * VGA_COLS + col] & 0xff);
	if (size)
		buf[n] = '\0';
}
