// SPDX-License-Identifier: MIT
/*
 * execve(): load a static i386 ELF executable (ET_EXEC) into a new address
 * space and start it with the initial stack Linux lays out:
 *
 *	argc, argv[0..argc-1], NULL, envp[...], NULL,
 *	auxv pairs (AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_ENTRY, ids,
 *	AT_CLKTCK, AT_SECURE, AT_RANDOM, AT_EXECFN), AT_NULL,
 *	then 16 random bytes, the argument and environment strings, the file
 *	name, and a NULL word at the very top.
 *
 * ESP points at argc, 16-byte aligned. Everything that can be refused is
 * checked before the old program is dropped (the file, its headers, its
 * segments, the arguments); after that point only a shortage of memory can
 * fail, and it ends the process as Linux does.
 *
 * The segments are anonymous memory filled by copying the file's bytes in
 * with copy_to_user(): each first touch is a demand-zero fault from kernel
 * mode that gives the page a HighMem frame. Text is then made read-only and
 * executable, data read-write and NX. The stack is NX when PT_GNU_STACK
 * says so (gcc and ld mark every object: -z noexecstack), executable when
 * it asks for that or is missing, as Linux's i386 loader decides (Linux
 * then also makes readable mappings executable, READ_IMPLIES_EXEC: hm386
 * does not).
 */
#include <arch/x86/cpu.h>
#include <arch/x86/gdt.h>
#include <arch/x86/syscall.h>
#include <arch/x86/uaccess.h>
#include <fs/file.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/syscall.h>
#include <lib/elf.h>
#include <lib/err.h>
#include <lib/string.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <uapi/hm386/auxv.h>
#include <uapi/hm386/fcntl.h>
#include <uapi/hm386/wait.h>
#include "proc/internal.h"

#define EXEC_PATH_MAX	256
#define EXEC_PHNUM_MAX	16
#define EXEC_STRINGS	(11 * 1024)	/* argument and environment bytes */
#define EXEC_ARGS_MAX	256		/* argv plus envp entries */
#define EXEC_ARGS_ORDER	2		/* struct exec_args: 16 KiB */

struct exec_args {
	u32 argc, envc, used;
	u16 off[EXEC_ARGS_MAX];		/* each string's offset in strings */
	char strings[EXEC_STRINGS];
};

struct exec_image {
	struct elf32_ehdr eh;
	struct elf32_phdr ph[EXEC_PHNUM_MAX];
	u32 phdr_addr;			/* AT_PHDR */
	u32 end;			/* the end of the highest segment */
	bool exec_stack;		/* PT_GNU_STACK asks for it, or is missing */
};

/* Append one string to @a; -E2BIG when it does not fit. */
static int add_kernel_string(struct exec_args *a, const char *s)
{
	u32 len = strlen(s) + 1;

	if (a->argc + a->envc >= EXEC_ARGS_MAX || len > EXEC_STRINGS - a->used)
		return -E2BIG;
	a->off[a->argc + a->envc] = a->used;
	memcpy(a->strings + a->used, s, len);
	a->used += len;
	return 0;
}

static int add_user_string(struct exec_args *a, const char __user *s)
{
	long len;

	if (a->argc + a->envc >= EXEC_ARGS_MAX)
		return -E2BIG;
	len = strncpy_from_user(a->strings + a->used, s, EXEC_STRINGS - a->used);
	if (len < 0)
		return len;
	if (len == (long)(EXEC_STRINGS - a->used))
		return -E2BIG;
	a->off[a->argc + a->envc] = a->used;
	a->used += len + 1;
	return 0;
}

/* Copy a NULL-terminated user array of strings; *@count counts them. */
static int add_user_vector(struct exec_args *a, const u32 __user *vec, u32 *count)
{
	for (u32 i = 0; vec; i++) {
		u32 ptr;
		int err;

		if (get_user_u32(&ptr, vec + i))
			return -EFAULT;
		if (!ptr)
			return 0;
		err = add_user_string(a, (const char __user *)ptr);
		if (err)
			return err;
		(*count)++;
	}
	return 0;
}

