// SPDX-License-Identifier: MIT
/* One wrapper per system call: -errno from the kernel becomes -1 + errno. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

int errno;

/* The libc convention for EAX @ret: errors (-4095..-1) go to errno. */
static long ret(long ret)
{
	if ((unsigned long)ret > -(unsigned long)MAX_ERRNO - 1) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

#define SC0(nr)			ret(__syscall(nr, 0, 0, 0, 0, 0, 0))
#define SC1(nr, a)		ret(__syscall(nr, (long)(a), 0, 0, 0, 0, 0))
#define SC2(nr, a, b)		ret(__syscall(nr, (long)(a), (long)(b), 0, 0, 0, 0))
#define SC3(nr, a, b, c)	ret(__syscall(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0))

long syscall(long nr, ...)
{
	long a[5];
	va_list ap;

	va_start(ap, nr);
	for (int i = 0; i < 5; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return ret(__syscall(nr, a[0], a[1], a[2], a[3], a[4], 0));
}

void _exit(int status)
{
	for (;;)
		__syscall(__NR_exit_group, status, 0, 0, 0, 0, 0);
}

void exit(int status)
{
	_exit(status);
}

pid_t fork(void) { return SC0(__NR_fork); }
pid_t getpid(void) { return SC0(__NR_getpid); }
pid_t getppid(void) { return SC0(__NR_getppid); }
int sched_yield(void) { return SC0(__NR_sched_yield); }

int execve(const char *path, char *const argv[], char *const envp[])
{
	return SC3(__NR_execve, path, argv, envp);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return ret(__syscall(__NR_wait4, pid, (long)status, options, 0, 0, 0));
}

int nanosleep(const struct timespec32 *req, struct timespec32 *rem)
{
	return SC2(__NR_nanosleep, req, rem);
}

ssize_t read(int fd, void *buf, size_t count)
{
	return SC3(__NR_read, fd, buf, count);
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return SC3(__NR_write, fd, buf, count);
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = va_arg(ap, mode_t);	/* whatever is there when not O_CREAT */
	va_end(ap);
	return SC3(__NR_open, path, flags, mode);
}

int close(int fd) { return SC1(__NR_close, fd); }

off_t lseek(int fd, off_t offset, int whence)
{
	return SC3(__NR_lseek, fd, offset, whence);
}

/* The i386 ABI splits the 64-bit offset: low word in ESI, high in EDI. */
ssize_t pread64(int fd, void *buf, size_t count, long long offset)
{
	return ret(__syscall(__NR_pread64, fd, (long)buf, (long)count,
			     (long)offset, (long)(offset >> 32), 0));
}

ssize_t pwrite64(int fd, const void *buf, size_t count, long long offset)
{
	return ret(__syscall(__NR_pwrite64, fd, (long)buf, (long)count,
			     (long)offset, (long)(offset >> 32), 0));
}

int pipe(int fds[2]) { return SC1(__NR_pipe, fds); }
int dup2(int oldfd, int newfd) { return SC2(__NR_dup2, oldfd, newfd); }
int unlink(const char *path) { return SC1(__NR_unlink, path); }

int rename(const char *oldpath, const char *newpath)
{
	return SC2(__NR_rename, oldpath, newpath);
}

int mkdir(const char *path, mode_t mode) { return SC2(__NR_mkdir, path, mode); }
int rmdir(const char *path) { return SC1(__NR_rmdir, path); }
int stat(const char *path, struct stat64 *st) { return SC2(__NR_stat64, path, st); }
int lstat(const char *path, struct stat64 *st) { return SC2(__NR_lstat64, path, st); }
int fstat(int fd, struct stat64 *st) { return SC2(__NR_fstat64, fd, st); }

int truncate(const char *path, off_t length) { return SC2(__NR_truncate, path, length); }
int ftruncate(int fd, off_t length) { return SC2(__NR_ftruncate, fd, length); }
int fsync(int fd) { return SC1(__NR_fsync, fd); }
int fdatasync(int fd) { return SC1(__NR_fdatasync, fd); }
void sync(void) { __syscall(__NR_sync, 0, 0, 0, 0, 0, 0); }

int mount(const char *source, const char *target, const char *type,
	  unsigned long flags, const void *data)
{
	return ret(__syscall(__NR_mount, (long)source, (long)target, (long)type,
			     (long)flags, (long)data, 0));
}

int umount2(const char *target, int flags) { return SC2(__NR_umount2, target, flags); }

ssize_t getdents64(int fd, void *buf, size_t count)
{
	return SC3(__NR_getdents64, fd, buf, count);
}

unsigned long sys_brk(unsigned long addr)
{
	return (unsigned long)__syscall(__NR_brk, (long)addr, 0, 0, 0, 0, 0);
}

void *sbrk(long increment)
{
	unsigned long old = sys_brk(0);

	if (increment && sys_brk(old + increment) != old + increment) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return (void *)old;
}

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	if (offset & (PAGE_SIZE - 1)) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	return (void *)ret(__syscall(__NR_mmap2, (long)addr, length, prot,
				     flags, fd, offset / PAGE_SIZE));
}

int munmap(void *addr, size_t length) { return SC2(__NR_munmap, addr, length); }

int mprotect(void *addr, size_t length, int prot)
{
	return SC3(__NR_mprotect, addr, length, prot);
}

int sysinfo(struct sysinfo *info) { return SC1(__NR_sysinfo, info); }
int uname(struct utsname *buf) { return SC1(__NR_uname, buf); }

bool on_hm386(void)
{
	return __syscall(__NR_hm386_meminfo, 0, 0, 0, 0, 0, 0) != -ENOSYS;
}
