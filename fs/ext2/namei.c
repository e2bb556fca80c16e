// SPDX-License-Identifier: MIT
/*
 * ext2's names (fs/ext2/ext2.h): the inode_operations of directories.
 * Link counts as Linux keeps them: a file has one per name; a directory
 * two (its name and its ".") plus one per subdirectory (their "..").
 *
 * A directory has exactly one parent, the one its ".." names. lookup()
 * checks it: a directory reached by a name in D whose ".." is not D is a
 * second link or a loop in the tree (damage: -EIO and ext2_error()), so a
 * walk of the tree always ends. rename() refuses to move a directory
 * under itself (-EINVAL), walking up by ".." from the destination; a walk
 * that does not reach the root is damage too.
 */
#include "fs/ext2/ext2.h"
#include <kernel/lab.h>
#include <lib/err.h>
#include <lib/string.h>

/* A directory reached from @dir by a name other than "..": its ".." must
 * be @dir. 0 or -EIO. */
static int check_parent(struct inode *dir, struct inode *sub, const char *name)
{
	u32 parent;
	int err;

	err = ext2_inode_by_name(sub, "..", 2, &parent);
	if (err)
		return err;
	if (parent != dir->ino)
		return ext2_error(dir->sb, "ext2_lookup", dir->ino, 0,
				  "directory %u reached by '%s' has '..' = %u: "
				  "a loop or a second link", sub->ino, name, parent);
	return 0;
}

struct inode *ext2_lookup(struct inode *dir, const char *name)
{
	struct inode *inode;
	u32 ino;
	int err;

	err = ext2_inode_by_name(dir, name, strlen(name), &ino);
	if (err)
		return ERR_PTR(err);
	if (!ino)
		return NULL;
	inode = iget(dir->sb, ino);
	if (IS_ERR(inode))
		return inode;
	if (S_ISDIR(inode->mode) && strcmp(name, "..")) {
		err = check_parent(dir, inode, name);
		if (err) {
			iput(inode);
			return ERR_PTR(err);
		}
	}
	return inode;
}

struct inode *ext2_create(struct inode *dir, const char *name, u32 mode)
{
	struct inode *inode = ext2_new_inode(dir, S_IFREG | (mode & 07777));
	int err;

	if (IS_ERR(inode))
		return inode;
	err = ext2_add_link(dir, name, inode);
	if (err) {
		inode->nlink = 0;	/* iput() frees it on the disk */
		iput(inode);
		return ERR_PTR(err);
	}
	return inode;
}