static int add_kernel_vector(struct exec_args *a, char *const vec[], u32 *count)
{
	for (u32 i = 0; vec && vec[i]; i++) {
		int err = add_kernel_string(a, vec[i]);

		if (err)
			return err;
		(*count)++;
	}
	return 0;
}

static u32 vm_flags_of(u32 p_flags)
{
	return (p_flags & PF_R ? VM_READ : 0) | (p_flags & PF_W ? VM_WRITE : 0) |
	       (p_flags & PF_X ? VM_EXEC : 0);
}

/* Read and check the headers: -ENOEXEC for anything we cannot run. */
static int read_image(struct file *f, struct exec_image *img)
{
	struct elf32_ehdr *eh = &img->eh;
	u64 size = file_size(f);
	u32 prev_end = 0, nr_load = 0;

	if (kernel_read(f, eh, sizeof(*eh), 0) != sizeof(*eh) ||
	    memcmp(eh->ident, ELFMAG, 4) || eh->ident[EI_CLASS] != ELFCLASS32 ||
	    eh->ident[EI_DATA] != ELFDATA2LSB || eh->machine != EM_386 ||
	    eh->type != ET_EXEC || eh->phentsize != sizeof(struct elf32_phdr) ||
	    !eh->phnum || eh->phnum > EXEC_PHNUM_MAX)
		return -ENOEXEC;
	if (kernel_read(f, img->ph, eh->phnum * sizeof(img->ph[0]), eh->phoff) !=
	    (long)(eh->phnum * sizeof(img->ph[0])))
		return -ENOEXEC;
	img->phdr_addr = 0;
	img->end = 0;
	/* As Linux's i386 ELF loader: without PT_GNU_STACK the stack executes. */
	img->exec_stack = true;
	for (u32 i = 0; i < eh->phnum; i++) {
		const struct elf32_phdr *ph = &img->ph[i];
		u32 start = ph->vaddr & PAGE_MASK;

		if (ph->type == PT_INTERP)
			return -ENOEXEC;	/* dynamically linked */
		if (ph->type == PT_PHDR)
			img->phdr_addr = ph->vaddr;
		if (ph->type == PT_GNU_STACK)
			img->exec_stack = ph->flags & PF_X;
		if (ph->type != PT_LOAD || !ph->memsz)
			continue;
		if (ph->filesz > ph->memsz || ph->vaddr < USER_MIN_ADDR ||
		    ph->vaddr + ph->memsz < ph->vaddr ||
		    ph->vaddr + ph->memsz > USER_MMAP_TOP ||
		    (u64)ph->offset + ph->filesz > size || start < prev_end)
			return -ENOEXEC;	/* overlapping or out of range */
		prev_end = ALIGN_UP(ph->vaddr + ph->memsz, PAGE_SIZE);
		img->end = prev_end;
		if (!img->phdr_addr && eh->phoff >= ph->offset &&
		    eh->phoff + eh->phnum * sizeof(*ph) <= ph->offset + ph->filesz)
			img->phdr_addr = ph->vaddr + eh->phoff - ph->offset;
		nr_load++;
	}
	return nr_load ? 0 : -ENOEXEC;
}

/* The segments' VMAs, writable until they are filled; the stack. */
static int map_image(struct mm_struct *mm, const struct exec_image *img)
{
	int err;

	for (u32 i = 0; i < img->eh.phnum; i++) {
		const struct elf32_phdr *ph = &img->ph[i];
		u32 start = ph->vaddr & PAGE_MASK;

		if (ph->type != PT_LOAD || !ph->memsz)
			continue;
		err = mm_map(mm, start, ALIGN_UP(ph->vaddr + ph->memsz, PAGE_SIZE) - start,
			     vm_flags_of(ph->flags) | VM_READ | VM_WRITE);
		if (err)
			return err;
	}
	mm->start_brk = mm->brk = img->end;
	return mm_map(mm, USER_STACK_TOP - USER_STACK_MAX, USER_STACK_MAX,
		      VM_READ | VM_WRITE | VM_STACK |
		      (img->exec_stack ? VM_EXEC : 0));
}

