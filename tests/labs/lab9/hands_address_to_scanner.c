// SPDX-License-Identifier: MIT
/*
 * A wrong submission for lab 9 (tools/grade.py --check, tests/host/labs.mk):
 * converted right but for ext2_empty_dir(), which still hands the
 * address its thread mapped to the scanner thread: a kmap_local_page()
 * address is good only in the thread that mapped it.
 */
#include "fs/ext2/ext2.h"
#include <kernel/sched.h>
#include <lib/err.h>
#include <lib/string.h>
#include <mm/highmem.h>
#include <mm/page_ref.h>
#include <uapi/hm386/dirent.h>

/* From fs/ext2/dir.c and fs/ext2/namei.c (static there, visible to a lab
 * build): */
u32 ext2_last_byte(struct inode *dir, u32 n);	/* bytes of page n in use */
u32 dir_pages(struct inode *dir);		/* pages of @dir */
/* Check the blocks of mapped page @n of @dir at @kaddr: 0 or -EIO. */
int ext2_check_page(struct inode *dir, u32 n, const u8 *kaddr);
struct ext2_dir_entry_2 *next_entry(struct ext2_dir_entry_2 *de);
/* True when @de is in use and named @name (@len bytes). */
bool name_is(const struct ext2_dir_entry_2 *de, const char *name, u32 len);
extern const u8 ft_to_dt[EXT2_FT_MAX];		/* EXT2_FT_* -> DT_* */
/* -EINVAL when directory @victim is @dir or above it, -EIO on damage. */
int check_not_ancestor(struct inode *victim, struct inode *dir);
void *ext2_get_page(struct inode *dir, u32 n, struct page **pagep);

/*
 * ext2_get_page - page @n of @dir read, referenced, mapped and checked;
 * returns its address (the page in *@pagep) or ERR_PTR(-EIO, -ENOMEM)
 * with nothing held. Undo with ext2_put_page().
 */
void *ext2_get_page(struct inode *dir, u32 n, struct page **pagep)
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

/* ext2_put_page - undo ext2_get_page() (@addr: an address inside the
 * page; the old code did not need it). */
void ext2_put_page(struct page *page, void *addr)
{
	kunmap_local(addr);
	put_page(page);
}

/* ext2_readdir - inode_operations.readdir: emit the entries of @dir from
 * byte *@pos on; *@pos is left where emit() stopped, or at the end. */
int ext2_readdir(struct inode *dir, u64 *pos, filldir_t emit, void *ctx)
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
		u32 off = start & ~(geo->block_size - 1);

		if (IS_ERR(kaddr))
			return PTR_ERR(kaddr);
		while (off < limit) {
			struct ext2_dir_entry_2 *de = (void *)(kaddr + off);
			u32 next = off + le16_to_cpu(de->rec_len);
			u8 type = de->file_type < EXT2_FT_MAX && geo->filetype ?
				  ft_to_dt[de->file_type] : DT_UNKNOWN;

			if (de->inode && off >= start &&
			    !emit(ctx, de->name, de->name_len,
				  le32_to_cpu(de->inode), type,
				  ((u64)n << PAGE_SHIFT) + next)) {
				*pos = ((u64)n << PAGE_SHIFT) + off;
				ext2_put_page(page, kaddr);
				return 0;
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
 * ext2_find_entry - entry @name of @dir with its page left mapped and
 * referenced (the page in *@pagep; the caller's ext2_put_page() undoes
 * it). NULL when absent (nothing held); ERR_PTR(-EIO) for a damaged
 * directory.
 */
struct ext2_dir_entry_2 *ext2_find_entry(struct inode *dir, const char *name,
					 u32 len, struct page **pagep)
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
				return de;
			off += le16_to_cpu(de->rec_len);
		}
		ext2_put_page(*pagep, kaddr);
	}
	return NULL;
}

/*
 * ext2_dotdot - the ".." entry of directory @dir (the second entry of its
 * first block), its page left mapped as ext2_find_entry() leaves it.
 * ERR_PTR(-EIO) when the first block does not start with "." and "..".
 */
struct ext2_dir_entry_2 *ext2_dotdot(struct inode *dir, struct page **pagep)
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

/* ext2_inode_by_name - the inode number of entry @name of @dir in *@ino
 * (0 when absent); 0 or -EIO. */
int ext2_inode_by_name(struct inode *dir, const char *name, u32 len, u32 *ino)
{
	struct ext2_dir_entry_2 *de;
	struct page *page;

	*ino = 0;
	de = ext2_find_entry(dir, name, len, &page);
	if (IS_ERR(de))
		return PTR_ERR(de);
	if (de) {
		*ino = le32_to_cpu(de->inode);
		ext2_put_page(page, de);
	}
	return 0;
}

/* What ext2_empty_dir() gives its scanner: a mapped page to look at. */
struct dir_scan {
	const u8 *kaddr;	/* the page, mapped by the caller */
	u32 limit;		/* bytes of it in use */
	bool first;		/* page 0: its "." is allowed */
	bool empty;		/* out: only "." and ".." seen */
};