int ext2_mkdir(struct inode *dir, const char *name, u32 mode)
{
	struct inode *inode;
	int err;

	if (dir->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	inode = ext2_new_inode(dir, S_IFDIR | (mode & 07777));
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	inode->nlink = 2;
	err = ext2_make_empty(inode, dir);
	if (!err)
		err = ext2_add_link(dir, name, inode);
	if (err) {
		inode->nlink = 0;
		iput(inode);
		return err;
	}
	dir->nlink++;			/* the new ".." */
	mark_inode_dirty(dir);
	iput(inode);
	return 0;
}

int ext2_unlink(struct inode *dir, const char *name, struct inode *victim)
{
	int err = ext2_delete_link(dir, name);

	if (err)
		return err;
	victim->nlink--;
	victim->ctime = dir->ctime;
	mark_inode_dirty(victim);
	return 0;
}

int ext2_rmdir(struct inode *dir, const char *name, struct inode *victim)
{
	int err;

	if (!ext2_empty_dir(victim))
		return -ENOTEMPTY;
	err = ext2_unlink(dir, name, victim);
	if (err)
		return err;
	victim->nlink = 0;		/* its "." went with its name */
	victim->size = 0;
	dir->nlink--;			/* its ".." */
	mark_inode_dirty(dir);
	return 0;
}

/* -EINVAL when directory @victim is @dir or one of its ancestors, -EIO
 * when the walk up from @dir by ".." does not reach the root. */
LAB_STATIC int check_not_ancestor(struct inode *victim, struct inode *dir)
{
	struct super_block *sb = dir->sb;
	u32 ino = dir->ino, steps = 0;

	while (ino != EXT2_ROOT_INO) {
		struct inode *cur;
		u32 here = ino;
		int err;

		if (ino == victim->ino)
			return -EINVAL;
		if (++steps > EXT2_GEO(sb)->inodes_count)
			return ext2_error(sb, "ext2_rename", dir->ino, 0,
					  "'..' chain does not reach the root");
		cur = iget(sb, ino);
		if (IS_ERR(cur))
			return PTR_ERR(cur);
		err = S_ISDIR(cur->mode) ? ext2_inode_by_name(cur, "..", 2, &ino) :
		      ext2_error(sb, "ext2_rename", cur->ino, 0,
				 "'..' names a non-directory");
		iput(cur);
		if (err)
			return err;
		if (!ino)
			return ext2_error(sb, "ext2_rename", here, 0, "no '..'");
	}
	return 0;
}

/*
 * Two directory pages are mapped at once here, as in Linux: the page of
 * the old entry (map 1, ext2_find_entry) and, for a directory, the page
 * of its ".." (map 2, ext2_dotdot). The new entry's page is mapped and
 * unmapped inside (ext2_find_entry/ext2_put_page or ext2_add_link, which
 * may sleep) while both are held. Then they are unmapped in reverse
 * order: map 2 first, map 1 last (kmap_local mappings are a stack).
 */
LAB_EXERCISE(9) int ext2_rename(struct inode *old_dir, const char *old_name,
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
		return old_de ? PTR_ERR(old_de) : -ENOENT;	/* map 1 */
	if (le32_to_cpu(old_de->inode) != victim->ino) {
		err = -ENOENT;
		goto out_old;
	}
	if (is_dir) {
		dir_de = ext2_dotdot(victim, &dir_page);	/* map 2 */
		if (IS_ERR(dir_de)) {
			err = PTR_ERR(dir_de);
			dir_de = NULL;
			goto out_old;
		}
	}
	if (target) {
		struct ext2_dir_entry_2 *new_de;
		struct page *new_page;

		new_de = ext2_find_entry(new_dir, new_name, strlen(new_name),
					 &new_page);		/* map 3 */
		if (IS_ERR_OR_NULL(new_de)) {
			err = new_de ? PTR_ERR(new_de) : -ENOENT;
			goto out_dir;
		}
		ext2_set_link(new_dir, new_de, new_page, victim);
		ext2_put_page(new_page, new_de);		/* unmap 3 */
		if (is_dir)
			target->nlink = 0;	/* its name and its "." */
		else
			target->nlink--;
		target->ctime = EXT2_SB(target->sb)->now;
		mark_inode_dirty(target);
	} else {
		err = ext2_add_link(new_dir, new_name, victim);	/* 3 inside */
		if (err)
			goto out_dir;
		if (is_dir) {
			new_dir->nlink++;	/* the victim's ".." */
			mark_inode_dirty(new_dir);
		}
	}
	ext2_delete_entry(old_dir, old_de, old_page);
	if (is_dir) {
		if (old_dir != new_dir)
			ext2_set_link(victim, dir_de, dir_page, new_dir);
		old_dir->nlink--;	/* a ".." (victim's, or the target's) */
		mark_inode_dirty(old_dir);
	}
	victim->ctime = EXT2_SB(victim->sb)->now;
	mark_inode_dirty(victim);
out_dir:
	if (dir_de)
		ext2_put_page(dir_page, dir_de);		/* unmap 2 */
out_old:
	ext2_put_page(old_page, old_de);			/* unmap 1 */
	return err;
}

const struct inode_operations ext2_dir_iops = {
	.lookup = ext2_lookup,
	.create = ext2_create,
	.mkdir = ext2_mkdir,
	.rmdir = ext2_rmdir,
	.unlink = ext2_unlink,
	.rename = ext2_rename,
	.readdir = ext2_readdir,
};
