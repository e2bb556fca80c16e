// SPDX-License-Identifier: MIT
/*
 * Open files and descriptor tables (include/fs/file.h): references,
 * closing, and the tables that fork() copies and exit() releases.
 */
#include "fs/file_internal.h"
#include "fs/objcache.h"
#include "fs/vfs.h"
#include <kernel/sched.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <uapi/hm386/stat.h>

static struct obj_cache file_cache = OBJ_CACHE_INIT(file_cache, "file", struct file);
static struct obj_cache files_cache =
	OBJ_CACHE_INIT(files_cache, "files_struct", struct files_struct);

struct file *file_alloc(const struct file_ops *ops, u32 flags)
{
	struct file *f = obj_alloc(&file_cache);

	if (!f)
		return NULL;
	f->ops = ops;
	f->flags = flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_NOCTTY | O_CLOEXEC);
	f->refs = 1;
	return f;
}

void file_free(struct file *f)
{
	obj_free(&file_cache, f);
}

struct file *fget(struct file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
	return f;
}

void fput(struct file *f)
{
	u32 refs = __atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL);

	if (refs + 1 == 0)
		panic("fput(%p): a %s file with no reference left", f, f->ops->kind);
	if (refs)
		return;
	if (f->ops->release)
		f->ops->release(f);
	obj_free(&file_cache, f);
}

u64 file_size(struct file *f)
{
	u64 size;

	if (!f->inode)
		return 0;
	mutex_lock(&fs_lock);
	size = f->inode->size;
	mutex_unlock(&fs_lock);
	return size;
}

bool file_is_regular(struct file *f)
{
	return f->inode && S_ISREG(f->inode->mode);
}

struct files_struct *current_files(void)
{
	return current->files;
}

struct files_struct *files_alloc_console(void)
{
	struct files_struct *files = obj_alloc(&files_cache);
	struct file *console;

	if (!files)
		return NULL;
	console = console_file_open();
	if (!console) {
		obj_free(&files_cache, files);
		return NULL;
	}
	files->fd[0] = console;
	files->fd[1] = fget(console);
	files->fd[2] = fget(console);
	return files;
}

struct files_struct *files_fork(struct files_struct *old)
{
	struct files_struct *files = obj_alloc(&files_cache);

	if (!files)
		return NULL;
	for (u32 fd = 0; fd < FILES_MAX; fd++)
		if (old->fd[fd])
			files->fd[fd] = fget(old->fd[fd]);
	files->cloexec = old->cloexec;
	return files;
}

void files_release(struct files_struct *files)
{
	for (u32 fd = 0; fd < FILES_MAX; fd++)
		if (files->fd[fd])
			fd_close(files, fd);
	obj_free(&files_cache, files);
}

void files_close_on_exec(struct files_struct *files)
{
	for (u32 fd = 0; fd < FILES_MAX; fd++)
		if (files->cloexec & (1ULL << fd))
			fd_close(files, fd);
}

int fd_install(struct files_struct *files, struct file *f)
{
	for (u32 fd = 0; files && fd < FILES_MAX; fd++) {
		if (!files->fd[fd]) {
			files->fd[fd] = f;
			return fd;
		}
	}
	return -EMFILE;
}

struct file *fd_get(struct files_struct *files, int fd)
{
	if (!files || fd < 0 || fd >= FILES_MAX)
		return NULL;
	return files->fd[fd];
}

int fd_close(struct files_struct *files, int fd)
{
	struct file *f = fd_get(files, fd);

	if (!f)
		return -EBADF;
	files->fd[fd] = NULL;
	files->cloexec &= ~(1ULL << fd);
	fput(f);
	return 0;
}
