// SPDX-License-Identifier: MIT
/* ls [PATH...]: each directory's entries (a '/' after a directory) with
 * their sizes, or the file itself; "/" when no PATH is given. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void show(const char *dir, const char *name)
{
	char path[256];
	struct stat64 st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (stat(path, &st) < 0)
		printf("%-24s ?\n", name);
	else
		printf("%s%-*s %lld\n", name, 24 - (int)strlen(name),
		       S_ISDIR(st.st_mode) ? "/" : "", st.st_size);
}

static int list(const char *path)
{
	char buf[1024];
	struct stat64 st;
	ssize_t n;
	int fd;

	if (stat(path, &st) < 0) {
		printf("ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		printf("%-24s %lld\n", path, st.st_size);
		return 0;
	}
	fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0) {
		printf("ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);

			off += d->d_reclen;
			if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
				show(strcmp(path, "/") ? path : "", d->d_name);
		}
	}
	if (n < 0)
		printf("ls: %s: %s\n", path, strerror(errno));
	close(fd);
	return n < 0;
}

int main(int argc, char **argv)
{
	int bad = 0;

	if (argc < 2)
		return list("/");
	for (int i = 1; i < argc; i++)
		bad |= list(argv[i]);
	return bad;
}
