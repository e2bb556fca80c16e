// SPDX-License-Identifier: MIT
/*
 * Host unit tests of boot/multiboot.c: multiboot v1 and multiboot2
 * information blobs, well-formed, truncated and corrupt, built in a fake
 * physical memory, and every boot_info field the parsers fill.
 */
#include "htest.h"

#include <boot/efi_tables.h>
#include <boot/multiboot.h>
#include <mm/firmware_map.h>

/*
 * Fake physical memory: FAKE_SIZE bytes at physical FAKE_PHYS, on the heap
 * with nothing around it, so ASan reports any read the window would not
 * have granted.
 */
#define FAKE_PHYS	0x100000u
#define FAKE_SIZE	0x4000u

static u8 *fake;
static struct boot_window window;
static const struct boot_mapper mapper = { boot_window_map, &window };
static struct boot_info bi;

static void fake_reset(u32 size)
{
	free(fake);
	fake = calloc(1, size);
	window.phys = FAKE_PHYS;
	window.size = size;
	window.virt = fake;
	memset(&bi, 0x5a, sizeof(bi));	/* the parser must clear it */
}

/* phys - the physical address of offset @off in the fake memory. */
static u32 phys(u32 off)
{
	return FAKE_PHYS + off;
}

static void put32(u32 off, u32 value)
{
	memcpy(fake + off, &value, sizeof(value));
}

static void put64(u32 off, u64 value)
{
	memcpy(fake + off, &value, sizeof(value));
}

static void put_string(u32 off, const char *s)
{
	memcpy(fake + off, s, strlen(s) + 1);
}

static void expect_region(const struct mem_region *r, u64 base, u64 len,
			  u32 type)
{
	HT_EXPECT_EQ(r->base, base);
	HT_EXPECT_EQ(r->len, len);
	HT_EXPECT_EQ(r->type, type);
}

/* ------------------------------------------------------------ v1 */

/* Where the v1 blobs put things in the fake memory. */
#define V1_INFO		0x0
#define V1_CMDLINE	0x100
#define V1_NAME		0x300
#define V1_MODS		0x400
#define V1_MOD_STRINGS	0x600
#define V1_MMAP		0x800

#define V1_FIELD(field)	(V1_INFO + offsetof(struct mb1_info, field))
#define V1_PREFIX	((u32)MB1_INFO_PARSED_SIZE)

/* put_mb1_mmap - write one v1 mmap entry at @off; returns the next offset. */
static u32 put_mb1_mmap(u32 off, u32 size, u64 base, u64 len, u32 type)
{
	put32(off, size);
	put64(off + 4, base);
	put64(off + 12, len);
	put32(off + 20, type);
	return off + 4 + size;
}

static void put_mb1_module(u32 index, u32 start, u32 end, u32 cmdline)
{
	u32 off = V1_MODS + index * sizeof(struct mb1_module);

	put32(off, start);
	put32(off + 4, end);
	put32(off + 8, cmdline);
}

static int parse_v1(void)
{
	return multiboot1_parse(phys(V1_INFO), &mapper, &bi);
}

HTEST(v1_full_information)
{
	u32 off;

	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_MEMORY | MB1_INFO_CMDLINE |
	      MB1_INFO_MODS | MB1_INFO_MEM_MAP | MB1_INFO_LOADER_NAME);
	put32(V1_FIELD(mem_lower), 639);
	put32(V1_FIELD(mem_upper), 130048);
	put32(V1_FIELD(cmdline), phys(V1_CMDLINE));
	put_string(V1_CMDLINE, "console=ttyS0 ktest=all");
	put32(V1_FIELD(boot_loader_name), phys(V1_NAME));
	put_string(V1_NAME, "qemu");
	put32(V1_FIELD(mods_count), 2);
	put32(V1_FIELD(mods_addr), phys(V1_MODS));
	put_mb1_module(0, 0x200000, 0x201000, phys(V1_MOD_STRINGS));
	put_mb1_module(1, 0x300000, 0x300800, phys(V1_MOD_STRINGS + 0x10));
	put_string(V1_MOD_STRINGS, "initrd");
	put_string(V1_MOD_STRINGS + 0x10, "mod2 arg=1");
	off = put_mb1_mmap(V1_MMAP, 20, 0x0, 0x9fc00, MEM_USABLE);
	off = put_mb1_mmap(off, 20, 0x100000, 0x7ee0000, MEM_USABLE);
	off = put_mb1_mmap(off, 20, 0xfffc0000, 0x40000, MEM_RESERVED);
	put32(V1_FIELD(mmap_addr), phys(V1_MMAP));
	put32(V1_FIELD(mmap_length), off - V1_MMAP);

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_EQ(bi.path, BOOT_PATH_MULTIBOOT1);
	HT_EXPECT_TRUE(bi.has_mmap);
	HT_EXPECT_FALSE(bi.mmap_truncated);
	HT_EXPECT_EQ(bi.mmap_count, 3);
	expect_region(&bi.mmap[0], 0x0, 0x9fc00, MEM_USABLE);
	expect_region(&bi.mmap[1], 0x100000, 0x7ee0000, MEM_USABLE);
	expect_region(&bi.mmap[2], 0xfffc0000, 0x40000, MEM_RESERVED);
	HT_EXPECT_STREQ(bi.cmdline, "console=ttyS0 ktest=all");
	HT_EXPECT_STREQ(bi.loader_name, "qemu");
	HT_EXPECT_EQ(bi.nr_modules, 2);
	HT_EXPECT_EQ(bi.modules[0].start, 0x200000);
	HT_EXPECT_EQ(bi.modules[0].end, 0x201000);
	HT_EXPECT_STREQ(bi.modules[0].cmdline, "initrd");
	HT_EXPECT_EQ(bi.modules[1].start, 0x300000);
	HT_EXPECT_EQ(bi.modules[1].end, 0x300800);
	HT_EXPECT_STREQ(bi.modules[1].cmdline, "mod2 arg=1");
	HT_EXPECT_FALSE(bi.efi);
	HT_EXPECT_EQ(bi.acpi_rsdp, 0);
}

