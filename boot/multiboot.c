// SPDX-License-Identifier: MIT
/*
 * Multiboot v1 and multiboot2 information parsers; the contracts are in
 * include/boot/multiboot.h.
 *
 * Both parsers reduce the loader's data to a handful of calls on the
 * struct boot_info being filled (add_region(), add_module(), copy_string(),
 * finish_memory()), so that the two formats share every rule about sizes,
 * truncation and fallbacks. Each read of loader data goes through the
 * mapper first, and each length read from loader data is checked against
 * what the mapper granted before it is used.
 */
#include <boot/efi_tables.h>
#include <boot/multiboot.h>
#include <lib/string.h>

/* The most lower memory a PC has: 640 KiB, below the VGA and BIOS area. */
#define MB_MEM_LOWER_MAX_KIB	640
#define MB_MEM_UPPER_BASE	(1 * MiB)

const void *boot_window_map(void *ctx, u64 phys, u32 len)
{
	const struct boot_window *w = ctx;
	u64 offset;

	if (phys < w->phys)
		return NULL;
	offset = phys - w->phys;
	if (offset > w->size || len > w->size - offset)
		return NULL;
	return w->virt + (uintptr_t)offset;
}

/* map - the readable pointer for [@phys, @phys + @len), or NULL. */
static const void *map(const struct boot_mapper *m, u64 phys, u32 len)
{
	return m->map(m->ctx, phys, len);
}

/*
 * map_prefix - map the longest readable prefix of [@phys, @phys + @want).
 * Returns its pointer and puts its length in *@got, or returns NULL with
 * *@got = 0 when not even one byte is readable. Relies on the mapper
 * granting every prefix of a readable range: a binary search then needs
 * about log2(@want) calls.
 */
static const void *map_prefix(const struct boot_mapper *m, u64 phys,
			      u32 want, u32 *got)
{
	u32 readable = 0, unreadable;
	const void *p;

	if (want && (p = map(m, phys, want))) {
		*got = want;
		return p;
	}
	unreadable = want;
	while (unreadable - readable > 1) {
		u32 mid = readable + (unreadable - readable) / 2;

		if (map(m, phys, mid))
			readable = mid;
		else
			unreadable = mid;
	}
	*got = readable;
	return readable ? map(m, phys, readable) : NULL;
}

/*
 * copy_string - copy the string at @src, of which @avail bytes may be read,
 * into @dst of @size (> 0) bytes. Stops at a NUL, at @avail, or when @dst
 * is full; @dst is always terminated.
 */
static void copy_string(char *dst, size_t size, const char *src, size_t avail)
{
	size_t len = 0;

	if (src && avail) {
		len = strnlen(src, MIN(avail, size - 1));
		memcpy(dst, src, len);
	}
	dst[len] = '\0';
}

/* copy_phys_string - copy_string() from the C string at physical @phys. */
static void copy_phys_string(const struct boot_mapper *m, u64 phys,
			     char *dst, size_t size)
{
	u32 avail;
	const char *src = map_prefix(m, phys, size - 1, &avail);

	copy_string(dst, size, src, avail);
}

/*
 * add_region - append a raw memory-map entry. Returns false when the map
 * is full: the entry is then lost and bi->mmap_truncated set, so the
 * caller can stop reading entries.
 */
static bool add_region(struct boot_info *bi, u64 base, u64 len, u32 type)
{
	struct mem_region *r;

	if (bi->mmap_count >= BOOT_MMAP_MAX) {
		bi->mmap_truncated = true;
		return false;
	}
	r = &bi->mmap[bi->mmap_count++];
	r->base = base;
	r->len = len;
	r->type = type;
	return true;
}

/*
 * add_module - record a module, unless the table is full or the module
 * ends before it starts. Its cmdline is read as copy_string() does.
 */
static void add_module(struct boot_info *bi, u32 start, u32 end,
		       const char *cmdline, size_t avail)
{
	struct boot_module *mod;

	if (bi->nr_modules >= BOOT_MODULES_MAX || end < start)
		return;
	mod = &bi->modules[bi->nr_modules++];
	mod->start = start;
	mod->end = end;
	copy_string(mod->cmdline, sizeof(mod->cmdline), cmdline, avail);
}

/*
 * finish_memory - settle bi->has_mmap once all entries are in. Without a
 * single entry, fall back on the loader's basic memory sizes, if it gave
 * them (@have_basic): lower memory from 0, upper memory from 1 MiB.
 */
static void finish_memory(struct boot_info *bi, bool have_basic,
			  u32 mem_lower_kib, u32 mem_upper_kib)
{
	if (!bi->mmap_count && have_basic) {
		u32 lower = MIN(mem_lower_kib, MB_MEM_LOWER_MAX_KIB);

		if (lower)
			add_region(bi, 0, lower * KiB, MEM_USABLE);
		if (mem_upper_kib)
			add_region(bi, MB_MEM_UPPER_BASE, mem_upper_kib * KiB,
				   MEM_USABLE);
	}
	bi->has_mmap = bi->mmap_count > 0;
}