/* The scanner thread: is the page at s->kaddr free of names? */
static int scan_dir_page(void *arg)
{
	struct dir_scan *s = arg;
	const u8 *kaddr = s->kaddr;

	s->empty = true;
	for (u32 off = 0; off < s->limit; ) {
		const struct ext2_dir_entry_2 *de = (const void *)(kaddr + off);

		if (de->inode && !(s->first && off == 0 && name_is(de, ".", 1)) &&
		    !name_is(de, "..", 2)) {
			s->empty = false;
			break;
		}
		off += le16_to_cpu(de->rec_len);
	}
	return 0;
}

/*
 * ext2_empty_dir - true when @inode holds "." and ".." only (a damaged
 * directory counts as not empty). The old code overlapped the scan of a
 * page with the read of the next one: a scanner thread looks at the
 * mapped page (its address handed over) while this
 * thread starts the next page's read.
 */
bool ext2_empty_dir(struct inode *inode)
{
	u32 npages = dir_pages(inode);

	for (u32 n = 0; n < npages; n++) {
		struct dir_scan scan = { .limit = ext2_last_byte(inode, n),
					 .first = n == 0 };
		struct page *page, *next;
		struct task *scanner;
		void *got = ext2_get_page(inode, n, &page);

		if (IS_ERR(got))
			return false;
		scan.kaddr = got;
		scanner = kthread_run(scan_dir_page, &scan, current->cpu,
				      "ext2_scan");
		if (!scanner)
			scan_dir_page(&scan);
		if (n + 1 < npages) {
			next = read_mapping_page(&inode->mapping, n + 1);
			if (!IS_ERR(next))
				put_page(next);	/* in the cache for the next round */
		}
		if (scanner)
			kthread_join(scanner);
		ext2_put_page(page, got);
		if (!scan.empty)
			return false;
	}
	return true;
}

/*
 * ext2_rename - inode_operations.rename: entry @old_name of @old_dir
 * (naming @victim) becomes @new_name of @new_dir, replacing @target when
 * it exists; a directory moved to another parent gets its ".." rewritten.
 * Holds two directory pages at once: the old entry's and, for a
 * directory, its "..".
 */
int ext2_rename(struct inode *old_dir, const char *old_name,
		struct inode *victim, struct inode *new_dir,
		const char *new_name, struct inode *target)
{
	struct ext2_dir_entry_2 *old_de, *dir_de = NULL;
	struct page *old_page, *dir_page = NULL;
	bool is_dir = S_ISDIR(victim->mode);
	int err = 0;

	if (ext2_rdonly(old_dir->sb))
		return -EROFS;
	if (is_dir && old_dir != new_dir) {
		if (!target && new_dir->nlink >= EXT2_LINK_MAX)
			return -EMLINK;
		err = check_not_ancestor(victim, new_dir);
		if (err)
			return err;
	}
	old_de = ext2_find_entry(old_dir, old_name, strlen(old_name), &old_page);
	if (IS_ERR_OR_NULL(old_de))
		return old_de ? PTR_ERR(old_de) : -ENOENT;
	if (le32_to_cpu(old_de->inode) != victim->ino) {
		err = -ENOENT;
		goto out;
	}
	if (is_dir) {
		dir_de = ext2_dotdot(victim, &dir_page);
		if (IS_ERR(dir_de)) {
			err = PTR_ERR(dir_de);
			dir_de = NULL;
			goto out;
		}
	}
	if (target) {
		struct ext2_dir_entry_2 *new_de;
		struct page *new_page;

		new_de = ext2_find_entry(new_dir, new_name, strlen(new_name),
					 &new_page);
		if (IS_ERR_OR_NULL(new_de)) {
			err = new_de ? PTR_ERR(new_de) : -ENOENT;
			goto out;
		}
		ext2_set_link(new_dir, new_de, new_page, victim);
		ext2_put_page(new_page, new_de);
		if (is_dir)
			target->nlink = 0;
		else
			target->nlink--;
		target->ctime = EXT2_SB(target->sb)->now;
		mark_inode_dirty(target);
	} else {
		err = ext2_add_link(new_dir, new_name, victim);
		if (err)
			goto out;
		if (is_dir) {
			new_dir->nlink++;
			mark_inode_dirty(new_dir);
		}
	}
	ext2_delete_entry(old_dir, old_de, old_page);
	if (is_dir) {
		if (old_dir != new_dir)
			ext2_set_link(victim, dir_de, dir_page, new_dir);
		old_dir->nlink--;
		mark_inode_dirty(old_dir);
	}
	victim->ctime = EXT2_SB(victim->sb)->now;
	mark_inode_dirty(victim);
out:
	/* In reverse order: the ".." page (mapped last) first. */
	if (dir_de)
		ext2_put_page(dir_page, dir_de);
	ext2_put_page(old_page, old_de);
	return err;
}