HTEST(v1_mmap_entries_with_larger_size_field)
{
	u32 off;

	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_MEM_MAP);
	off = put_mb1_mmap(V1_MMAP, 28, 0x0, 0x1000, MEM_USABLE);
	off = put_mb1_mmap(off, 20, 0x1000, 0x2000, MEM_ACPI_NVS);
	put32(V1_FIELD(mmap_addr), phys(V1_MMAP));
	put32(V1_FIELD(mmap_length), off - V1_MMAP);

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_EQ(bi.mmap_count, 2);
	expect_region(&bi.mmap[1], 0x1000, 0x2000, MEM_ACPI_NVS);
}

HTEST(v1_mmap_ends_at_short_entry_size)
{
	u32 off;

	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_MEM_MAP);
	off = put_mb1_mmap(V1_MMAP, 20, 0x0, 0x1000, MEM_USABLE);
	put_mb1_mmap(off, 20, 0x2000, 0x1000, MEM_USABLE);
	put32(off, 12);		/* too small to hold base, length, type */
	put32(V1_FIELD(mmap_addr), phys(V1_MMAP));
	put32(V1_FIELD(mmap_length), 3 * 24);

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_EQ(bi.mmap_count, 1);
	HT_EXPECT_TRUE(bi.has_mmap);
}

HTEST(v1_mmap_ends_at_entry_past_length)
{
	u32 off;

	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_MEM_MAP);
	off = put_mb1_mmap(V1_MMAP, 20, 0x0, 0x1000, MEM_USABLE);
	put_mb1_mmap(off, 20, 0x2000, 0x1000, MEM_USABLE);
	put32(V1_FIELD(mmap_addr), phys(V1_MMAP));
	put32(V1_FIELD(mmap_length), 24 + 23);	/* second entry cut short */

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_EQ(bi.mmap_count, 1);

	/* A size field pointing past mmap_length ends the map too. */
	put32(off, 0x1000);
	put32(V1_FIELD(mmap_length), 2 * 24);
	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_EQ(bi.mmap_count, 1);
}

HTEST(v1_mmap_truncated_past_max)
{
	u32 off = V1_MMAP, i;

	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_MEM_MAP);
	for (i = 0; i < BOOT_MMAP_MAX + 2; i++)
		off = put_mb1_mmap(off, 20, i * 0x1000ULL, 0x1000, MEM_USABLE);
	put32(V1_FIELD(mmap_addr), phys(V1_MMAP));
	put32(V1_FIELD(mmap_length), off - V1_MMAP);

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_EQ(bi.mmap_count, BOOT_MMAP_MAX);
	HT_EXPECT_TRUE(bi.mmap_truncated);
	expect_region(&bi.mmap[BOOT_MMAP_MAX - 1],
		      (BOOT_MMAP_MAX - 1) * 0x1000ULL, 0x1000, MEM_USABLE);
}

HTEST(v1_basic_memory_makes_two_regions)
{
	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_MEMORY);
	put32(V1_FIELD(mem_lower), 639);
	put32(V1_FIELD(mem_upper), 0xffffffff);	/* about 4 TiB */

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_TRUE(bi.has_mmap);
	HT_EXPECT_EQ(bi.mmap_count, 2);
	expect_region(&bi.mmap[0], 0, 639 * 1024, MEM_USABLE);
	expect_region(&bi.mmap[1], 0x100000, 0xffffffffULL * 1024, MEM_USABLE);
}

