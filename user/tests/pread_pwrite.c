// SPDX-License-Identifier: MIT
/*
 * pread64 and pwrite64 as Linux has them: bytes read and written at an
 * offset across a page boundary, the file's position left where it was
 * (read() and lseek() see it unmoved), a read at or past the end, a write
 * past the end that leaves a hole of zeros, a 64-bit offset split over two
 * registers, pwrite64 on an O_APPEND file appending anyway, and the errors:
 * a negative offset (EINVAL), a pipe (ESPIPE), a bad descriptor and a
 * descriptor opened the other way (EBADF). The file is /pread.PID, removed
 * at the end.
 */
#include <errno.h>
#include <ktap.h>
#include <pattern.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SIZE	(2 * PAGE_SIZE)
#define AT	(PAGE_SIZE - 300)	/* a piece across a page boundary */
#define PIECE	1000
#define FAR	(3 * PAGE_SIZE + 17)	/* a write here leaves a hole */

static char path[32];
static uint8_t buf[SIZE], back[SIZE];


int main(void)
{
	struct stat64 st;
	int fd, ro, fds[2];

	snprintf(path, sizeof(path), "/pread.%d", getpid());
	ktap_begin("pread_pwrite", 6);

	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	EXPECT(fd >= 0);
	pattern_fill(buf, SIZE, 7);
	EXPECT_EQ(write(fd, buf, SIZE), SIZE);
	EXPECT_EQ(lseek(fd, 123, SEEK_SET), 123);
	memset(back, 0, sizeof(back));
	EXPECT_EQ(pread64(fd, back, PIECE, AT), PIECE);
	EXPECT(!memcmp(back, buf + AT, PIECE));
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 123);
	ktap_case("pread_reads_at_offset_position_unmoved");

	pattern_fill(buf + AT, PIECE, 8);
	EXPECT_EQ(pwrite64(fd, buf + AT, PIECE, AT), PIECE);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 123);
	EXPECT_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(back, 0, sizeof(back));
	EXPECT_EQ(read(fd, back, SIZE), SIZE);
	EXPECT_PATTERN(back, AT, 7);
	EXPECT_PATTERN(back + AT, PIECE, 8);
	EXPECT(!memcmp(back + AT + PIECE, buf + AT + PIECE,
		       SIZE - AT - PIECE));
	ktap_case("pwrite_writes_at_offset_position_unmoved");

	EXPECT_EQ(pread64(fd, back, PIECE, SIZE), 0);
	EXPECT_EQ(pread64(fd, back, PIECE, SIZE - 10), 10);
	EXPECT_EQ(pread64(fd, back, PIECE, 1LL << 40), 0);
	EXPECT_EQ(pwrite64(fd, "xyz", 3, FAR), 3);
	EXPECT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_size, FAR + 3);
	memset(back, 0xaa, sizeof(back));
	EXPECT_EQ(pread64(fd, back, FAR + 3 - SIZE, SIZE), FAR + 3 - SIZE);
	EXPECT_ZEROS(back, FAR - SIZE);
	EXPECT(!memcmp(back + FAR - SIZE, "xyz", 3));
	ktap_case("end_of_file_and_hole");

	EXPECT_EQ(close(fd), 0);
	fd = open(path, O_WRONLY | O_APPEND);
	EXPECT(fd >= 0);
	EXPECT_EQ(pwrite64(fd, "end", 3, 0), 3);
	EXPECT_EQ(fstat(fd, &st), 0);
	EXPECT_EQ(st.st_size, FAR + 6);
	ro = open(path, O_RDONLY);
	EXPECT(ro >= 0);
	EXPECT_EQ(pread64(ro, back, 6, FAR), 6);
	EXPECT(!memcmp(back, "xyzend", 6));
	ktap_case("pwrite_on_o_append_appends");

	EXPECT_ERRNO(pread64(ro, back, 1, -1), EINVAL, "pread64 at -1");
	EXPECT_ERRNO(pwrite64(fd, "x", 1, -4096), EINVAL, "pwrite64 at -4096");
	/* Linux looks at the offset before the descriptor. */
	EXPECT_ERRNO(pread64(-1, back, 1, -1), EINVAL, "pread64(-1) at -1");
	EXPECT_ERRNO(pread64(-1, back, 1, 0), EBADF, "pread64(-1)");
	EXPECT_ERRNO(pread64(fd, back, 1, 0), EBADF, "pread64 of O_WRONLY");
	EXPECT_ERRNO(pwrite64(ro, "x", 1, 0), EBADF, "pwrite64 of O_RDONLY");
	ktap_case("bad_offsets_and_descriptors");

	EXPECT_EQ(pipe(fds), 0);
	EXPECT_EQ(write(fds[1], "p", 1), 1);
	EXPECT_ERRNO(pread64(fds[0], back, 1, 0), ESPIPE, "pread64 of a pipe");
	EXPECT_ERRNO(pwrite64(fds[1], "q", 1, 0), ESPIPE, "pwrite64 of a pipe");
	EXPECT_EQ(read(fds[0], back, 1), 1);	/* its byte is still there */
	EXPECT_EQ(back[0], 'p');
	close(fds[0]);
	close(fds[1]);
	close(fd);
	close(ro);
	EXPECT_EQ(unlink(path), 0);
	ktap_case("pipes_have_no_offsets");
	return ktap_end();
}
