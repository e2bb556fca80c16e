// SPDX-License-Identifier: MIT
/*
 * Host unit test of the ext2 validators (fs/ext2/check.c) on structures
 * Debian's mke2fs and debugfs made (the fuzz seeds, tests/fuzz/corpus/
 * fuzz_ext2/, written by tests/fuzz/gen_ext2_seeds.py): every seed is
 * accepted with the geometry dumpe2fs reports, each damage of the bad-disk
 * list is refused for its reason, and every seed runs through the fuzz
 * target's promises (tests/fuzz/fuzz_ext2.c, linked in). Run from the top.
 */
#include <dirent.h>

#include "htest.h"
#include "fs/ext2/check.h"
#include <uapi/hm386/errno.h>

#define SEEDS		"tests/fuzz/corpus/fuzz_ext2/"
#define HEADER		(1 + 8 + EXT2_SUPER_SIZE)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The reason a check gave: @reason (a check that gave none fails too). */
#define EXPECT_WHY(why, reason) HT_EXPECT_STREQ((why) ? (why) : "(none)", reason)

struct seed {
	u8 bytes[HEADER + 4096];
	size_t size;
	u64 dev_bytes;
	struct ext2_super_block es;
	struct ext2_geometry geo;
	const u8 *payload;
};

/* Read seed @name; its super block checked into seed->geo. */
static int load(struct seed *s, const char *name)
{
	char path[256];
	const char *why;
	FILE *f;

	snprintf(path, sizeof(path), SEEDS "%s", name);
	memset(s, 0, sizeof(*s));
	f = fopen(path, "rb");
	if (!f) {
		HT_FAIL("cannot open %s (run tests/fuzz/gen_ext2_seeds.py)", path);
		return -1;
	}
	s->size = fread(s->bytes, 1, sizeof(s->bytes), f);
	fclose(f);
	memcpy(&s->dev_bytes, s->bytes + 1, 8);
	memcpy(&s->es, s->bytes + 9, sizeof(s->es));
	s->payload = s->bytes + HEADER;
	if (ext2_check_super(&s->es, s->dev_bytes, &s->geo, &why)) {
		HT_FAIL("%s: super block refused: %s", name, why);
		return -1;
	}
	return 0;
}

HTEST(mke2fs_1k_geometry)
{
	struct seed s;

	if (load(&s, "1k_super"))
		return;
	/* dumpe2fs -h of the 8 MiB image: 8192 blocks, 2048 inodes of 256
	 * bytes, one group, 31 reserved GDT blocks, first data block 1. */
	HT_EXPECT_EQ(s.geo.block_size, 1024);
	HT_EXPECT_EQ(s.geo.blocks_count, 8192);
	HT_EXPECT_EQ(s.geo.inodes_count, 2048);
	HT_EXPECT_EQ(s.geo.inode_size, 256);
	HT_EXPECT_EQ(s.geo.groups_count, 1);
	HT_EXPECT_EQ(s.geo.first_data_block, 1);
	HT_EXPECT_EQ(s.geo.reserved_gdt_blocks, 31);
	HT_EXPECT_EQ(s.geo.itb_per_group, 512);
	HT_EXPECT_EQ(s.geo.first_ino, 11);
	HT_EXPECT_TRUE(s.geo.filetype);
	HT_EXPECT_FALSE(s.geo.rdonly_only);
	HT_EXPECT_EQ(s.geo.max_file_blocks, 12 + 256 + 65536 + 16777216ULL);
}

HTEST(mke2fs_4k_geometry)
{
	struct seed s;

	if (load(&s, "4k_super"))
		return;
	HT_EXPECT_EQ(s.geo.block_size, 4096);
	HT_EXPECT_EQ(s.geo.blocks_count, 4096);
	HT_EXPECT_EQ(s.geo.first_data_block, 0);
	HT_EXPECT_EQ(s.geo.inodes_per_group, 4096);
	HT_EXPECT_EQ(s.geo.itb_per_group, 256);
}

/* Refused with @reason after @damage to a copy of the 1 KiB super block. */
#define EXPECT_SUPER_REFUSED(damage, reason) do {			\
	struct seed s_;							\
	struct ext2_super_block *es = &s_.es;				\
	struct ext2_geometry g_;					\
	const char *why_ = NULL;					\
	if (load(&s_, "1k_super"))					\
		return;							\
	damage;								\
	HT_EXPECT_EQ(ext2_check_super(es, s_.dev_bytes, &g_, &why_), -EINVAL); \
	EXPECT_WHY(why_, reason);					\
} while (0)