HTEST(v1_basic_memory_lower_capped_at_640k)
{
	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_MEMORY);
	put32(V1_FIELD(mem_lower), 4096);
	put32(V1_FIELD(mem_upper), 0);

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_EQ(bi.mmap_count, 1);
	expect_region(&bi.mmap[0], 0, 640 * 1024, MEM_USABLE);
}

HTEST(v1_empty_or_unreadable_mmap_falls_back)
{
	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_MEMORY | MB1_INFO_MEM_MAP);
	put32(V1_FIELD(mem_lower), 600);
	put32(V1_FIELD(mmap_addr), phys(V1_MMAP));
	put32(V1_FIELD(mmap_length), 0);

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_EQ(bi.mmap_count, 1);
	expect_region(&bi.mmap[0], 0, 600 * 1024, MEM_USABLE);

	put32(V1_FIELD(mmap_addr), 0xfffff000);
	put32(V1_FIELD(mmap_length), 240);
	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_EQ(bi.mmap_count, 1);
	HT_EXPECT_TRUE(bi.has_mmap);
}

HTEST(v1_without_memory_information)
{
	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_CMDLINE);
	put32(V1_FIELD(cmdline), phys(V1_CMDLINE));
	put32(V1_FIELD(mem_lower), 640);	/* flag clear: not used */

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_FALSE(bi.has_mmap);
	HT_EXPECT_EQ(bi.mmap_count, 0);
	HT_EXPECT_STREQ(bi.cmdline, "");
}

HTEST(v1_fields_without_flags_are_ignored)
{
	fake_reset(FAKE_SIZE);
	memset(fake, 0xff, FAKE_SIZE);
	put32(V1_FIELD(flags), 0);

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_EQ(bi.path, BOOT_PATH_MULTIBOOT1);
	HT_EXPECT_STREQ(bi.cmdline, "");
	HT_EXPECT_STREQ(bi.loader_name, "");
	HT_EXPECT_EQ(bi.nr_modules, 0);
	HT_EXPECT_EQ(bi.mmap_count, 0);
	HT_EXPECT_FALSE(bi.has_mmap);
}

HTEST(v1_long_cmdline_truncated)
{
	char longline[700];

	fake_reset(FAKE_SIZE);
	memset(longline, 'x', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	put32(V1_FIELD(flags), MB1_INFO_CMDLINE);
	put32(V1_FIELD(cmdline), phys(V1_CMDLINE));
	put_string(V1_CMDLINE, longline);

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_EQ(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);
	HT_EXPECT_EQ(bi.cmdline[0], 'x');
}

HTEST(v1_strings_cut_at_end_of_memory)
{
	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_CMDLINE | MB1_INFO_LOADER_NAME);
	memcpy(fake + FAKE_SIZE - 5, "abcde", 5);	/* no NUL: memory ends */
	put32(V1_FIELD(cmdline), phys(FAKE_SIZE - 5));
	put32(V1_FIELD(boot_loader_name), phys(FAKE_SIZE - 1));

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_STREQ(bi.cmdline, "abcde");
	HT_EXPECT_STREQ(bi.loader_name, "e");
}

HTEST(v1_strings_outside_memory_are_empty)
{
	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_CMDLINE | MB1_INFO_LOADER_NAME);
	put32(V1_FIELD(cmdline), 0);
	put32(V1_FIELD(boot_loader_name), phys(FAKE_SIZE));

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_STREQ(bi.cmdline, "");
	HT_EXPECT_STREQ(bi.loader_name, "");
}

HTEST(v1_unreadable_info_is_an_error)
{
	fake_reset(FAKE_SIZE);
	HT_EXPECT_EQ(multiboot1_parse(phys(FAKE_SIZE), &mapper, &bi),
		     MB_EUNMAPPED);
	HT_EXPECT_EQ(bi.path, BOOT_PATH_MULTIBOOT1);
	HT_EXPECT_EQ(bi.mmap_count, 0);
	HT_EXPECT_FALSE(bi.has_mmap);
	/* The parsed prefix sticks out of memory by one byte. */
	HT_EXPECT_EQ(multiboot1_parse(phys(FAKE_SIZE - V1_PREFIX + 1),
				      &mapper, &bi), MB_EUNMAPPED);
	HT_EXPECT_EQ(multiboot1_parse(phys(FAKE_SIZE - V1_PREFIX),
				      &mapper, &bi), 0);
	HT_EXPECT_EQ(multiboot1_parse(0, &mapper, &bi), MB_EUNMAPPED);
}

