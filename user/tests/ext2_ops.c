// SPDX-License-Identifier: MIT
/*
 * ext2_ops [-m DEVICE] DIR SCRIPT: run the file operations of SCRIPT (a
 * text file, one operation a line, paths relative to DIR) for the host's
 * ext2 round trip (tests/ext2/roundtrip.py writes the script into the
 * image, applies the same operations to its own model of the tree, then
 * judges the image with e2fsck -fn and debugfs):
 *
 *	mkdir P			rmdir P			unlink P
 *	rename A B		fsync P			sync
 *	write P OFF LEN SEED	open (O_CREAT), then LEN bytes from offset OFF,
 *				byte i of the file being pattern_byte(SEED, i)
 *				(pattern.h), in writes of uneven sizes
 *	truncate P SIZE		truncate(2)	ftruncate P SIZE  ftruncate(2)
 *	fail ERRNO OP ...	OP must fail with errno ERRNO (a number)
 *
 * The script is read whole first (it may delete itself). Each operation
 * prints one line, "ok OP" or "FAILED OP: error"; the exit status is 0
 * when none failed. With -m, DEVICE is mounted at DIR first and unmounted
 * at the end (which writes everything back).
 *
 * Run with no argument (as /bin/runtests and the Linux reference run do)
 * it has nothing to do and says so as a skipped KTAP test.
 */
#include <errno.h>
#include <ktap.h>
#include <pattern.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SCRIPT_MAX	65536
#define WORDS_MAX	8
#define PATH_LEN	600
#define CHUNK_MAX	12289

static char script[SCRIPT_MAX];
static unsigned char chunk[CHUNK_MAX];
static const char *root;

/* @rel under the root, in @buf. */
static const char *full(char *buf, const char *rel)
{
	snprintf(buf, PATH_LEN, "%s/%s", root, rel[0] == '/' ? rel + 1 : rel);
	return buf;
}

static long write_range(const char *path, long off, long len, unsigned seed)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0644);
	long done = 0, step = 0;

	if (fd < 0)
		return -1;
	if (lseek(fd, off, SEEK_SET) != off) {
		close(fd);
		return -1;
	}
	while (done < len) {
		/* Uneven pieces: across page and block boundaries. */
		long n = 1 + (step++ * 7919 + 4093) % (CHUNK_MAX - 1);
		ssize_t w;

		if (n > len - done)
			n = len - done;
		for (long i = 0; i < n; i++)
			chunk[i] = pattern_byte(seed, (uint32_t)(off + done + i));
		w = write(fd, chunk, (size_t)n);
		if (w != n) {
			if (w >= 0)
				errno = EIO;
			close(fd);
			return -1;
		}
		done += n;
	}
	return close(fd);
}

static long do_fsync(const char *path)
{
	int fd = open(path, O_RDONLY);
	long ret;

	if (fd < 0)
		return -1;
	ret = syscall(__NR_fsync, fd);
	close(fd);
	return ret;
}

static long do_ftruncate(const char *path, long size)
{
	int fd = open(path, O_WRONLY);
	long ret;

	if (fd < 0)
		return -1;
	ret = syscall(__NR_ftruncate, fd, size);
	close(fd);
	return ret;
}

/* Run operation @w[0..n-1]: its return (-1 with errno on failure), or -2
 * for a line it does not understand. */
static long run(char **w, int n)
{
	char a[PATH_LEN], b[PATH_LEN];

	if (n == 2 && !strcmp(w[0], "mkdir"))
		return mkdir(full(a, w[1]), 0755);
	if (n == 2 && !strcmp(w[0], "rmdir"))
		return rmdir(full(a, w[1]));
	if (n == 2 && !strcmp(w[0], "unlink"))
		return unlink(full(a, w[1]));
	if (n == 3 && !strcmp(w[0], "rename"))
		return rename(full(a, w[1]), full(b, w[2]));
	if (n == 2 && !strcmp(w[0], "fsync"))
		return do_fsync(full(a, w[1]));
	if (n == 1 && !strcmp(w[0], "sync"))
		return syscall(__NR_sync);
	if (n == 5 && !strcmp(w[0], "write"))
		return write_range(full(a, w[1]), strtol(w[2], NULL, 0),
				   strtol(w[3], NULL, 0),
				   (unsigned)strtol(w[4], NULL, 0));
	if (n == 3 && !strcmp(w[0], "truncate"))
		return syscall(__NR_truncate, (long)full(a, w[1]),
			       strtol(w[2], NULL, 0));
	if (n == 3 && !strcmp(w[0], "ftruncate"))
		return do_ftruncate(full(a, w[1]), strtol(w[2], NULL, 0));
	return -2;
}

int main(int argc, char **argv)
{
	const char *dev = NULL;
	int arg = 1, fd, failed = 0, ops = 0;
	char *line, *next;
	ssize_t len;

	if (argc > 2 && !strcmp(argv[1], "-m")) {
		dev = argv[2];
		arg = 3;
	}
	if (arg + 1 >= argc) {
		ktap_begin("ext2_ops", 1);
		ktap_skip("ops", "no file system given (tests/ext2/roundtrip.py runs it)");
		return ktap_end();
	}
	root = argv[arg];
	if (dev) {
		mkdir(root, 0755);
		if (syscall(__NR_mount, (long)dev, (long)root, (long)"ext2", 0, 0) < 0) {
			printf("ext2_ops: mount %s on %s: %s\n", dev, root,
			       strerror(errno));
			return 1;
		}
	}
	fd = open(argv[arg + 1], O_RDONLY);
	len = fd < 0 ? -1 : read(fd, script, sizeof(script) - 1);
	if (len < 0) {
		printf("ext2_ops: cannot read %s: %s\n", argv[arg + 1], strerror(errno));
		return 1;
	}
	close(fd);
	script[len] = '\0';
	for (line = script; *line; line = next) {
		char *w[WORDS_MAX], *s = line, shown[160];
		int n = 0, expect = 0;
		long ret;

		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		if (next[-1] == '\n')
			next[-1] = '\0';
		strlcpy(shown, line, sizeof(shown));
		while (*s && n < WORDS_MAX) {
			while (*s == ' ')
				*s++ = '\0';
			if (!*s)
				break;
			w[n++] = s;
			while (*s && *s != ' ')
				s++;
		}
		if (!n || w[0][0] == '#')
			continue;
		if (n > 2 && !strcmp(w[0], "fail")) {
			expect = atoi(w[1]);
			ret = run(w + 2, n - 2);
		} else {
			ret = run(w, n);
		}
		ops++;
		if (ret == -2) {
			printf("FAILED %s: not understood\n", shown);
			failed++;
		} else if (expect ? (ret >= 0 || errno != expect) : ret < 0) {
			printf("FAILED %s: %s (%d)\n", shown,
			       ret < 0 ? strerror(errno) : "succeeded", ret < 0 ? errno : 0);
			failed++;
		} else {
			printf("ok %s\n", shown);
		}
	}
	if (dev && syscall(__NR_umount2, (long)root, 0) < 0) {
		printf("ext2_ops: umount %s: %s\n", root, strerror(errno));
		failed++;
	}
	printf("ext2_ops: done, %d operations, %d failed\n", ops, failed);
	return failed ? 1 : 0;
}
