// SPDX-License-Identifier: MIT
/*
 * Heapsort; the contract is in include/lib/sort.h. The array is first
 * arranged as a binary max-heap (the children of element i are 2i+1 and
 * 2i+2), then the largest element is repeatedly swapped to the end and the
 * heap repaired over what is left.
 */
#include <lib/sort.h>

typedef int (*sort_cmp_fn)(const void *, const void *);

/* A swap unit for elements made of whole words; may alias any element. */
typedef u32 __attribute__((__may_alias__)) sort_word;
#define SORT_WORD_MASK (sizeof(sort_word) - 1)

/* swap - exchange the @size bytes at @a with those at @b. */
static void swap(void *a, void *b, size_t size)
{
	if ((((uintptr_t)a | (uintptr_t)b | size) & SORT_WORD_MASK) == 0) {
		sort_word *wa = a, *wb = b;

		for (; size; size -= sizeof(sort_word)) {
			sort_word tmp = *wa;

			*wa++ = *wb;
			*wb++ = tmp;
		}
	} else {
		u8 *ba = a, *bb = b;

		for (; size; size--) {
			u8 tmp = *ba;

			*ba++ = *bb;
			*bb++ = tmp;
		}
	}
}

/*
 * sift_down - restore the heap order of the @num elements at @base below
 * @root, assuming both subtrees of @root are heaps already.
 */
static void sift_down(u8 *base, size_t root, size_t num, size_t size,
		      sort_cmp_fn cmp)
{
	/* (num - 2) / 2 is the last element with a child; no overflow. */
	while (num >= 2 && root <= (num - 2) / 2) {
		size_t child = 2 * root + 1;

		if (child + 1 < num &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap(base + root * size, base + child * size, size);
		root = child;
	}
}

void sort(void *base, size_t num, size_t size, sort_cmp_fn cmp)
{
	u8 *array = base;
	size_t i;

	if (num < 2)
		return;
	for (i = num / 2; i-- > 0;)
		sift_down(array, i, num, size, cmp);
	for (i = num - 1; i > 0; i--) {
		swap(array, array + i * size, size);
		sift_down(array, 0, i, size, cmp);
	}
}