HTEST(super_damage_refused)
{
	EXPECT_SUPER_REFUSED(es->s_magic = 0x1234, "bad magic (not ext2)");
	EXPECT_SUPER_REFUSED(es->s_log_block_size = 30, "block size above 4 KiB");
	EXPECT_SUPER_REFUSED(es->s_log_block_size = 3, "block size above 4 KiB");
	EXPECT_SUPER_REFUSED(es->s_blocks_per_group = 0, "bad blocks per group");
	EXPECT_SUPER_REFUSED(es->s_inodes_per_group = 0, "bad inodes per group");
	EXPECT_SUPER_REFUSED(es->s_inodes_count = 1U << 30,
		"inodes count differs from groups * inodes per group");
	EXPECT_SUPER_REFUSED(es->s_blocks_count = 8193,
		"blocks count past the end of the device");
	EXPECT_SUPER_REFUSED(es->s_rev_level = 2, "revision above 1");
	EXPECT_SUPER_REFUSED(es->s_inode_size = 200, "bad inode size");
	EXPECT_SUPER_REFUSED(es->s_inode_size = 2048, "bad inode size");
	EXPECT_SUPER_REFUSED(es->s_first_ino = 5000, "bad first inode");
	EXPECT_SUPER_REFUSED(es->s_reserved_gdt_blocks = 9000,
		"group descriptor table past group 0");
	EXPECT_SUPER_REFUSED(es->s_feature_incompat |= EXT4_FEATURE_INCOMPAT_EXTENTS,
		"extent");
	EXPECT_SUPER_REFUSED(es->s_feature_incompat |= EXT4_FEATURE_INCOMPAT_64BIT,
		"64bit");
	EXPECT_SUPER_REFUSED(es->s_feature_incompat |= EXT2_FEATURE_INCOMPAT_META_BG,
		"meta_bg");
	EXPECT_SUPER_REFUSED(es->s_feature_incompat |= EXT3_FEATURE_INCOMPAT_RECOVER,
		"needs_recovery");
}

HTEST(ro_compat_allows_read_only)
{
	struct ext2_geometry g;
	const char *why;
	struct seed s;

	if (load(&s, "1k_super"))
		return;
	s.es.s_feature_ro_compat |= EXT4_FEATURE_RO_COMPAT_METADATA_CSUM;
	HT_EXPECT_EQ(ext2_check_super(&s.es, s.dev_bytes, &g, &why), 0);
	HT_EXPECT_TRUE(g.rdonly_only);
	HT_EXPECT_STREQ(ext2_feature_name(2, EXT4_FEATURE_RO_COMPAT_METADATA_CSUM),
			"metadata_csum");
}

HTEST(group_descriptor)
{
	struct ext2_group_desc gd;
	const char *why;
	struct seed s;

	if (load(&s, "1k_desc0"))
		return;
	memcpy(&gd, s.payload + 4, sizeof(gd));
	HT_EXPECT_EQ(ext2_check_group_desc(&gd, 0, &s.geo, &why), 0);
	gd.bg_inode_table = 8000;	/* 512 blocks from 8000: past 8191 */
	HT_EXPECT_EQ(ext2_check_group_desc(&gd, 0, &s.geo, &why), -EINVAL);
	EXPECT_WHY(why, "inode table outside its group");
	memcpy(&gd, s.payload + 4, sizeof(gd));
	gd.bg_block_bitmap = 1;		/* the super block */
	HT_EXPECT_EQ(ext2_check_group_desc(&gd, 0, &s.geo, &why), -EINVAL);
	EXPECT_WHY(why, "block bitmap outside its group");
	memcpy(&gd, s.payload + 4, sizeof(gd));
	gd.bg_inode_bitmap = gd.bg_inode_table + 3;
	HT_EXPECT_EQ(ext2_check_group_desc(&gd, 0, &s.geo, &why), -EINVAL);
	EXPECT_WHY(why, "bitmap inside the inode table");
}

