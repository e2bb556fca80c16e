// SPDX-License-Identifier: MIT
/*
 * sysinfo(2) and uname(2) as Linux's i386 kernel answers them: memory
 * counts that agree with each other (free within total, HighMem within
 * both), in mem_unit bytes by Linux's rule, that see a file's pages leave
 * the free count and come back when it is removed, a process count that
 * sees a child; uname's strings terminated and
 * its machine an x86 one. On hm386 the counts must also match the
 * kernel's own per-zone report (hm386_meminfo).
 */
#include <child.h>
#include <errno.h>
#include <ktap.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* 8 MiB of page cache. Linux's free count lags by what its per-CPU page
 * lists and counter deltas hold (a few hundred pages): the checks allow
 * half the file for that. */
#define FILE_PAGES	2048
#define SLACK		(FILE_PAGES / 2)
#define MEMINFO_ZONES	3

static char path[32], page[PAGE_SIZE];

/* Free memory in pages from @si. */
static unsigned long free_pages_of(const struct sysinfo *si)
{
	return (unsigned long)((unsigned long long)si->freeram *
			       si->mem_unit / PAGE_SIZE);
}

/* True when a NUL ends the string within its @size bytes. */
static bool terminated(const char *s, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (!s[i])
			return true;
	return false;
}

static int child_counts_two(void *arg)
{
	struct sysinfo si;

	/* The child and its parent are both counted. */
	return sysinfo(&si) == 0 && si.procs >= 2 ? 0 : 1;
}

int main(void)
{
	struct sysinfo si, before, after;
	struct utsname u;
	unsigned long long total;
	int fd;

	ktap_begin("sysinfo_uname", 5);

	memset(&si, 0xff, sizeof(si));
	EXPECT_EQ(sysinfo(&si), 0);
	total = (unsigned long long)si.totalram * si.mem_unit;
	EXPECT(si.mem_unit == 1 || si.mem_unit == PAGE_SIZE);
	/* Linux's rule: bytes when all of RAM fits in 32 bits of bytes. */
	EXPECT_EQ(si.mem_unit == 1, total <= 0xffffffffULL);
	EXPECT(total >= 16ULL << 20);
	EXPECT(si.freeram > 0 && si.freeram <= si.totalram);
	EXPECT(si.totalhigh <= si.totalram);
	EXPECT(si.freehigh <= si.totalhigh);
	EXPECT(si.freehigh <= si.freeram);
	EXPECT_EQ(si.totalswap, 0);
	EXPECT_EQ(si.freeswap, 0);
	EXPECT(si.uptime >= 0);
	ktap_diag("totalram %lu freeram %lu totalhigh %lu freehigh %lu "
		  "mem_unit %u procs %u", si.totalram, si.freeram,
		  si.totalhigh, si.freehigh, si.mem_unit, si.procs);
	ktap_case("memory_counts_agree");

	if (on_hm386()) {
		unsigned int zone[2 * MEMINFO_ZONES];
		unsigned long free = 0, managed = 0;

		EXPECT_EQ(syscall(__NR_hm386_meminfo, (long)zone), 0);
		EXPECT_EQ(sysinfo(&si), 0);
		for (int z = 0; z < MEMINFO_ZONES; z++) {
			free += zone[z];
			managed += zone[MEMINFO_ZONES + z];
		}
		EXPECT_EQ((unsigned long long)si.totalram * si.mem_unit,
			  (unsigned long long)managed * PAGE_SIZE);
		EXPECT_EQ((unsigned long long)si.totalhigh * si.mem_unit,
			  (unsigned long long)zone[2 * MEMINFO_ZONES - 1] *
			  PAGE_SIZE);
		EXPECT_EQ((unsigned long long)si.freehigh * si.mem_unit,
			  (unsigned long long)zone[MEMINFO_ZONES - 1] *
			  PAGE_SIZE);
		EXPECT_EQ(free_pages_of(&si), free);
		ktap_case("matches_the_kernels_zones");
	} else {
		ktap_skip("matches_the_kernels_zones", "hm386 only");
	}

	/* A file's pages leave the free count, and come back at unlink. */
	snprintf(path, sizeof(path), "/sysinfo.%d", getpid());
	EXPECT_EQ(sysinfo(&before), 0);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	memset(page, 0x5a, sizeof(page));
	for (int i = 0; i < FILE_PAGES; i++)
		EXPECT_EQ(write(fd, page, PAGE_SIZE), PAGE_SIZE);
	EXPECT_EQ(sysinfo(&after), 0);
	EXPECT(free_pages_of(&before) >= free_pages_of(&after) + FILE_PAGES -
	       SLACK);
	close(fd);
	EXPECT_EQ(unlink(path), 0);
	EXPECT_EQ(sysinfo(&si), 0);
	EXPECT(free_pages_of(&si) + SLACK >= free_pages_of(&before));
	ktap_diag("free pages %lu before the file, %lu with it, %lu after",
		  free_pages_of(&before), free_pages_of(&after),
		  free_pages_of(&si));
	ktap_case("file_pages_leave_the_free_count");

	EXPECT_EQ(sysinfo(&si), 0);
	EXPECT(si.procs >= 1);
	EXPECT_EQ(run_child(child_counts_two, NULL), 0);
	EXPECT_EQ(sysinfo(NULL), -1);
	EXPECT_EQ(errno, EFAULT);
	ktap_case("procs_and_bad_pointer");

	memset(&u, 0xff, sizeof(u));
	EXPECT_EQ(uname(&u), 0);
	EXPECT(terminated(u.sysname, sizeof(u.sysname)));
	EXPECT(terminated(u.release, sizeof(u.release)));
	EXPECT(terminated(u.version, sizeof(u.version)));
	EXPECT(terminated(u.machine, sizeof(u.machine)));
	EXPECT(terminated(u.domainname, sizeof(u.domainname)));
	EXPECT(!strcmp(u.sysname, on_hm386() ? "hm386" : "Linux"));
	EXPECT(u.machine[0] == 'i' && !strcmp(u.machine + 2, "86"));
	EXPECT(u.release[0] >= '0' && u.release[0] <= '9');
	EXPECT_EQ(uname(NULL), -1);
	EXPECT_EQ(errno, EFAULT);
	ktap_diag("%s %s %s %s", u.sysname, u.release, u.version, u.machine);
	ktap_case("uname_names_the_kernel");
	return ktap_end();
}
