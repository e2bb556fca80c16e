// SPDX-License-Identifier: MIT
/*
 * Pipes: a ring of PIPE_SIZE bytes in one page from GFP_HIGHUSER, reached
 * through kmap_local_page() while bytes are copied in or out (the copy may
 * fault on the user buffer and sleep: kmap_local_page() allows that).
 * Linux's semantics: read() blocks while the pipe is empty and some writer
 * is left, and returns 0 (EOF) once none is; write() blocks while the pipe
 * is full, writes of at most PIPE_BUF bytes are atomic, and with no reader
 * left it fails with -EPIPE and the writer gets SIGPIPE, whose default
 * action (the only one hm386 has: no sigaction) ends it on its way back to
 * ring 3, as on Linux.
 */
#include <arch/x86/uaccess.h>
#include "fs/file_internal.h"
#include "fs/objcache.h"
#include <kernel/sched.h>
#include <kernel/mutex.h>
#include <kernel/syscall.h>
#include <kernel/wait.h>
#include <mm/highmem.h>
#include <uapi/hm386/wait.h>

#define PIPE_SIZE	PAGE_SIZE
#define PIPE_BUF	PAGE_SIZE	/* writes up to this are atomic */

struct pipe {
	struct mutex lock;
	struct page *page;		/* the ring */
	u32 head;			/* the first unread byte */
	u32 len;			/* bytes in the ring */
	u32 readers, writers;		/* open ends */
	struct wait_queue_head wait;	/* readers and writers */
};

static struct obj_cache pipe_cache = OBJ_CACHE_INIT(pipe_cache, "pipe", struct pipe);

/*
 * Copy @n bytes between the ring at offset @at and @it: into the ring when
 * @in, out of it otherwise; the ring wraps. Returns the bytes NOT copied.
 */
static u32 ring_copy(struct pipe *p, u32 at, struct fs_iter *it, u32 n, bool in)
{
	u8 *ring = kmap_local_page(p->page);
	u32 left = 0;

	while (n) {
		u32 off = at % PIPE_SIZE, chunk = MIN(n, PIPE_SIZE - off);

		left = in ? fs_iter_from(it, ring + off, chunk) :
			    fs_iter_to(it, ring + off, chunk);
		if (left) {
			left += n - chunk;
			break;
		}
		n -= chunk;
		at += chunk;
	}
	kunmap_local(ring);
	return left;
}

static long pipe_read(struct file *f, struct fs_iter *to, u32 count, u64 *pos)
{
	struct pipe *p = f->pipe;
	u32 n, left;

	if (!count)
		return 0;
	mutex_lock(&p->lock);
	while (!p->len) {
		if (!p->writers) {
			mutex_unlock(&p->lock);
			return 0;
		}
		if (f->flags & O_NONBLOCK) {
			mutex_unlock(&p->lock);
			return -EAGAIN;
		}
		mutex_unlock(&p->lock);
		wait_event(p->wait, p->len || !p->writers || current->killed);
		if (current->killed)
			return -EINTR;
		mutex_lock(&p->lock);
	}
	n = MIN(count, p->len);
	left = ring_copy(p, p->head, to, n, false);
	n -= left;
	p->head = (p->head + n) % PIPE_SIZE;
	p->len -= n;
	mutex_unlock(&p->lock);
	wake_up(&p->wait);
	return n ? (long)n : -EFAULT;
}

static long pipe_write(struct file *f, struct fs_iter *from, u32 count, u64 *pos)
{
	struct pipe *p = f->pipe;
	long done = 0;

	mutex_lock(&p->lock);
	while ((u32)done < count) {
		/* A write of PIPE_BUF bytes or less goes in at once. */
		u32 need = count <= PIPE_BUF ? count : 1;
		u32 n, left;

		if (!p->readers) {
			if (!done)
				done = -EPIPE;
			if (current->proc)	/* a process, not a kernel thread */
				task_kill(current, SIGPIPE);
			break;
		}
		if (PIPE_SIZE - p->len < need) {
			if (f->flags & O_NONBLOCK) {
				if (!done)
					done = -EAGAIN;
				break;
			}
			mutex_unlock(&p->lock);
			wait_event(p->wait, PIPE_SIZE - p->len >= need ||
				   !p->readers || current->killed);
			if (current->killed)
				return done ? done : -EINTR;
			mutex_lock(&p->lock);
			continue;
		}
		n = MIN(count - (u32)done, PIPE_SIZE - p->len);
		left = ring_copy(p, p->head + p->len, from, n, true);
		p->len += n - left;
		done += n - left;
		wake_up(&p->wait);
		if (left) {
			if (!done)
				done = -EFAULT;
			break;
		}
	}
	mutex_unlock(&p->lock);
	return done;
}

static void pipe_release(struct file *f)
{
	struct pipe *p = f->pipe;
	bool last;

	if (!p)
		return;		/* vfs_pipe() failed half-way */
	mutex_lock(&p->lock);
	if (file_can_read(f))
		p->readers--;
	else
		p->writers--;
	last = !p->readers && !p->writers;
	mutex_unlock(&p->lock);
	wake_up(&p->wait);
	if (last) {
		__free_page(p->page);
		obj_free(&pipe_cache, p);
	}
}

static const struct file_ops pipe_read_ops = {
	.kind = "pipe", .read = pipe_read, .release = pipe_release,
};

static const struct file_ops pipe_write_ops = {
	.kind = "pipe", .write = pipe_write, .release = pipe_release,
};

int vfs_pipe(struct file *ends[2])
{
	struct pipe *p = obj_alloc(&pipe_cache);

	if (!p)
		return -ENFILE;
	p->page = alloc_page(GFP_HIGHUSER);
	ends[0] = file_alloc(&pipe_read_ops, O_RDONLY);
	ends[1] = file_alloc(&pipe_write_ops, O_WRONLY);
	if (!p->page || !ends[0] || !ends[1]) {
		if (p->page)
			__free_page(p->page);
		obj_free(&pipe_cache, p);
		if (ends[0])
			fput(ends[0]);
		if (ends[1])
			fput(ends[1]);
		return -ENFILE;
	}
	mutex_init(&p->lock, "pipe");
	init_waitqueue_head(&p->wait);
	p->readers = p->writers = 1;
	ends[0]->pipe = ends[1]->pipe = p;
	return 0;
}

static long sys_pipe(int __user *ufds)
{
	struct files_struct *files = current_files();
	struct file *ends[2];
	int fds[2], err = vfs_pipe(ends);

	if (err)
		return err;
	fds[0] = fd_install(files, ends[0]);
	fds[1] = fds[0] < 0 ? -EMFILE : fd_install(files, ends[1]);
	if (fds[1] < 0) {
		if (fds[0] >= 0)
			files->fd[fds[0]] = NULL;
		fput(ends[0]);
		fput(ends[1]);
		return -EMFILE;
	}
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(files, fds[0]);
		fd_close(files, fds[1]);
		return -EFAULT;
	}
	return 0;
}
SYSCALL_DEFINE(__NR_pipe, pipe, sys_pipe);
