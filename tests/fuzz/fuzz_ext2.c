// SPDX-License-Identifier: MIT
/*
 * libFuzzer target for the ext2 validators (fs/ext2/check.c). Input:
 *
 *	byte 0		which check: 0 super block, 1 group descriptor,
 *			2 inode, 3 directory block (the byte modulo 4)
 *	bytes 1..8	the device's size in bytes (little-endian)
 *	bytes 9..1032	a super block (checked first; the others need it)
 *	the rest	1: a group number (4 bytes) and a descriptor (32);
 *			2: an inode (128); 3: a directory block (the block
 *			size of the super block)
 *
 * Missing bytes are zeros. When a check passes, what it promised must hold
 * (a geometry that cannot index out of bounds, entries inside their block,
 * block numbers on the disk): otherwise the target aborts. Seeds from
 * Debian's mke2fs and debugfs: tests/fuzz/gen_ext2_seeds.py.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fs/ext2/check.h"
#include <uapi/hm386/stat.h>

#define HEADER		(1 + 8 + EXT2_SUPER_SIZE)
#define INPUT_MAX	(HEADER + 4096)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void super_promises(const struct ext2_geometry *g, u64 dev_bytes)
{
	if (g->block_size != 1024 && g->block_size != 2048 &&
	    g->block_size != 4096)
		abort();
	if (g->block_size != 1U << g->log_block_size)
		abort();
	if ((u64)g->blocks_count * g->block_size > dev_bytes)
		abort();
	if (!g->groups_count || !g->inodes_per_group || !g->blocks_per_group ||
	    !g->inodes_per_block || !g->itb_per_group)
		abort();
	if ((u64)g->groups_count * g->inodes_per_group != g->inodes_count)
		abort();
	if ((u64)(g->groups_count - 1) * g->blocks_per_group +
	    g->first_data_block >= g->blocks_count)
		abort();
	if (g->inode_size < 128 || g->inode_size > g->block_size ||
	    g->inodes_per_block * g->inode_size != g->block_size)
		abort();
	if ((u64)g->gdt_blocks * g->desc_per_block < g->groups_count ||
	    g->first_data_block + 1 + g->gdt_blocks > g->blocks_count)
		abort();
	if (g->first_ino >= g->inodes_count || g->first_ino < 11)
		abort();
	if (g->inodes_per_group > 8 * g->block_size ||
	    g->blocks_per_group > 8 * g->block_size)
		abort();
}

static void desc_promises(const struct ext2_group_desc *gd, u32 group,
			  const struct ext2_geometry *g)
{
	u32 first = ext2_group_first_block(g, group);
	u32 last = ext2_group_last_block(g, group);

	if (group >= g->groups_count)
		abort();
	if (gd->bg_block_bitmap < first || gd->bg_block_bitmap > last ||
	    gd->bg_inode_bitmap < first || gd->bg_inode_bitmap > last ||
	    gd->bg_inode_table < first ||
	    (u64)gd->bg_inode_table + g->itb_per_group - 1 > last)
		abort();
}

static void dir_promises(const u8 *block, const struct ext2_geometry *g)
{
	u32 offs = 0;

	while (offs < g->block_size) {
		const struct ext2_dir_entry_2 *de = (const void *)(block + offs);

		if (offs + 8 > g->block_size || de->rec_len < 12 ||
		    offs + de->rec_len > g->block_size ||
		    8 + de->name_len > de->rec_len)
			abort();
		if (de->inode > g->inodes_count)
			abort();
		offs += de->rec_len;
	}
	if (offs != g->block_size)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static u8 in[INPUT_MAX];
	struct ext2_super_block es;
	struct ext2_geometry geo;
	const u8 *payload = in + HEADER;
	const char *why = NULL;
	u64 dev_bytes;
	u32 bad, group;

	memset(in, 0, sizeof(in));
	memcpy(in, data, size < sizeof(in) ? size : sizeof(in));
	memcpy(&dev_bytes, in + 1, 8);
	memcpy(&es, in + 9, sizeof(es));
	if (ext2_check_super(&es, dev_bytes, &geo, &why)) {
		if (!why || !*why)
			abort();
		return 0;
	}
	super_promises(&geo, dev_bytes);
	switch (in[0] % 4) {
	case 1: {
		struct ext2_group_desc gd;

		memcpy(&group, payload, 4);
		memcpy(&gd, payload + 4, sizeof(gd));
		if (group >= geo.groups_count)
			return 0;	/* the caller never asks */
		if (!ext2_check_group_desc(&gd, group, &geo, &why))
			desc_promises(&gd, group, &geo);
		break;
	}
	case 2: {
		struct ext2_inode raw;
		u32 kind;

		memcpy(&raw, payload, sizeof(raw));
		if (ext2_check_inode(&raw, &geo, &why))
			break;
		kind = raw.i_mode & S_IFMT;
		if (kind != S_IFREG && kind != S_IFDIR &&
		    (kind != S_IFLNK || ext2_inode_fast_symlink(&raw, &geo)))
			break;		/* i_block holds no block numbers */
		for (u32 i = 0; i < EXT2_N_BLOCKS; i++)
			if (raw.i_block[i] && !ext2_block_valid(&geo, raw.i_block[i]))
				abort();
		break;
	}
	case 3:
		if (!ext2_check_dir_block(payload, geo.block_size, &geo, &bad, &why))
			dir_promises(payload, &geo);
		else if (bad >= geo.block_size || bad % 4)
			abort();
		break;
	}
	return 0;
}
