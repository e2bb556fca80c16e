// SPDX-License-Identifier: MIT
/*
 * ext2 directories (fs/ext2/ext2.h), written as Linux's fs/ext2/dir.c is
 * after its kmap_local conversions (2022-2023): a directory's bytes are in
 * its page cache, in HighMem when there is some, and the code reaches a
 * page only through the address kmap_local_page() returns for it.
 *
 * The map and the unmap (the discipline, in one place):
 *
 *	ext2_get_page(dir, n, &page)	the MAP: reads page @n, maps it with
 *					kmap_local_page(), checks its blocks,
 *					returns the mapped address
 *	ext2_put_page(page, addr)	the UNMAP: kunmap_local(addr), then
 *					put_page(); @addr may be ANY address
 *					inside the page (an entry found in it)
 *
 *	ext2_find_entry() and ext2_dotdot() return an entry with its page
 *	still mapped: they act as the map, and the caller's
 *	ext2_put_page(page, de) is the unmap (de: the entry's address).
 *
 * No page_address() anywhere: a HighMem page has no permanent address,
 * and the one kmap_local_page() gave is valid only in this task, until
 * its unmap. Mappings nest like a stack: a function that holds a page
 * mapped and calls one that maps another page gets it back unmapped
 * (ext2_rename holds two, see namei.c, and unmaps them in reverse order).
 * A mapped page may be held across a sleep: ext2_add_link keeps its page
 * mapped while prepare_write reads bitmaps from the disk and allocates;
 * the mapping stays with the task across the switch.
 *
 * Every page is checked (ext2_check_dir_block() on each of its blocks
 * within the directory's size) each time it is mapped: a bad entry fails
 * the call with -EIO and ext2_error() names the directory and the block.
 */
#include "fs/ext2/ext2.h"
#include <kernel/lab.h>
#include <kernel/panic.h>
#include <lib/err.h>
#include <lib/string.h>
#include <mm/highmem.h>
#include <mm/page_ref.h>
#include <uapi/hm386/dirent.h>

/* Bytes of directory page @n that hold entries. */
LAB_STATIC u32 ext2_last_byte(struct inode *dir, u32 n)
{
	u64 last = dir->size - ((u64)n << PAGE_SHIFT);

	return last > PAGE_SIZE ? PAGE_SIZE : (u32)last;
}

