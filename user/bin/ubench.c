// SPDX-License-Identifier: MIT
/*
 * /bin/ubench [iters=N] [batches=B] [only=NAME] [profile]: the same static
 * benchmark on Linux and on hm386 (tools/bench_linux.py boots it as PID 1
 * on both; `profile`: profile_batch() below). Each figure is
 * timed with rdtsc around batches of operations; under QEMU's
 * `-icount shift=0` the TSC counts instructions, so a figure is
 * instructions per operation and repeats exactly from run to run.
 *
 * One untimed batch warms each figure up, then B timed batches; a figure
 * reports its per-operation cost as the minimum and the median of the
 * batch means (a timer tick lands in some batches, not in all):
 *
 *	KTAP version 1
 *	# ubench: kernel=hm386 release=0.1.0 iters=1000 batches=9 ...
 *	1..9
 *	ubench: syscall.null ops=1000 cycles=C min=M.m median=D.d
 *	ok 1 syscall.null
 *	...
 *	# ubench: 9 figures, 0 failed
 *
 * cycles is the whole minimum batch; min and median are per operation,
 * with one decimal. read.4k and write.4k add where=highmem|lowmem|unknown:
 * where the file's pages came from, told by sysinfo(2)'s HighMem counts
 * before and after the file was written. A figure whose operations failed
 * is "not ok" with a diagnostic, and the exit status is 1.
 *
 * iters=N is the operations per batch of the cheap figures (default
 * 1000); the costly ones do a fixed fraction of it (at least one). only=NAME
 * runs the figures whose names start with NAME (the others print
 * "ok N NAME # SKIP"): to profile one from outside. As PID 1
 * on Linux it ends the virtual machine (end_vm.h); on hm386 it exits.
 */
#include <end_vm.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_ITERS	1000
#define DEFAULT_BATCHES	9
#define MAX_BATCHES	64

#define SMALL_REGION	(1U << 20)	/* fork.1m, fault.cow */
#define LARGE_REGION	(64U << 20)	/* fork.64m */
#define FILE_PAGES	1024		/* the read/write file: 4 MiB */
#define DATA_PATH	"/ubench.data"
#define TRUE_PATH	"/bin/true"

typedef unsigned long long u64;

static inline u64 rdtsc(void)
{
	u64 t;

	__asm__ volatile("rdtsc" : "=A"(t));
	return t;
}

/*
 * A figure: run(ops) does @ops operations and returns the TSC cycles they
 * took, or 0 when one failed (after a diagnostic). ops_div divides iters
 * into the operations of one batch.
 */
struct figure {
	const char *name;
	unsigned int ops_div;
	u64 (*run)(unsigned int ops);
	const char *where;		/* NULL, or where= for the line */
};

static unsigned int iters = DEFAULT_ITERS, batches = DEFAULT_BATCHES;
static const char *only = "";
static bool profile;	/* `profile`: one more batch, its kernel work counted */
static char *region;			/* the touched anonymous memory */
static size_t region_size;
static int data_fd = -1;
static char io_buf[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static const char *file_where = "unknown";

static u64 op_syscall(unsigned int ops)
{
	u64 t = rdtsc();

	for (unsigned int i = 0; i < ops; i++)
		getppid();
	return rdtsc() - t;
}

/* fork(), the child _exit()s at once, the parent wait4()s: @ops times. */
static u64 op_fork(unsigned int ops)
{
	u64 t = rdtsc();

	for (unsigned int i = 0; i < ops; i++) {
		int status;
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status) {
			printf("# fork: %s\n", strerror(errno));
			return 0;
		}
	}
	return rdtsc() - t;
}

/* fork(), the child execve()s /bin/true, the parent waits: @ops times. */
static u64 op_execve(unsigned int ops)
{
	static char *argv[] = { TRUE_PATH, NULL };
	static char *envp[] = { NULL };
	u64 t = rdtsc();

	for (unsigned int i = 0; i < ops; i++) {
		int status;
		pid_t pid = fork();

		if (pid == 0) {
			execve(TRUE_PATH, argv, envp);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status) {
			printf("# execve: %s, status 0x%x\n", strerror(errno),
			       pid < 0 ? 0 : status);
			return 0;
		}
	}
	return rdtsc() - t;
}

/* Map @size bytes of anonymous memory and write one byte per page. */
static int map_region(size_t size)
{
	region = mmap(NULL, size, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED) {
		printf("# mmap of %u KiB: %s\n", (unsigned)(size >> 10),
		       strerror(errno));
		region = NULL;
		return -1;
	}
	region_size = size;
	for (size_t off = 0; off < size; off += PAGE_SIZE)
		region[off] = (char)(off >> 12);
	return 0;
}

static void unmap_region(void)
{
	if (region)
		munmap(region, region_size);
	region = NULL;
}

