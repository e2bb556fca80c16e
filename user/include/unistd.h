/* SPDX-License-Identifier: MIT */
/*
 * The system calls, one wrapper each, Linux's i386 numbers through
 * `int 0x80` (lib/syscall.S). Each returns what the kernel returned, except
 * that an error becomes -1 with errno set (errno.h), as in any libc. syscall()
 * is the raw door for a call without a wrapper or with bad arguments on
 * purpose.
 */
#ifndef USER_UNISTD_H
#define USER_UNISTD_H

#include <stddef.h>
#include <uapi/hm386/dirent.h>
#include <uapi/hm386/fcntl.h>
#include <uapi/hm386/mman.h>
#include <uapi/hm386/mount.h>
#include <uapi/hm386/stat.h>
#include <uapi/hm386/sysinfo.h>
#include <uapi/hm386/unistd.h>
#include <uapi/hm386/utsname.h>
#include <uapi/hm386/wait.h>

#define STDIN_FILENO	0
#define STDOUT_FILENO	1
#define STDERR_FILENO	2
#define PAGE_SIZE	4096

/* EAX of system call @nr with up to six arguments, unchanged: -errno on
 * error (lib/syscall.S). */
long __syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
/* System call @nr with up to five arguments (missing ones are 0): -1 and
 * errno on error, as glibc's syscall(). */
long syscall(long nr, ...);

/* The environment: "NAME=value" strings, NULL-terminated; the auxiliary
 * vector: (key, value) pairs up to AT_NULL. Both as execve() left them. */
extern char **environ;
extern unsigned long *__auxv;
/* The value of auxv key @type, or 0 when absent. */
unsigned long getauxval(unsigned long type);

void _exit(int status) __attribute__((noreturn));
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t getpid(void);
pid_t getppid(void);
int sched_yield(void);
int nanosleep(const struct timespec32 *req, struct timespec32 *rem);

ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
int open(const char *path, int flags, ...);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
/* Read or write @count bytes at byte @offset of @fd, leaving its position
 * where it is (Linux's pread64/pwrite64: the offset in two registers). */
ssize_t pread64(int fd, void *buf, size_t count, long long offset);
ssize_t pwrite64(int fd, const void *buf, size_t count, long long offset);
int pipe(int fds[2]);
int dup2(int oldfd, int newfd);
int unlink(const char *path);
int rename(const char *oldpath, const char *newpath);
int mkdir(const char *path, mode_t mode);
int rmdir(const char *path);
int stat(const char *path, struct stat64 *st);
int lstat(const char *path, struct stat64 *st);
int fstat(int fd, struct stat64 *st);
/* Linux's getdents64: records of struct linux_dirent64 into @buf; the
 * number of bytes written, 0 at the end of the directory. */
ssize_t getdents64(int fd, void *buf, size_t count);
int truncate(const char *path, off_t length);
int ftruncate(int fd, off_t length);
int fsync(int fd);
int fdatasync(int fd);
void sync(void);
/* mount(2): flags 0 or MS_RDONLY (<uapi/hm386/mount.h>), data ignored. */
int mount(const char *source, const char *target, const char *type,
	  unsigned long flags, const void *data);
int umount2(const char *target, int flags);

/* The program break as the kernel's brk() returns it: the new break, or
 * the old one when @addr cannot be granted (0 asks for the current). */
unsigned long sys_brk(unsigned long addr);
/* Move the break by @increment bytes: the old break, or (void *)-1 and
 * ENOMEM. */
void *sbrk(long increment);
/* mmap2 with @offset in bytes (a multiple of the page size). */
void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t length, int prot);

/* sysinfo(2): memory (in units of info->mem_unit bytes), uptime, processes. */
int sysinfo(struct sysinfo *info);
/* uname(2): the kernel's name, release, version and machine. */
int uname(struct utsname *buf);

/* True when the kernel is hm386 (its own __NR_hm386_meminfo answers; on
 * Linux the number is unknown and returns -ENOSYS). */
bool on_hm386(void);

#endif
