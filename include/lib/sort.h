/* SPDX-License-Identifier: MIT */
/*
 * In-place sorting of arrays (lib/sort.c).
 */
#ifndef HM386_LIB_SORT_H
#define HM386_LIB_SORT_H

#include <types.h>

/**
 * sort - sort an array in place, in ascending order
 * @base: the first element
 * @num: number of elements
 * @size: bytes per element
 * @cmp: returns <0, 0 or >0 as its first element sorts before, with or after
 *       its second; both point into the array
 *
 * Heapsort: O(@num log @num) comparisons in the worst case, no recursion, no
 * allocation, so it is safe on a small early-boot stack. Not stable: equal
 * elements may come out in any order.
 */
void sort(void *base, size_t num, size_t size,
	  int (*cmp)(const void *, const void *));

#endif