/* The first write to each of @ops fresh anonymous pages. */
static u64 op_fault_zero(unsigned int ops)
{
	char *p = mmap(NULL, (size_t)ops * PAGE_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	u64 t;

	if (p == MAP_FAILED) {
		printf("# mmap: %s\n", strerror(errno));
		return 0;
	}
	t = rdtsc();
	for (unsigned int i = 0; i < ops; i++)
		p[(size_t)i * PAGE_SIZE] = 1;
	t = rdtsc() - t;
	munmap(p, (size_t)ops * PAGE_SIZE);
	return t;
}

/*
 * The first write to each of @ops pages of the region after a fork, in the
 * child (the page is shared with the parent, who waits): the child sends
 * its cycles through a pipe.
 */
static u64 op_fault_cow(unsigned int ops)
{
	int fds[2], status;
	u64 t = 0;
	pid_t pid;

	if (ops > region_size / PAGE_SIZE) {
		printf("# fault.cow: %u pages, the region has %u\n", ops,
		       (unsigned)(region_size / PAGE_SIZE));
		return 0;
	}
	if (pipe(fds)) {
		printf("# pipe: %s\n", strerror(errno));
		return 0;
	}
	pid = fork();
	if (pid == 0) {
		u64 c = rdtsc();

		for (unsigned int i = 0; i < ops; i++)
			region[(size_t)i * PAGE_SIZE] ^= 1;
		c = rdtsc() - c;
		_exit(write(fds[1], &c, sizeof(c)) == sizeof(c) ? 0 : 1);
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], &t, sizeof(t)) != sizeof(t) ||
	    waitpid(pid, &status, 0) != pid || status) {
		printf("# fault.cow: the child did not report\n");
		t = 0;
	}
	close(fds[0]);
	return t;
}

static u64 op_read(unsigned int ops)
{
	u64 t = rdtsc();

	for (unsigned int i = 0; i < ops; i++) {
		if (pread64(data_fd, io_buf, PAGE_SIZE, 0) != PAGE_SIZE) {
			printf("# pread64: %s\n", strerror(errno));
			return 0;
		}
	}
	return rdtsc() - t;
}

static u64 op_write(unsigned int ops)
{
	u64 t = rdtsc();

	for (unsigned int i = 0; i < ops; i++) {
		if (pwrite64(data_fd, io_buf, PAGE_SIZE, 0) != PAGE_SIZE) {
			printf("# pwrite64: %s\n", strerror(errno));
			return 0;
		}
	}
	return rdtsc() - t;
}

/* HighMem pages, free and total, from sysinfo() (0, 0 when it fails). */
static void highmem_pages(u64 *free, u64 *total, u64 *free_all)
{
	struct sysinfo si;

	*free = *total = *free_all = 0;
	if (sysinfo(&si))
		return;
	*free = (u64)si.freehigh * si.mem_unit / PAGE_SIZE;
	*total = (u64)si.totalhigh * si.mem_unit / PAGE_SIZE;
	*free_all = (u64)si.freeram * si.mem_unit / PAGE_SIZE;
}

/*
 * Create the data file (FILE_PAGES pages of page cache) and tell where its
 * pages came from: HighMem when HighMem's free count fell by at least half
 * the file (Linux's count lags by what its per-CPU lists hold), lowmem
 * when there is no HighMem or it did not move while the total did.
 */