HTEST(v1_modules_capped_and_checked)
{
	u32 i;

	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_MODS);
	put32(V1_FIELD(mods_count), 12);
	put32(V1_FIELD(mods_addr), phys(V1_MODS));
	for (i = 0; i < 12; i++)
		put_mb1_module(i, i * 0x10000, i * 0x10000 + 0x100,
			       phys(V1_MOD_STRINGS));
	put_mb1_module(2, 0x5000, 0x4000, phys(V1_MOD_STRINGS));
	put_mb1_module(3, 0x6000, 0x6000, 0xdead0000);
	memset(fake + V1_MOD_STRINGS, 'm', 100);	/* longer than 63 */
	fake[V1_MOD_STRINGS + 100] = '\0';

	HT_EXPECT_EQ(parse_v1(), 0);
	/* The first 8 entries, less the one that ends before it starts. */
	HT_EXPECT_EQ(bi.nr_modules, 7);
	HT_EXPECT_EQ(bi.modules[1].start, 0x10000);
	HT_EXPECT_EQ(bi.modules[2].start, 0x6000);
	HT_EXPECT_EQ(bi.modules[2].end, 0x6000);
	HT_EXPECT_STREQ(bi.modules[2].cmdline, "");
	HT_EXPECT_EQ(strlen(bi.modules[0].cmdline),
		     BOOT_MODULE_CMDLINE_MAX - 1);
	HT_EXPECT_EQ(bi.modules[6].start, 7 * 0x10000);
}

HTEST(v1_module_table_cut_by_end_of_memory)
{
	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_MODS);
	put32(V1_FIELD(mods_count), 0xffffffff);
	put32(V1_FIELD(mods_addr), phys(FAKE_SIZE - 24));	/* 1.5 left */
	put32(FAKE_SIZE - 24, 0x1000);
	put32(FAKE_SIZE - 20, 0x2000);
	put32(FAKE_SIZE - 16, 0);

	HT_EXPECT_EQ(parse_v1(), 0);
	HT_EXPECT_EQ(bi.nr_modules, 1);
	HT_EXPECT_EQ(bi.modules[0].end, 0x2000);
}

/* ------------------------------------------------------------ v2 */

#define V2_INFO		0x40		/* 8-byte aligned, as the spec says */

/* The tag under construction: a cursor in the fake memory. */
static u32 v2_cursor;

static void v2_begin(void)
{
	v2_cursor = V2_INFO + sizeof(struct mb2_info_header);
}

/*
 * v2_tag - append a tag of @type with @len payload bytes from @payload and
 * a declared size of 8 + @len; returns the tag's offset in fake memory.
 */
static u32 v2_tag(u32 type, const void *payload, u32 len)
{
	u32 off = v2_cursor;

	put32(off, type);
	put32(off + 4, sizeof(struct mb2_tag) + len);
	if (len)
		memcpy(fake + off + 8, payload, len);
	v2_cursor = ALIGN_UP(off + 8 + len, MB2_TAG_ALIGN);
	return off;
}

static void v2_string_tag(u32 type, const char *s)
{
	v2_tag(type, s, strlen(s) + 1);
}

static void v2_module_tag(u32 start, u32 end, const char *cmdline)
{
	u8 payload[128];

	memcpy(payload, &start, 4);
	memcpy(payload + 4, &end, 4);
	memcpy(payload + 8, cmdline, strlen(cmdline) + 1);
	v2_tag(MB2_TAG_MODULE, payload, 8 + strlen(cmdline) + 1);
}

static void v2_meminfo_tag(u32 lower, u32 upper)
{
	u32 payload[2] = { lower, upper };

	v2_tag(MB2_TAG_BASIC_MEMINFO, payload, sizeof(payload));
}

/*
 * v2_mmap_tag - an mmap tag of @n entries @entry_size bytes apart, plus
 * @extra stray bytes at its end.
 */
static void v2_mmap_tag(u32 entry_size, u32 version,
			const struct mem_region *entries, u32 n, u32 extra)
{
	u8 payload[2048] = { 0 };
	u32 i;

	memcpy(payload, &entry_size, 4);
	memcpy(payload + 4, &version, 4);
	for (i = 0; i < n; i++) {
		u8 *e = payload + 8 + i * entry_size;

		memcpy(e, &entries[i].base, 8);
		memcpy(e + 8, &entries[i].len, 8);
		memcpy(e + 16, &entries[i].type, 4);
	}
	v2_tag(MB2_TAG_MMAP, payload, 8 + n * entry_size + extra);
}

/* v2_finish - the end tag, then total_size. Returns total_size. */
static u32 v2_finish(void)
{
	u32 total;

	v2_tag(MB2_TAG_END, NULL, 0);
	total = v2_cursor - V2_INFO;
	put32(V2_INFO, total);
	return total;
}

static int parse_v2(void)
{
	return multiboot2_parse(phys(V2_INFO), &mapper, &bi);
}

static const struct mem_region qemu_map[] = {
	{ 0x0, 0x9fc00, MEM_USABLE },
	{ 0x9fc00, 0x400, MEM_RESERVED },
	{ 0x100000, 0x3fee0000, MEM_USABLE },
};

