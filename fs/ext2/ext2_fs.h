/* SPDX-License-Identifier: MIT */
/*
 * ext2's on-disk format, revision 0 and 1, as hm386 reads and writes it:
 * the super block, the group descriptors, the inode (128 bytes, or
 * s_inode_size in revision 1: Debian's mke2fs makes 256) and the directory
 * entry, with Linux's field names. Every field is little-endian on the
 * disk; le16_to_cpu() and friends read them (i386 and the host fuzzer are
 * little-endian, so they are the identity, but the call marks the disk
 * value).
 *
 * The layout: block 0 (1 KiB blocks: block 1) holds the super block at
 * byte 1024 of the disk; the group descriptor table follows in the next
 * block; the blocks from s_first_data_block on are cut into groups of
 * s_blocks_per_group, each with a block bitmap, an inode bitmap and an
 * inode table (where the descriptor says), and, with sparse_super, a
 * backup of the super block and the table in groups 0, 1 and the powers
 * of 3, 5 and 7. Inode n is entry (n - 1) % s_inodes_per_group of group
 * (n - 1) / s_inodes_per_group's table. Block 0 of a 1 KiB file system
 * and inode 0 are never used: 0 in a block pointer is a hole.
 *
 * Pure: no kernel calls, so fs/ext2/check.c and the host fuzzer use it.
 */
#ifndef HM386_FS_EXT2_EXT2_FS_H
#define HM386_FS_EXT2_EXT2_FS_H

#include <types.h>

typedef u16 __le16;
typedef u32 __le32;

static inline u16 le16_to_cpu(__le16 v) { return v; }
static inline u32 le32_to_cpu(__le32 v) { return v; }
static inline __le16 cpu_to_le16(u16 v) { return v; }
static inline __le32 cpu_to_le32(u32 v) { return v; }

#define EXT2_SUPER_MAGIC	0xEF53
#define EXT2_SUPER_OFFSET	1024	/* bytes from the start of the disk */
#define EXT2_SUPER_SIZE		1024
#define EXT2_MIN_BLOCK_LOG	10	/* 1 KiB */
#define EXT2_MAX_BLOCK_LOG	12	/* 4 KiB: a block fits in a page */
#define EXT2_GOOD_OLD_REV	0
#define EXT2_DYNAMIC_REV	1
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO	11

/* Reserved inodes. */
#define EXT2_BAD_INO		1
#define EXT2_ROOT_INO		2
#define EXT2_RESIZE_INO		7	/* resize_inode's reserved GDT blocks */

/* s_state */
#define EXT2_VALID_FS		0x0001	/* unmounted cleanly */
#define EXT2_ERROR_FS		0x0002	/* errors detected */

/* s_errors: what to do on an error (hm386 always remounts read-only). */
#define EXT2_ERRORS_CONTINUE	1
#define EXT2_ERRORS_RO		2
#define EXT2_ERRORS_PANIC	3

/* Features. compat: safe to ignore. ro_compat: safe to read, not to write.
 * incompat: not understood means not mountable. */
#define EXT2_FEATURE_COMPAT_DIR_PREALLOC	0x0001
#define EXT2_FEATURE_COMPAT_IMAGIC_INODES	0x0002
#define EXT3_FEATURE_COMPAT_HAS_JOURNAL		0x0004
#define EXT2_FEATURE_COMPAT_EXT_ATTR		0x0008
#define EXT2_FEATURE_COMPAT_RESIZE_INO		0x0010
#define EXT2_FEATURE_COMPAT_DIR_INDEX		0x0020

#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE	0x0002
#define EXT2_FEATURE_RO_COMPAT_BTREE_DIR	0x0004
#define EXT4_FEATURE_RO_COMPAT_HUGE_FILE	0x0008
#define EXT4_FEATURE_RO_COMPAT_GDT_CSUM		0x0010
#define EXT4_FEATURE_RO_COMPAT_DIR_NLINK	0x0020
#define EXT4_FEATURE_RO_COMPAT_EXTRA_ISIZE	0x0040
#define EXT4_FEATURE_RO_COMPAT_METADATA_CSUM	0x0400

#define EXT2_FEATURE_INCOMPAT_COMPRESSION	0x0001
#define EXT2_FEATURE_INCOMPAT_FILETYPE		0x0002
#define EXT3_FEATURE_INCOMPAT_RECOVER		0x0004
#define EXT3_FEATURE_INCOMPAT_JOURNAL_DEV	0x0008
#define EXT2_FEATURE_INCOMPAT_META_BG		0x0010
#define EXT4_FEATURE_INCOMPAT_EXTENTS		0x0040
#define EXT4_FEATURE_INCOMPAT_64BIT		0x0080
#define EXT4_FEATURE_INCOMPAT_MMP		0x0100
#define EXT4_FEATURE_INCOMPAT_FLEX_BG		0x0200
#define EXT4_FEATURE_INCOMPAT_EA_INODE		0x0400
#define EXT4_FEATURE_INCOMPAT_DIRDATA		0x1000
#define EXT4_FEATURE_INCOMPAT_CSUM_SEED		0x2000
#define EXT4_FEATURE_INCOMPAT_LARGEDIR		0x4000
#define EXT4_FEATURE_INCOMPAT_INLINE_DATA	0x8000
#define EXT4_FEATURE_INCOMPAT_ENCRYPT		0x10000
#define EXT4_FEATURE_INCOMPAT_CASEFOLD		0x20000

/* What hm386 implements: every other incompat feature refuses the mount,
 * every other ro_compat feature refuses a read-write one (as Linux's ext2). */
