// SPDX-License-Identifier: MIT
/*
 * The initramfs (include/fs/initramfs.h): boot modules that are newc cpio
 * archives, unpacked into the RAM filesystem through the same page-cache
 * write path as write(). A module is read one page frame at a time through
 * kmap_local_page(): it may lie above the direct map, and it never needs a
 * contiguous kernel mapping (the parser takes chunks). While a module page
 * is mapped, the write maps a page-cache page too: two nested kmap_local
 * mappings, undone in reverse order.
 */
#include <boot/bootinfo.h>
#include <fs/cpio.h>
#include "fs/initramfs_internal.h"
#include "fs/mount.h"
#include <fs/file.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/printf.h>
#include <lib/err.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/highmem.h>
#include <uapi/hm386/stat.h>

struct initramfs_stats initramfs_stats;

struct unpacker {
	struct cpio_parser parser;
	struct initramfs_stats *stats;
	struct inode *file;		/* the regular file being filled */
	u64 pos;
};

/* @name without leading "/" and "./": where it goes under "/". */
static const char *archive_path(const char *name)
{
	for (;;) {
		if (name[0] == '/')
			name++;
		else if (name[0] == '.' && name[1] == '/')
			name += 2;
		else
			return name;
	}
}

/*
 * Make the entry @name of @dir as @e says: as Linux's initramfs, an
 * existing directory stays (its mode changes), anything else is replaced.
 * fs_lock held.
 */
static int make_entry(struct unpacker *u, struct inode *dir, const char *name,
		      const struct cpio_entry *e)
{
	u32 type = e->mode & S_IFMT;
	struct inode *old = walk_component(dir, name), *inode;
	int err = 0;

	if (IS_ERR(old) && PTR_ERR(old) != -ENOENT)
		return PTR_ERR(old);
	if (!IS_ERR(old)) {
		if (type == S_IFDIR && S_ISDIR(old->mode)) {
			old->mode = e->mode;
			iput(old);
			return 0;
		}
		err = S_ISDIR(old->mode) ? dir->iops->rmdir(dir, name, old) :
					   dir->iops->unlink(dir, name, old);
		iput(old);
		if (err)
			return -EEXIST;
	}
	if (type == S_IFDIR) {
		err = dir->iops->mkdir(dir, name, e->mode);
		if (!err)
			u->stats->dirs++;
		inode = err ? ERR_PTR(err) : walk_component(dir, name);
	} else {
		inode = dir->iops->create(dir, name, e->mode);
	}
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	inode->mode = e->mode;
	inode->mtime = e->mtime;
	if (type == S_IFREG) {
		u->file = inode;	/* its reference held until unpack_end */
		u->pos = 0;
		u->stats->files++;
	} else {
		iput(inode);
	}
	return 0;
}

static int unpack_begin(void *ctx, const struct cpio_entry *e)
{
	struct unpacker *u = ctx;
	const char *path = archive_path(e->name);
	char name[NAME_MAX + 1];
	u32 type = e->mode & S_IFMT;
	struct inode *dir;
	int err;

	if (type != S_IFDIR && type != S_IFREG) {
		u->stats->skipped++;	/* symlinks, devices, fifos */
		return 0;
	}
	if (!path[0] || !strcmp(path, "."))
		return 0;		/* the root itself */
	mutex_lock(&fs_lock);
	dir = vfs_lookup_parent(path, name);
	if (IS_ERR(dir)) {
		mutex_unlock(&fs_lock);
		return PTR_ERR(dir);
	}
	err = S_ISDIR(dir->mode) ? make_entry(u, dir, name, e) : -ENOTDIR;
	iput(dir);
	mutex_unlock(&fs_lock);
	return err;
}

static int unpack_data(void *ctx, const struct cpio_entry *e, const void *bytes,
		       u32 len)
{
	struct unpacker *u = ctx;
	struct fs_iter it = fs_iter_kernel((void *)bytes);
	long n;

	if (!u->file)
		return 0;		/* a skipped symlink's target */
	mutex_lock(&fs_lock);
	n = generic_file_write(u->file, &it, len, u->pos);
	mutex_unlock(&fs_lock);
	if (n < 0)
		return n;
	if ((u32)n != len)
		return -ENOSPC;
	u->pos += n;
	u->stats->bytes += n;
	return 0;
}

/* Let go of the file being filled (at its end, or when the archive broke
 * off inside it). */
static int unpack_end(void *ctx, const struct cpio_entry *e)
{
	struct unpacker *u = ctx;

	if (u->file) {
		mutex_lock(&fs_lock);
		iput(u->file);
		mutex_unlock(&fs_lock);
		u->file = NULL;
	}
	return 0;
}

static const struct cpio_ops unpack_ops = {
	.begin = unpack_begin, .data = unpack_data, .end = unpack_end,
};

/* The unpacker is too big for a kernel stack (the parser holds a name of
 * up to PATH_MAX bytes): two lowmem pages. */
#define UNPACKER_ORDER	1

static struct unpacker *unpack_start(struct initramfs_stats *stats)
{
	struct unpacker *u = (void *)__get_free_pages(GFP_KERNEL, UNPACKER_ORDER);

	BUILD_BUG_ON(sizeof(struct unpacker) > (PAGE_SIZE << UNPACKER_ORDER));
	if (!u)
		return NULL;
	memset(u, 0, sizeof(*u));
	cpio_init(&u->parser, &unpack_ops, u);
	u->stats = stats;
	return u;
}