HTEST(v2_full_information)
{
	u8 rsdp[MB2_ACPI_RSDP_V1_SIZE] = "RSD PTR ";
	u32 acpi;

	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_string_tag(MB2_TAG_CMDLINE, "ktest=all loglevel=7");
	v2_string_tag(MB2_TAG_LOADER_NAME, "GRUB 2.06");
	v2_module_tag(0x400000, 0x480000, "initrd.img");
	v2_meminfo_tag(639, 1047424);
	v2_mmap_tag(24, 0, qemu_map, ARRAY_SIZE(qemu_map), 0);
	acpi = v2_tag(MB2_TAG_ACPI_OLD, rsdp, sizeof(rsdp));
	v2_module_tag(0x500000, 0x500000, "");
	v2_finish();

	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_EQ(bi.path, BOOT_PATH_MULTIBOOT2);
	HT_EXPECT_STREQ(bi.cmdline, "ktest=all loglevel=7");
	HT_EXPECT_STREQ(bi.loader_name, "GRUB 2.06");
	HT_EXPECT_EQ(bi.nr_modules, 2);
	HT_EXPECT_EQ(bi.modules[0].start, 0x400000);
	HT_EXPECT_EQ(bi.modules[0].end, 0x480000);
	HT_EXPECT_STREQ(bi.modules[0].cmdline, "initrd.img");
	HT_EXPECT_EQ(bi.modules[1].start, 0x500000);
	HT_EXPECT_STREQ(bi.modules[1].cmdline, "");
	HT_EXPECT_TRUE(bi.has_mmap);
	HT_EXPECT_FALSE(bi.mmap_truncated);
	HT_EXPECT_EQ(bi.mmap_count, 3);	/* meminfo not used: mmap given */
	expect_region(&bi.mmap[0], 0x0, 0x9fc00, MEM_USABLE);
	expect_region(&bi.mmap[1], 0x9fc00, 0x400, MEM_RESERVED);
	expect_region(&bi.mmap[2], 0x100000, 0x3fee0000, MEM_USABLE);
	HT_EXPECT_EQ(bi.acpi_rsdp, phys(acpi) + 8);
	HT_EXPECT_FALSE(bi.efi);
}

HTEST(v2_acpi_new_rsdp_preferred)
{
	u8 rsdp[MB2_ACPI_RSDP_V2_SIZE] = "RSD PTR ";
	u32 new_tag;

	fake_reset(FAKE_SIZE);
	v2_begin();
	new_tag = v2_tag(MB2_TAG_ACPI_NEW, rsdp, sizeof(rsdp));
	v2_tag(MB2_TAG_ACPI_OLD, rsdp, MB2_ACPI_RSDP_V1_SIZE);
	v2_finish();
	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_EQ(bi.acpi_rsdp, phys(new_tag) + 8);

	v2_begin();
	v2_tag(MB2_TAG_ACPI_OLD, rsdp, MB2_ACPI_RSDP_V1_SIZE);
	new_tag = v2_tag(MB2_TAG_ACPI_NEW, rsdp, sizeof(rsdp));
	v2_finish();
	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_EQ(bi.acpi_rsdp, phys(new_tag) + 8);
}

HTEST(v2_acpi_tags_too_short_ignored)
{
	u8 rsdp[MB2_ACPI_RSDP_V2_SIZE] = "RSD PTR ";

	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_tag(MB2_TAG_ACPI_OLD, rsdp, MB2_ACPI_RSDP_V1_SIZE - 1);
	v2_tag(MB2_TAG_ACPI_NEW, rsdp, MB2_ACPI_RSDP_V2_SIZE - 1);
	v2_finish();
	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_EQ(bi.acpi_rsdp, 0);
}

HTEST(v2_efi_tags_set_efi)
{
	static const u32 efi_tags[] = {
		MB2_TAG_EFI32, MB2_TAG_EFI64, MB2_TAG_EFI_MMAP,
		MB2_TAG_EFI_BS, MB2_TAG_EFI32_IH, MB2_TAG_EFI64_IH,
	};
	static const u32 other_tags[] = {
		MB2_TAG_VBE, MB2_TAG_FRAMEBUFFER, MB2_TAG_SMBIOS,
		MB2_TAG_LOAD_BASE_ADDR, 0x1234,
	};
	u8 payload[16] = { 0 };
	u32 i;

	fake_reset(FAKE_SIZE);
	for (i = 0; i < ARRAY_SIZE(efi_tags); i++) {
		v2_begin();
		v2_tag(efi_tags[i], payload, sizeof(payload));
		v2_finish();
		HT_EXPECT_EQ(parse_v2(), 0);
		HT_EXPECT_TRUE(bi.efi);
	}
	v2_begin();
	for (i = 0; i < ARRAY_SIZE(other_tags); i++)
		v2_tag(other_tags[i], payload, sizeof(payload));
	v2_finish();
	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_FALSE(bi.efi);
}

