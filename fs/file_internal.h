/* SPDX-License-Identifier: MIT */
/*
 * struct file and its operations, private to fs/ and its tests
 * (include/fs/file.h is what the rest of the kernel sees).
 */
#ifndef HM386_FS_FILE_INTERNAL_H
#define HM386_FS_FILE_INTERNAL_H

#include <fs/file.h>
#include "fs/iter.h"
#include <types.h>
#include <uapi/hm386/errno.h>
#include <uapi/hm386/fcntl.h>

struct inode;
struct pipe;

/* What fstat64() says of a file's device: the RAM filesystem's inodes, the
 * pipes, and the console's device number (ttyS0: 4, 64; Linux's encoding).
 * A mounted file system's st_dev is its block device's number. */
#define RAMFS_DEV	1
#define PIPEFS_DEV	2
#define CONSOLE_RDEV	((4U << 8) | 64U)

/*
 * What a kind of open file does. read and write return bytes moved or
 * -errno and move *@pos when the file has positions (regular files);
 * release runs at the last fput(). A NULL read or write is -EINVAL.
 */
struct file_ops {
	const char *kind;		/* "file", "dir", "pipe", "console" */
	long (*read)(struct file *f, struct fs_iter *to, u32 count, u64 *pos);
	long (*write)(struct file *f, struct fs_iter *from, u32 count, u64 *pos);
	void (*release)(struct file *f);
	bool seekable;
};

struct file {
	const struct file_ops *ops;
	struct inode *inode;		/* regular files and directories
					   (a reference held) */
	struct pipe *pipe;		/* pipe ends */
	u32 flags;			/* open()'s flags, O_CREAT, O_CLOEXEC
				   & co. cleared */
	u64 pos;
	u32 refs;			/* descriptors and other holders */
};

struct files_struct {
	struct file *fd[FILES_MAX];
	u64 cloexec;			/* bit n: close fd n at execve() */
};

/* file_alloc - a file with one reference and @ops, or NULL. file_free -
 * give back one that was never opened (no release). */
struct file *file_alloc(const struct file_ops *ops, u32 flags);
void file_free(struct file *f);

/* file_can_read / file_can_write - whether @f was opened for it. */
static inline bool file_can_read(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY;
}

static inline bool file_can_write(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY;
}

/*
 * vfs_read / vfs_write - the one path of read(), write(), kernel_read()
 * and kernel_write(): check the access mode, call the file's operation.
 */
long vfs_read(struct file *f, struct fs_iter *to, u32 count, u64 *pos);
long vfs_write(struct file *f, struct fs_iter *from, u32 count, u64 *pos);

/* The operations of an open regular file and of a directory of any file
 * system (fs/open.c). */
extern const struct file_ops regular_file_ops, dir_file_ops;

/* console_file_open - an open file on the serial console (fs/console.c). */
struct file *console_file_open(void);

/* The current task's descriptor table (NULL in a kernel thread). */
struct files_struct *current_files(void);

/*
 * getname - a kernel copy of the user path @upath, in a lowmem page:
 * ERR_PTR(-EFAULT, -ENAMETOOLONG, -ENOENT for "", -ENOMEM). putname()
 * frees it.
 */
char *getname(const char __user *upath);
void putname(char *name);

/*
 * The file system calls on kernel paths and buffers: each system call is a
 * thin wrapper that copies its arguments in and its results out, and the
 * self-tests call these directly. Linux's errors.
 */
int vfs_mkdir(const char *path, u32 mode);
int vfs_unlink(const char *path);
int vfs_rmdir(const char *path);
int vfs_rename(const char *oldpath, const char *newpath);
struct stat64;
int vfs_stat(const char *path, struct stat64 *st);
void vfs_fstat(struct file *f, struct stat64 *st);
long vfs_getdents(struct file *f, struct fs_iter *to, u32 count);
long vfs_lseek(struct file *f, s64 offset, u32 whence);
int vfs_truncate(const char *path, s64 length);
int vfs_ftruncate(struct file *f, s64 length);
/* vfs_setsize - truncate or extend regular file @inode (fs_lock held):
 * -EISDIR, -EINVAL (not a regular file), -EROFS, -EFBIG. */
struct inode;
int vfs_setsize(struct inode *inode, u64 size);
int vfs_pipe(struct file *ends[2]);

#endif