/* End the stream: 0, or -1 with the reason in @err. Frees @u. */
static int unpack_finish(struct unpacker *u, int result, char *err, u32 errlen)
{
	if (!result)
		result = cpio_finish(&u->parser);
	unpack_end(u, NULL);
	if (result)
		strlcpy(err, u->parser.error, errlen);
	free_pages((u32)u, UNPACKER_ORDER);
	return result;
}

int initramfs_unpack(const void *buf, u32 len, struct initramfs_stats *stats,
		     char *err, u32 errlen)
{
	struct unpacker *u = unpack_start(stats);

	if (!u) {
		strlcpy(err, "no memory for the unpacker", errlen);
		return -1;
	}
	return unpack_finish(u, cpio_feed(&u->parser, buf, len), err, errlen);
}

/* Whether the module starts like a newc archive. */
static bool module_is_cpio(const struct boot_module *m)
{
	u32 off = m->start & (PAGE_SIZE - 1);
	bool yes;
	u8 *addr;

	if (m->end - m->start < 6 || off > PAGE_SIZE - 6 ||
	    (m->start >> PAGE_SHIFT) >= max_pfn)
		return false;
	addr = kmap_local_page(pfn_to_page(m->start >> PAGE_SHIFT));
	yes = !memcmp(addr + off, "070701", 6) || !memcmp(addr + off, "070702", 6);
	kunmap_local(addr);
	return yes;
}

/* Feed module @m to @u page by page; the first cpio_feed() result != 0. */
static int feed_module(struct unpacker *u, const struct boot_module *m)
{
	for (u32 pa = m->start; pa < m->end;) {
		u32 pfn = pa >> PAGE_SHIFT, off = pa & (PAGE_SIZE - 1);
		u32 n = MIN(PAGE_SIZE - off, m->end - pa);
		u8 *addr;
		int r;

		if (pfn >= max_pfn) {
			snprintf(u->parser.error, sizeof(u->parser.error),
				 "offset %u: the module runs past the end of RAM",
				 pa - m->start);
			return -1;
		}
		addr = kmap_local_page(pfn_to_page(pfn));
		r = cpio_feed(&u->parser, addr + off, n);
		kunmap_local(addr);
		if (r)
			return r;
		pa += n;
	}
	return 0;
}

/* Whether page frame @pfn holds anything but module @self: the first MiB,
 * the kernel image, another module. */
static bool pfn_shared(u32 pfn, u32 self)
{
	u32 kstart = __pa(_kernel_start) >> PAGE_SHIFT;
	u32 kend = ALIGN_UP(__pa(_kernel_end), PAGE_SIZE) >> PAGE_SHIFT;

	if (pfn < (0x100000 >> PAGE_SHIFT) || (pfn >= kstart && pfn < kend))
		return true;
	for (u32 i = 0; i < boot_info.nr_modules; i++) {
		const struct boot_module *m = &boot_info.modules[i];

		if (i != self && pfn >= m->start >> PAGE_SHIFT &&
		    pfn < ALIGN_UP(m->end, PAGE_SIZE) >> PAGE_SHIFT)
			return true;
	}
	return false;
}

/* Give module @i's page frames to the page allocator, except a first or
 * last one it shares (that one stays reserved: a page, at most two). */
static u32 free_module(u32 i)
{
	const struct boot_module *m = &boot_info.modules[i];
	u32 first = m->start >> PAGE_SHIFT;
	u32 last = MIN(ALIGN_UP(m->end, PAGE_SIZE) >> PAGE_SHIFT, max_pfn);

	if (first < last && pfn_shared(first, i))
		first++;
	if (first < last && pfn_shared(last - 1, i))
		last--;
	if (first >= last)
		return 0;
	free_reserved_pfns(first, last);
	return last - first;
}

void initramfs_init(void)
{
	struct initramfs_stats *st = &initramfs_stats;

	mutex_lock(&fs_lock);
	vfs_root();			/* "/" exists even without an archive */
	mutex_unlock(&fs_lock);
	for (u32 i = 0; i < boot_info.nr_modules; i++) {
		const struct boot_module *m = &boot_info.modules[i];
		struct initramfs_stats before = *st;
		char err[CPIO_ERROR_MAX];
		struct unpacker *u;
		u32 freed;
		int r;

		if (!module_is_cpio(m)) {
			pr_info("initramfs: module %u (%s, %u bytes) is not a newc "
				"cpio archive: left alone\n", i, m->cmdline,
				m->end - m->start);
			continue;
		}
		u = unpack_start(st);
		if (!u) {
			pr_err("initramfs: no memory to unpack module %u\n", i);
			return;
		}
		r = unpack_finish(u, feed_module(u, m), err, sizeof(err));
		st->archives++;
		st->modules |= 1U << i;
		freed = free_module(i);
		st->pages_freed += freed;
		if (r) {
			st->corrupt++;
			pr_err("initramfs: module %u (%s) is corrupt at %s; what "
			       "came before stays\n", i, m->cmdline, err);
		}
		pr_info("initramfs: module %u (%s): %u files (%llu bytes), %u "
			"directories, %u skipped (symlinks, devices); %u KiB of "
			"the module freed\n", i, m->cmdline, st->files - before.files,
			st->bytes - before.bytes, st->dirs - before.dirs,
			st->skipped - before.skipped, freed << (PAGE_SHIFT - 10));
	}
	pr_info("initramfs: page cache %llu pages, %llu of them in HighMem\n",
		pagecache_stats.pages, pagecache_stats.highmem_pages);
}