HTEST(inodes)
{
	static const char *const names[] = {
		"1k_inode_root", "1k_inode_resize", "1k_inode_double_indirect",
		"1k_inode_triple_indirect", "1k_inode_sparse", "1k_inode_many",
		"1k_inode_empty", "4k_inode_root", "4k_inode_double_indirect",
	};
	struct ext2_inode raw;
	const char *why;
	struct seed s;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (load(&s, names[i]))
			continue;
		memcpy(&raw, s.payload, sizeof(raw));
		if (ext2_check_inode(&raw, &s.geo, &why))
			HT_FAIL("%s refused: %s", names[i], why);
	}
	if (load(&s, "1k_inode_double_indirect"))
		return;
	memcpy(&raw, s.payload, sizeof(raw));
	HT_EXPECT_NE(raw.i_block[EXT2_DIND_BLOCK], 0);
	raw.i_block[EXT2_IND_BLOCK] = 8192;	/* one past the last block */
	HT_EXPECT_EQ(ext2_check_inode(&raw, &s.geo, &why), -EINVAL);
	EXPECT_WHY(why, "block number outside the disk");
	memcpy(&raw, s.payload, sizeof(raw));
	raw.i_block[0] = 1;			/* the super block */
	HT_EXPECT_EQ(ext2_check_inode(&raw, &s.geo, &why), -EINVAL);
	memcpy(&raw, s.payload, sizeof(raw));
	raw.i_flags |= EXT4_EXTENTS_FL;
	HT_EXPECT_EQ(ext2_check_inode(&raw, &s.geo, &why), -EINVAL);
	EXPECT_WHY(why, "extents or inline data");
	if (load(&s, "1k_inode_many"))
		return;
	memcpy(&raw, s.payload, sizeof(raw));
	raw.i_size = 5000;
	HT_EXPECT_EQ(ext2_check_inode(&raw, &s.geo, &why), -EINVAL);
	EXPECT_WHY(why, "directory size not whole blocks");
}

/* The directory block of @name with the entry at byte @at damaged by
 * @damage: refused for @reason at offset @at. */
static void expect_dir_refused(const char *name, u32 at,
			       void (*damage)(struct ext2_dir_entry_2 *de),
			       const char *reason)
{
	u8 block[4096];
	const char *why;
	u32 bad = ~0U;
	struct seed s;

	if (load(&s, name))
		return;
	memcpy(block, s.payload, s.geo.block_size);
	damage((struct ext2_dir_entry_2 *)(block + at));
	HT_EXPECT_EQ(ext2_check_dir_block(block, s.geo.block_size, &s.geo,
					  &bad, &why), -EINVAL);
	HT_EXPECT_EQ(bad, at);
	EXPECT_WHY(why, reason);
}

static void rec_len_past(struct ext2_dir_entry_2 *de) { de->rec_len = 4096; }
static void rec_len_odd(struct ext2_dir_entry_2 *de) { de->rec_len = 14; }
static void rec_len_small(struct ext2_dir_entry_2 *de) { de->name_len = 200; }
static void ino_huge(struct ext2_dir_entry_2 *de) { de->inode = 1U << 31; }
static void slash(struct ext2_dir_entry_2 *de) { de->name[0] = '/'; }

HTEST(directory_blocks)
{
	static const char *const good[] = {
		"1k_dir_root", "1k_dir_many0", "1k_dir_many4", "4k_dir_root",
		"4k_dir_many0", "4k_dir_many1",
	};
	const char *why;
	struct seed s;
	u32 bad;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (load(&s, good[i]))
			continue;
		if (ext2_check_dir_block(s.payload, s.geo.block_size, &s.geo,
					 &bad, &why))
			HT_FAIL("%s refused at %u: %s", good[i], bad, why);
	}
	/* "." is at 0 (rec_len 12), ".." at 12. */
	expect_dir_refused("1k_dir_root", 12, rec_len_past, "rec_len past the block");
	expect_dir_refused("1k_dir_root", 0, rec_len_odd, "rec_len unaligned");
	expect_dir_refused("1k_dir_root", 12, rec_len_small,
			   "rec_len too small for name_len");
	expect_dir_refused("4k_dir_root", 0, ino_huge, "inode number out of bounds");
	expect_dir_refused("4k_dir_root", 12, slash, "'/' or NUL in a name");
}

/* Every seed through the fuzz target (which aborts on a broken promise). */
HTEST(seeds_through_fuzz_target)
{
	DIR *d = opendir(SEEDS);
	struct dirent *e;
	struct seed s;
	int n = 0;

	if (!d) {
		HT_FAIL("no %s", SEEDS);
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || load(&s, e->d_name))
			continue;
		LLVMFuzzerTestOneInput(s.bytes, s.size);
		n++;
	}
	closedir(d);
	HT_EXPECT_GE(n, 20);
}

HTEST_MAIN("ext2_check")
