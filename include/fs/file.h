/* SPDX-License-Identifier: MIT */
/*
 * Open files and descriptor tables (fs/file.c, fs/open.c,
 * fs/read_write.c): what processes and execve() use of the filesystem.
 *
 * A struct file is one open: of an inode of a file system under the VFS
 * (fs/vfs.h: the RAM filesystem at "/", ext2 where mounted), one
 * end of a pipe (fs/pipe.c) or the serial console (fs/console.c), with its
 * position and open flags. Descriptors share it: dup2() and fork() add
 * references; the last fput() closes it.
 *
 * A files_struct is a process's descriptor table: FILES_MAX slots (Linux's
 * NR_OPEN is 1048576 and its default RLIMIT_NOFILE 1024; hm386 processes
 * get 64 descriptors, 0..63, and open() beyond that returns -EMFILE).
 */
#ifndef HM386_FS_FILE_H
#define HM386_FS_FILE_H

#include <types.h>

#define FILES_MAX	64	/* descriptors per process */

struct file;
struct files_struct;

/*
 * filp_open - open @path (absolute; a relative path starts at "/", the
 * only working directory there is) with open()'s @flags (O_RDONLY, O_CREAT,
 * O_TRUNC, ..., <uapi/hm386/fcntl.h>) and, when it creates a file, @mode.
 * Returns the file, or ERR_PTR(-errno) as open() would return it
 * (-ENOENT, -ENOTDIR, -EISDIR, -EEXIST, -ENAMETOOLONG, -ENOMEM). May
 * sleep.
 */
struct file *filp_open(const char *path, int flags, u32 mode);

/*
 * kernel_read - read up to @count bytes at position @pos of @f into the
 * kernel buffer @buf (the file's own position is neither used nor moved).
 * Returns the bytes read (0 at or past the end), or -errno (-EISDIR for a
 * directory, -EBADF when @f was not opened for reading, -EINVAL on a pipe
 * or the console). May sleep.
 */
long kernel_read(struct file *f, void *buf, u32 count, u64 pos);

/*
 * kernel_write - write @count bytes of the kernel buffer @buf at position
 * @pos of the regular file @f (opened for writing), growing it as needed.
 * Returns the bytes written, or -errno (-ENOSPC when no page or block
 * could be had and nothing was written, -EFBIG past the largest file
 * size, -EIO). May sleep.
 */
long kernel_write(struct file *f, const void *buf, u32 count, u64 pos);

/* file_size - the size in bytes of @f's inode (0 for pipes, the console). */
u64 file_size(struct file *f);

/* file_is_regular - true when @f is an open regular file. */
bool file_is_regular(struct file *f);

/* fget - one more reference to @f (a descriptor, a fork); returns @f. */
struct file *fget(struct file *f);

/*
 * fput - drop a reference to @f; the last one closes it (a pipe end's
 * peers then see EOF or EPIPE; an unlinked inode's pages are freed when
 * its last open goes). May sleep.
 */
void fput(struct file *f);

/*
 * files_alloc_console - a new descriptor table whose fds 0, 1 and 2 are
 * the serial console, sharing one open file (for PID 1). NULL when memory
 * is short. May sleep.
 */
struct files_struct *files_alloc_console(void);

/*
 * files_fork - a copy of @old for fork(): the same open files at the same
 * descriptors, each with one more reference. NULL when memory is short.
 */
struct files_struct *files_fork(struct files_struct *old);

/* files_release - close every descriptor of @files and free it. May sleep. */
void files_release(struct files_struct *files);

/* files_close_on_exec - close the descriptors opened with O_CLOEXEC, as
 * execve() must once the new program is certain to run. May sleep. */
void files_close_on_exec(struct files_struct *files);

/*
 * fd_install - put @f at the lowest free descriptor of @files; returns it,
 * or -EMFILE (the caller still owns its reference then). fd_get - the
 * file at @fd, or NULL (no reference taken: a process's table changes only
 * in its own task). fd_close - close @fd: 0 or -EBADF.
 */
int fd_install(struct files_struct *files, struct file *f);
struct file *fd_get(struct files_struct *files, int fd);
int fd_close(struct files_struct *files, int fd);

/*
 * Counters since boot, for the user tests that force each path: user space
 * reads them with hm386_fs_stats(u64 out[4]) (__NR_hm386_fs_stats, in this
 * order), the monitor shows them with `pagecache`.
 */
struct fs_stats {
	u64 write_retries;	/* write(): an atomic copy came up short, the
				   user page was faulted in, the copy retried */
	u64 read_faults;	/* read(): the copy to user space met a page
				   not present and faulted it in while the
				   page-cache page stayed mapped */
};
/* hm386_fs_stats() gives two more after them, from the page cache
 * (pagecache_stats, fs/pagecache.h): its pages now, and of those the
 * HighMem ones. */
extern struct fs_stats fs_stats;

#endif