static void boot_info_reset(struct boot_info *bi, enum boot_path path)
{
	memset(bi, 0, sizeof(*bi));
	bi->path = path;
}

/* ------------------------------------------------------------ v1 */

static void mb1_parse_modules(const struct boot_mapper *m, u32 mods_addr,
			      u32 mods_count, struct boot_info *bi)
{
	u32 i, n = MIN(mods_count, (u32)BOOT_MODULES_MAX);

	for (i = 0; i < n; i++) {
		u64 phys = mods_addr + (u64)i * sizeof(struct mb1_module);
		const struct mb1_module *mod = map(m, phys, sizeof(*mod));
		const char *cmdline;
		u32 avail;

		if (!mod)
			return;
		cmdline = map_prefix(m, mod->cmdline,
				     BOOT_MODULE_CMDLINE_MAX - 1, &avail);
		add_module(bi, mod->mod_start, mod->mod_end, cmdline, avail);
	}
}

static void mb1_parse_mmap(const struct boot_mapper *m, u32 mmap_addr,
			   u32 mmap_length, struct boot_info *bi)
{
	u32 avail, offset = 0;
	const u8 *buf = map_prefix(m, mmap_addr, mmap_length, &avail);

	while (buf && avail - offset >= sizeof(struct mb1_mmap_entry)) {
		const struct mb1_mmap_entry *e = (const void *)(buf + offset);
		u32 size = e->size;

		if (size < MB1_MMAP_ENTRY_MIN_SIZE ||
		    size > avail - offset - sizeof(e->size))
			return;
		if (!add_region(bi, e->base_addr, e->length, e->type))
			return;
		offset += sizeof(e->size) + size;
	}
}

int multiboot1_parse(u32 mbi_phys, const struct boot_mapper *m,
		     struct boot_info *bi)
{
	const struct mb1_info *info;
	u32 flags;

	boot_info_reset(bi, BOOT_PATH_MULTIBOOT1);
	info = map(m, mbi_phys, MB1_INFO_PARSED_SIZE);
	if (!info)
		return MB_EUNMAPPED;
	flags = info->flags;

	if (flags & MB1_INFO_CMDLINE)
		copy_phys_string(m, info->cmdline, bi->cmdline,
				 sizeof(bi->cmdline));
	if (flags & MB1_INFO_LOADER_NAME)
		copy_phys_string(m, info->boot_loader_name, bi->loader_name,
				 sizeof(bi->loader_name));
	if (flags & MB1_INFO_MODS)
		mb1_parse_modules(m, info->mods_addr, info->mods_count, bi);
	if (flags & MB1_INFO_MEM_MAP)
		mb1_parse_mmap(m, info->mmap_addr, info->mmap_length, bi);
	finish_memory(bi, flags & MB1_INFO_MEMORY, info->mem_lower,
		      info->mem_upper);
	return 0;
}

/* ------------------------------------------------------------ v2 */

/* What the tag walk remembers beyond the boot_info itself. */
struct mb2_walk {
	u32 mbi_phys;
	bool have_basic;
	u32 mem_lower_kib;
	u32 mem_upper_kib;
	bool have_acpi_new;
	const struct mb2_tag_efi_mmap *efi_mmap;	/* the usable tag 17, if any */
	u32 efi_mmap_size;
};

static void mb2_parse_mmap(const struct mb2_tag_mmap *tag, u32 size,
			   struct boot_info *bi)
{
	const u8 *entries = (const u8 *)(tag + 1);
	u32 entry_size = tag->entry_size, bytes, offset;

	if (entry_size < sizeof(struct mb2_mmap_entry))
		return;
	bytes = size - sizeof(*tag);
	for (offset = 0; bytes - offset >= entry_size; offset += entry_size) {
		const struct mb2_mmap_entry *e;

		e = (const void *)(entries + offset);

		if (!add_region(bi, e->base_addr, e->length, e->type))
			return;
	}
}

/*
 * mb2_parse_tag - take what @bi needs from one tag of @size bytes (already
 * checked to lie within total_size) found @offset bytes into the
 * information structure.
 */
static void mb2_parse_tag(const struct mb2_tag *tag, u32 size, u32 offset,
			  struct mb2_walk *walk, struct boot_info *bi)
{
	u32 payload = size - sizeof(*tag);

