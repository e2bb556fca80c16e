/* SPDX-License-Identifier: MIT */
/*
 * Private to the memory-map sanitizer (mm/firmware_map.c) and lab 1, whose
 * exercises replace two of its functions (docs/labs/lab1.md).
 */
#ifndef HM386_MM_FIRMWARE_MAP_INTERNAL_H
#define HM386_MM_FIRMWARE_MAP_INTERNAL_H

#include <mm/firmware_map.h>

/* A type number no entry has: marks entries that a pass has removed. */
#define MEMMAP_DROPPED	0

#ifdef HM386_LAB
/* drop_marked - remove the MEMMAP_DROPPED entries of @map, keeping the
 * order; returns the new count. File-local in a normal build. */
u32 drop_marked(struct mem_region *map, u32 count);
#endif

#endif