/* Copy the file's bytes of every segment in, then set the protections. */
static int fill_image(struct file *f, const struct exec_image *img, u8 *buf)
{
	for (u32 i = 0; i < img->eh.phnum; i++) {
		const struct elf32_phdr *ph = &img->ph[i];
		u32 start = ph->vaddr & PAGE_MASK;
		int err;

		if (ph->type != PT_LOAD || !ph->memsz)
			continue;
		for (u32 done = 0; done < ph->filesz; ) {
			u32 n = MIN(ph->filesz - done, (u32)PAGE_SIZE);

			if (kernel_read(f, buf, n, ph->offset + done) != (long)n)
				return -EIO;
			if (copy_to_user((void __user *)(ph->vaddr + done), buf, n))
				return -ENOMEM;
			done += n;
		}
		err = mm_protect(current->mm, start,
				 ALIGN_UP(ph->vaddr + ph->memsz, PAGE_SIZE) - start,
				 vm_flags_of(ph->flags));
		if (err)
			return err;
	}
	return 0;
}

/* Push @len bytes at *@sp (moving it down); false when the copy fails. */
static bool push_bytes(u32 *sp, const void *data, u32 len)
{
	*sp -= len;
	return !copy_to_user((void __user *)*sp, data, len);
}

/* Lay out the initial stack (the top comment); returns the new ESP, or 0. */
static u32 build_stack(const struct exec_args *a, const char *path,
		       const struct exec_image *img, u32 *words)
{
	u32 sp = USER_STACK_TOP, zero = 0, strings, execfn, random, n = 0;
	u32 rnd[4];
	u64 t = rdtsc();

	for (u32 i = 0; i < 4; i++) {
		t ^= t << 13;
		t ^= t >> 7;
		t ^= t << 17;
		rnd[i] = (u32)t;
	}
	if (!push_bytes(&sp, &zero, sizeof(zero)) ||
	    !push_bytes(&sp, path, strlen(path) + 1))
		return 0;
	execfn = sp;
	if (!push_bytes(&sp, a->strings, a->used))
		return 0;
	strings = sp;
	if (!push_bytes(&sp, rnd, sizeof(rnd)))
		return 0;
	random = sp;

	words[n++] = a->argc;
	for (u32 i = 0; i < a->argc; i++)
		words[n++] = strings + a->off[i];
	words[n++] = 0;
	for (u32 i = 0; i < a->envc; i++)
		words[n++] = strings + a->off[a->argc + i];
	words[n++] = 0;
#define AUX(key, val) do { words[n++] = (key); words[n++] = (val); } while (0)
	AUX(AT_PHDR, img->phdr_addr);
	AUX(AT_PHENT, sizeof(struct elf32_phdr));
	AUX(AT_PHNUM, img->eh.phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_ENTRY, img->eh.entry);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_CLKTCK, 100);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, random);
	AUX(AT_EXECFN, execfn);
	AUX(AT_NULL, 0);
#undef AUX
	sp = (sp - n * sizeof(u32)) & ~15U;
	if (copy_to_user((void __user *)sp, words, n * sizeof(u32)))
		return 0;
	return sp;
}

static void start_registers(struct trap_frame *tf, u32 entry, u32 sp)
{
	memset(tf, 0, sizeof(*tf));
	tf->cs = GDT_USER_CS;
	tf->ds = tf->es = tf->user_ss = GDT_USER_DS;
	tf->eflags = X86_EFLAGS_IF | 0x2;
	tf->eip = entry;
	tf->user_esp = sp;
}