	switch (tag->type) {
	case MB2_TAG_CMDLINE:
	case MB2_TAG_LOADER_NAME: {
		const struct mb2_tag_string *s = (const void *)tag;

		if (tag->type == MB2_TAG_CMDLINE)
			copy_string(bi->cmdline, sizeof(bi->cmdline),
				    s->string, payload);
		else
			copy_string(bi->loader_name, sizeof(bi->loader_name),
				    s->string, payload);
		break;
	}
	case MB2_TAG_MODULE: {
		const struct mb2_tag_module *mod = (const void *)tag;

		if (size >= sizeof(*mod))
			add_module(bi, mod->mod_start, mod->mod_end,
				   mod->cmdline, size - sizeof(*mod));
		break;
	}
	case MB2_TAG_BASIC_MEMINFO: {
		const struct mb2_tag_basic_meminfo *mem = (const void *)tag;

		if (size >= sizeof(*mem)) {
			walk->have_basic = true;
			walk->mem_lower_kib = mem->mem_lower;
			walk->mem_upper_kib = mem->mem_upper;
		}
		break;
	}
	case MB2_TAG_MMAP:
		if (size >= sizeof(struct mb2_tag_mmap))
			mb2_parse_mmap((const void *)tag, size, bi);
		break;
	case MB2_TAG_ACPI_OLD:
		if (payload >= MB2_ACPI_RSDP_V1_SIZE && !walk->have_acpi_new)
			bi->acpi_rsdp = (u64)walk->mbi_phys + offset +
					sizeof(*tag);
		break;
	case MB2_TAG_ACPI_NEW:
		if (payload >= MB2_ACPI_RSDP_V2_SIZE) {
			bi->acpi_rsdp = (u64)walk->mbi_phys + offset +
					sizeof(*tag);
			walk->have_acpi_new = true;
		}
		break;
	case MB2_TAG_EFI32:
		if (size >= sizeof(struct mb2_tag_efi32))
			bi->efi_systab = ((const struct mb2_tag_efi32 *)tag)->pointer;
		bi->efi = true;
		break;
	case MB2_TAG_EFI_MMAP: {
		const struct mb2_tag_efi_mmap *efi = (const void *)tag;

		if (size >= sizeof(*efi) &&
		    efi->desc_size >= sizeof(struct efi_memory_desc) &&
		    size - sizeof(*efi) >= efi->desc_size) {
			walk->efi_mmap = efi;
			walk->efi_mmap_size = size;
		}
		bi->efi = true;
		break;
	}
	case MB2_TAG_EFI64:
	case MB2_TAG_EFI_BS:
	case MB2_TAG_EFI32_IH:
	case MB2_TAG_EFI64_IH:
		bi->efi = true;
		break;
	}
}

/*
 * mb2_walk_tags - walk the tags of the @total bytes at @mbi. Returns 0 at
 * the end tag, or the error that stopped the walk.
 */
static int mb2_walk_tags(const u8 *mbi, u32 total, struct mb2_walk *walk,
			 struct boot_info *bi)
{
	u64 offset = sizeof(struct mb2_info_header);

	for (;;) {
		const struct mb2_tag *tag;
		u32 size;

		if (offset + sizeof(*tag) > total)
			return MB_ENOEND;
		tag = (const void *)(mbi + offset);
		size = tag->size;
		if (size < sizeof(*tag) || size > total - offset)
			return MB_EBADTAG;
		if (tag->type == MB2_TAG_END)
			return 0;
		mb2_parse_tag(tag, size, offset, walk, bi);
		offset += ALIGN_UP((u64)size, MB2_TAG_ALIGN);
	}
}

int multiboot2_parse(u32 mbi_phys, const struct boot_mapper *m,
		     struct boot_info *bi)
{
	struct mb2_walk walk = { .mbi_phys = mbi_phys };
	const struct mb2_info_header *hdr;
	const u8 *mbi;
	u32 total;
	int ret;

	boot_info_reset(bi, BOOT_PATH_MULTIBOOT2);
	hdr = map(m, mbi_phys, sizeof(*hdr));
	if (!hdr)
		return MB_EUNMAPPED;
	total = hdr->total_size;
	if (total < sizeof(*hdr))
		return MB_EBADSIZE;
	mbi = map(m, mbi_phys, total);
	if (!mbi)
		return MB_EUNMAPPED;

	ret = mb2_walk_tags(mbi, total, &walk, bi);
	if (walk.efi_mmap) {
		bi->mmap_truncated = false;
		bi->mmap_count = efi_mmap_convert(walk.efi_mmap + 1,
				walk.efi_mmap_size - sizeof(*walk.efi_mmap),
				walk.efi_mmap->desc_size, bi->mmap,
				BOOT_MMAP_MAX, &bi->mmap_truncated);
		bi->efi_mmap = true;
	}
	finish_memory(bi, walk.have_basic, walk.mem_lower_kib,
		      walk.mem_upper_kib);
	return ret;
}