static int make_file(void)
{
	u64 hfree0, htotal, free0, hfree1, free1;

	highmem_pages(&hfree0, &htotal, &free0);
	data_fd = open(DATA_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (data_fd < 0) {
		printf("# open %s: %s\n", DATA_PATH, strerror(errno));
		return -1;
	}
	for (unsigned int i = 0; i < FILE_PAGES; i++) {
		memset(io_buf, (int)i, sizeof(io_buf));
		if (write(data_fd, io_buf, PAGE_SIZE) != PAGE_SIZE) {
			printf("# write %s: %s\n", DATA_PATH, strerror(errno));
			return -1;
		}
	}
	highmem_pages(&hfree1, &htotal, &free1);
	if (htotal && hfree0 >= hfree1 + FILE_PAGES / 2)
		file_where = "highmem";
	else if ((!htotal || hfree0 < hfree1 + FILE_PAGES / 8) &&
		 free0 >= free1 + FILE_PAGES / 2)
		file_where = "lowmem";
	printf("# ubench: %s: %u pages; free pages %llu -> %llu, HighMem "
	       "%llu -> %llu of %llu: where=%s\n", DATA_PATH, FILE_PAGES,
	       free0, free1, hfree0, hfree1, htotal, file_where);
	return 0;
}

/* Insertion sort of @n values. */
static void sort(u64 *v, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		u64 x = v[i];
		unsigned int j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Print @cycles / @ops as " KEY=M.m" (one decimal, rounded down). */
static void print_per_op(const char *key, u64 cycles, unsigned int ops)
{
	u64 tenths = cycles * 10;
	unsigned int tenth;

	div64_32(&tenths, ops);
	tenth = div64_32(&tenths, 10);
	printf(" %s=%llu.%u", key, tenths, tenth);
}

/*
 * With `profile` (hm386 booted with bench_profile=on): one more batch of
 * @f, whose kernel instructions hm386 counts by function and prints as
 * `bench: ubench.NAME profile steps=N FUNC=COUNT ...` (hm386_profile(),
 * top/profile.c; tools/bench.py divides by the ops of the line before).
 * Linux has no such call: there the batch just runs again.
 */
static bool profile_batch(const struct figure *f, unsigned int ops)
{
	char name[40];
	bool ok;

	snprintf(name, sizeof(name), "ubench.%s", f->name);
	syscall(__NR_hm386_profile, 1L, 0L);
	ok = f->run(ops) != 0;
	syscall(__NR_hm386_profile, 0L, (long)name);
	return ok;
}

/*
 * Run figure @f: a warm-up batch, then the timed ones; print its line and
 * its KTAP result (number @n). Returns true when every batch worked.
 */
static bool measure(const struct figure *f, int n)
{
	unsigned int ops = iters / f->ops_div ? iters / f->ops_div : 1;
	u64 cycles[MAX_BATCHES];

	if (strncmp(f->name, only, strlen(only))) {
		printf("ok %d %s # SKIP only=%s\n", n, f->name, only);
		return true;
	}
	if (!f->run(ops))
		goto failed;
	for (unsigned int b = 0; b < batches; b++) {
		cycles[b] = f->run(ops);
		if (!cycles[b])
			goto failed;
	}
	sort(cycles, batches);
	printf("ubench: %s ops=%u cycles=%llu", f->name, ops, cycles[0]);
	print_per_op("min", cycles[0], ops);
	print_per_op("median", cycles[batches / 2], ops);
	if (f->where)
		printf(" where=%s", f->where);
	printf("\n");
	if (profile && !profile_batch(f, ops))
		goto failed;
	printf("ok %d %s\n", n, f->name);
	return true;
failed:
	printf("not ok %d %s\n", n, f->name);
	return false;
}

/* iters=N and batches=B; false (with a diagnostic) for anything else. */
static bool parse_args(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		char *end;

		if (!strncmp(argv[i], "only=", 5)) {
			only = argv[i] + 5;
			continue;
		}
		if (!strcmp(argv[i], "profile")) {
			profile = true;
			continue;
		}
		if (!strncmp(argv[i], "iters=", 6)) {
			iters = (unsigned int)strtol(argv[i] + 6, &end, 10);
		} else if (!strncmp(argv[i], "batches=", 8)) {
			batches = (unsigned int)strtol(argv[i] + 8, &end, 10);
		} else {
			printf("# ubench: unknown argument '%s'\n", argv[i]);
			return false;
		}
		if (*end || !iters || !batches || batches > MAX_BATCHES) {
			printf("# ubench: bad value in '%s'\n", argv[i]);
			return false;
		}
	}
	return true;
}

int main(int argc, char **argv)
{
	/* In this order: fork.0 and execve before any region is touched;
	 * fork.1m and fault.cow on 1 MiB, fork.64m on 64 MiB. */
	struct figure figs[] = {
		{ "syscall.null", 1, op_syscall, NULL },
		{ "fork.0", 20, op_fork, NULL },
		{ "execve", 20, op_execve, NULL },
		{ "fault.zero", 1, op_fault_zero, NULL },
		{ "read.4k", 1, op_read, NULL },
		{ "write.4k", 1, op_write, NULL },
		{ "fork.1m", 20, op_fork, NULL },
		{ "fault.cow", 4, op_fault_cow, NULL },
		{ "fork.64m", 200, op_fork, NULL },
	};
	int nr = sizeof(figs) / sizeof(figs[0]), failed = 0, i = 0;
	struct utsname u;
	bool ok = parse_args(argc, argv);

	if (uname(&u))
		strlcpy(u.sysname, "?", sizeof(u.sysname));
	printf("KTAP version 1\n# ubench: kernel=%s release=%s iters=%u "
	       "batches=%u\n1..%d\n", u.sysname, u.release, iters, batches, nr);
	if (ok && !make_file()) {
		figs[4].where = figs[5].where = file_where;
		for (; i < nr; i++) {
			if (i == 6 && map_region(SMALL_REGION))
				break;
			if (i == 8) {
				unmap_region();
				if (map_region(LARGE_REGION))
					break;
			}
			failed += !measure(&figs[i], i + 1);
		}
		unmap_region();
	}
	for (; i < nr; i++, failed++)	/* what could not run */
		printf("not ok %d %s\n", i + 1, figs[i].name);
	if (data_fd >= 0) {
		close(data_fd);
		unlink(DATA_PATH);
	}
	printf("# ubench: %d figures, %d failed\n", nr, failed);
	if (getpid() == 1 && !on_hm386())
		linux_end_vm(!failed);
	return failed ? 1 : 0;
}