/*
 * v2_efi_mmap_tag - an EFI memory-map tag (17) of @n descriptors
 * @desc_size bytes apart: @n conventional-memory pages from 0, each
 * followed by an ACPI NVS page, so that nothing merges.
 */
static void v2_efi_mmap_tag(u32 desc_size, u32 n)
{
	static u8 payload[8192];
	u32 version = 1, i;

	memset(payload, 0, sizeof(payload));
	memcpy(payload, &desc_size, 4);
	memcpy(payload + 4, &version, 4);
	for (i = 0; i < n; i++) {
		struct efi_memory_desc d = {
			.type = i % 2 ? EFI_ACPI_MEMORY_NVS :
				EFI_CONVENTIONAL_MEMORY,
			.phys_start = i * 0x1000, .nr_pages = 1,
		};

		memcpy(payload + 8 + i * desc_size, &d, sizeof(d));
	}
	v2_tag(MB2_TAG_EFI_MMAP, payload, 8 + n * desc_size);
}

HTEST(v2_efi_mmap_wins_over_mmap_in_any_order)
{
	u32 order;

	for (order = 0; order < 2; order++) {
		fake_reset(FAKE_SIZE);
		v2_begin();
		if (order)
			v2_efi_mmap_tag(48, 3);
		v2_mmap_tag(24, 0, qemu_map, ARRAY_SIZE(qemu_map), 0);
		if (!order)
			v2_efi_mmap_tag(48, 3);
		v2_finish();

		HT_EXPECT_EQ(parse_v2(), 0);
		HT_EXPECT_TRUE(bi.efi);
		HT_EXPECT_TRUE(bi.efi_mmap);
		HT_EXPECT_TRUE(bi.has_mmap);
		HT_EXPECT_EQ(bi.mmap_count, 3);
		expect_region(&bi.mmap[0], 0x0, 0x1000, MEM_USABLE);
		expect_region(&bi.mmap[1], 0x1000, 0x1000, MEM_ACPI_NVS);
		expect_region(&bi.mmap[2], 0x2000, 0x1000, MEM_USABLE);
	}
}

HTEST(v2_efi_mmap_truncated_past_max)
{
	fake_reset(FAKE_SIZE * 4);
	v2_begin();
	v2_efi_mmap_tag(40, BOOT_MMAP_MAX + 2);
	v2_finish();
	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_EQ(bi.mmap_count, BOOT_MMAP_MAX);
	HT_EXPECT_TRUE(bi.mmap_truncated);
	expect_region(&bi.mmap[BOOT_MMAP_MAX - 1],
		      (BOOT_MMAP_MAX - 1) * 0x1000, 0x1000, MEM_ACPI_NVS);
}

HTEST(v2_unusable_efi_mmap_keeps_mmap)
{
	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_mmap_tag(24, 0, qemu_map, ARRAY_SIZE(qemu_map), 0);
	v2_efi_mmap_tag(sizeof(struct efi_memory_desc) - 8, 3);
	v2_efi_mmap_tag(48, 0);		/* no descriptor at all */
	v2_finish();

	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_TRUE(bi.efi);
	HT_EXPECT_FALSE(bi.efi_mmap);
	HT_EXPECT_EQ(bi.mmap_count, 3);
	expect_region(&bi.mmap[2], 0x100000, 0x3fee0000, MEM_USABLE);
}

HTEST(v2_efi32_system_table)
{
	u32 pointer = 0x7e9ec010;

	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_tag(MB2_TAG_EFI32, &pointer, sizeof(pointer));
	v2_finish();
	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_TRUE(bi.efi);
	HT_EXPECT_EQ(bi.efi_systab, 0x7e9ec010);

	v2_begin();
	v2_tag(MB2_TAG_EFI32, &pointer, 3);	/* too short */
	v2_finish();
	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_TRUE(bi.efi);
	HT_EXPECT_EQ(bi.efi_systab, 0);
}

HTEST(v2_mmap_larger_entries_any_version)
{
	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_mmap_tag(40, 3, qemu_map, ARRAY_SIZE(qemu_map), 0);
	v2_finish();

	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_EQ(bi.mmap_count, 3);
	expect_region(&bi.mmap[2], 0x100000, 0x3fee0000, MEM_USABLE);
}

HTEST(v2_mmap_partial_trailing_entry_ignored)
{
	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_mmap_tag(24, 0, qemu_map, 2, 23);
	v2_finish();

	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_EQ(bi.mmap_count, 2);
}