static void set_comm(const char *path)
{
	const char *base = strrchr(path, '/');
	struct process *p = current_process();

	strlcpy(p->comm, base ? base + 1 : path, sizeof(p->comm));
	strlcpy(current->name, p->comm, sizeof(current->name));
}

/* Everything after the checks: swap the address space, fill it, start. */
static int exec_image(struct file *f, const char *path, struct exec_args *a,
		      struct exec_image *img, struct trap_frame *tf)
{
	struct mm_struct *mm = mm_create(), *old;
	u32 sp, *words;
	int err;

	if (!mm)
		return -ENOMEM;
	err = map_image(mm, img);
	if (err) {
		mm_destroy(mm);
		return err;
	}
	/* The point of no return: the old program is gone. */
	old = use_mm(mm);
	if (old)
		mm_destroy(old);
	if (current->files)
		files_close_on_exec(current->files);
	set_comm(path);

	words = (u32 *)((u8 *)a + ALIGN_UP(sizeof(*a), 4));	/* a page left */
	err = fill_image(f, img, (u8 *)words);
	sp = err ? 0 : build_stack(a, path, img, words);
	if (!sp) {
		pr_err("hm386: pid %u (%s): execve of %s failed after the old "
		       "program was gone (%d): killed\n", current_process()->pid,
		       current_process()->comm, path, err ? err : -ENOMEM);
		do_exit(W_EXITCODE(0, SIGSEGV));
	}
	start_registers(tf, img->eh.entry, sp);
	__atomic_fetch_add(&proc_stats.execs, 1, __ATOMIC_RELAXED);
	return 0;
}

static int exec_load(const char *path, struct exec_args *a, struct trap_frame *tf)
{
	struct exec_image *img;
	struct file *f;
	int err;

	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	err = -EACCES;
	if (!file_is_regular(f))
		goto out;
	err = -ENOMEM;
	img = (void *)__get_free_pages(GFP_KERNEL, 0);
	if (!img)
		goto out;
	err = read_image(f, img);
	if (!err)
		err = exec_image(f, path, a, img, tf);
	free_pages((u32)img, 0);
out:
	fput(f);
	return err;
}

static struct exec_args *args_alloc(void)
{
	struct exec_args *a = (void *)__get_free_pages(GFP_KERNEL, EXEC_ARGS_ORDER);

	BUILD_BUG_ON(sizeof(struct exec_args) > (PAGE_SIZE << EXEC_ARGS_ORDER) -
		     PAGE_SIZE);	/* a page stays for the file and stack words */
	if (a)
		a->argc = a->envc = a->used = 0;
	return a;
}

int do_execve(const char *path, char *const argv[], char *const envp[],
	      struct trap_frame *tf)
{
	struct exec_args *a = args_alloc();
	int err;

	if (!a)
		return -ENOMEM;
	err = add_kernel_vector(a, argv, &a->argc);
	if (!err)
		err = add_kernel_vector(a, envp, &a->envc);
	if (!err)
		err = exec_load(path, a, tf);
	free_pages((u32)a, EXEC_ARGS_ORDER);
	return err;
}

static long sys_execve(const char __user *filename, const u32 __user *argv,
		       const u32 __user *envp)
{
	char path[EXEC_PATH_MAX];
	struct exec_args *a;
	long len = strncpy_from_user(path, filename, sizeof(path));
	int err;

	if (len < 0)
		return len;
	if (len == sizeof(path))
		return -ENAMETOOLONG;
	a = args_alloc();
	if (!a)
		return -ENOMEM;
	err = add_user_vector(a, argv, &a->argc);
	if (!err)
		err = add_user_vector(a, envp, &a->envc);
	if (!err)
		err = exec_load(path, a, current_user_frame());
	free_pages((u32)a, EXEC_ARGS_ORDER);
	return err;
}
SYSCALL_DEFINE(__NR_execve, execve, sys_execve);
