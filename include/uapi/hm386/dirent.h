/* SPDX-License-Identifier: MIT */
/* What getdents64() writes: records of struct linux_dirent64, each
 * d_reclen bytes long (8-byte aligned), the name NUL-terminated. */
#ifndef HM386_UAPI_DIRENT_H
#define HM386_UAPI_DIRENT_H

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;		/* the offset of the next record */
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

#endif