HTEST(v2_mmap_bad_entry_size_falls_back_to_meminfo)
{
	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_mmap_tag(16, 0, qemu_map, 3, 0);	/* entry_size < an entry */
	v2_mmap_tag(0x100000, 0, qemu_map, 0, 32);	/* > the tag */
	v2_mmap_tag(0, 0, qemu_map, 0, 48);
	v2_tag(MB2_TAG_MMAP, "\x18\0\0", 4);	/* no room for the header */
	v2_meminfo_tag(512, 0x1000);
	v2_finish();

	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_TRUE(bi.has_mmap);
	HT_EXPECT_EQ(bi.mmap_count, 2);
	expect_region(&bi.mmap[0], 0, 512 * 1024, MEM_USABLE);
	expect_region(&bi.mmap[1], 0x100000, 0x1000 * 1024, MEM_USABLE);
}

HTEST(v2_no_memory_information)
{
	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_tag(MB2_TAG_BASIC_MEMINFO, "\1\0\0\0", 4);	/* too short */
	v2_finish();

	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_FALSE(bi.has_mmap);
	HT_EXPECT_EQ(bi.mmap_count, 0);
}

HTEST(v2_mmap_truncated_past_max)
{
	struct mem_region entries[BOOT_MMAP_MAX + 3];
	u32 i;

	for (i = 0; i < ARRAY_SIZE(entries); i++)
		entries[i] = (struct mem_region){ i * 0x2000ULL, 0x1000,
						  MEM_USABLE };
	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_mmap_tag(16 + 8, 0, entries, 60, 0);
	v2_mmap_tag(16 + 8, 0, entries + 60, ARRAY_SIZE(entries) - 60, 0);
	v2_finish();

	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_EQ(bi.mmap_count, BOOT_MMAP_MAX);
	HT_EXPECT_TRUE(bi.mmap_truncated);
	expect_region(&bi.mmap[BOOT_MMAP_MAX - 1],
		      (BOOT_MMAP_MAX - 1) * 0x2000ULL, 0x1000, MEM_USABLE);
}

HTEST(v2_strings_cut_safely)
{
	char longline[700];

	fake_reset(FAKE_SIZE);
	memset(longline, 'y', sizeof(longline));
	v2_begin();
	v2_tag(MB2_TAG_LOADER_NAME, "GRUB", 4);		/* no NUL in the tag */
	v2_string_tag(MB2_TAG_CMDLINE, "first");
	v2_tag(MB2_TAG_CMDLINE, longline, sizeof(longline));	/* no NUL */
	v2_finish();

	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_STREQ(bi.loader_name, "GRUB");
	HT_EXPECT_EQ(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);
	HT_EXPECT_EQ(bi.cmdline[0], 'y');

	v2_begin();
	v2_tag(MB2_TAG_CMDLINE, "", 0);			/* empty payload */
	v2_finish();
	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_STREQ(bi.cmdline, "");
}

HTEST(v2_modules_checked_and_capped)
{
	u32 i;

	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_tag(MB2_TAG_MODULE, "\0\0\1\0", 4);		/* too short */
	v2_module_tag(0x2000, 0x1000, "backwards");
	for (i = 0; i < BOOT_MODULES_MAX + 2; i++)
		v2_module_tag(i * 0x1000, i * 0x1000 + 0x10, "m");
	v2_finish();

	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_EQ(bi.nr_modules, BOOT_MODULES_MAX);
	HT_EXPECT_EQ(bi.modules[0].start, 0);
	HT_EXPECT_EQ(bi.modules[BOOT_MODULES_MAX - 1].start,
		     (BOOT_MODULES_MAX - 1) * 0x1000);
	HT_EXPECT_STREQ(bi.modules[3].cmdline, "m");
}

HTEST(v2_bad_total_size)
{
	fake_reset(FAKE_SIZE);
	put32(V2_INFO, 7);
	HT_EXPECT_EQ(parse_v2(), MB_EBADSIZE);
	HT_EXPECT_EQ(bi.path, BOOT_PATH_MULTIBOOT2);
	put32(V2_INFO, 0);
	HT_EXPECT_EQ(parse_v2(), MB_EBADSIZE);
	put32(V2_INFO, FAKE_SIZE - V2_INFO + 1);	/* one byte too many */
	HT_EXPECT_EQ(parse_v2(), MB_EUNMAPPED);
	put32(V2_INFO, 0xffffffff);
	HT_EXPECT_EQ(parse_v2(), MB_EUNMAPPED);
	put32(V2_INFO, 8);				/* no room for tags */
	HT_EXPECT_EQ(parse_v2(), MB_ENOEND);
	HT_EXPECT_EQ(multiboot2_parse(phys(FAKE_SIZE - 4), &mapper, &bi),
		     MB_EUNMAPPED);
}

HTEST(v2_tag_smaller_than_header)
{
	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_string_tag(MB2_TAG_CMDLINE, "kept");
	put32(v2_cursor, MB2_TAG_LOADER_NAME);
	put32(v2_cursor + 4, 7);
	v2_cursor += 8;
	v2_finish();

	HT_EXPECT_EQ(parse_v2(), MB_EBADTAG);
	HT_EXPECT_STREQ(bi.cmdline, "kept");
	HT_EXPECT_STREQ(bi.loader_name, "");
}