#define EXT2_FEATURE_INCOMPAT_SUPP	EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_FEATURE_RO_COMPAT_SUPP	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
					 EXT2_FEATURE_RO_COMPAT_LARGE_FILE | \
					 EXT2_FEATURE_RO_COMPAT_BTREE_DIR)

struct ext2_super_block {
	__le32 s_inodes_count;
	__le32 s_blocks_count;
	__le32 s_r_blocks_count;	/* reserved for the super user */
	__le32 s_free_blocks_count;
	__le32 s_free_inodes_count;
	__le32 s_first_data_block;	/* 1 with 1 KiB blocks, else 0 */
	__le32 s_log_block_size;	/* block size = 1024 << this */
	__le32 s_log_frag_size;
	__le32 s_blocks_per_group;
	__le32 s_frags_per_group;
	__le32 s_inodes_per_group;
	__le32 s_mtime, s_wtime;	/* last mount, last write */
	__le16 s_mnt_count;
	__le16 s_max_mnt_count;
	__le16 s_magic;
	__le16 s_state;
	__le16 s_errors;
	__le16 s_minor_rev_level;
	__le32 s_lastcheck;
	__le32 s_checkinterval;
	__le32 s_creator_os;
	__le32 s_rev_level;
	__le16 s_def_resuid;
	__le16 s_def_resgid;
	/* EXT2_DYNAMIC_REV only: */
	__le32 s_first_ino;		/* first inode for files */
	__le16 s_inode_size;
	__le16 s_block_group_nr;	/* the group of this copy */
	__le32 s_feature_compat;
	__le32 s_feature_incompat;
	__le32 s_feature_ro_compat;
	u8 s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	__le32 s_algorithm_usage_bitmap;
	u8 s_prealloc_blocks;
	u8 s_prealloc_dir_blocks;
	__le16 s_reserved_gdt_blocks;	/* resize_inode: after the table */
	u8 s_rest[816];			/* journal, hash seed, ...: kept as is */
} __packed;

struct ext2_group_desc {
	__le32 bg_block_bitmap;
	__le32 bg_inode_bitmap;
	__le32 bg_inode_table;
	__le16 bg_free_blocks_count;
	__le16 bg_free_inodes_count;
	__le16 bg_used_dirs_count;
	__le16 bg_flags;
	__le32 bg_reserved[3];
} __packed;

#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		12
#define EXT2_DIND_BLOCK		13
#define EXT2_TIND_BLOCK		14
#define EXT2_N_BLOCKS		15

/* i_flags hm386 looks at. */
#define EXT2_INDEX_FL		0x00001000	/* an htree directory */
#define EXT4_EXTENTS_FL		0x00080000
#define EXT4_INLINE_DATA_FL	0x10000000

struct ext2_inode {
	__le16 i_mode;
	__le16 i_uid;
	__le32 i_size;			/* low 32 bits */
	__le32 i_atime, i_ctime, i_mtime, i_dtime;
	__le16 i_gid;
	__le16 i_links_count;
	__le32 i_blocks;		/* 512-byte units, indirect blocks too */
	__le32 i_flags;
	__le32 i_osd1;
	__le32 i_block[EXT2_N_BLOCKS];
	__le32 i_generation;
	__le32 i_file_acl;		/* extended attribute block */
	__le32 i_size_high;		/* i_dir_acl: regular files' high size */
	__le32 i_faddr;
	u8 i_osd2[12];			/* Linux: frag, fsize, uid/gid high */
} __packed;

/* A directory entry: @rec_len bytes from this entry to the next (the last
 * entry of a block reaches its end), @name_len bytes of name, not
 * NUL-terminated. @inode 0: an unused entry (a deleted first entry). */
struct ext2_dir_entry_2 {
	__le32 inode;
	__le16 rec_len;
	u8 name_len;
	u8 file_type;			/* EXT2_FT_*, with the filetype feature */
	char name[];
} __packed;

#define EXT2_FT_UNKNOWN		0
#define EXT2_FT_REG_FILE	1
#define EXT2_FT_DIR		2
#define EXT2_FT_CHRDEV		3
#define EXT2_FT_BLKDEV		4
#define EXT2_FT_FIFO		5
#define EXT2_FT_SOCK		6
#define EXT2_FT_SYMLINK		7
#define EXT2_FT_MAX		8

#define EXT2_NAME_LEN		255
#define EXT2_DIR_PAD		4
/* EXT2_DIR_REC_LEN - the bytes an entry with a name of @len needs. */
#define EXT2_DIR_REC_LEN(len)	(((len) + 8 + EXT2_DIR_PAD - 1) & ~(EXT2_DIR_PAD - 1))

/* The extended attribute block's header (ext_attr): hm386 writes no
 * attributes but drops its reference on a freed inode's block. */
#define EXT2_XATTR_MAGIC	0xEA020000
struct ext2_xattr_header {
	__le32 h_magic;
	__le32 h_refcount;
	__le32 h_blocks;
	__le32 h_hash;
	__le32 h_reserved[4];
} __packed;

_Static_assert(sizeof(struct ext2_super_block) == EXT2_SUPER_SIZE, "super block");
_Static_assert(sizeof(struct ext2_group_desc) == 32, "group descriptor");
_Static_assert(sizeof(struct ext2_inode) == EXT2_GOOD_OLD_INODE_SIZE, "inode");
_Static_assert(sizeof(struct ext2_dir_entry_2) == 8, "directory entry");

#endif