/* Pages of @dir, rounded up. */
LAB_STATIC u32 dir_pages(struct inode *dir)
{
	return (u32)((dir->size + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

/* Check the blocks of mapped page @n of @dir at @kaddr: 0 or -EIO. */
LAB_STATIC int ext2_check_page(struct inode *dir, u32 n, const u8 *kaddr)
{
	const struct ext2_geometry *geo = EXT2_GEO(dir->sb);
	u32 limit = n < dir_pages(dir) ? ext2_last_byte(dir, n) : 0;
	const char *why;
	u32 bad, blk;

	for (u32 off = 0; off < limit; off += geo->block_size) {
		if (!ext2_check_dir_block(kaddr + off, geo->block_size, geo, &bad, &why))
			continue;
		ext2_get_block(dir, ((u64)n << (PAGE_SHIFT - geo->log_block_size)) +
			       (off >> geo->log_block_size), false, &blk);
		return ext2_error(dir->sb, "ext2_check_page", dir->ino, blk,
				  "bad entry at offset %u: %s",
				  (u32)(off + bad), why);
	}
	return 0;
}

/*
 * ext2_get_page - THE MAP: page @n of @dir read, referenced and mapped;
 * returns its kmap_local_page() address (the page in *@pagep), or
 * ERR_PTR(-EIO, -ENOMEM) with nothing held. Undo with ext2_put_page().
 */
LAB_STATIC LAB_EXERCISE(9) void *ext2_get_page(struct inode *dir, u32 n, struct page **pagep)
{
	struct page *page = read_mapping_page(&dir->mapping, n);
	void *kaddr;
	int err;

	if (IS_ERR(page))
		return page;
	kaddr = kmap_local_page(page);
	err = ext2_check_page(dir, n, kaddr);
	if (err) {
		kunmap_local(kaddr);
		put_page(page);
		return ERR_PTR(err);
	}
	*pagep = page;
	return kaddr;
}

/*
 * ext2_put_page - THE UNMAP of ext2_get_page(): @addr is any address
 * inside the mapped page (kunmap_local() finds the slot from it), the
 * most recent mapping this task still holds. An address of another page
 * is a bug (BUG_ON).
 */
LAB_EXERCISE(9) void ext2_put_page(struct page *page, void *addr)
{
	BUG_ON(kmap_to_page(addr) != page);	/* @addr is inside @page */
	kunmap_local(addr);
	put_page(page);
}

LAB_STATIC struct ext2_dir_entry_2 *next_entry(struct ext2_dir_entry_2 *de)
{
	return (void *)((u8 *)de + le16_to_cpu(de->rec_len));
}

/* The page offset of mapped address @p (its page is mapped at an address
 * that is page-aligned: the slot's, or lowmem's direct map). */
static u32 page_offset_of(const void *p)
{
	return (u32)p & (PAGE_SIZE - 1);
}

LAB_STATIC bool name_is(const struct ext2_dir_entry_2 *de, const char *name, u32 len)
{
	return de->inode && de->name_len == len && !memcmp(de->name, name, len);
}

/* Mark the bytes of @page at [@from, @from + @len) of @dir written: the
 * page dirty, the size grown to cover them, the htree index (if any)
 * dropped: hm386 keeps directories linear. */
static void commit_chunk(struct inode *dir, struct page *page, u32 from, u32 len)
{
	u64 end = ((u64)page->index << PAGE_SHIFT) + from + len;

	set_page_dirty(page);
	if (end > dir->size)
		dir->size = end;
	EXT2_I(dir)->i_flags &= ~EXT2_INDEX_FL;
	dir->mtime = dir->ctime = EXT2_SB(dir->sb)->now;
	mark_inode_dirty(dir);
}

LAB_STATIC const u8 ft_to_dt[EXT2_FT_MAX] = {
	[EXT2_FT_UNKNOWN] = DT_UNKNOWN, [EXT2_FT_REG_FILE] = DT_REG,
	[EXT2_FT_DIR] = DT_DIR, [EXT2_FT_CHRDEV] = DT_CHR,
	[EXT2_FT_BLKDEV] = 6, [EXT2_FT_FIFO] = DT_FIFO,
	[EXT2_FT_SOCK] = 12, [EXT2_FT_SYMLINK] = 10,
};

u8 ext2_ft(struct super_block *sb, u32 mode)
{
	if (!EXT2_GEO(sb)->filetype)
		return EXT2_FT_UNKNOWN;
	switch (mode & S_IFMT) {
	case S_IFREG: return EXT2_FT_REG_FILE;
	case S_IFDIR: return EXT2_FT_DIR;
	case S_IFCHR: return EXT2_FT_CHRDEV;
	case S_IFBLK: return EXT2_FT_BLKDEV;
	case S_IFIFO: return EXT2_FT_FIFO;
	case S_IFLNK: return EXT2_FT_SYMLINK;
	default: return EXT2_FT_SOCK;
	}
}

LAB_EXERCISE(9) int ext2_readdir(struct inode *dir, u64 *pos, filldir_t emit, void *ctx)
{
	const struct ext2_geometry *geo = EXT2_GEO(dir->sb);
	u32 n = (u32)(*pos >> PAGE_SHIFT), npages = dir_pages(dir);
	u32 start = *pos & (PAGE_SIZE - 1);

	if (*pos >= dir->size)
		return 0;
	for (; n < npages; n++, start = 0) {
		struct page *page;
		u8 *kaddr = ext2_get_page(dir, n, &page);
		u32 limit = ext2_last_byte(dir, n);
		/* From the start of @start's block: a position left by a
		 * readdir before an entry was deleted may fall inside one. */
		u32 off = start & ~(geo->block_size - 1);

		if (IS_ERR(kaddr))
			return PTR_ERR(kaddr);
		while (off < limit) {
			struct ext2_dir_entry_2 *de = (void *)(kaddr + off);
			u32 next = off + le16_to_cpu(de->rec_len);
			u8 type = de->file_type < EXT2_FT_MAX && geo->filetype ?
				  ft_to_dt[de->file_type] : DT_UNKNOWN;

			if (de->inode && off >= start) {
				/* May copy to user space and fault: legal
				 * with the page mapped by kmap_local. */
				if (!emit(ctx, de->name, de->name_len,
					  le32_to_cpu(de->inode), type,
					  ((u64)n << PAGE_SHIFT) + next)) {
					*pos = ((u64)n << PAGE_SHIFT) + off;
					ext2_put_page(page, kaddr);
					return 0;
				}
			}
			off = next;
		}
		ext2_put_page(page, kaddr);
		*pos = (u64)(n + 1) << PAGE_SHIFT;
	}
	*pos = dir->size;
	return 0;
}

/*
 * ext2_find_entry - entry @name of @dir, its page left MAPPED (this is the
 * map): the entry's address, the page in *@pagep; the caller unmaps with
 * ext2_put_page(*@pagep, entry). NULL when absent (nothing held);
 * ERR_PTR(-EIO) for a damaged directory.
 */
LAB_EXERCISE(9) struct ext2_dir_entry_2 *ext2_find_entry(struct inode *dir,
		const char *name, u32 len, struct page **pagep)
{
	u32 npages = dir_pages(dir);

	for (u32 n = 0; n < npages; n++) {
		u8 *kaddr = ext2_get_page(dir, n, pagep);
		u32 limit, off = 0;

		if (IS_ERR(kaddr))
			return (void *)kaddr;
		limit = ext2_last_byte(dir, n);
		while (off < limit) {
			struct ext2_dir_entry_2 *de = (void *)(kaddr + off);

			if (name_is(de, name, len))
				return de;	/* still mapped: the caller's */
			off += le16_to_cpu(de->rec_len);
		}
		ext2_put_page(*pagep, kaddr);
	}
	return NULL;
}

/*
 * ext2_dotdot - the ".." entry of directory @dir (the second entry of its
 * first block), its page left MAPPED as ext2_find_entry() leaves it.
 * ERR_PTR(-EIO) when the first block does not start with "." and "..".
 */
LAB_EXERCISE(9) struct ext2_dir_entry_2 *ext2_dotdot(struct inode *dir,
		struct page **pagep)
{
	struct ext2_dir_entry_2 *de;
	u8 *kaddr;

	if (!dir->size)
		return ERR_PTR(ext2_error(dir->sb, "ext2_dotdot", dir->ino, 0,
					  "empty directory"));
	kaddr = ext2_get_page(dir, 0, pagep);
	if (IS_ERR(kaddr))
		return (void *)kaddr;
	de = next_entry((void *)kaddr);
	if ((u32)((u8 *)de - kaddr) >= EXT2_GEO(dir->sb)->block_size ||
	    !name_is(de, "..", 2) || !name_is((void *)kaddr, ".", 1)) {
		ext2_put_page(*pagep, kaddr);
		return ERR_PTR(ext2_error(dir->sb, "ext2_dotdot", dir->ino, 0,
					  "no '.' and '..' at the start"));
	}
	return de;
}

LAB_EXERCISE(9) int ext2_inode_by_name(struct inode *dir, const char *name,
		u32 len, u32 *ino)
{
	struct ext2_dir_entry_2 *de;
	struct page *page;

	*ino = 0;
	de = ext2_find_entry(dir, name, len, &page);
	if (IS_ERR(de))
		return PTR_ERR(de);
	if (de) {
		*ino = le32_to_cpu(de->inode);
		ext2_put_page(page, de);	/* any address in the page */
	}
	return 0;
}

/*
 * ext2_set_link - point entry @de (in @page, mapped by the caller, who
 * keeps it mapped) of @dir at @inode. Writes no block itself: the page is
 * dirty.
 */
void ext2_set_link(struct inode *dir, struct ext2_dir_entry_2 *de,
		   struct page *page, struct inode *inode)
{
	de->inode = cpu_to_le32(inode->ino);
	de->file_type = ext2_ft(dir->sb, inode->mode);
	commit_chunk(dir, page, page_offset_of(de), le16_to_cpu(de->rec_len));
}

int ext2_add_link(struct inode *dir, const char *name, struct inode *inode)
{
	const struct ext2_geometry *geo = EXT2_GEO(dir->sb);
	u32 len = strlen(name), need = EXT2_DIR_REC_LEN(len);
	u32 npages = dir_pages(dir);
	struct ext2_dir_entry_2 *de = NULL;
	struct page *page = NULL;
	u32 rec_len = 0, off = 0;
	u8 *kaddr = NULL;
	int err;

	if (ext2_rdonly(dir->sb))
		return -EROFS;
	/* One page past the last: a new block when all are full. */
	for (u32 n = 0; n <= npages; n++) {
		u32 limit;

		kaddr = ext2_get_page(dir, n, &page);
		if (IS_ERR(kaddr))
			return PTR_ERR(kaddr);
		limit = n < npages ? ext2_last_byte(dir, n) : 0;
		for (off = 0; off < PAGE_SIZE; ) {
			de = (void *)(kaddr + off);
			if (off == limit) {
				/* The end of the directory: a new block. */
				de->inode = 0;
				de->rec_len = cpu_to_le16(geo->block_size);
				rec_len = geo->block_size;
				goto got_it;
			}
			if (off > limit)
				break;
			if (name_is(de, name, len)) {
				ext2_put_page(page, kaddr);
				return -EEXIST;
			}
			rec_len = le16_to_cpu(de->rec_len);
			if (!de->inode && rec_len >= need)
				goto got_it;
			if (rec_len >= EXT2_DIR_REC_LEN(de->name_len) + need)
				goto got_it;
			off += rec_len;
		}
		ext2_put_page(page, kaddr);
	}
	return ext2_error(dir->sb, "ext2_add_link", dir->ino, 0,
			  "no room found and none made");
got_it:
	/* Give the block a place on the disk (a new block: allocated
	 * here). May sleep on bitmap reads with the page mapped. */
	err = ext2_aops.prepare_write(&dir->mapping, page, off, off + rec_len);
	if (err)
		goto out;
	if (de->inode) {
		/* Split: @de keeps what its name needs, the rest is ours. */
		struct ext2_dir_entry_2 *de1;
		u32 used = EXT2_DIR_REC_LEN(de->name_len);

		de1 = (void *)((u8 *)de + used);
		de1->rec_len = cpu_to_le16(rec_len - used);
		de->rec_len = cpu_to_le16(used);
		de = de1;
	}
	de->name_len = len;
	memcpy(de->name, name, len);
	ext2_set_link(dir, de, page, inode);
out:
	ext2_put_page(page, kaddr);
	return err;
}

/*
 * ext2_delete_entry - remove entry @de (in @page, mapped by the caller)
 * of @dir: merged into the entry before it in its block, or made unused
 * (inode 0) when it is the first of the block.
 */
void ext2_delete_entry(struct inode *dir, struct ext2_dir_entry_2 *de,
		       struct page *page)
{
	u32 bs = EXT2_GEO(dir->sb)->block_size;
	u8 *block = (u8 *)((u32)de & ~(bs - 1));	/* blocks are aligned
							   in the page */
	struct ext2_dir_entry_2 *pde = NULL, *p = (void *)block;

	while (p != de) {
		pde = p;
		p = next_entry(p);
	}
	if (pde) {
		pde->rec_len = cpu_to_le16(le16_to_cpu(pde->rec_len) +
					   le16_to_cpu(de->rec_len));
		commit_chunk(dir, page, page_offset_of(pde),
			     le16_to_cpu(pde->rec_len));
	} else {
		de->inode = 0;
		commit_chunk(dir, page, page_offset_of(de), le16_to_cpu(de->rec_len));
	}
}

int ext2_delete_link(struct inode *dir, const char *name)
{
	struct ext2_dir_entry_2 *de;
	struct page *page;

	if (ext2_rdonly(dir->sb))
		return -EROFS;
	de = ext2_find_entry(dir, name, strlen(name), &page);
	if (IS_ERR_OR_NULL(de))
		return de ? PTR_ERR(de) : -ENOENT;
	ext2_delete_entry(dir, de, page);
	ext2_put_page(page, de);
	return 0;
}

int ext2_make_empty(struct inode *inode, struct inode *parent)
{
	u32 bs = EXT2_GEO(inode->sb)->block_size;
	struct ext2_dir_entry_2 *de;
	struct page *page;
	u8 *kaddr;
	int err;

	page = grab_cache_page(&inode->mapping, 0, true);
	if (IS_ERR(page))
		return PTR_ERR(page);
	err = ext2_aops.prepare_write(&inode->mapping, page, 0, bs);
	if (err) {
		put_page(page);
		return err;
	}
	kaddr = kmap_local_page(page);
	memset(kaddr, 0, bs);
	de = (void *)kaddr;
	de->inode = cpu_to_le32(inode->ino);
	de->name_len = 1;
	de->rec_len = cpu_to_le16(EXT2_DIR_REC_LEN(1));
	memcpy(de->name, ".\0\0", 4);
	de->file_type = ext2_ft(inode->sb, inode->mode);
	de = next_entry(de);
	de->inode = cpu_to_le32(parent->ino);
	de->name_len = 2;
	de->rec_len = cpu_to_le16(bs - EXT2_DIR_REC_LEN(1));
	memcpy(de->name, "..\0", 4);
	de->file_type = ext2_ft(inode->sb, parent->mode);
	kunmap_local(kaddr);
	commit_chunk(inode, page, 0, bs);
	put_page(page);
	return 0;
}

LAB_EXERCISE(9) bool ext2_empty_dir(struct inode *inode)
{
	u32 npages = dir_pages(inode);

	for (u32 n = 0; n < npages; n++) {
		struct page *page;
		u8 *kaddr = ext2_get_page(inode, n, &page);
		u32 limit, off = 0;

		if (IS_ERR(kaddr))
			return false;
		limit = ext2_last_byte(inode, n);
		while (off < limit) {
			struct ext2_dir_entry_2 *de = (void *)(kaddr + off);

			if (de->inode && !(n == 0 && off == 0 && name_is(de, ".", 1)) &&
			    !name_is(de, "..", 2)) {
				ext2_put_page(page, de);
				return false;
			}
			off += le16_to_cpu(de->rec_len);
		}
		ext2_put_page(page, kaddr);
	}
	return true;
}