HTEST(v2_tag_past_total_size)
{
	u32 total;

	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_meminfo_tag(640, 1024);
	v2_string_tag(MB2_TAG_CMDLINE, "cut off");
	total = v2_finish();
	/* Shrink total_size into the cmdline tag. */
	put32(V2_INFO, total - 8 - 8);

	HT_EXPECT_EQ(parse_v2(), MB_EBADTAG);
	HT_EXPECT_STREQ(bi.cmdline, "");
	/* What came before the bad tag is kept, memory fallback included. */
	HT_EXPECT_TRUE(bi.has_mmap);
	HT_EXPECT_EQ(bi.mmap_count, 2);
}

HTEST(v2_missing_end_tag)
{
	u32 total;

	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_string_tag(MB2_TAG_CMDLINE, "no end");
	total = v2_finish();
	put32(V2_INFO, total - 8);	/* drop the end tag */

	HT_EXPECT_EQ(parse_v2(), MB_ENOEND);
	HT_EXPECT_STREQ(bi.cmdline, "no end");

	put32(V2_INFO, total - 4);	/* half an end tag */
	HT_EXPECT_EQ(parse_v2(), MB_ENOEND);
}

HTEST(v2_odd_tag_sizes_are_padded)
{
	fake_reset(FAKE_SIZE);
	v2_begin();
	v2_tag(MB2_TAG_LOADER_NAME, "abcd\0", 5);	/* size 13, 3 padding */
	v2_tag(0x77, "x", 1);				/* unknown, size 9 */
	v2_string_tag(MB2_TAG_CMDLINE, "after");
	v2_finish();

	HT_EXPECT_EQ(parse_v2(), 0);
	HT_EXPECT_STREQ(bi.loader_name, "abcd");
	HT_EXPECT_STREQ(bi.cmdline, "after");
}

/* ------------------------------------------------------------ both */

HTEST(window_map_bounds)
{
	static const u8 bytes[16];
	struct boot_window w = { .phys = 0x1000, .size = 16, .virt = bytes };

	HT_EXPECT_TRUE(boot_window_map(&w, 0x1000, 16) == bytes);
	HT_EXPECT_TRUE(boot_window_map(&w, 0x100f, 1) == bytes + 15);
	HT_EXPECT_TRUE(boot_window_map(&w, 0x1010, 0) == bytes + 16);
	HT_EXPECT_TRUE(boot_window_map(&w, 0x1000, 17) == NULL);
	HT_EXPECT_TRUE(boot_window_map(&w, 0x100f, 2) == NULL);
	HT_EXPECT_TRUE(boot_window_map(&w, 0xfff, 1) == NULL);
	HT_EXPECT_TRUE(boot_window_map(&w, 0x1011, 0) == NULL);
	HT_EXPECT_TRUE(boot_window_map(&w, UINT64_MAX, 0xffffffff) == NULL);
	HT_EXPECT_TRUE(boot_window_map(&w, 0x1008, 0xffffffff) == NULL);
}

/* What the kernel does at boot: parse, then sanitize. */
HTEST(v1_parse_then_sanitize)
{
	u32 off;
	int ret;

	fake_reset(FAKE_SIZE);
	put32(V1_FIELD(flags), MB1_INFO_MEM_MAP);
	off = put_mb1_mmap(V1_MMAP, 20, 0x100000, 0x7ee0000, MEM_USABLE);
	off = put_mb1_mmap(off, 20, 0x0, 0x9fc00, MEM_USABLE);
	off = put_mb1_mmap(off, 20, 0x9fc00, 0x400, MEM_RESERVED);
	off = put_mb1_mmap(off, 20, 0xf0000, 0x10000, MEM_RESERVED);
	off = put_mb1_mmap(off, 20, 0x7fe0000, 0x20000, MEM_RESERVED);
	off = put_mb1_mmap(off, 20, 0x1000000000ULL, 0x1000, MEM_USABLE);
	put32(V1_FIELD(mmap_addr), phys(V1_MMAP));
	put32(V1_FIELD(mmap_length), off - V1_MMAP);

	HT_EXPECT_EQ(parse_v1(), 0);
	ret = memmap_sanitize(bi.mmap, &bi.mmap_count, BOOT_MMAP_MAX);
	HT_EXPECT_EQ(ret, 0);
	HT_EXPECT_EQ(bi.mmap_count, 5);
	expect_region(&bi.mmap[0], 0x0, 0x9f000, MEM_USABLE);
	expect_region(&bi.mmap[4], 0x7fe0000, 0x20000, MEM_RESERVED);
	HT_EXPECT_EQ(memmap_usable_bytes(bi.mmap, bi.mmap_count),
		     0x9f000 + 0x7ee0000);
}

HTEST_MAIN("multiboot")
