// SPDX-License-Identifier: MIT
/*
 * ext2_walk [-r] [-m DEVICE] DIR: print the tree under DIR for the host's ext2
 * round trip (tests/ext2/roundtrip.py), one line per entry:
 *
 *	D /path			a directory
 *	F /path SIZE FNV	a regular file: its size and the FNV-1a (32
 *				bits) of its bytes, read through read(2)
 *	O /path MODE		anything else
 *	E /path ERRNO what	a call that failed (a damaged disk: EIO)
 *
 * paths relative to DIR, in the order getdents64 gives them (the host
 * sorts). With -m, DEVICE is mounted at DIR first (mkdir DIR if needed;
 * read-only with -r) and unmounted at the end. The last line is "ext2_walk: done, F files,
 * D directories, E errors"; the exit status is 0 when E is 0.
 *
 * Run with no argument (as /bin/runtests and the Linux reference run do)
 * it has no file system to walk and says so as a skipped KTAP test.
 */
#include <errno.h>
#include <ktap.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <uapi/hm386/mount.h>

#define PATH_LEN	1024
#define READ_CHUNK	65536

static char path[PATH_LEN];
static size_t root_len;
static unsigned char data[READ_CHUNK];
static int files, dirs, errors;

static void error(const char *what)
{
	printf("E %s %d %s\n", path + root_len, errno, what);
	errors++;
}

static void walk_file(void)
{
	unsigned int h = 0x811c9dc5u;
	long long size = 0;
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return error("open");
	while ((n = read(fd, data, sizeof(data))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			h = (h ^ data[i]) * 0x01000193u;
		size += n;
	}
	if (n < 0)
		error("read");
	else
		printf("F %s %lld %08x\n", path + root_len, size, h);
	files++;
	close(fd);
}

static void walk_dir(void)
{
	char buf[1024];			/* one per level: we recurse */
	size_t len = strlen(path);
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	ssize_t n;

	if (fd < 0)
		return error("open dir");
	if (len > root_len)
		printf("D %s\n", path + root_len);
	dirs++;
	for (;;) {
		n = getdents64(fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		for (ssize_t off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);
			char name[256];
			struct stat64 st;

			off += d->d_reclen;
			strlcpy(name, d->d_name, sizeof(name));
			if (!strcmp(name, ".") || !strcmp(name, ".."))
				continue;
			if (len + 1 + strlen(name) >= PATH_LEN)
				continue;
			path[len] = '/';
			strlcpy(path + len + 1, name, PATH_LEN - len - 1);
			if (lstat(path, &st) < 0)
				error("lstat");
			else if (S_ISDIR(st.st_mode))
				walk_dir();
			else if (S_ISREG(st.st_mode))
				walk_file();
			else
				printf("O %s %o\n", path + root_len, st.st_mode);
			path[len] = '\0';
		}
	}
	if (n < 0)
		error("getdents64");
	close(fd);
}

int main(int argc, char **argv)
{
	const char *dev = NULL;
	long flags = 0;
	int arg = 1;

	if (argc > 1 && !strcmp(argv[1], "-r")) {
		flags = MS_RDONLY;
		arg++;
	}
	if (argc > arg + 1 && !strcmp(argv[arg], "-m")) {
		dev = argv[arg + 1];
		arg += 2;
	}
	if (arg >= argc) {
		ktap_begin("ext2_walk", 1);
		ktap_skip("walk", "no file system given (tests/ext2/roundtrip.py runs it)");
		return ktap_end();
	}
	strlcpy(path, argv[arg], sizeof(path));
	root_len = strlen(path);
	if (dev) {
		mkdir(path, 0755);
		if (syscall(__NR_mount, (long)dev, (long)path, (long)"ext2", flags, 0) < 0) {
			printf("ext2_walk: mount %s on %s: %s\n", dev, path,
			       strerror(errno));
			return 1;
		}
	}
	walk_dir();
	if (dev && syscall(__NR_umount2, (long)path, 0) < 0) {
		printf("ext2_walk: umount %s: %s\n", path, strerror(errno));
		errors++;
	}
	printf("ext2_walk: done, %d files, %d directories, %d errors\n", files,
	       dirs - 1, errors);
	return errors ? 1 : 0;
}
